// What each capability permits, in our own words (printed by --explain and searched by --suggest).
#pragma once
#include <span>
#include <string_view>
namespace capsh {
// The description lines of capability `cap` (0..40); an empty span for any other number.
std::span<const std::string_view> cap_description(unsigned cap);
}  // namespace capsh
