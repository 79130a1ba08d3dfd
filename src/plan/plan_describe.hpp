// E5: what a step does and the privilege it needs, in words. --plan prints both; a step that
// fails when it is applied gives what it needs as its hint, so the two never disagree.
#pragma once

#include <string>

#include "plan.hpp"

namespace capsh {

struct StepDescription {
    std::string does;
    std::string needs;  // step_needs(step)
};

StepDescription describe(const Step& step);

// What the step needs to succeed ("CAP_SETUID permitted"), "" when it needs nothing.
std::string step_needs(const Step& step);

}  // namespace capsh
