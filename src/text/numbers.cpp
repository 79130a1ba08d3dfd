#include "numbers.hpp"

#include <limits>

#include "chars.hpp"

namespace capsh {
namespace {

int digit_value(char c) {
    if (is_digit(c)) return c - '0';
    if (c >= 'a' && c <= 'z') return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return 99;
}

// "0x" counts as a prefix only when a hex digit follows, as in glibc.
bool has_hex_prefix(std::string_view text, std::size_t pos) {
    return pos + 2 < text.size() && text[pos] == '0' && (text[pos + 1] | 0x20) == 'x' &&
           digit_value(text[pos + 2]) < 16;
}

}  // namespace

ULongParse c_strtoul(std::string_view text, int base) {
    std::size_t pos = 0;
    while (pos < text.size() && is_space(text[pos]))
        ++pos;
    bool negative = false;
    if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
        negative = text[pos] == '-';
        ++pos;
    }
    if ((base == 0 || base == 16) && has_hex_prefix(text, pos)) {
        base = 16;
        pos += 2;
    } else if (base == 0) {
        base = (pos < text.size() && text[pos] == '0') ? 8 : 10;
    }
    constexpr auto k_max = std::numeric_limits<std::uint64_t>::max();
    std::uint64_t value = 0;
    bool overflow = false;
    std::size_t start = pos;
    for (; pos < text.size(); ++pos) {
        int digit = digit_value(text[pos]);
        if (digit >= base) break;
        if (value > (k_max - unsigned(digit)) / unsigned(base)) overflow = true;
        value = value * unsigned(base) + unsigned(digit);
    }
    if (pos == start) return {0, 0};
    if (overflow) return {k_max, pos};
    return {negative ? std::uint64_t{0} - value : value, pos};
}

std::optional<std::uint32_t> parse_nonneg(std::string_view text) {
    if (text.empty() || text[0] == '-') return std::nullopt;
    ULongParse parsed = c_strtoul(text, 0);
    if (parsed.consumed != text.size()) return std::nullopt;
    return std::uint32_t(parsed.value);
}

std::uint64_t parse_decode_hex(std::string_view text) {
    return c_strtoul(text, 16).value;
}

std::uint32_t parse_group_number(std::string_view text) {
    return std::uint32_t(c_strtoul(text, 0).value);
}

}  // namespace capsh
