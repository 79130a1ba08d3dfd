// argv -> plan, strictly left to right as capsh reads it.
#pragma once

#include <span>

#include "plan.hpp"
#include "plan_builder.hpp"

namespace capsh {

// `args` are argv[1..]. The plan ends at the first terminator (-- == -+ =+), at the first
// argument that ends capsh (usage, --license, an invalid value), or when the arguments run out.
// `origins`, when given, receives the argument index each step came from.
Plan plan_command_line(std::span<const char* const> args, const ParseContext& context,
                       std::vector<std::size_t>* origins = nullptr);

}  // namespace capsh
