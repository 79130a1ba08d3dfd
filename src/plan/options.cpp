#include "options.hpp"

#include <array>
#include <cstdint>

#include "plan_options.hpp"

namespace capsh {
namespace {

// Usage lines are capsh's, byte for byte; {shell} is the configured default shell and
// {argv0} the name capsh-ng was invoked as (the usage printer fills them in).
constexpr std::array k_options = {
    OptionSpec{"--addamb=", Match::prefix, plan_addamb,
               "  --addamb=xxx   add xxx,... capabilities to ambient set\n"},
    OptionSpec{"--cap-uid=", Match::prefix, plan_cap_uid,
               "  --cap-uid=<n>  use libcap cap_setuid() to change uid\n"},
    OptionSpec{"--caps=", Match::prefix, plan_caps,
               "  --caps=xxx     set caps as per cap_from_text()\n"},
    OptionSpec{"--chroot=", Match::prefix, plan_chroot,
               "  --chroot=path  chroot(2) to this path\n"},
    OptionSpec{"--current", Match::exact, plan_current,
               "  --current      show current caps and IAB vectors\n"},
    OptionSpec{"--decode=", Match::prefix, plan_decode,
               "  --decode=xxx   decode a hex string to a list of caps\n"},
    OptionSpec{"--delamb=", Match::prefix, plan_delamb,
               "  --delamb=xxx   remove xxx,... capabilities from ambient\n"},
    OptionSpec{"--drop=", Match::prefix, plan_drop,
               "  --drop=xxx     drop xxx,... caps from bounding set\n"},
    OptionSpec{"--explain=", Match::prefix, plan_explain,
               "  --explain=xxx  explain what capability xxx permits\n"},
    OptionSpec{"--forkfor=", Match::prefix, plan_forkfor,
               "  --forkfor=<n>  fork and make child sleep for <n> sec\n"},
    OptionSpec{"--gid=", Match::prefix, plan_gid,
               "  --gid=<n>      set gid to <n> (hint: id <username>)\n"},
    OptionSpec{"--groups=", Match::prefix, plan_groups,
               "  --groups=g,... set the supplemental groups\n"},
    OptionSpec{"--has-a=", Match::prefix, plan_has_a,
               "  --has-a=xxx    exit 1 if capability xxx not ambient\n"},
    OptionSpec{"--has-b=", Match::prefix, plan_has_b,
               "  --has-b=xxx    exit 1 if capability xxx not dropped\n"},
    OptionSpec{"--has-ambient", Match::exact, plan_has_ambient,
               "  --has-ambient  exit 1 unless ambient vector supported\n"},
    OptionSpec{"--has-i=", Match::prefix, plan_has_i,
               "  --has-i=xxx    exit 1 if capability xxx not inheritable\n"},
    OptionSpec{"--has-p=", Match::prefix, plan_has_p,
               "  --has-p=xxx    exit 1 if capability xxx not permitted\n"},
    OptionSpec{"--has-no-new-privs", Match::exact, plan_has_no_new_privs,
               "  --has-no-new-privs  exit 1 if privs not limited\n"},
    OptionSpec{"--help", Match::help, nullptr,
               "  --help, -h     this message (or try 'man capsh')\n"},
    OptionSpec{"--iab=", Match::prefix, plan_iab,
               "  --iab=...      use cap_iab_from_text() to set iab\n"},
    OptionSpec{"--inh=", Match::prefix, plan_inh, "  --inh=xxx      set xxx,.. inheritable set\n"},
    OptionSpec{"--inmode=", Match::prefix, plan_inmode,
               "  --inmode=<xxx> exit 1 if current mode is not <xxx>\n"},
    OptionSpec{"--is-uid=", Match::prefix, plan_is_uid, "  --is-uid=<n>   exit 1 if uid != <n>\n"},
    OptionSpec{"--is-gid=", Match::prefix, plan_is_gid, "  --is-gid=<n>   exit 1 if gid != <n>\n"},
    OptionSpec{"--keep=", Match::prefix, plan_keep,
               "  --keep=<n>     set keep-capability bit to <n>\n"},
    OptionSpec{"--killit=", Match::prefix, plan_killit,
               "  --killit=<n>   send signal(n) to child\n"},
    OptionSpec{"--license", Match::exact, plan_license, "  --license      display license info\n"},
    // One prefix entry covers the query (--mode), the setter (--mode=X) and the error (--modeX).
    OptionSpec{"--mode", Match::prefix, plan_mode,
               "  --mode         display current libcap mode\n"
               "  --mode=<xxx>   set libcap mode to <xxx>\n"},
    OptionSpec{"--modes", Match::exact, plan_modes, "  --modes        list libcap named modes\n"},
    OptionSpec{"--no-new-privs", Match::exact, plan_no_new_privs,
               "  --no-new-privs set sticky process privilege limiter\n"},
    // A prefix, as in capsh: --noambient works too.
    OptionSpec{"--noamb", Match::prefix, plan_noamb,
               "  --noamb        reset (drop) all ambient capabilities\n"},
    OptionSpec{"--noenv", Match::exact, plan_noenv,
               "  --noenv        no fixup of env vars (for --user)\n"},
    OptionSpec{"--print", Match::exact, plan_print,
               "  --print        display capability relevant state\n"},
    OptionSpec{"--quiet", Match::exact, plan_quiet,
               "  --quiet        if first argument skip max cap check\n"},
    OptionSpec{"--secbits=", Match::prefix, plan_secbits,
               "  --secbits=<n>  write a new value for securebits\n"},
    OptionSpec{"--shell=", Match::prefix, plan_shell,
               "  --shell=/xx/yy use /xx/yy instead of {shell} for --\n"},
    OptionSpec{"--strict", Match::exact, plan_strict,
               "  --strict       toggle --caps, --drop and --inh fixups\n"},
    OptionSpec{"--suggest=", Match::prefix, plan_suggest,
               "  --suggest=text search cap descriptions for text\n"},
    OptionSpec{"--supports=", Match::prefix, plan_supports,
               "  --supports=xxx exit 1 if capability xxx unsupported\n"},
    OptionSpec{"--uid=", Match::prefix, plan_uid,
               "  --uid=<n>      set uid to <n> (hint: id <username>)\n"},
    OptionSpec{"--user=", Match::prefix, plan_user,
               "  --user=<name>  set uid,gid and groups to that of user\n"},
    // The terminators: each takes the rest of the line.
    OptionSpec{"==", Match::reruns, plan_exec_self,
               "  ==             re-exec(capsh) with args as for --\n"},
    OptionSpec{"=+", Match::reruns, plan_launch_self,
               "  =+             cap_launch capsh with args as for -+\n"},
    OptionSpec{"--", Match::hands_over, plan_exec_shell,
               "  --             remaining arguments are for {shell}\n"},
    OptionSpec{"-+", Match::hands_over, plan_launch_shell,
               "  -+             cap_launch {shell} with remaining args\n"
               "                 (without -- [{argv0}] will simply exit(0))\n"},
    // Not in capsh's usage text, but accepted by it.
    OptionSpec{"--dropped=", Match::prefix, plan_dropped, ""},
    // capsh-ng's extensions (E1, E4 and E5 of the README's differences from capsh). capsh's
    // --help text stays byte-identical, so they have no usage line; the man page documents them.
    OptionSpec{"--exec", Match::hands_over, plan_exec_program, ""},
    OptionSpec{"--json", Match::exact, plan_json, ""},
    OptionSpec{"--plan", Match::first, nullptr, ""},  // capsh_main runs it (src/simulate)
    // Only after --plan: src/simulate/plan_run.cpp takes it out of the options.
    OptionSpec{"--check", Match::help, nullptr, ""},
};

// The one row that must come first (capsh_main hands everything after it to --plan).
constexpr std::size_t first_only_row() {
    std::size_t found = k_options.size();
    for (std::size_t n = 0; n < k_options.size(); ++n) {
        if (k_options[n].match == Match::first) found = found == k_options.size() ? n : ~found;
    }
    return found;
}
constexpr std::size_t k_first_only = first_only_row();
static_assert(k_first_only < k_options.size(), "exactly one row must be Match::first");

// find_option looks at the rows that share an argument's third character (the one after
// "--"): most arguments have only a few candidates among the table's rows. Forms of two
// characters or fewer (the terminators) make a group of their own, and match whole.
constexpr std::size_t k_short_group = 128;

constexpr std::size_t group_of(std::string_view form) {
    return form.size() > 2 ? static_cast<unsigned char>(form[2]) % 128 : k_short_group;
}

constexpr bool short_forms_match_whole() {
    for (const auto& spec : k_options) {
        if (spec.form.empty()) return false;
        if (spec.form.size() <= 2 && spec.match == Match::prefix) return false;
        if (spec.form.size() > 2 && static_cast<unsigned char>(spec.form[2]) >= 128) return false;
    }
    return true;
}
static_assert(short_forms_match_whole(), "forms are ASCII; the short ones match whole");

// The row numbers grouped by group_of(form), each group in table order (a counting sort):
// group g is rows[start[g]] up to rows[start[g + 1]].
struct RowGroups {
    std::array<std::uint8_t, k_options.size()> rows{};
    std::array<std::uint8_t, k_short_group + 2> start{};
};
static_assert(k_options.size() < 256, "row numbers are bytes");

constexpr RowGroups group_rows() {
    RowGroups groups;
    for (const auto& spec : k_options)
        ++groups.start[group_of(spec.form) + 1];
    for (std::size_t g = 1; g < groups.start.size(); ++g)
        groups.start[g] = static_cast<std::uint8_t>(groups.start[g] + groups.start[g - 1]);
    std::array<std::uint8_t, k_short_group + 2> next = groups.start;
    for (std::size_t n = 0; n < k_options.size(); ++n)
        groups.rows[next[group_of(k_options[n].form)]++] = static_cast<std::uint8_t>(n);
    return groups;
}
constexpr RowGroups k_groups = group_rows();

constexpr bool whole(Match match) {
    return match != Match::prefix && match != Match::help;
}

}  // namespace

std::span<const OptionSpec> option_table() {
    return k_options;
}

const OptionSpec* find_first_only(std::string_view arg) {
    return arg == k_options[k_first_only].form ? &k_options[k_first_only] : nullptr;
}

const OptionSpec* find_option(std::string_view arg) {
    std::size_t group = arg.size() > 2 ? static_cast<unsigned char>(arg[2]) : k_short_group;
    if (group > k_short_group) return nullptr;  // not ASCII: no form has it
    std::span<const std::uint8_t> rows(k_groups.rows.data() + k_groups.start[group],
                                       k_groups.start[group + 1] - k_groups.start[group]);
    for (std::uint8_t row : rows) {  // a whole form first, as capsh compares them
        const OptionSpec& spec = k_options[row];
        if (whole(spec.match) && arg == spec.form) return &spec;
    }
    for (std::uint8_t row : rows) {
        const OptionSpec& spec = k_options[row];
        if (spec.match == Match::prefix && arg.starts_with(spec.form)) return &spec;
    }
    return nullptr;
}

}  // namespace capsh
