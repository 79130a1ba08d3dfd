#include "explain.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "cap_descriptions.hpp"
#include "cap_names.hpp"

namespace capsh {
namespace {

// Caps with a description; the same limit as capsh 2.66.
constexpr unsigned k_documented = k_named_caps;

std::string mask_note(unsigned cap) {
    return fmt::format(" [/proc/self/status:CapXXX: 0x{:016x}]\n", std::uint64_t{1} << cap);
}

// The lines of a description, without their newlines.
std::vector<std::string_view> lines_of(std::string_view text) {
    std::vector<std::string_view> lines;
    while (!text.empty()) {
        std::size_t end = std::min(text.find('\n'), text.size());
        lines.push_back(text.substr(0, end));
        text.remove_prefix(std::min(end + 1, text.size()));
    }
    return lines;
}

std::string describe(unsigned cap, unsigned cap_count) {
    std::string text = cap < cap_count ? "" : "<reserved for> ";
    text += fmt::format("{} ({})", cap_to_name(cap), cap);
    text += mask_note(cap);
    text += '\n';
    for (std::string_view line : lines_of(cap_description(cap)))
        text += fmt::format("    {}\n", line);
    return text;
}

char lower(char c) {
    return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
}

// strcasestr: ASCII case-insensitive substring search; an empty needle always matches.
bool contains_ignoring_case(std::string_view haystack, std::string_view needle) {
    if (needle.size() > haystack.size()) return false;
    for (std::size_t start = 0; start + needle.size() <= haystack.size(); ++start) {
        std::size_t n = 0;
        while (n < needle.size() && lower(haystack[start + n]) == lower(needle[n]))
            ++n;
        if (n == needle.size()) return true;
    }
    return false;
}

bool matches(unsigned cap, std::string_view query) {
    if (contains_ignoring_case(cap_to_name(cap), query)) return true;
    for (std::string_view line : lines_of(cap_description(cap))) {
        if (contains_ignoring_case(line, query)) return true;
    }
    return false;
}

}  // namespace

std::string explain_text(unsigned cap, unsigned cap_count) {
    if (cap < k_documented) return describe(cap, cap_count);
    std::string_view what = cap < cap_count ? "<unnamed in libcap>" : "<unsupported>";
    return fmt::format("{} ({}){}", what, cap, mask_note(cap));
}

std::string suggest_text(std::string_view query, unsigned cap_count) {
    std::string text;
    for (unsigned cap = 0; cap < k_documented; ++cap) {
        if (!matches(cap, query)) continue;
        if (!text.empty()) text += '\n';
        text += describe(cap, cap_count);
    }
    return text;
}

}  // namespace capsh
