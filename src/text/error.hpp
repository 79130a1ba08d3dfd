// The one error type: what the user sees (exact bytes), where, and the exit status.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace capsh {

enum class Stream { out, err };

// E6: the likely cause and fix of a failure, one line without "hint: " or newline. It is
// printed only when stderr is a terminal or CAPSH_NG_HINTS=1, so it is produced only then: a
// hint holds a fixed text, or a function and the text it works on (a did-you-mean search
// costs more than the rest of a failed run), and text() runs it.
class Hint {
  public:
    using Producer = std::string (*)(std::string_view subject);
    // For a hint about an object the failing code has at hand (the step being applied): the
    // object must outlive the Error, as a plan outlives the run that reports its failure.
    using ContextProducer = std::string (*)(const void* context, std::string_view subject);

    Hint() = default;
    Hint(const char* fixed) : fixed_(fixed) {}  // implicit: a literal is a hint
    Hint(Producer produce, std::string_view subject) : produce_(produce), subject_(subject) {}
    Hint(ContextProducer produce, const void* context, std::string_view subject)
        : produce_with_(produce), context_(context), subject_(subject) {}

    bool empty() const {
        return produce_ == nullptr && produce_with_ == nullptr &&
               (fixed_ == nullptr || *fixed_ == '\0');
    }
    std::string text() const {
        if (produce_ != nullptr) return produce_(subject_);
        if (produce_with_ != nullptr) return produce_with_(context_, subject_);
        return fixed_ != nullptr ? fixed_ : "";
    }

  private:
    const char* fixed_ = nullptr;  // static storage
    Producer produce_ = nullptr;
    ContextProducer produce_with_ = nullptr;
    const void* context_ = nullptr;
    std::string subject_;
};

// A failure that is understood: a step that cannot be done, a value that does not parse. It
// travels as a value (see Outcome), from the step that fails to the top of the program.
// `text` is written verbatim (it carries its own newline, or deliberately none).
struct Error {
    std::string text;
    int status = 1;
    Stream stream = Stream::err;
    Hint hint = {};
    // The errno behind the failure when one system call caused it (0 otherwise): front ends
    // with messages of their own (gosu-ng) word it their way.
    int errnum = 0;

    Error&& with_hint(Hint why) && {
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

// What applying a step comes to: nothing (it was done) or the Error that ends the program.
// Expected failures (a false query, a step the kernel refuses, an unknown name) are values,
// not exceptions: reporting one costs a few thousand instructions, not an unwinder's search.
using Outcome = std::optional<Error>;

}  // namespace capsh
