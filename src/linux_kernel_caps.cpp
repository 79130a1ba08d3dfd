// LinuxKernel: capability sets (libcap-ng) and the prctl-only parts (bounding, ambient,
// securebits, keep-caps, no-new-privs) that libcap-ng has no fitting API for.
#include <cap-ng.h>
#include <sys/prctl.h>

#include <cerrno>

#include "kernel_caps.hpp"
#include "linux_kernel.hpp"

namespace capsh {
namespace {

// prctl's result, or -errno.
int prctl_read(int option, unsigned long arg2, unsigned long arg3 = 0) {
    int result = prctl(option, arg2, arg3, 0, 0);
    return result < 0 ? -errno : result;
}

// 0, or errno.
int prctl_write(int option, unsigned long arg2, unsigned long arg3 = 0) {
    return prctl(option, arg2, arg3, 0, 0) < 0 ? errno : 0;
}

}  // namespace

unsigned LinuxKernel::cap_count() {
    return kernel_cap_count();
}

int LinuxKernel::get_caps(CapState& out) {
    if (!caps_) {
        capng_setpid(0);
        if (capng_get_caps_process() != 0) return errno != 0 ? errno : EINVAL;
        CapState state;
        for (unsigned cap = 0; cap < cap_count(); ++cap) {
            if (capng_have_capability(CAPNG_EFFECTIVE, cap)) state.e |= bit(cap);
            if (capng_have_capability(CAPNG_PERMITTED, cap)) state.p |= bit(cap);
            if (capng_have_capability(CAPNG_INHERITABLE, cap)) state.i |= bit(cap);
        }
        caps_ = state;
    }
    out = *caps_;
    return 0;
}

int LinuxKernel::set_caps(const CapState& state) {
    caps_.reset();
    capng_clear(CAPNG_SELECT_CAPS);
    // Bits the kernel lacks are left out: capset would ignore them, libcap-ng rejects them.
    for (unsigned cap = 0; cap < cap_count(); ++cap) {
        if (has(state.e, cap)) capng_update(CAPNG_ADD, CAPNG_EFFECTIVE, cap);
        if (has(state.p, cap)) capng_update(CAPNG_ADD, CAPNG_PERMITTED, cap);
        if (has(state.i, cap)) capng_update(CAPNG_ADD, CAPNG_INHERITABLE, cap);
    }
    errno = 0;
    int result = capng_apply(CAPNG_SELECT_CAPS);
    if (result == 0) {
        CapState applied{state.e & low_bits(cap_count()), state.p & low_bits(cap_count()),
                         state.i & low_bits(cap_count())};
        caps_ = applied;
        return 0;
    }
    // -5 is capset's own failure, with its errno; anything else is libcap-ng's state.
    return (result == -5 && errno != 0) ? errno : EINVAL;
}

int LinuxKernel::bound_read(unsigned cap) {
    return prctl_read(PR_CAPBSET_READ, cap);
}
int LinuxKernel::bound_drop(unsigned cap) {
    return prctl_write(PR_CAPBSET_DROP, cap);
}

int LinuxKernel::ambient_read(unsigned cap) {
    return prctl_read(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, cap);
}

int LinuxKernel::ambient_change(unsigned cap, bool raise) {
    return prctl_write(PR_CAP_AMBIENT, raise ? PR_CAP_AMBIENT_RAISE : PR_CAP_AMBIENT_LOWER, cap);
}

int LinuxKernel::ambient_clear_all() {
    return prctl_write(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL);
}

unsigned long LinuxKernel::securebits() {
    int bits = prctl(PR_GET_SECUREBITS, 0, 0, 0, 0);
    return bits < 0 ? 0 : unsigned(bits);
}

int LinuxKernel::set_securebits(unsigned long bits) {
    return prctl_write(PR_SET_SECUREBITS, bits);
}
int LinuxKernel::set_keepcaps(unsigned long value) {
    return prctl_write(PR_SET_KEEPCAPS, value);
}
int LinuxKernel::no_new_privs() {
    return prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0);
}
int LinuxKernel::set_no_new_privs() {
    return prctl_write(PR_SET_NO_NEW_PRIVS, 1);
}

}  // namespace capsh
