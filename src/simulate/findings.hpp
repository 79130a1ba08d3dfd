// The classic mistakes --plan warns about, each computed from the simulated states of the
// process (never from the text of the command line): who the target runs as, what it keeps,
// and what its program file does at exec.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "exec_file.hpp"
#include "kernel.hpp"
#include "sim_kernel.hpp"

namespace capsh {

enum class FindingLevel { warning, note };

struct FindingKind {
    std::string_view id;  // stable: --check=ID and the JSON name it
    FindingLevel level;
};

// Every finding --plan knows, in the order it reports them.
std::span<const FindingKind> finding_kinds();

struct Finding {
    std::string_view id;
    FindingLevel level;
    std::string message;  // what will happen
    std::string fix;      // what to change on the command line
};

// Why an ambient capability that a step raised is not in the target's ambient set.
enum class AmbientWhy { uid_change, not_inheritable, not_permitted, other_step, program_file };

struct AmbientLoss {
    std::uint64_t caps;
    AmbientWhy why;
    std::string step;  // the argument of the step that lost them ("" at exec)
};

// The states the findings are computed from.
struct Trace {
    unsigned cap_count = 0;
    SimState start;        // before the first step
    SimState before_exec;  // just before the target's exec
    SimState target;       // what the target starts with
    SimState plain;        // what it would start with if its file had no set-id bits or caps
    std::string program;   // the file the target runs (after the PATH search)
    ExecFile file;
    const IdMaps* maps = nullptr;
    std::vector<AmbientLoss> ambient_lost;
};

// `names` answers group and user names (the simulated kernel: inside any --chroot).
std::vector<Finding> find_issues(const Trace& trace, Kernel& names);

// "cap_chown,cap_kill"; "none" for an empty mask.
std::string cap_list(std::uint64_t mask, unsigned cap_count);
unsigned caps_in(std::uint64_t mask);

}  // namespace capsh
