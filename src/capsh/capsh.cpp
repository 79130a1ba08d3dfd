#include "capsh.hpp"

#include <cstdio>
#include <span>

#include "config.h"
#include "executor.hpp"
#include "hints.hpp"
#include "linux_kernel.hpp"
#include "options.hpp"
#include "parser.hpp"
#include "plan_run.hpp"

namespace capsh {
namespace {

void report(const Error& error) {
    std::FILE* stream = error.stream == Stream::out ? stdout : stderr;
    std::fwrite(error.text.data(), 1, error.text.size(), stream);
    if (!error.hint.empty() && hints_enabled()) {  // only now is the hint produced
        // After capsh's own message, which may be on stdout or lack its newline (--chroot).
        std::fflush(stdout);
        bool newline = stream == stderr && !error.text.empty() && error.text.back() != '\n';
        std::fprintf(stderr, "%shint: %s\n", newline ? "\n" : "", error.hint.text().c_str());
    }
}

// Whether the plan ends by starting a program (only then can there be warnings for it).
bool runs_target(const Plan& plan) {
    return !plan.empty() && (std::holds_alternative<RunShell>(plan.back()) ||
                             std::holds_alternative<RunProgram>(plan.back()));
}

}  // namespace

int capsh_main(int argc, char** argv) {
    std::string_view argv0 = argc > 0 && argv[0] ? argv[0] : "";
    std::span<const char* const> args(argv + (argc > 0 ? 1 : 0), argc > 1 ? argc - 1 : 0);
    LinuxKernel kernel;
    if (!args.empty() && find_first_only(args[0]) != nullptr) {  // --plan
        return run_plan_mode(args.subspan(1), kernel,
                             {kernel.cap_count(), CAPSH_NG_DEFAULT_SHELL, argv0});
    }
    ParseContext context{kernel.cap_count(), CAPSH_NG_DEFAULT_SHELL, argv0};
    Plan plan = plan_command_line(args, context);
    Executor executor(kernel, stdout, {argv0, CAPSH_NG_DEFAULT_SHELL});
    if (runs_target(plan) && hints_enabled()) {
        executor.before_target = target_warnings(args, kernel, context);
    }
    int status = executor.run(plan);
    if (const Outcome& failed = executor.failure()) report(*failed);
    return status;
}

}  // namespace capsh
