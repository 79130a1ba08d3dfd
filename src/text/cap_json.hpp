// Capability sets in JSON, as --json and getpcaps --json write them.
#pragma once

#include <cstdint>
#include <string_view>

#include "json.hpp"

namespace capsh {

// `"name":["cap_chown",...]` for the caps of `mask` below `cap_count`.
void write_cap_names(JsonWriter& json, std::string_view name, std::uint64_t mask,
                     unsigned cap_count);

}  // namespace capsh
