// Applying changes to the capability sets: E/P/I, the bounding set, ambient, IAB.
#include <fmt/format.h>

#include "cap_names.hpp"
#include "cap_text.hpp"
#include "executor_steps.hpp"
#include "modes.hpp"

namespace capsh {
namespace {

constexpr const char* k_no_such_cap = "this kernel has no such capability";
constexpr const char* k_ambient_advice = "Make it inheritable first: --inh=CAP before --addamb=CAP";
constexpr const char* k_iab_advice = "These are libcap 2.66's rules for an IAB";

// What a failing ambient raise is told; lowering can only fail where nothing helps.
Hint ambient_hint(const Executor& ex, bool raise) {
    return raise ? ex.needs_hint(k_ambient_advice) : Hint();
}

// capsh's "CAP_SETPCAP fixup" without --strict: `state` with CAP_SETPCAP raised in E, or
// nothing when it is already effective (or the fixup is off).
std::optional<CapState> setpcap_raised(bool fixup, const CapState& state) {
    if (!fixup || has(state.e, k_cap_setpcap)) return std::nullopt;
    CapState raised = state;
    raised.e |= bit(k_cap_setpcap);
    return raised;
}

// Drops one cap from the bounding set, raising CAP_SETPCAP around it when the fixup asks,
// from the E/P/I `original` it restores afterwards (dropping from the bounding set leaves them
// as they were). `result` gets the errno of the drop itself; the Outcome is a failure of the
// fixup.
Outcome drop_with_fixup(Executor& ex, unsigned cap, bool fixup, const CapState& original,
                        int& result) {
    auto raised = setpcap_raised(fixup, original);
    if (raised) {
        if (int err = ex.kernel().set_caps(*raised)) {
            return fail_errno("unable to raise CAP_SETPCAP for BSET changes", err, ex.needs_hint());
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
        return fail(fmt::format("Unable to set capabilities [{}]\n", step.arg), ex.needs_hint());
    }
    return std::nullopt;
}

Outcome apply(Executor& ex, const SetInheritable& step) {
    CapState current;
    if (Outcome failed = ex.caps(current, "Capabilities not available")) return failed;
    CapState wanted = current;
    wanted.i = 0;
    if (!step.list.empty()) {
        auto parsed = parse_cap_text(step.list, ex.cap_count(), wanted);
        if (!parsed) return fail_errno("Fatal error internalizing capabilities", EINVAL);
        wanted = *parsed;
    }
    if (auto raised = setpcap_raised(step.fixup, current)) (void)ex.kernel().set_caps(*raised);
    if (int err = ex.kernel().set_caps(wanted)) {
        return fail_errno("Unable to set inheritable capabilities", err, ex.needs_hint());
    }
    return std::nullopt;
}

Outcome apply(Executor& ex, const DropBound& step) {
    CapState original;
    if (Outcome failed = ex.caps(original, "Capabilities not available")) return failed;
    int result = 0;
    if (Outcome failed = drop_with_fixup(ex, step.cap, step.fixup, original, result)) {
        return failed;
    }
    if (result != 0) {
        return fail(fmt::format("failed to drop [{}={}]\n", step.piece, step.cap),
                    step.cap >= ex.cap_count() ? Hint(k_no_such_cap) : ex.needs_hint());
    }
    return std::nullopt;
}

Outcome apply(Executor& ex, const DropAllBound& step) {
    CapState original;  // read once, before the first drop: each drop leaves E/P/I as they were
    for (unsigned cap = 0; ex.kernel().bound_read(cap) >= 0; ++cap) {
        if (cap == 0) {
            if (Outcome failed = ex.caps(original, "Capabilities not available")) return failed;
        }
        int result = 0;
        if (Outcome failed = drop_with_fixup(ex, cap, step.fixup, original, result)) {
            return failed;
        }
        if (result != 0) {
            return fail(fmt::format("Unable to drop bounding capability [{}]\n", cap_to_name(cap)),
                        ex.needs_hint());
        }
    }
    return std::nullopt;
}

Outcome apply(Executor& ex, const Ambient& step) {
    if (ex.kernel().ambient_change(step.cap, step.raise) != 0) {
        return fail(
            fmt::format("failed to {} ambient [{}={}]\n", step.raise ? "raise" : "clear",
                        step.piece, step.cap),
            step.cap >= ex.cap_count() ? Hint(k_no_such_cap) : ambient_hint(ex, step.raise));
    }
    return std::nullopt;
}

Outcome apply(Executor& ex, const AmbientAll& step) {
    for (unsigned cap = 0; ex.kernel().bound_read(cap) >= 0; ++cap) {
        if (ex.kernel().ambient_change(cap, step.raise) != 0) {
            return fail(fmt::format("Unable to {} ambient capability [{}]\n",
                                    step.raise ? "raise" : "clear", cap_to_name(cap)),
                        ambient_hint(ex, step.raise));
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
int apply_iab_vectors(Kernel& kernel, const Iab& iab, unsigned cap_count) {
    if (int err = reset_ambient(kernel)) return err;
    for (unsigned cap = cap_count; cap-- > 0;) {
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

// libcap 2.66's cap_iab_set_proc: set I with CAP_SETPCAP raised, then A and the bounding drops.
// In 2.71 and later any ambient or bounding entry no longer forces the CAP_SETPCAP raise; this
// is the one place to change to follow that.
Outcome apply(Executor& ex, const SetIab& step) {
    Kernel& kernel = ex.kernel();
    CapState old;
    if (Outcome failed = ex.caps(old, "unable to set IAB tuple")) return failed;
    bool raise = (step.iab.i & ~(old.i | old.p)) != 0 || step.iab.a != 0 || step.iab.nb != 0;
    CapState working = old;
    working.i = step.iab.i;
    CapState raised = working;
    if (raise) raised.e |= bit(k_cap_setpcap);
    if (int err = kernel.set_caps(raised)) {
        return fail_errno("unable to set IAB tuple", err, ex.needs_hint(k_iab_advice));
    }
    int err = apply_iab_vectors(kernel, step.iab, ex.cap_count());
    (void)kernel.set_caps(working);  // restores E
    if (err) return fail_errno("unable to set IAB tuple", err, ex.needs_hint(k_iab_advice));
    return std::nullopt;
}

}  // namespace capsh
