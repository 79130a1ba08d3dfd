#include "executor.hpp"

#include <cstring>
#include <variant>

#include "executor_steps.hpp"

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
    return std::visit([this](const auto& s) { return apply(*this, s); }, step);
}

void Executor::write(std::string_view text) {
    std::fwrite(text.data(), 1, text.size(), out_);
}

Outcome Executor::caps(CapState& state, std::string_view error_context) {
    if (int err = kernel_.get_caps(state)) return fail_errno(error_context, err);
    return std::nullopt;
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
