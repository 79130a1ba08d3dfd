#include "hints.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <vector>

#include "cap_names.hpp"
#include "chars.hpp"

namespace capsh {
namespace {

constinit unsigned long searches = 0;  // see cap_name_searches()

char lower(char c) {
    return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
}

// Case-insensitive edit distance of a and b, or limit + 1 once it is sure to exceed limit:
// a hint only wants names within a few edits, and a long unknown word (hostile input can
// make it long) should not cost a full table per capability name.
std::size_t edit_distance_within(std::string_view a, std::string_view b, std::size_t limit) {
    std::size_t length_gap = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
    if (length_gap > limit) return limit + 1;  // each extra character is one edit
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        std::size_t row_min = row[0];
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t substitute = diagonal + (lower(a[i - 1]) == b[j - 1] ? 0 : 1);
            diagonal = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, substitute});
            row_min = std::min(row_min, row[j]);
        }
        if (row_min > limit) return limit + 1;  // a row's minimum never decreases
    }
    return std::min(row[b.size()], limit + 1);
}

bool is_name_char(char c) {
    return is_alnum(c) || c == '_';
}

}  // namespace

std::optional<std::string> closest_cap_name(std::string_view word) {
    ++searches;
    if (word.empty() || word.size() > 64) return std::nullopt;
    std::string with_prefix = "cap_";
    with_prefix += word;
    std::size_t best = word.size() / 3 + 1;  // further than this is no longer a typo
    std::optional<std::string> found;
    for (unsigned cap = 0; cap < k_named_caps; ++cap) {
        std::string_view name = cap_table_name(cap);
        std::size_t distance = std::min(edit_distance_within(word, name, best),
                                        edit_distance_within(with_prefix, name, best));
        if (distance <= best && (!found || distance < best)) {
            best = distance;
            found = std::string(name);
        }
    }
    return found;
}

std::string unknown_cap_hint(std::string_view name) {
    // Only the leading name counts, as in the lookup (cap_chown,xyz is read as cap_chown).
    std::size_t end = 0;
    while (end < name.size() && is_name_char(name[end]))
        ++end;
    if (auto guess = closest_cap_name(name.substr(0, end))) {
        return "did you mean " + *guess + "? (capsh-ng --suggest=TEXT lists capabilities)";
    }
    return "capabilities are named like cap_net_raw, or numbered 0 to 63; "
           "capsh-ng --suggest=TEXT searches them";
}

std::string cap_text_hint(std::string_view text) {
    constexpr const char* k_general =
        "capability text is clauses like 'cap_chown,cap_kill=ep cap_setuid+i' "
        "(operators = + -, flags e i p in lower case, no spaces inside a clause)";
    char before = ' ';  // what precedes the word: an operator means the word is flags
    for (std::size_t pos = 0; pos < text.size();) {
        std::size_t end = pos;
        while (end < text.size() && is_name_char(text[end]))
            ++end;
        std::string_view word = text.substr(pos, end - pos);
        bool flags = before == '=' || before == '+' || before == '-';
        if (flags && word.find_first_not_of("eip") != std::string_view::npos) return k_general;
        bool all = word.size() == 3 && lower(word[0]) == 'a' && lower(word[1]) == 'l' &&
                   lower(word[2]) == 'l';
        if (!flags && !word.empty() && !all && !cap_from_name(word)) return unknown_cap_hint(word);
        before = end < text.size() ? text[end] : ' ';
        pos = end + 1;
    }
    return k_general;
}

unsigned long cap_name_searches() {
    return searches;
}

bool hints_enabled() {
    const char* wanted = std::getenv("CAPSH_NG_HINTS");
    if (wanted != nullptr) return std::string_view(wanted) == "1";
    return isatty(STDERR_FILENO) == 1;
}

}  // namespace capsh
