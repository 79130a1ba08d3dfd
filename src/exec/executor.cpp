#include "executor.hpp"

#include <unistd.h>

#include <cstring>
#include <variant>

#include "executor_steps.hpp"

namespace capsh {

int Executor::run(const Plan& plan) {
    for (const Step& s : plan) {
        step(s);
        if (status_) return *status_;
    }
    return 0;
}

void Executor::step(const Step& step) {
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
