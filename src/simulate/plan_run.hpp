// E5: --plan. Runs the plan against SimKernel (a model seeded from the real process) and
// reports each step, the privilege it needs, the state after it, and the state the target
// would start with, without changing anything.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "kernel.hpp"
#include "plan.hpp"
#include "plan_builder.hpp"

namespace capsh {

// `args` are the arguments after --plan. Returns 0 when every step would succeed, 1 otherwise.
int run_plan_mode(std::span<const char* const> args, Kernel& real, const ParseContext& context);

}  // namespace capsh
