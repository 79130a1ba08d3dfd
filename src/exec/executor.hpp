// Applies a plan, step by step, through the Kernel interface. The first step that fails returns
// an Error (capsh's message and status) as its Outcome; nothing after it runs.
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

    // Runs the plan, stopping at the first step that fails; returns the exit status when it
    // ends without replacing the process. failure() then holds what to report, if a step failed.
    int run(const Plan& plan);
    const Outcome& failure() const { return failure_; }
    // Applies one step (--plan walks the plan itself); ended() once a step ended capsh-ng.
    [[nodiscard]] Outcome step(const Step& step);
    std::optional<int> ended() const { return status_; }

    // ---- for the step handlers (exec_*.cpp) ----
    Kernel& kernel() { return kernel_; }
    const ExecContext& context() const { return context_; }
    void write(std::string_view text);  // to stdout, buffered like capsh's printf
    bool writes_to_terminal() const;
    void end(int status) { status_ = status; }
    unsigned cap_count() { return kernel_.cap_count(); }  // K
    // The hint of the step being applied, should it fail: what it needs, as --plan says it
    // (plan_describe), then `advice` (static text) when given. Produced only when printed.
    Hint needs_hint(const char* advice = "") const;
    // Reads the current E/P/I into `state`, or fails with perror's text for `error_context`.
    [[nodiscard]] Outcome caps(CapState& state, std::string_view error_context);

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
    Outcome failure_;
    const Step* current_ = nullptr;  // the step being applied
};

// capsh's perror(what): "what: <strerror(err)>\n" on stderr, exit status 1; `hint` for E6.
[[nodiscard]] Error fail_errno(std::string_view what, int err, Hint hint = {});
// A message to stderr (text includes its newline), exit status 1.
[[nodiscard]] Error fail(std::string text, Hint hint = {});

}  // namespace capsh
