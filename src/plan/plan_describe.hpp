// E5: what a step does and the privilege it needs, in words, for --plan.
#pragma once

#include <string>

#include "plan.hpp"

namespace capsh {

struct StepDescription {
    std::string does;
    std::string needs;  // "" when the step needs no privilege
};

StepDescription describe(const Step& step);

}  // namespace capsh
