// Reading a whole (small) file: /proc entries, /etc/passwd and /etc/group.
#pragma once

#include <optional>
#include <string>

namespace capsh {

// The file's bytes; nullopt when it cannot be opened. A read error ends the text where it
// happened (as a reader's fgets loop would stop there).
std::optional<std::string> read_file(const std::string& path);

}  // namespace capsh
