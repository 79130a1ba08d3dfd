#include "parser.hpp"

#include <string_view>

#include "options.hpp"

namespace capsh {
namespace {

const OptionSpec* find_option(std::string_view arg) {
    for (const auto& spec : option_table()) {
        if (spec.match == Match::exact && arg == spec.form) return &spec;
    }
    for (const auto& spec : option_table()) {
        if (spec.match == Match::prefix && arg.starts_with(spec.form)) return &spec;
    }
    return nullptr;
}

std::vector<std::string> rest_of(std::span<const char* const> args, std::size_t from) {
    return {args.begin() + std::ptrdiff_t(from), args.end()};
}

bool is_terminator(std::string_view arg) {
    return arg == "--" || arg == "-+" || arg == "==" || arg == "=+";
}

// -- and -+ run the shell, == and =+ run capsh again: everything after them is theirs.
void plan_terminator(PlanBuilder& plan, std::string_view arg, std::vector<std::string> rest) {
    RunHow how = (arg == "--" || arg == "==") ? RunHow::exec : RunHow::launch;
    if (arg == "--" || arg == "-+") {
        plan.add(RunShell{how, plan.shell(), plan.shell_chosen, std::move(rest)});
    } else {
        plan.add(RunSelf{how, plan.quiet, std::move(rest)});
    }
    plan.finish();
}

// E1: --exec PROGRAM [ARGS...] ends option processing like --, but runs PROGRAM itself.
void plan_exec(PlanBuilder& plan, std::vector<std::string> rest) {
    if (rest.empty()) {
        plan.fail(Error::err("--exec needs a program to run\n")
                      .with_hint("write the program and its arguments after --exec"));
        return;
    }
    std::string program = std::move(rest.front());
    rest.erase(rest.begin());
    plan.add(RunProgram{std::move(program), std::move(rest)});
    plan.finish();
}

}  // namespace

Plan plan_command_line(std::span<const char* const> args, const ParseContext& context,
                       std::vector<std::size_t>* origins) {
    PlanBuilder plan(context, args);
    for (std::size_t n = 0; n < args.size() && !plan.finished(); ++n) {
        std::string_view arg = args[n];
        plan.current_arg = n;
        // The max-cap check happens once, before the first argument, unless that is --quiet.
        if (n == 0 && arg != "--quiet") plan.add(MaxCapCheck{});
        if (is_terminator(arg)) {
            plan_terminator(plan, arg, rest_of(args, n + 1));
            break;
        }
        if (arg == "--exec") {
            plan_exec(plan, rest_of(args, n + 1));
            break;
        }
        const OptionSpec* spec = find_option(arg);
        if (spec == nullptr) {
            plan.usage();
            break;
        }
        spec->plan(plan, arg.substr(spec->form.size()));
    }
    if (origins != nullptr) *origins = plan.take_origins();
    return plan.take();
}

}  // namespace capsh
