// The state reports of --print and --current (capsh's layout), built from the Kernel interface.
#pragma once

#include <string>

#include "iab.hpp"
#include "kernel.hpp"

namespace capsh {

// The IAB of the running process: I from its caps, NB and A from prctl reads (as libcap's
// cap_iab_get_proc).
Iab current_iab(Kernel& kernel, const CapState& caps);

// From the caps read by the caller (which fails the step when they cannot be read):
std::string current_report(Kernel& kernel,
                           const CapState& caps);  // "Current: ...\nCurrent IAB: ...\n"
std::string print_report(Kernel& kernel, const CapState& caps);  // the whole --print block

}  // namespace capsh
