// What gosu-ng and su-exec-ng share: the extensions they take before USER-SPEC (options neither
// gosu nor su-exec has), the refusal to run set-uid, and the loop that runs their plans, each
// step with the message its program prints if the step fails.
#pragma once

#include <cstdio>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "executor.hpp"

namespace capsh {

struct Extensions {
    std::vector<unsigned> keep;  // --keep-cap=CAP[,CAP...]
    bool drop_bounding = false;  // --drop-bounding
    bool no_new_privs = false;   // --no-new-privs
};

// The extensions at the front of `args`, which are consumed; a name that is not a capability
// is returned in `bad_name`.
struct TakenExtensions {
    Extensions ext;
    std::optional<std::string> bad_name;
};
TakenExtensions take_extensions(std::span<const char* const>& args);

// One step of a plan and the message its program prints if it fails; with `with_errno`, the
// program's wording of the error number follows ": ".
struct Planned {
    Step step;
    std::string message;
    bool with_errno = false;
};
using ErrnoText = std::string (*)(int err);

// Where the program's file is set-uid or set-gid (any user could become any other through
// it), the reason it refuses to run, worded after `prefix` and `program`; an errno text when
// the file cannot be looked at.
std::optional<std::string> set_id_refusal(std::string_view prefix, std::string_view program,
                                          ErrnoText errno_text);

// The extensions' steps that come before the identity change (checks, no-new-privs, keeping
// the capabilities through it, emptying the bounding set), and those after it (the kept
// capabilities raised in the ambient set). Messages start with `prefix`. Fails (returns the
// message) only when the current capabilities cannot be read.
std::optional<std::string> plan_before_switch(const Extensions& ext, Kernel& kernel,
                                              std::string_view prefix, ErrnoText errno_text,
                                              std::vector<Planned>& plan);
void plan_after_switch(const Extensions& ext, std::string_view prefix, std::vector<Planned>& plan);

// Runs the plan; on the first failing step prints its message to stderr and exits with 1.
// Returns only if no step replaced the process, which a plan ending in an exec never does.
void run_entry_plan(Executor& executor, const std::vector<Planned>& plan, ErrnoText errno_text);

// Writes `text` to `stream` and exits with `status`.
[[noreturn]] void quit(int status, std::FILE* stream, std::string_view text);

}  // namespace capsh
