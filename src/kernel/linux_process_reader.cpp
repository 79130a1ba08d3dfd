// LinuxProcessReader: another process's E/P/I through libcap-ng, its IAB from /proc.
#include <cap-ng.h>

#include <cerrno>

#include "kernel_caps.hpp"
#include "proc_status.hpp"
#include "process_reader.hpp"

namespace capsh {

unsigned LinuxProcessReader::cap_count() {
    return kernel_cap_count();
}

int LinuxProcessReader::read_caps(pid_t pid, CapState& out) {
    // libcap-ng keeps one state per thread and reads whichever pid was set last, so set it
    // for every read. 0 makes capget read the calling process.
    capng_setpid(pid);
    if (capng_get_caps_process() < 0) return errno;
    out = CapState{};
    for (unsigned cap = 0; cap < cap_count(); ++cap) {
        if (capng_have_capability(CAPNG_EFFECTIVE, cap)) out.e |= bit(cap);
        if (capng_have_capability(CAPNG_PERMITTED, cap)) out.p |= bit(cap);
        if (capng_have_capability(CAPNG_INHERITABLE, cap)) out.i |= bit(cap);
    }
    return 0;
}

std::optional<Iab> LinuxProcessReader::read_iab(pid_t pid) {
    return read_process_iab(pid, cap_count());
}

}  // namespace capsh
