// LinuxKernel: capability sets (read with capget, applied with libcap-ng) and the prctl-only parts
// (bounding, ambient, securebits, keep-caps, no-new-privs) that libcap-ng has no fitting API for.
#include <cap-ng.h>  // includes <linux/capability.h>, for capget's structures
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>

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

// E/P/I straight from capget(2). libcap-ng's capng_get_caps_process() makes the same call, then
// also reads the bounding set from /proc/<tid>/status with fopen, fgets and sscanf; capsh-ng
// never takes the bounding set from libcap-ng (it asks prctl), and that read cost more than
// everything else a typical command line does. libcap-ng still applies every change (set_caps).
int LinuxKernel::get_caps(CapState& out) {
    if (!caps_) {
        __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};  // pid 0: this thread
        __user_cap_data_struct words[2]{};
        if (syscall(SYS_capget, &header, words) != 0) return errno;
        auto join = [](std::uint32_t low, std::uint32_t high) {
            return (std::uint64_t{high} << 32 | low) & low_bits(kernel_cap_count());
        };
        caps_ = CapState{join(words[0].effective, words[1].effective),
                         join(words[0].permitted, words[1].permitted),
                         join(words[0].inheritable, words[1].inheritable)};
    }
    out = *caps_;
    return 0;
}

int LinuxKernel::set_caps(const CapState& state) {
    caps_.reset();
    capng_clear(CAPNG_SELECT_CAPS);
    // Bits the kernel lacks are left out: capset would ignore them, libcap-ng rejects them.
    // One call per capability, for all the sets that have it.
    for (unsigned cap = 0; cap < cap_count(); ++cap) {
        unsigned sets = (has(state.e, cap) ? CAPNG_EFFECTIVE : 0) |
                        (has(state.p, cap) ? CAPNG_PERMITTED : 0) |
                        (has(state.i, cap) ? CAPNG_INHERITABLE : 0);
        if (sets != 0) capng_update(CAPNG_ADD, capng_type_t(sets), cap);
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
