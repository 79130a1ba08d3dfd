#include "executor.hpp"

#include <unistd.h>

#include <cstring>
#include <variant>

#include "executor_steps.hpp"
#include "plan_describe.hpp"

namespace capsh {

int Executor::run(const Plan& plan) {
    for (const Step& s : plan) {
        step(s);
        if (status_) return *status_;
    }
    return 0;
}

void Executor::step(const Step& step) {
    current_ = &step;
    std::visit([this](const auto& s) { apply(*this, s); }, step);
}

void Executor::write(std::string_view text) {
    std::fwrite(text.data(), 1, text.size(), out_);
}

bool Executor::writes_to_terminal() const {
    int fd = fileno(out_);
    return fd >= 0 && isatty(fd) == 1;
}

CapState Executor::caps(std::string_view error_context) {
    CapState state;
    if (int err = kernel_.get_caps(state)) fail_errno(error_context, err);
    return state;
}

std::string Executor::needs_hint(std::string_view advice) const {
    std::string needs = current_ != nullptr ? step_needs(*current_) : std::string();
    if (needs.empty()) return std::string(advice);
    std::string hint = "this step needs " + needs;
    if (!advice.empty()) hint.append(". ").append(advice);
    return hint;
}

void fail_errno(std::string_view what, int err, std::string hint) {
    std::string text(what);
    text += ": ";
    text += std::strerror(err);
    text += '\n';
    throw Error::err(std::move(text)).with_hint(std::move(hint));
}

void fail(std::string text, std::string hint) {
    throw Error::err(std::move(text)).with_hint(std::move(hint));
}

}  // namespace capsh
