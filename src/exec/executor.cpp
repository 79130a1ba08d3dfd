#include "executor.hpp"

#include <unistd.h>

#include <cstring>
#include <variant>

#include "executor_steps.hpp"
#include "plan_describe.hpp"

namespace capsh {

int Executor::run(const Plan& plan) {
    for (const Step& s : plan) {
        if (Outcome failed = step(s)) {  // fail closed: nothing after it runs
            failure_ = std::move(failed);
            return failure_->status;
        }
        if (status_) return *status_;
    }
    return 0;
}

Outcome Executor::step(const Step& step) {
    current_ = &step;
    return std::visit([this](const auto& s) { return apply(*this, s); }, step);
}

void Executor::write(std::string_view text) {
    std::fwrite(text.data(), 1, text.size(), out_);
}

bool Executor::writes_to_terminal() const {
    int fd = fileno(out_);
    return fd >= 0 && isatty(fd) == 1;
}

Outcome Executor::caps(CapState& state, std::string_view error_context) {
    if (int err = kernel_.get_caps(state)) return fail_errno(error_context, err);
    return std::nullopt;
}

namespace {

// Hint::ContextProducer: "this step needs ...", then the advice.
std::string step_needs_hint(const void* step, std::string_view advice) {
    std::string needs = step != nullptr ? step_needs(*static_cast<const Step*>(step)) : "";
    if (needs.empty()) return std::string(advice);
    std::string hint = "this step needs " + needs;
    if (!advice.empty()) hint.append(". ").append(advice);
    return hint;
}

}  // namespace

Hint Executor::needs_hint(const char* advice) const {
    return Hint(step_needs_hint, current_, advice);
}

Error fail_errno(std::string_view what, int err, Hint hint) {
    std::string text(what);
    text += ": ";
    text += std::strerror(err);
    text += '\n';
    return Error::err(std::move(text)).with_hint(std::move(hint));
}

Error fail(std::string text, Hint hint) {
    return Error::err(std::move(text)).with_hint(std::move(hint));
}

}  // namespace capsh
