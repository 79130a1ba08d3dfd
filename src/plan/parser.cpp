#include "parser.hpp"

#include <string_view>

#include "options.hpp"

namespace capsh {

Plan plan_command_line(std::span<const char* const> args, const ParseContext& context,
                       std::vector<std::size_t>* origins) {
    PlanBuilder plan(context, args);
    for (std::size_t n = 0; n < args.size() && !plan.finished(); ++n) {
        std::string_view arg = args[n];
        plan.current_arg = n;
        // The max-cap check happens once, before the first argument, unless that is --quiet.
        if (n == 0 && arg != "--quiet") plan.add(MaxCapCheck{});
        const OptionSpec* spec = find_option(arg);
        if (spec == nullptr || spec->plan == nullptr) {  // --plan past the first argument too
            plan.usage();
            break;
        }
        spec->plan(plan, arg.substr(spec->form.size()));
    }
    if (origins != nullptr) *origins = plan.take_origins();
    return plan.take();
}

}  // namespace capsh
