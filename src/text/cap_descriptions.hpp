// What each capability permits, in our own words (printed by --explain and searched by --suggest).
#pragma once
#include <string_view>
namespace capsh {
// The description of capability `cap` (0..k_named_caps-1), each line ending in '\n'; empty for
// any other number.
std::string_view cap_description(unsigned cap);
}  // namespace capsh
