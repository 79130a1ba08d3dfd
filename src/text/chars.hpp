// Character classes of the C locale (capsh and libcap never call setlocale, so only ASCII
// counts), and the comma-separated lists that several options and files use.
#pragma once

#include <string_view>

namespace capsh {

constexpr bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
constexpr bool is_alpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
constexpr bool is_alnum(char c) {
    return is_alpha(c) || is_digit(c);
}
constexpr bool is_space(char c) {  // ' ', \t, \n, \v, \f, \r
    return c == ' ' || (c >= '\t' && c <= '\r');
}
constexpr char to_lower(char c) {
    return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
}

// Calls `each(piece)` for the pieces of `list` between separators (commas unless told),
// left to right, skipping empty ones ("a,,b" has two), until `each` returns false.
template <typename Each>
constexpr void for_each_piece(std::string_view list, Each each, char separator = ',') {
    while (!list.empty()) {
        std::size_t end = list.find(separator);
        std::string_view piece = list.substr(0, end);
        if (!piece.empty() && !each(piece)) return;
        if (end == std::string_view::npos) return;
        list.remove_prefix(end + 1);
    }
}

}  // namespace capsh
