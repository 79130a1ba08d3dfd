// The fixed texts capsh prints: usage and license.
#pragma once

#include <string>
#include <string_view>

namespace capsh {

// capsh's usage text, byte for byte, for the name it was invoked as.
std::string usage_text(std::string_view argv0, std::string_view default_shell);

// What follows the usage text on a terminal: capsh-ng's own options, which capsh's text (kept
// byte for byte) cannot list.
std::string_view usage_footer();

// Our license notice, in capsh's two-line layout (the first line starts with argv0).
std::string license_text(std::string_view argv0);

}  // namespace capsh
