// Planning of securebits, no-new-privs, chroot, the --forkfor child and the shell choice.
#include <fmt/format.h>

#include "modes.hpp"
#include "numbers.hpp"
#include "plan_options.hpp"

namespace capsh {

void plan_secbits(PlanBuilder& plan, V value) {
    if (auto bits = nonneg_or_fail(plan, value, "secbits")) plan.add(SetSecbits{*bits});
}

// --mode asks for the mode, --mode=NAME sets it, and anything else after "--mode" is an error
// that ends in the usage text.
void plan_mode(PlanBuilder& plan, V rest) {
    if (rest.empty()) {
        plan.add(ModeQuery{});
    } else if (rest[0] == '=') {
        V name = rest.substr(1);
        if (auto mode = mode_from_name(name)) {
            plan.add(SetMode{*mode, std::string(name)});
        } else {
            plan.fail(Error::out(fmt::format("unsupported mode: {}\n", name))
                          .with_hint("the modes are NOPRIV, PURE1E_INIT, PURE1E and HYBRID, in "
                                     "capitals"));
        }
    } else {
        plan.add(Message{Stream::out, fmt::format("unrecognized command [--mode{}]\n", rest)});
        plan.usage();
    }
}

void plan_no_new_privs(PlanBuilder& plan, V) {
    plan.add(SetNoNewPrivs{});
}

void plan_chroot(PlanBuilder& plan, V path) {
    plan.add(Chroot{std::string(path)});
}

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
