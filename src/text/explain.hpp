// --explain and --suggest output (spec 10).
#pragma once

#include <string>
#include <string_view>

namespace capsh {

std::string explain_text(unsigned cap, unsigned kernel_caps);
std::string suggest_text(std::string_view query, unsigned kernel_caps);

}  // namespace capsh
