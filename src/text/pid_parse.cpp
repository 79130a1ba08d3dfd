#include "pid_parse.hpp"

#include <cerrno>
#include <cstdlib>

namespace capsh {

PidParse parse_pid(const char* text) {
    // strtol itself, rather than our own digit loop, so that whitespace, signs and overflow
    // behave exactly as in the original.
    errno = 0;
    char* end = nullptr;
    long value = std::strtol(text, &end, 10);
    if (int error = errno; error != 0) return {0, error};
    if (*end != '\0') return {0, EINVAL};
    if (value < 0 || value != static_cast<pid_t>(value)) return {0, EOVERFLOW};
    return {static_cast<pid_t>(value), 0};
}

}  // namespace capsh
