#include "cap_text.hpp"

#include <array>

#include "cap_names.hpp"
#include "chars.hpp"

namespace capsh {
namespace {

// Flag bits of a clause, and the state code of one cap that cap_to_text groups caps by:
// e=1, p=2, i=4.
constexpr unsigned k_e = 1, k_p = 2, k_i = 4;

constexpr bool starts_item(char c) {
    return is_alnum(c) || c == '_';
}

// Reads a text left to right; at() returns '\0' past the end, like a C string.
class Cursor {
  public:
    explicit Cursor(std::string_view text) : text_(text) {}
    char at(std::size_t ahead = 0) const {
        return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0';
    }
    char take() { return pos_ < text_.size() ? text_[pos_++] : (++pos_, '\0'); }
    void skip(std::size_t n) { pos_ += n; }
    std::string_view rest() const {
        return pos_ < text_.size() ? text_.substr(pos_) : std::string_view{};
    }
    bool at_clause_end() const { return at() == '\0' || is_space(at()); }

  private:
    std::string_view text_;
    std::size_t pos_ = 0;
};

// "all" in any case, not followed by more of a name.
bool at_all(const Cursor& cur) {
    return (cur.at(0) | 0x20) == 'a' && (cur.at(1) | 0x20) == 'l' && (cur.at(2) | 0x20) == 'l' &&
           !starts_item(cur.at(3));
}

// The list of a clause, "a,b,c"; nullopt on a bad item.
std::optional<std::uint64_t> read_list(Cursor& cur, std::uint64_t all) {
    std::uint64_t list = 0;
    for (;;) {
        if (at_all(cur)) {
            cur.skip(3);
            list |= all;
        } else {
            auto match = match_cap(cur.rest());
            if (!match) return std::nullopt;
            cur.skip(match->length);
            list |= bit(match->cap);
        }
        if (cur.at() != ',') return list;
        cur.skip(1);
        if (!starts_item(cur.at())) return std::nullopt;
    }
}

void apply(CapState& state, char op, unsigned flags, std::uint64_t list) {
    auto set = [&](std::uint64_t& mask, unsigned flag, bool raise) {
        if (!(flags & flag)) return;
        mask = raise ? (mask | list) : (mask & ~list);
    };
    bool raise = op != '-' && op != 'M';
    if (op == '=' || op == 'P' || op == 'M') {
        state.e &= ~list;
        state.p &= ~list;
        state.i &= ~list;
    }
    set(state.e, k_e, raise);
    set(state.p, k_p, raise);
    set(state.i, k_i, raise);
}

// One clause: [list] op flags [op flags ...]. 'P' and 'M' stand for "=+" and "=-".
bool parse_clause(Cursor& cur, CapState& state, std::uint64_t all) {
    std::uint64_t list = all;
    bool listed = false;
    if (starts_item(cur.at())) {
        auto read = read_list(cur, all);
        if (!read) return false;
        list = *read;
        listed = true;
    } else if (cur.at() == '+' || cur.at() == '-') {
        return false;
    }
    char op = cur.take();
    if (op == '=' && (cur.at() == '+' || cur.at() == '-')) {
        if (!listed) return false;
        op = cur.take() == '+' ? 'P' : 'M';
    } else if (op != '+' && op != '-' && op != '=') {
        return false;
    }
    unsigned flags = 0;
    do {
        if (!cur.at_clause_end()) {
            switch (cur.take()) {
                case 'e':
                    flags |= k_e;
                    break;
                case 'i':
                    flags |= k_i;
                    break;
                case 'p':
                    flags |= k_p;
                    break;
                default:
                    return false;
            }
        } else if (op != '=') {
            return false;
        }
        apply(state, op, flags, list);
        if (cur.at() == '+' || cur.at() == '-') {
            if (!listed) return false;
            flags = 0;
            op = cur.take();
            if (!is_alpha(cur.at())) return false;
        }
    } while (!cur.at_clause_end());
    return true;
}

// Each cap's state code (its e, p and i bits), worked out once: the text is built from many
// passes over them.
using StateCodes = std::array<unsigned char, k_max_caps>;

StateCodes state_codes(const CapState& s) {
    StateCodes codes{};
    for (unsigned cap = 0; cap < k_max_caps; ++cap) {
        codes[cap] =
            static_cast<unsigned char>(((s.e >> cap & 1) ? k_e : 0) | ((s.p >> cap & 1) ? k_p : 0) |
                                       ((s.i >> cap & 1) ? k_i : 0));
    }
    return codes;
}

void append_flags(std::string& out, unsigned flags) {
    if (flags & k_e) out += 'e';
    if (flags & k_i) out += 'i';
    if (flags & k_p) out += 'p';
}

// The most common state code among the kernel's caps; ties go to the lower code.
unsigned base_code(const StateCodes& codes, unsigned cap_count) {
    std::array<unsigned, 8> histogram{};
    for (unsigned cap = 0; cap < cap_count; ++cap)
        ++histogram[codes[cap]];
    unsigned base = 7;
    for (unsigned code = 7; code-- > 0;) {
        if (histogram[code] >= histogram[base]) base = code;
    }
    return base;
}

// Appends " name,name,..." for the caps in [from, to) whose code is `code`; false if none.
bool append_names(std::string& out, const StateCodes& codes, unsigned code, unsigned from,
                  unsigned to) {
    bool any = false;
    for (unsigned cap = from; cap < to; ++cap) {
        if (codes[cap] != code) continue;
        out += any ? ',' : ' ';
        out += cap_to_name(cap);
        any = true;
    }
    return any;
}

}  // namespace

std::optional<CapState> parse_cap_text(std::string_view text, unsigned cap_count, CapState start) {
    Cursor cur(text);
    const std::uint64_t all = low_bits(cap_count);
    for (;;) {
        while (is_space(cur.at()))
            cur.skip(1);
        if (cur.at() == '\0') return start;  // like C, a NUL ends the text
        if (!parse_clause(cur, start, all)) return std::nullopt;
    }
}

std::string cap_text(const CapState& state, unsigned cap_count) {
    const unsigned named = cap_count < k_max_caps ? cap_count : k_max_caps;
    const StateCodes codes = state_codes(state);
    const unsigned base = base_code(codes, named);
    std::string out = "=";
    append_flags(out, base);
    for (unsigned code = 8; code-- > 0;) {
        if (code == base) continue;
        if (!append_names(out, codes, code, 0, named)) continue;
        if (unsigned more = code & ~base) {
            // With an empty base, "= names+eip" reads better as "names=eip".
            if (out.compare(0, 2, "= ") == 0) {
                out.erase(0, 2);
                out += '=';
            } else {
                out += '+';
            }
            append_flags(out, more);
        }
        if (unsigned less = base & ~code) {
            out += '-';
            append_flags(out, less);
        }
    }
    for (unsigned code = 8; code-- > 1;) {
        if (!append_names(out, codes, code, named, k_max_caps)) continue;
        out += '+';
        append_flags(out, code);
    }
    return out;
}

}  // namespace capsh
