// Applying modes, securebits, keep-caps, no-new-privs and chroot.
#include <fmt/format.h>

#include <cstring>

#include "cap_names.hpp"
#include "executor_steps.hpp"
#include "modes.hpp"

namespace capsh {

Outcome apply(Executor& ex, const SetMode& step) {
    if (int err = set_mode(ex.kernel(), step.mode)) {  // capsh reports this one on stdout
        return Error::out(fmt::format("failed to set mode [{}]: {}\n", step.name, strerror(err)))
            .with_hint(ex.needs_hint(
                "Once NOPRIV or a PURE1E mode has locked the securebits, only those modes can be "
                "set again"));
    }
    return std::nullopt;
}

Outcome apply(Executor& ex, const SetKeepCaps& step) {
    if (int err = ex.kernel().set_keepcaps(step.value)) {
        return fail(
            fmt::format("prctl(PR_SET_KEEPCAPS, {}) failed: {}\n", step.value, strerror(err)),
            ex.needs_hint());
    }
    return std::nullopt;
}

Outcome apply(Executor& ex, const SetSecbits& step) {
    if (ex.kernel().set_securebits(step.value) != 0) {
        return fail(
            fmt::format("failed to set securebits to 0{:o}/0x{:x}\n", step.value, step.value),
            ex.needs_hint("Permitted is not enough: raise it with --caps first"));
    }
    return std::nullopt;
}

Outcome apply(Executor& ex, const SetNoNewPrivs&) {
    if (int err = ex.kernel().set_no_new_privs()) {
        return fail_errno("unable to set no-new-privs", err);
    }
    return std::nullopt;
}

Outcome apply(Executor& ex, const Chroot& step) {
    Kernel& kernel = ex.kernel();
    CapState original;
    if (Outcome failed = ex.caps(original, "Capabilities not available")) return failed;
    CapState raised = original;
    raised.e |= bit(k_cap_sys_chroot);
    if (int err = kernel.set_caps(raised)) {
        return fail_errno("unable to raise CAP_SYS_CHROOT", err, ex.needs_hint());
    }
    int result = kernel.change_root(step.path);
    if (int err = kernel.set_caps(original)) {
        return fail_errno("unable to lower CAP_SYS_CHROOT", err);
    }
    if (result == 0) result = kernel.change_dir_to_root();
    if (result != 0) {
        return fail(fmt::format("Unable to chroot/chdir to [{}]", step.path),  // sic: no \n
                    "the new root must be an existing directory");
    }
    return std::nullopt;
}

}  // namespace capsh
