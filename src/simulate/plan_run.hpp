// E5: --plan. Runs the plan against SimKernel (a model seeded from the real process) and
// reports a verdict (who the target runs as, with which capabilities, and the findings), then
// each step, the privilege it needs and what it changes, without changing anything.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "kernel.hpp"
#include "plan.hpp"
#include "plan_builder.hpp"

namespace capsh {

// `args` are the arguments after --plan. Returns 0 when every step would succeed (and, with
// --check, no chosen finding fires), 1 otherwise, 2 for an unknown --check=ID.
int run_plan_mode(std::span<const char* const> args, Kernel& real, const ParseContext& context);

// The warnings of a command line's target as `warning:` lines, for printing before it starts
// (when hints are on). "" when a step would fail, nothing would run, or an == / =+ re-run
// comes first (the next capsh-ng warns for itself).
std::string target_warnings(std::span<const char* const> args, Kernel& real,
                            const ParseContext& context);

}  // namespace capsh
