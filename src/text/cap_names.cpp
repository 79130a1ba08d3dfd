#include "cap_names.hpp"

#include "chars.hpp"
#include "numbers.hpp"

namespace capsh {
namespace {

bool equal_ignoring_case(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t n = 0; n < a.size(); ++n) {
        if (to_lower(a[n]) != b[n]) return false;
    }
    return true;
}

std::optional<CapMatch> match_number(std::string_view text) {
    ULongParse parsed = c_strtoul(text, 0);
    if (parsed.value >= 64) return std::nullopt;
    return CapMatch{unsigned(parsed.value), parsed.consumed};
}

std::optional<CapMatch> match_word(std::string_view text) {
    std::size_t len = 0;
    while (len < text.size() && (is_alpha(text[len]) || text[len] == '_'))
        ++len;
    std::string_view word = text.substr(0, len);
    for (unsigned cap = 0; cap < k_named_caps; ++cap) {
        if (equal_ignoring_case(word, k_cap_names[cap])) return CapMatch{cap, len};
    }
    return std::nullopt;
}

}  // namespace

std::string cap_to_name(unsigned cap) {
    if (cap < k_named_caps) return std::string(k_cap_names[cap]);
    return std::to_string(cap);
}

std::optional<CapMatch> match_cap(std::string_view text) {
    if (!text.empty() && is_digit(text[0])) return match_number(text);
    return match_word(text);
}

std::optional<unsigned> cap_from_name(std::string_view text) {
    if (auto match = match_cap(text)) return match->cap;
    return std::nullopt;
}

}  // namespace capsh
