// The whole command line: argv -> plan (plan_command_line), as capsh-ng plans it before applying
// anything. Input: the arguments, separated by NUL bytes (an argument can hold anything else,
// newlines and invalid UTF-8 included).
//
// Checks that planning never crashes and always ends the plan properly:
//   * a step that ends capsh (Fail, Usage, Exit, RunShell, RunSelf, RunProgram) is only ever the
//     last one,
//     and a plan that stopped before a terminator ends with a step that is not one after which
//     capsh goes on (steps of types added later count as neither, so the checks stay sound);
//   * the max-cap check comes first, once, unless the first argument is --quiet;
//   * a run step appears exactly when a terminator (-- -+ == =+ --exec) was reached, and it
//     carries every argument after the first terminator, verbatim; with no terminator, none
//     does;
//   * a parse-time failure exits non-zero.
#include <optional>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include "fuzz_check.hpp"
#include "parser.hpp"

using namespace capsh;

namespace {

template <typename T, typename... Types>
constexpr bool is_one_of = (std::is_same_v<T, Types> || ...);

bool ends_capsh(const Step& step) {
    return std::holds_alternative<Fail>(step) || std::holds_alternative<Usage>(step) ||
           std::holds_alternative<Exit>(step) || std::holds_alternative<RunShell>(step) ||
           std::holds_alternative<RunSelf>(step) || std::holds_alternative<RunProgram>(step);
}

// Steps after which capsh goes on with the next argument.
bool continues(const Step& step) {
    return std::visit(
        [](const auto& s) {
            using T = std::decay_t<decltype(s)>;
            return is_one_of<T, MaxCapCheck, Message, Print, Current, Decode, Supports, HasCap,
                             HasAmbient, HasNoNewPrivs, IsId, ModeQuery, InMode, Explain, Suggest,
                             CheckDropped, SetCaps, SetInheritable, DropBound, DropAllBound,
                             Ambient, AmbientAll, ResetAmbient, SetIab, SetMode, SetKeepCaps,
                             SetSecbits, SetNoNewPrivs, Chroot, SetUid, SetGid, SetGroups, SetUser,
                             ForkFor, KillIt, PrintJson>;
        },
        step);
}

bool is_terminator(std::string_view arg) {
    return arg == "--" || arg == "-+" || arg == "==" || arg == "=+" || arg == "--exec";
}

// The arguments a run step hands on (for --exec, the program first); nullopt for other steps.
std::optional<std::vector<std::string>> run_args(const Step& step) {
    if (auto* shell = std::get_if<RunShell>(&step)) return shell->args;
    if (auto* self = std::get_if<RunSelf>(&step)) return self->args;
    if (auto* program = std::get_if<RunProgram>(&step)) {
        std::vector<std::string> args{program->program};
        args.insert(args.end(), program->args.begin(), program->args.end());
        return args;
    }
    return std::nullopt;
}

std::vector<std::string> split_args(std::string_view text) {
    std::vector<std::string> args;
    if (text.empty()) return args;
    for (;;) {
        std::size_t nul = text.find('\0');
        args.emplace_back(text.substr(0, nul));
        if (nul == std::string_view::npos) return args;
        text.remove_prefix(nul + 1);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::vector<std::string> args = split_args(fuzz::as_text(data, size));
    std::vector<const char*> argv;
    for (const auto& arg : args)
        argv.push_back(arg.c_str());
    const ParseContext context{41, "/bin/bash", "capsh"};
    Plan plan = plan_command_line(argv, context);

    for (std::size_t n = 0; n + 1 < plan.size(); ++n)
        FUZZ_CHECK(!ends_capsh(plan[n]));
    bool max_cap_first = !args.empty() && args[0] != "--quiet";
    if (max_cap_first) FUZZ_CHECK(!plan.empty() && std::holds_alternative<MaxCapCheck>(plan[0]));
    for (std::size_t n = max_cap_first ? 1 : 0; n < plan.size(); ++n)
        FUZZ_CHECK(!std::holds_alternative<MaxCapCheck>(plan[n]));

    std::size_t terminator = 0;
    while (terminator < args.size() && !is_terminator(args[terminator]))
        ++terminator;
    auto ran = plan.empty() ? std::nullopt : run_args(plan.back());
    if (terminator == args.size()) {
        FUZZ_CHECK(!ran);
    } else if (ran) {
        std::vector<std::string> rest(args.begin() + std::ptrdiff_t(terminator) + 1, args.end());
        FUZZ_CHECK(*ran == rest);
    } else {
        FUZZ_CHECK(!plan.empty() && !continues(plan.back()));  // stopped before the terminator
    }
    if (!plan.empty()) {
        if (auto* fail = std::get_if<Fail>(&plan.back())) FUZZ_CHECK(fail->error.status != 0);
    }
    return 0;
}
