// What --plan found: the steps with the simulated state before and after each, the target, and
// the findings. plan_run.cpp fills it; plan_text.cpp prints it for people.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "error.hpp"
#include "findings.hpp"
#include "plan_describe.hpp"
#include "sim_kernel.hpp"

namespace capsh {

struct StepResult {
    std::string arg;  // the argument(s) the step came from, as typed
    StepDescription what;
    std::optional<Error> error;  // set when the step would fail
    SimState before, after;
    std::string state_json;  // the state after it (empty when it fails)
    std::string hint;        // the error's hint, worded while the plan it names still exists
};

struct Target {
    RunHow how;
    std::vector<std::string> argv;
    std::string program;  // the file that runs (after the PATH search)
    ExecFile file;
    SimState before_exec, state;
    std::string state_json;
};

struct PlanResult {
    unsigned cap_count = 0;
    SimState start;
    std::string start_json;
    std::vector<StepResult> steps;
    std::optional<Target> target;
    bool reran = false;  // an == or =+ step runs capsh-ng again on the way
    std::vector<AmbientLoss> ambient_lost;
    std::vector<Finding> findings;
    int status = 0;
};

// The --plan text: the verdict (who the target runs as, its capabilities, the findings), then
// each step with only what it changes. `names` looks up user and group names.
std::string plan_text(const PlanResult& result, Kernel& names);

// "warning: MESSAGE; FIX [ID]" and its newline, escaped for a terminal.
std::string finding_line(std::string_view label, const Finding& finding);

// Words as the shell would take them back (shell_word), joined with spaces.
std::string joined(const std::vector<std::string>& words, std::size_t from, std::size_t to);

}  // namespace capsh
