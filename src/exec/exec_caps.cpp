// Applying changes to the capability sets: E/P/I, the bounding set, ambient, IAB.
#include <fmt/format.h>

#include "cap_names.hpp"
#include "cap_text.hpp"
#include "executor_steps.hpp"
#include "modes.hpp"

namespace capsh {
namespace {

constexpr unsigned k_setpcap = 8;

constexpr const char* k_drop_hint =
    "dropping from the bounding set needs CAP_SETPCAP permitted (effective with --strict)";
constexpr const char* k_ambient_hint =
    "an ambient cap must already be permitted and inheritable (e.g. --inh=CAP before "
    "--addamb=CAP), and the no-ambient-raise securebit must be clear";
constexpr const char* k_iab_hint =
    "capsh 2.66 semantics: any ^ or ! entry needs CAP_SETPCAP permitted, ^ needs the cap "
    "permitted, and new inheritable caps must be in the bounding set";

// The non-strict "CAP_SETPCAP fixup" (spec 4.2): `state` with CAP_SETPCAP raised in E, or
// nothing when it is already effective (or the fixup is off).
std::optional<CapState> setpcap_raised(bool fixup, const CapState& state) {
    if (!fixup || has(state.e, k_setpcap)) return std::nullopt;
    CapState raised = state;
    raised.e |= bit(k_setpcap);
    return raised;
}

// Drops one cap from the bounding set, raising CAP_SETPCAP around it when the fixup asks.
// `result` gets the errno of the drop itself; the Outcome is a failure of the fixup.
Outcome drop_with_fixup(Executor& ex, unsigned cap, bool fixup, int& result) {
    CapState original;
    if (Outcome failed = ex.caps(original, "Capabilities not available")) return failed;
    auto raised = setpcap_raised(fixup, original);
    if (raised) {
        if (int err = ex.kernel().set_caps(*raised)) {
            return fail_errno("unable to raise CAP_SETPCAP for BSET changes", err, k_drop_hint);
        }
    }
    result = ex.kernel().bound_drop(cap);
    if (raised) {
        if (int err = ex.kernel().set_caps(original)) {
            return fail_errno("unable to lower CAP_SETPCAP post BSET change", err);
        }
    }
    return std::nullopt;
}

}  // namespace

Outcome apply(Executor& ex, const SetCaps& step) {
    CapState current;
    if (Outcome failed = ex.caps(current, "Capabilities not available")) return failed;
    // The raise lets I grow past P when CAP_SETPCAP is only permitted; its failure is ignored.
    if (auto raised = setpcap_raised(step.fixup, current)) (void)ex.kernel().set_caps(*raised);
    if (ex.kernel().set_caps(step.state) != 0) {
        return fail(
            fmt::format("Unable to set capabilities [{}]\n", step.arg),
            "permitted can only shrink, effective must be within permitted, and a new "
            "inheritable cap must be in the bounding set (and permitted, unless CAP_SETPCAP is)");
    }
    return std::nullopt;
}

Outcome apply(Executor& ex, const SetInheritable& step) {
    CapState current;
    if (Outcome failed = ex.caps(current, "Capabilities not available")) return failed;
    CapState wanted = current;
    wanted.i = 0;
    if (!step.list.empty()) {
        auto parsed = parse_cap_text(step.list, ex.k(), wanted);
        if (!parsed) return fail_errno("Fatal error internalizing capabilities", EINVAL);
        wanted = *parsed;
    }
    if (auto raised = setpcap_raised(step.fixup, current)) (void)ex.kernel().set_caps(*raised);
    if (int err = ex.kernel().set_caps(wanted)) {
        return fail_errno("Unable to set inheritable capabilities", err,
                          "a new inheritable cap must be in the bounding set, and in the "
                          "permitted set unless CAP_SETPCAP is permitted (effective with "
                          "--strict)");
    }
    return std::nullopt;
}

Outcome apply(Executor& ex, const DropBound& step) {
    int result = 0;
    if (Outcome failed = drop_with_fixup(ex, step.cap, step.fixup, result)) return failed;
    if (result != 0) {
        return fail(fmt::format("failed to drop [{}={}]\n", step.piece, step.cap),
                    step.cap >= ex.k() ? "this kernel has no such capability" : k_drop_hint);
    }
    return std::nullopt;
}

Outcome apply(Executor& ex, const DropAllBound& step) {
    for (unsigned cap = 0; ex.kernel().bound_read(cap) >= 0; ++cap) {
        int result = 0;
        if (Outcome failed = drop_with_fixup(ex, cap, step.fixup, result)) return failed;
        if (result != 0) {
            return fail(fmt::format("Unable to drop bounding capability [{}]\n", cap_to_name(cap)),
                        k_drop_hint);
        }
    }
    return std::nullopt;
}

Outcome apply(Executor& ex, const Ambient& step) {
    if (ex.kernel().ambient_change(step.cap, step.raise) != 0) {
        return fail(fmt::format("failed to {} ambient [{}={}]\n", step.raise ? "raise" : "clear",
                                step.piece, step.cap),
                    step.cap >= ex.k() ? "this kernel has no such capability" : k_ambient_hint);
    }
    return std::nullopt;
}

Outcome apply(Executor& ex, const AmbientAll& step) {
    for (unsigned cap = 0; ex.kernel().bound_read(cap) >= 0; ++cap) {
        if (ex.kernel().ambient_change(cap, step.raise) != 0) {
            return fail(fmt::format("Unable to {} ambient capability [{}]\n",
                                    step.raise ? "raise" : "clear", cap_to_name(cap)),
                        k_ambient_hint);
        }
    }
    return std::nullopt;
}

Outcome apply(Executor& ex, const ResetAmbient&) {
    if (int err = reset_ambient(ex.kernel())) return fail_errno("failed to reset ambient set", err);
    return std::nullopt;
}

namespace {

// Raise ambient and drop bounding bits from the highest cap down (libcap 2.66 order).
int apply_iab_vectors(Kernel& kernel, const Iab& iab, unsigned k) {
    if (int err = reset_ambient(kernel)) return err;
    for (unsigned cap = k; cap-- > 0;) {
        if (has(iab.a, cap)) {
            if (int err = kernel.ambient_change(cap, true)) return err;
        }
        if (has(iab.nb, cap)) {
            if (int err = kernel.bound_drop(cap)) return err;
        }
    }
    return 0;
}

}  // namespace

// libcap 2.66's cap_iab_set_proc (spec 8.4). In 2.71 and later any ambient or bounding entry no
// longer forces the CAP_SETPCAP raise; this is the one place to change to follow that.
Outcome apply(Executor& ex, const SetIab& step) {
    Kernel& kernel = ex.kernel();
    CapState old;
    if (Outcome failed = ex.caps(old, "unable to set IAB tuple")) return failed;
    bool raise = (step.iab.i & ~(old.i | old.p)) != 0 || step.iab.a != 0 || step.iab.nb != 0;
    CapState working = old;
    working.i = step.iab.i;
    CapState raised = working;
    if (raise) raised.e |= bit(k_setpcap);
    if (int err = kernel.set_caps(raised)) {
        return fail_errno("unable to set IAB tuple", err, k_iab_hint);
    }
    int err = apply_iab_vectors(kernel, step.iab, ex.k());
    (void)kernel.set_caps(working);  // restores E
    if (err) return fail_errno("unable to set IAB tuple", err, k_iab_hint);
    return std::nullopt;
}

}  // namespace capsh
