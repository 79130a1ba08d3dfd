// Builds the plan while walking the command line; holds the few settings capsh keeps between
// arguments (--strict, --quiet, --noenv, --shell=, a --forkfor child). All of them are known from
// the command line alone, so planning is pure.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "plan.hpp"

namespace capsh {

struct ParseContext {
    unsigned cap_count;              // K, for "all" in capability text
    std::string_view default_shell;  // what -- runs without --shell=
    std::string_view argv0;          // as invoked: usage and --license print it
};

class PlanBuilder {
  public:
    PlanBuilder(const ParseContext& context, std::span<const char* const> args)
        : context_(context), args_(args), shell_(context.default_shell) {}

    const ParseContext& context() const { return context_; }

    void add(Step step) {
        plan_.push_back(std::move(step));
        origins_.push_back(current_arg);
    }
    // Ends the plan with a failure (the step that fails and everything after never plan).
    void fail(Error error) {
        add(Fail{std::move(error)});
        finished_ = true;
    }
    // Ends the plan with the usage text and capsh's status for it.
    void usage() {
        add(Usage{usage_status()});
        finished_ = true;
    }
    void finish() { finished_ = true; }
    // The arguments after the current one (what a terminator hands on).
    std::vector<std::string> rest() const {
        return {args_.begin() + std::ptrdiff_t(current_arg + 1), args_.end()};
    }
    bool finished() const { return finished_; }

    // Usage exits 0 only when the first argument asked for help, wherever usage happens.
    int usage_status() const {
        std::string_view first = args_.empty() ? "" : args_[0];
        return (first == "--help" || first == "-h") ? 0 : 1;
    }

    // The settings capsh carries from one argument to the next.
    bool strict = false;
    bool quiet = false;
    bool noenv = false;
    bool forked = false;  // --forkfor made a child that --killit has not reaped yet
    bool shell_chosen = false;
    std::string shell() const { return std::string(shell_); }
    void set_shell(std::string_view shell) {
        shell_ = shell;
        shell_chosen = true;
    }

    Plan take() { return std::move(plan_); }
    // For each step, the index of the argument it came from (for --plan's report).
    std::vector<std::size_t> take_origins() { return std::move(origins_); }
    std::size_t current_arg = 0;

  private:
    ParseContext context_;
    std::span<const char* const> args_;
    std::string_view shell_;
    Plan plan_;
    std::vector<std::size_t> origins_;
    bool finished_ = false;
};

}  // namespace capsh
