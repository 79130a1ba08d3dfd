#include "iab.hpp"

#include "cap_names.hpp"
#include "cap_state.hpp"

namespace capsh {

std::optional<Iab> parse_iab(std::string_view text) {
    constexpr unsigned k_to_i = 1, k_to_a = 2, k_to_nb = 4;
    Iab iab;
    unsigned marks = 0;
    for (std::size_t pos = 0; pos < text.size() && text[pos] != '\0'; ++pos) {
        switch (text[pos]) {
            case '!':
                marks |= k_to_nb;
                continue;
            case '^':
                marks |= k_to_i | k_to_a;
                continue;
            case '%':
                marks |= k_to_i;
                continue;
            default:
                break;
        }
        if (marks == 0) marks = k_to_i;
        auto match = match_cap(text.substr(pos));
        if (!match) return std::nullopt;
        pos += match->length;
        if (marks & k_to_i) iab.i |= bit(match->cap);
        if (marks & k_to_a) iab.a |= bit(match->cap);
        if (marks & k_to_nb) iab.nb |= bit(match->cap);
        // After a cap the text ends or goes on with ',' (a trailing ',' is fine).
        if (pos >= text.size() || text[pos] == '\0') break;
        if (text[pos] != ',') return std::nullopt;
        marks = 0;
    }
    return iab;
}

std::string iab_text(const Iab& iab, unsigned cap_count) {
    std::string out;
    for (unsigned cap = 0; cap < cap_count && cap < k_max_caps; ++cap) {
        bool nb = has(iab.nb, cap), a = has(iab.a, cap), i = has(iab.i, cap);
        if (!nb && !a && !i) continue;
        if (!out.empty()) out += ',';
        if (nb) out += '!';
        if (a) {
            out += '^';
        } else if (nb && i) {
            out += '%';
        }
        out += cap_to_name(cap);
    }
    return out;
}

}  // namespace capsh
