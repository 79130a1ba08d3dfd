#include "usage.hpp"

#include "options.hpp"

namespace capsh {
namespace {

void replace_all(std::string& text, std::string_view from, std::string_view to) {
    for (std::size_t pos = text.find(from); pos != std::string::npos;
         pos = text.find(from, pos + to.size())) {
        text.replace(pos, from.size(), to);
    }
}

}  // namespace

std::string_view usage_footer() {
    return "\ncapsh-ng also has: --exec PROGRAM [ARGS] (run a program without a shell),\n"
           "  --plan [--check[=ID,...]] OPTIONS (what a line would do, with warnings),\n"
           "  --json (the state as JSON); see 'man capsh-ng'\n";
}

std::string usage_text(std::string_view argv0, std::string_view default_shell) {
    std::string text = "usage: {argv0} [args ...]\n";
    for (const auto& option : option_table())
        text += option.usage;
    replace_all(text, "{shell}", default_shell);
    replace_all(text, "{argv0}", argv0);
    return text;
}

std::string license_text(std::string_view argv0) {
    std::string text(argv0);
    text += " is free software (BSD-3-Clause): see the LICENSE file that comes with it.\n";
    text += "Copyright (c) 2026 the capsh-ng authors; capsh-ng is not a part of libcap\n";
    return text;
}

}  // namespace capsh
