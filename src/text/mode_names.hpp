// libcap's named modes and their names: the vocabulary of --mode, --inmode and --print.
#pragma once

#include <optional>
#include <string_view>

namespace capsh {

enum class Mode { uncertain = 0, nopriv = 1, pure1e_init = 2, pure1e = 3, hybrid = 4 };

std::string_view mode_name(Mode mode);                      // "HYBRID", ..., "UNCERTAIN"
std::optional<Mode> mode_from_name(std::string_view name);  // the four settable names only

}  // namespace capsh
