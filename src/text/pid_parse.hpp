// getpcaps' PID arguments: C strtol in base 10 plus libcap 2.66's range checks (as getpcaps 2.66).
#pragma once

#include <sys/types.h>

namespace capsh {

// A parsed PID, or why the text is not one. getpcaps prints strerror(error), so the error is
// kept as the errno value the original reports rather than as our own message.
struct PidParse {
    pid_t pid = 0;
    int error = 0;  // 0, ERANGE (overflows long), EINVAL (junk after digits), EOVERFLOW (< 0 or
                    // too big for pid_t)
};

// Leading whitespace and a sign are accepted, and so is text with no digits at all as long as
// nothing follows: "" is PID 0, which capget reads as "the calling process".
PidParse parse_pid(const char* text);

}  // namespace capsh
