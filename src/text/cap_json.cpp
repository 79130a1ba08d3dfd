#include "cap_json.hpp"

#include "cap_names.hpp"
#include "cap_state.hpp"

namespace capsh {

void write_cap_names(JsonWriter& json, std::string_view name, std::uint64_t mask,
                     unsigned cap_count) {
    json.key(name).begin_array();
    for (unsigned cap = 0; cap < cap_count && cap < k_max_caps; ++cap) {
        if (has(mask, cap)) json.value(std::string_view(cap_to_name(cap)));
    }
    json.end_array();
}

}  // namespace capsh
