// E6: the "hint:" lines that follow capsh's own error messages (cause and fix).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace capsh {

// The capability name closest to a misspelt one ("cap_net_rwa", "NET_RAW", "sys_admn").
std::optional<std::string> closest_cap_name(std::string_view word);

// For an unknown capability name: "did you mean ...?", or how names are written. A
// Hint::Producer: a failure carries Hint(unknown_cap_hint, name), run only when printed.
std::string unknown_cap_hint(std::string_view name);

// For capability text (--caps, --inh) that does not parse. A Hint::Producer too.
std::string cap_text_hint(std::string_view text);

// For the tests: how many did-you-mean searches (closest_cap_name) this process has run.
unsigned long cap_name_searches();

// Whether hints are shown: stderr is a terminal, or CAPSH_NG_HINTS=1.
bool hints_enabled();

}  // namespace capsh
