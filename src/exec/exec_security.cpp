// Applying modes, securebits, keep-caps, no-new-privs and chroot.
#include <fmt/format.h>

#include <cstring>

#include "executor_steps.hpp"
#include "modes.hpp"

namespace capsh {

void apply(Executor& ex, const SetMode& step) {
    if (int err = set_mode(ex.kernel(), step.mode)) {  // capsh reports this one on stdout
        throw Error::out(fmt::format("failed to set mode [{}]: {}\n", step.name, strerror(err)))
            .with_hint(
                "--mode=X needs CAP_SETPCAP permitted; once NOPRIV or a PURE1E mode has "
                "locked the securebits, only those modes can be set again");
    }
}

void apply(Executor& ex, const SetKeepCaps& step) {
    if (int err = ex.kernel().set_keepcaps(step.value)) {
        fail(fmt::format("prctl(PR_SET_KEEPCAPS, {}) failed: {}\n", step.value, strerror(err)),
             "--keep takes 0 or 1, and cannot change once the keep-caps securebit is locked");
    }
}

void apply(Executor& ex, const SetSecbits& step) {
    if (ex.kernel().set_securebits(step.value) != 0) {
        fail(fmt::format("failed to set securebits to 0{:o}/0x{:x}\n", step.value, step.value),
             "--secbits needs CAP_SETPCAP effective (not just permitted), cannot change locked "
             "bits, and takes only bits this kernel knows");
    }
}

void apply(Executor& ex, const SetNoNewPrivs&) {
    if (int err = ex.kernel().set_no_new_privs()) fail_errno("unable to set no-new-privs", err);
}

void apply(Executor& ex, const Chroot& step) {
    constexpr unsigned k_sys_chroot = 18;
    Kernel& kernel = ex.kernel();
    CapState original = ex.caps("Capabilities not available");
    CapState raised = original;
    raised.e |= bit(k_sys_chroot);
    if (int err = kernel.set_caps(raised)) {
        fail_errno("unable to raise CAP_SYS_CHROOT", err,
                   "--chroot needs CAP_SYS_CHROOT in the permitted set");
    }
    int result = kernel.change_root(step.path);
    if (int err = kernel.set_caps(original)) fail_errno("unable to lower CAP_SYS_CHROOT", err);
    if (result == 0) result = kernel.change_dir_to_root();
    if (result != 0) {
        fail(fmt::format("Unable to chroot/chdir to [{}]", step.path),
             "the new root must be an existing directory");
    }  // sic: no \n
}

}  // namespace capsh
