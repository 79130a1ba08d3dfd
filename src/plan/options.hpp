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
    // Terminators: the whole argument equals the form, and every argument after it belongs to
    // what it runs, so option processing ends there.
    hands_over,  // ... to another program (-- -+ --exec)
    reruns,      // ... to capsh-ng run again, which reads them as options (== =+)
    first,       // only as the first argument, which capsh_main checks before parsing (--plan)
    help,        // never matched: only a line of the usage text (e.g. --help, which falls to usage)
};

struct OptionSpec {
    std::string_view form;
    Match match;
    void (*plan)(PlanBuilder&, std::string_view value);
    std::string_view usage;  // its usage line(s), "" for undocumented options
};

// In usage-text order.
std::span<const OptionSpec> option_table();

// The row an argument matches: whole forms (exact, terminators, first) before prefix forms,
// which reproduces capsh's own matching order (the only overlap is --modes versus the --mode
// prefix); nullptr when none does.
const OptionSpec* find_option(std::string_view arg);

// The row `arg` matches when that row must come first (--plan), else nullptr. Cheaper than
// find_option for capsh_main's look at the first argument: the row is found at compile time.
const OptionSpec* find_first_only(std::string_view arg);

}  // namespace capsh
