// libcap's named modes: guessing the current one, and setting one.
#pragma once

#include "caps_kernel.hpp"
#include "mode_names.hpp"

namespace capsh {

// Securebit values the modes use.
constexpr unsigned long k_secbits_basic = 0x2f;  // noroot, no-setuid-fixup (+locks), keep-caps lock
constexpr unsigned long k_secbits_full = 0xef;   // basic + no-ambient-raise (+lock)

Mode guess_mode(CapsKernel& kernel);

// Sets `mode` as libcap's cap_set_mode does; 0 or the errno of the last failure.
int set_mode(CapsKernel& kernel, Mode mode);

// capsh's reset_ambient: clear only if some bit is set. 0 or errno.
int reset_ambient(CapsKernel& kernel);

inline bool ambient_supported(CapsKernel& kernel) {
    return kernel.ambient_read(0) >= 0;
}

}  // namespace capsh
