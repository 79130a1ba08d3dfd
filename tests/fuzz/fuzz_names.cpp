// Capability name lookup (--drop, --has-*, --supports, --explain, and inside capability and IAB
// text): match_cap against a plain oracle written from libcap's rules, with the C library's
// strtoul for numbers; and cap_to_name round trips for every cap.
#include <cctype>
#include <cstring>
#include <optional>
#include <string>

#include "cap_names.hpp"
#include "fuzz_check.hpp"

using namespace capsh;

namespace {

// libcap's lookupname: a leading digit means a number (C base detection, < 64); otherwise the
// longest run of ASCII letters and '_' must equal a table name, ignoring case.
std::optional<CapMatch> oracle(std::string_view text) {
    std::string c_string(text);  // strtoul stops at the first NUL, as match_cap must
    if (!text.empty() && text[0] >= '0' && text[0] <= '9') {
        char* end = nullptr;
        unsigned long value = std::strtoul(c_string.c_str(), &end, 0);
        if (value >= 64) return std::nullopt;
        return CapMatch{unsigned(value), std::size_t(end - c_string.c_str())};
    }
    std::size_t len = 0;
    auto name_char = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    };
    while (len < text.size() && name_char(text[len]))
        ++len;
    for (unsigned cap = 0; cap < k_named_caps; ++cap) {
        std::string_view name = cap_table_name(cap);
        if (name.size() == len && strncasecmp(name.data(), text.data(), len) == 0)
            return CapMatch{cap, len};
    }
    return std::nullopt;
}

bool same(const std::optional<CapMatch>& a, const std::optional<CapMatch>& b) {
    if (a.has_value() != b.has_value()) return false;
    return !a || (a->cap == b->cap && a->length == b->length);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text = fuzz::as_text(data, size);
    auto match = match_cap(text);
    FUZZ_CHECK(same(match, oracle(text)));
    FUZZ_CHECK(match ? cap_from_name(text) == match->cap : !cap_from_name(text).has_value());
    if (match) FUZZ_CHECK(match->length > 0 && match->length <= text.size());

    // The printed name of a cap picked by the input reads back as that cap, in any case.
    unsigned cap = size > 0 ? data[0] % 64 : 0;
    std::string name = cap_to_name(cap);
    FUZZ_CHECK(cap < k_named_caps ? name == cap_table_name(cap) : cap_table_name(cap).empty());
    for (std::size_t n = 0; n < name.size() && n + 1 < size; ++n) {
        if (data[n + 1] & 1) name[n] = char(std::toupper(static_cast<unsigned char>(name[n])));
    }
    auto back = match_cap(name);
    FUZZ_CHECK(back && back->cap == cap && back->length == name.size());
    return 0;
}
