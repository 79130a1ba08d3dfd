// Capability names: the fixed 41-name table and libcap's lookup rules (spec 3).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace capsh {

constexpr unsigned k_named_caps = 41;  // names known to this build (capsh 2.66 has the same 41)

// The table name for 0..40 ("cap_chown"), or the decimal number for any other value.
std::string cap_to_name(unsigned cap);

// The table name, or an empty view when the cap has no name.
std::string_view cap_table_name(unsigned cap);

// A capability read from the start of a text, and how many characters it used.
struct CapMatch {
    unsigned cap;
    std::size_t length;
};

// Reads a name or number at the start of `text` as libcap's lookup does: numbers use C base
// detection (0x, 0) and must be < 64; names are the longest run of letters and '_', compared
// without case. Whatever follows is left to the caller.
std::optional<CapMatch> match_cap(std::string_view text);

// match_cap, ignoring what follows the name (capsh's --drop, --has-*, --explain, ...).
std::optional<unsigned> cap_from_name(std::string_view text);

}  // namespace capsh
