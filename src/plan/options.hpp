// The table of capsh's options: how each argument is matched, which parser function plans it,
// and its line in the usage text. Parsing, --help and the man-page check all read this table.
#pragma once

#include <span>
#include <string_view>

namespace capsh {

class PlanBuilder;

enum class Match {
    exact,   // the whole argument equals the form
    prefix,  // the argument starts with the form; the rest is the value
    help,    // never matched: only a line of the usage text (e.g. --help, which falls to usage)
};

struct OptionSpec {
    std::string_view form;
    Match match;
    void (*plan)(PlanBuilder&, std::string_view value);
    std::string_view usage;  // its usage line(s), "" for undocumented options
};

// In usage-text order. Exact forms are tried before prefix forms, which reproduces capsh's
// own matching order (the only overlap is --modes versus the --mode prefix).
std::span<const OptionSpec> option_table();

}  // namespace capsh
