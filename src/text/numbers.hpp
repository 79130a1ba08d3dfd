// Numeric argument parsers with the exact C-library semantics capsh relies on: strtoul and
// strtoull, whose quirks (base detection, saturation, leading blanks and signs) show in its output.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace capsh {

// C strtoul(text, &end, base) on an unsigned long: skips leading whitespace, accepts '+'/'-',
// saturates on overflow. `base` 0 detects 0x / leading 0.
struct ULongParse {
    std::uint64_t value;
    std::size_t consumed;  // 0 when no digits were read (like end == text)
};
ULongParse c_strtoul(std::string_view text, int base);

// capsh's "non-negative integer" (--uid, --keep, ...): empty or leading '-' rejected, no
// trailing junk, result truncated to 32 bits.
std::optional<std::uint32_t> parse_nonneg(std::string_view text);

// --decode's strtoull(text, NULL, 16): never fails.
std::uint64_t parse_decode_hex(std::string_view text);

// --groups' strtoul(entry, NULL, 0) truncated to a gid: never fails.
std::uint32_t parse_group_number(std::string_view text);

}  // namespace capsh
