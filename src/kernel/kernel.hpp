// The seams between capsh-ng and the operating system. The executor does everything through
// them: LinuxKernel is the real implementation (libcap-ng plus the syscalls it lacks), SimKernel
// models it for --plan, and the unit tests use a recording fake. Each concern has its own
// interface, so a function that only reads capabilities can say so by taking a CapsKernel&;
// Kernel is all four, what the executor holds.
#pragma once

#include "caps_kernel.hpp"
#include "ids_kernel.hpp"
#include "process_kernel.hpp"
#include "user_database.hpp"

namespace capsh {

class Kernel : public CapsKernel, public IdsKernel, public UserDatabase, public ProcessKernel {};

}  // namespace capsh
