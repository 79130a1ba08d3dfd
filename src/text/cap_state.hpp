// The E/P/I capability sets of a process as three 64-bit masks.
#pragma once

#include <cstdint>

namespace capsh {

constexpr unsigned k_max_caps = 64;  // the width of the masks; kernel caps are fewer

constexpr std::uint64_t bit(unsigned cap) {
    return std::uint64_t{1} << cap;
}

// Mask of the caps 0..count-1.
constexpr std::uint64_t low_bits(unsigned count) {
    return count >= 64 ? ~std::uint64_t{0} : bit(count) - 1;
}

// Always inlined: -Os otherwise keeps it a call, and the cap loops make thousands of them.
[[gnu::always_inline]] constexpr bool has(std::uint64_t mask, unsigned cap) {
    return cap < 64 && (mask & bit(cap)) != 0;
}

struct CapState {
    std::uint64_t e = 0;
    std::uint64_t p = 0;
    std::uint64_t i = 0;

    bool operator==(const CapState&) const = default;
};

}  // namespace capsh
