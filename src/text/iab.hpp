// IAB tuples: inheritable, ambient and not-bounding vectors, their text and parsing (libcap's
// cap_iab_* text).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace capsh {

struct Iab {
    std::uint64_t i = 0;   // inheritable
    std::uint64_t a = 0;   // ambient
    std::uint64_t nb = 0;  // not in the bounding set

    bool operator==(const Iab&) const = default;
};

// libcap's cap_iab_from_text; nullopt when the text is malformed.
std::optional<Iab> parse_iab(std::string_view text);

// The canonical IAB text over the first `cap_count` caps ("" when empty).
std::string iab_text(const Iab& iab, unsigned cap_count);

}  // namespace capsh
