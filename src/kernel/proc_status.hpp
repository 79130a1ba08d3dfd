// The IAB tuple of a process as libcap reads it from /proc/<pid>/status (getpcaps
// prints it in brackets).
#pragma once

#include <optional>
#include <string_view>

#include "iab.hpp"

namespace capsh {

// Parses the text of a /proc/<pid>/status file. The CapInh, CapBnd and CapAmb lines must all be
// there; I and A are masked to the first `cap_count` caps and NB is the complement of CapBnd
// within them. Malformed values are read the way libcap 2.66 reads them (see the .cpp), so that
// odd files give the same answer as getpcaps.
std::optional<Iab> iab_from_status(std::string_view status_text, unsigned cap_count);

// Reads /proc/<pid>/status with `pid` exactly as given: 0 names /proc/0/status, which does not
// exist, so it fails like libcap's cap_iab_get_pid(0). nullopt when the file cannot be opened or
// lacks one of the three lines.
std::optional<Iab> read_process_iab(int pid, unsigned cap_count);

}  // namespace capsh
