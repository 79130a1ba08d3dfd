// Planning of the security options: modes, securebits, keep-caps, no-new-privs, chroot.
#include <fmt/format.h>

#include "mode_names.hpp"
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

void plan_keep(PlanBuilder& plan, V value) {
    if (auto keep = nonneg_or_fail(plan, value, "keep")) plan.add(SetKeepCaps{*keep});
}

void plan_no_new_privs(PlanBuilder& plan, V) {
    plan.add(SetNoNewPrivs{});
}

void plan_chroot(PlanBuilder& plan, V path) {
    plan.add(Chroot{std::string(path)});
}

}  // namespace capsh
