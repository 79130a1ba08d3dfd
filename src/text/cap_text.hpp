// Capability-set text: libcap's cap_from_text grammar and cap_to_text canonical form (the
// "cap_chown,cap_kill=ep cap_net_raw+i" text).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "cap_state.hpp"

namespace capsh {

// Applies the clauses of `text` to `start`, left to right. `cap_count` (K) is what "all" and a
// clause without a list mean. Any syntax error rejects the whole text (nullopt).
std::optional<CapState> parse_cap_text(std::string_view text, unsigned cap_count,
                                       CapState start = {});

// The canonical text of `state` over the first `cap_count` caps, as capsh and getpcaps print.
std::string cap_text(const CapState& state, unsigned cap_count);

}  // namespace capsh
