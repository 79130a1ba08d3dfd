// The seam getpcaps reads other processes through: their E/P/I sets and their IAB. The real
// one asks the kernel and /proc; the unit tests give getpcaps made-up processes.
#pragma once

#include <sys/types.h>

#include <optional>

#include "cap_state.hpp"
#include "iab.hpp"

namespace capsh {

class ProcessReader {
  public:
    virtual ~ProcessReader() = default;

    virtual unsigned cap_count() = 0;  // K, of the running kernel
    // The E/P/I sets of `pid` (0: the caller) below K; 0 or the errno of the failed read.
    virtual int read_caps(pid_t pid, CapState& out) = 0;
    // The IAB of `pid` from /proc/PID/status, taken as given (0 names no process); nullopt
    // when it cannot be read.
    virtual std::optional<Iab> read_iab(pid_t pid) = 0;
};

class LinuxProcessReader final : public ProcessReader {
  public:
    unsigned cap_count() override;
    int read_caps(pid_t pid, CapState& out) override;
    std::optional<Iab> read_iab(pid_t pid) override;
};

}  // namespace capsh
