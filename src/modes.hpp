// libcap's named modes: their names, guessing the current one, and setting one (spec 9).
#pragma once

#include <optional>
#include <string_view>

#include "kernel.hpp"
#include "plan.hpp"

namespace capsh {

// Securebit values the modes use.
constexpr unsigned long k_secbits_basic = 0x2f;  // noroot, no-setuid-fixup (+locks), keep-caps lock
constexpr unsigned long k_secbits_full = 0xef;   // basic + no-ambient-raise (+lock)

std::string_view mode_name(Mode mode);                      // "HYBRID", ..., "UNCERTAIN"
std::optional<Mode> mode_from_name(std::string_view name);  // the four settable names only

Mode guess_mode(Kernel& kernel);

// Sets `mode` as libcap's cap_set_mode does; 0 or the errno of the last failure.
int set_mode(Kernel& kernel, Mode mode);

// capsh's reset_ambient: clear only if some bit is set. 0 or errno.
int reset_ambient(Kernel& kernel);

inline bool ambient_supported(Kernel& kernel) {
    return kernel.ambient_read(0) >= 0;
}

}  // namespace capsh
