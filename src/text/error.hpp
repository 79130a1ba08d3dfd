// The one error type: what the user sees (exact bytes), where, and the exit status.
#pragma once

#include <string>
#include <utility>

namespace capsh {

enum class Stream { out, err };

// Thrown where a failure is understood; caught once at the top of each program.
// `text` is written verbatim (it carries its own newline, or deliberately none).
struct Error {
    std::string text;
    int status = 1;
    Stream stream = Stream::err;
    // E6: the likely cause and fix, one line without "hint: " or newline. Printed after `text`
    // only when stderr is a terminal or CAPSH_NG_HINTS=1, so scripts see capsh's bytes.
    std::string hint = {};
    // The errno behind the failure when one system call caused it (0 otherwise): front ends
    // with messages of their own (gosu-ng) word it their way.
    int errnum = 0;

    Error&& with_hint(std::string why) && {
        hint = std::move(why);
        return std::move(*this);
    }

    Error&& with_errno(int err) && {
        errnum = err;
        return std::move(*this);
    }

    static Error err(std::string text, int status = 1) {
        return Error{std::move(text), status, Stream::err};
    }
    static Error out(std::string text, int status = 1) {
        return Error{std::move(text), status, Stream::out};
    }
};

}  // namespace capsh
