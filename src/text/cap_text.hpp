// Capability-set text: libcap's cap_from_text grammar and cap_to_text canonical form (spec 7).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "cap_state.hpp"

namespace capsh {

// Applies the clauses of `text` to `start`, left to right. `kernel_caps` (K) is what "all" and a
// clause without a list mean. Any syntax error rejects the whole text (nullopt).
std::optional<CapState> parse_cap_text(std::string_view text, unsigned kernel_caps,
                                       CapState start = {});

// The canonical text of `state` over the first `kernel_caps` caps, as capsh and getpcaps print.
std::string cap_text(const CapState& state, unsigned kernel_caps);

}  // namespace capsh
