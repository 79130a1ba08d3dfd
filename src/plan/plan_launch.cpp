// Planning of the options that start processes: the --forkfor child, the shell choice, and the
// terminators that run the shell (-- -+), capsh-ng again (== =+) or a program (--exec).
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

void plan_exec_shell(PlanBuilder& plan, V) {
    plan.add(RunShell{RunHow::exec, plan.shell(), plan.shell_chosen, plan.rest()});
    plan.finish();
}

void plan_launch_shell(PlanBuilder& plan, V) {
    plan.add(RunShell{RunHow::launch, plan.shell(), plan.shell_chosen, plan.rest()});
    plan.finish();
}

void plan_exec_self(PlanBuilder& plan, V) {
    plan.add(RunSelf{RunHow::exec, plan.quiet, plan.rest()});
    plan.finish();
}

void plan_launch_self(PlanBuilder& plan, V) {
    plan.add(RunSelf{RunHow::launch, plan.quiet, plan.rest()});
    plan.finish();
}

// E1: --exec PROGRAM [ARGS...] ends option processing like --, but runs PROGRAM itself.
void plan_exec_program(PlanBuilder& plan, V) {
    std::vector<std::string> rest = plan.rest();
    if (rest.empty()) {
        plan.fail(Error::err("--exec needs a program to run\n")
                      .with_hint("write the program and its arguments after --exec"));
        return;
    }
    std::string program = std::move(rest.front());
    rest.erase(rest.begin());
    plan.add(RunProgram{std::move(program), std::move(rest)});
    plan.finish();
}

}  // namespace capsh
