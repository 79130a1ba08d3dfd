// The value checks several options share: numbers and capability names, with capsh's messages.
#include <fmt/format.h>

#include "cap_names.hpp"
#include "hints.hpp"
#include "numbers.hpp"
#include "plan_options.hpp"

namespace capsh {

std::optional<std::uint32_t> nonneg_or_fail(PlanBuilder& plan, V value, V what) {
    auto number = parse_nonneg(value);
    if (!number) {
        plan.fail(
            Error::err(fmt::format("invalid --{} value: want non-negative integer, got \"{}\"\n",
                                   what, value))
                .with_hint("write a decimal, 0x-hex or 0-octal number, with no sign and "
                           "nothing after it"));
    }
    return number;
}

std::optional<unsigned> cap_or_fail(PlanBuilder& plan, V name) {
    auto cap = cap_from_name(name);
    if (!cap) {
        plan.fail(Error::err(fmt::format("cap[{}] not recognized by library\n", name))
                      .with_hint(Hint(unknown_cap_hint, name)));
    }
    return cap;
}

}  // namespace capsh
