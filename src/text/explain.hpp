// --explain and --suggest output: a capability's number, name and description.
#pragma once

#include <string>
#include <string_view>

namespace capsh {

std::string explain_text(unsigned cap, unsigned cap_count);
std::string suggest_text(std::string_view query, unsigned cap_count);

}  // namespace capsh
