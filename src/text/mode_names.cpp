#include "mode_names.hpp"

#include <iterator>

namespace capsh {
namespace {

// Inline rows, not pointers: no relocation at start-up (as the name table in cap_names.hpp).
constexpr char k_mode_names[][12] = {"UNCERTAIN", "NOPRIV", "PURE1E_INIT", "PURE1E", "HYBRID"};

}  // namespace

std::string_view mode_name(Mode mode) {
    auto n = std::size_t(mode);
    return n < std::size(k_mode_names) ? k_mode_names[n] : "UNKNOWN";
}

std::optional<Mode> mode_from_name(std::string_view name) {
    for (std::size_t n = 1; n < std::size(k_mode_names); ++n) {
        if (k_mode_names[n] == name) return Mode(n);
    }
    return std::nullopt;
}

}  // namespace capsh
