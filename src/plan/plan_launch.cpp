// Planning of the options that start processes: the --forkfor child and the shell choice.
#include "plan_options.hpp"

namespace capsh {

void plan_forkfor(PlanBuilder& plan, V value) {
    if (plan.forked) {  // checked before the value, as capsh does
        plan.fail(Error::err("already forked\n")
                      .with_hint("end the first child with --killit=SIGNAL before forking again"));
        return;
    }
    auto seconds = nonneg_or_fail(plan, value, "forkfor");
    if (!seconds) return;
    if (*seconds == 0) {
        plan.add(Message{Stream::err, "require non-zero --forkfor value\n"});
        plan.usage();
        return;
    }
    plan.add(ForkFor{*seconds});
    plan.forked = true;
}

void plan_killit(PlanBuilder& plan, V value) {
    auto signal = nonneg_or_fail(plan, value, "killit signo");
    if (!signal) return;
    if (!plan.forked) {
        plan.fail(Error::err("no forked process to kill\n")
                      .with_hint("--killit signals the child of an earlier --forkfor=SECONDS"));
        return;
    }
    plan.add(KillIt{*signal});
    plan.forked = false;
}

void plan_shell(PlanBuilder& plan, V path) {
    plan.set_shell(path);
}

}  // namespace capsh
