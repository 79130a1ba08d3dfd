// Text from the command line shown inside a report of our own (--plan): a newline or another
// control character in an argument must not be able to start a line that looks like ours.
#pragma once

#include <string>
#include <string_view>

namespace capsh {

// `text` with every control character (below 0x20, and 0x7f) and every backslash written as a
// C escape: \n, \t, \r, \\ or \xHH. Printable bytes, including UTF-8, stay as they are.
std::string escape_controls(std::string_view text);

// `word` as a shell word that pastes back to the same bytes: as is when it is plain, in single
// quotes when it has shell syntax, in bash's $'...' with escape_controls' escapes when it has a
// control character.
std::string shell_word(std::string_view word);

}  // namespace capsh
