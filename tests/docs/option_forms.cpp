// Prints capsh-ng's option table, one row per line: form, how it matches, and its usage text
// with newlines written as \n. The documentation checks (check_man.py, check_completion.py)
// read this, so they test against the table the parser really uses.
#include <cstdio>
#include <string_view>

#include "options.hpp"

namespace {

std::string_view match_name(capsh::Match match) {
    switch (match) {
        case capsh::Match::exact:
            return "exact";
        case capsh::Match::prefix:
            return "prefix";
        case capsh::Match::hands_over:
            return "hands-over";
        case capsh::Match::reruns:
            return "reruns";
        case capsh::Match::first:
            return "first";
        case capsh::Match::help:
            return "help";
    }
    return "?";
}

}  // namespace

int main() {
    for (const auto& spec : capsh::option_table()) {
        std::string_view kind = match_name(spec.match);
        std::printf("%.*s\t%.*s\t", int(spec.form.size()), spec.form.data(), int(kind.size()),
                    kind.data());
        for (char c : spec.usage) {
            if (c == '\n') {
                std::fputs("\\n", stdout);
            } else {
                std::putchar(c);
            }
        }
        std::putchar('\n');
    }
    return 0;
}
