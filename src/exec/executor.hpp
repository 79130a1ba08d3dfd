// Applies a plan, step by step, through the Kernel interface. The first step that fails throws
// an Error (capsh's message and status); nothing after it runs.
#pragma once

#include <sys/types.h>

#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

#include "kernel.hpp"
#include "plan.hpp"

namespace capsh {

struct ExecContext {
    std::string_view argv0;          // as invoked: usage, --license and == use it
    std::string_view default_shell;  // for the usage text
};

class Executor {
  public:
    Executor(Kernel& kernel, std::FILE* out, ExecContext context)
        : kernel_(kernel), out_(out), context_(context) {}

    // Runs the plan; returns the exit status when it ends without replacing the process.
    int run(const Plan& plan);
    // Applies one step (--plan walks the plan itself); ended() once a step ended capsh-ng.
    void step(const Step& step);
    std::optional<int> ended() const { return status_; }

    // ---- for the step handlers (exec_*.cpp) ----
    Kernel& kernel() { return kernel_; }
    const ExecContext& context() const { return context_; }
    void write(std::string_view text);  // to stdout, buffered like capsh's printf
    bool writes_to_terminal() const;
    void end(int status) { status_ = status; }
    unsigned cap_count() { return kernel_.cap_count(); }  // K
    CapState caps(std::string_view error_context);        // current E/P/I, or fail with perror text
    // The hint of the step being applied when it fails: what it needs, as --plan says it
    // (plan_describe), then `advice` when given.
    std::string needs_hint(std::string_view advice = {}) const;

    // The --forkfor child: 0 none, >0 its pid, <0 the fork failed (capsh still counts that).
    pid_t child = 0;
    // Printed on stderr just before the target (the shell or --exec's program) starts: the
    // warnings of --plan, when hints are on. Empty otherwise.
    std::string before_target;

  private:
    Kernel& kernel_;
    std::FILE* out_;
    ExecContext context_;
    std::optional<int> status_;
    const Step* current_ = nullptr;  // the step being applied
};

// capsh's perror(what): "what: <strerror(err)>\n" on stderr, exit status 1; `hint` for E6.
[[noreturn]] void fail_errno(std::string_view what, int err, std::string hint = {});
// A message to stderr (text includes its newline), exit status 1.
[[noreturn]] void fail(std::string text, std::string hint = {});

}  // namespace capsh
