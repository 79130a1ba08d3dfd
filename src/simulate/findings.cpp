#include "findings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <bit>

#include "cap_names.hpp"

namespace capsh {
namespace {

constexpr unsigned long k_noroot = 0x1;

constexpr std::string_view k_root_regains = "root-regains-bounding-set";
constexpr std::string_view k_root_group = "root-group-kept";
constexpr std::string_view k_ambient_lost = "ambient-lost";
constexpr std::string_view k_dangerous = "dangerous-bounding-set";
constexpr std::string_view k_setid = "setuid-target";
constexpr std::string_view k_file_caps = "file-caps-target";
constexpr std::string_view k_nnp = "no-new-privs-unset";

constexpr std::array k_kinds = {
    FindingKind{k_root_regains, FindingLevel::warning},
    FindingKind{k_dangerous, FindingLevel::warning},
    FindingKind{k_root_group, FindingLevel::warning},
    FindingKind{k_ambient_lost, FindingLevel::warning},
    FindingKind{k_setid, FindingLevel::warning},
    FindingKind{k_file_caps, FindingLevel::warning},
    FindingKind{k_nnp, FindingLevel::note},
};

// Each of these lets a root process leave a container or take over the kernel.
constexpr std::array<std::string_view, 8> k_dangerous_caps = {
    "cap_sys_admin",       "cap_sys_module", "cap_sys_rawio", "cap_sys_ptrace",
    "cap_dac_read_search", "cap_bpf",        "cap_sys_boot",  "cap_mac_admin",
};

std::uint64_t dangerous_mask() {
    std::uint64_t mask = 0;
    for (std::string_view name : k_dangerous_caps) {
        if (auto cap = cap_from_name(name)) mask |= bit(*cap);
    }
    return mask;
}

bool is_root(const Ids& ids) {
    return ids.uid == 0 || ids.euid == 0;
}

// The kernel's root rule: at exec a root process gets the bounding set.
bool root_rule(const SimState& state) {
    return is_root(state.ids) && !(state.securebits & k_noroot);
}

std::string group_text(gid_t gid, Kernel& names) {
    auto name = names.group_name(gid);
    return name ? fmt::format("{}({})", gid, *name) : fmt::format("{}", gid);
}

void root_regains(const Trace& t, std::vector<Finding>& out) {
    if (!root_rule(t.before_exec) || !root_rule(t.target) || t.target.bounding == 0) return;
    unsigned count = caps_in(t.target.bounding & low_bits(t.cap_count));
    out.push_back(
        {k_root_regains, FindingLevel::warning,
         fmt::format("the target runs as root (uid {}): at exec it gets all {} "
                     "capabilities of the bounding set, whatever the inheritable set",
                     t.target.ids.euid == 0 ? t.target.ids.euid : t.target.ids.uid, count),
         "add --drop=all to empty the bounding set, or --user=NAME"});
}

void dangerous(const Trace& t, std::vector<Finding>& out) {
    std::uint64_t left = t.target.bounding & dangerous_mask();
    if (!root_rule(t.target) || left == 0) return;
    std::string list = cap_list(left, t.cap_count);
    out.push_back({k_dangerous, FindingLevel::warning,
                   fmt::format("the root target keeps {} in its bounding set: enough to leave a "
                               "container or change the kernel",
                               list),
                   fmt::format("add --drop={}", list)});
}

void root_group(const Trace& t, Kernel& names, std::vector<Finding>& out) {
    if (!is_root(t.start.ids) || is_root(t.target.ids)) return;
    const Ids& ids = t.target.ids;
    std::vector<gid_t> kept;
    auto keep = [&](gid_t gid) {
        if (std::find(kept.begin(), kept.end(), gid) == kept.end()) kept.push_back(gid);
    };
    for (gid_t gid : {ids.gid, ids.egid, ids.sgid}) {
        if (gid == 0) keep(gid);
    }
    // Root's own supplementary groups, never replaced (ids the namespace does not map show as
    // the overflow id and grant nothing).
    bool unchanged = t.target.groups == t.start.groups;
    for (gid_t gid : t.target.groups.value_or(std::vector<gid_t>{})) {
        bool mapped = t.maps == nullptr || t.maps->valid_gid(gid);
        if (gid == 0 || (unchanged && mapped && gid != ids.gid)) keep(gid);
    }
    // Groups the kernel would not list may be root's: say so rather than hide them.
    bool unknown = unchanged && !t.target.groups;
    if (kept.empty() && !unknown) return;
    std::string list;
    for (gid_t gid : kept)
        list += (list.empty() ? "" : ",") + group_text(gid, names);
    if (unknown)
        list += list.empty() ? "(its supplementary groups could not be read)"
                             : " (and its supplementary groups could not be read)";
    out.push_back({k_root_group, FindingLevel::warning,
                   fmt::format("the uid changes from 0 to {}, but the target keeps root's group "
                               "{}",
                               ids.uid, list),
                   "set the groups too: --gid=N --groups=N before --uid, or --user=NAME"});
}

std::string_view ambient_reason(AmbientWhy why) {
    switch (why) {
        case AmbientWhy::uid_change:
            return "order: a uid change away from 0 empties the ambient set";
        case AmbientWhy::not_inheritable:
            return "not inheritable: the ambient set only holds inheritable capabilities";
        case AmbientWhy::not_permitted:
            return "not permitted: the ambient set only holds permitted capabilities";
        case AmbientWhy::other_step:
            return "a later step lowers it";
        case AmbientWhy::program_file:
            return "the program has file capabilities or set-id bits, which empty the ambient "
                   "set at exec";
    }
    return "";
}

std::string ambient_fix(AmbientWhy why, std::string_view list) {
    switch (why) {
        case AmbientWhy::uid_change:
            return fmt::format("raise it after the uid change: --user=NAME --addamb={}", list);
        case AmbientWhy::not_inheritable:
            return fmt::format(
                "keep it inheritable: --inh={} before --addamb, and no later "
                "--inh or --caps without it",
                list);
        case AmbientWhy::not_permitted:
            return "no later --caps or --drop may take it out of the permitted set";
        case AmbientWhy::other_step:
            return "remove the later step, or move --addamb after it";
        case AmbientWhy::program_file:
            return "run a program without file capabilities or set-id bits";
    }
    return "";
}

void ambient_lost(const Trace& t, std::vector<Finding>& out) {
    for (const AmbientLoss& loss : t.ambient_lost) {
        std::string list = cap_list(loss.caps, t.cap_count);
        std::string where = loss.step.empty() ? "at exec" : fmt::format("at {}", loss.step);
        out.push_back({k_ambient_lost, FindingLevel::warning,
                       fmt::format("ambient {} is raised but lost {} ({})", list, where,
                                   ambient_reason(loss.why)),
                       ambient_fix(loss.why, list)});
    }
}

void setid_target(const Trace& t, Kernel& names, std::vector<Finding>& out) {
    const Ids& ids = t.target.ids;
    const Ids& plain = t.plain.ids;
    if (ids.euid == plain.euid && ids.egid == plain.egid) return;
    std::string who;
    if (ids.euid != plain.euid) {
        auto user = names.user_names(ids.euid, ids.euid).euid;
        who = fmt::format("effective uid {}{}", ids.euid, user ? fmt::format("({})", *user) : "");
    }
    if (ids.egid != plain.egid) {
        who += fmt::format("{}effective gid {}", who.empty() ? "" : " and ",
                           group_text(ids.egid, names));
    }
    out.push_back({k_setid, FindingLevel::warning,
                   fmt::format("{} is set-{}: the target runs with {}, and {} permitted "
                               "capabilities instead of {}",
                               t.program, ids.euid != plain.euid ? "uid" : "gid", who,
                               caps_in(t.target.caps.p), caps_in(t.plain.caps.p)),
                   "add --no-new-privs (the kernel then ignores set-id bits), or run a program "
                   "without them"});
}

void file_caps_target(const Trace& t, std::vector<Finding>& out) {
    if (!t.file.caps || t.file.nosuid_mount) return;
    if (t.target.caps == t.plain.caps && t.target.ambient == t.plain.ambient) return;
    const FileCaps& caps = *t.file.caps;
    out.push_back(
        {k_file_caps, FindingLevel::warning,
         fmt::format("{} has file capabilities (permitted {}, inheritable {}{}): the target "
                     "starts with permitted {} instead of {}",
                     t.program, cap_list(caps.permitted, t.cap_count),
                     cap_list(caps.inheritable, t.cap_count), caps.effective ? ", effective" : "",
                     cap_list(t.target.caps.p, t.cap_count), cap_list(t.plain.caps.p, t.cap_count)),
         "--drop=CAP limits what they grant (getcap shows them); --no-new-privs keeps the "
         "target within the permitted set it had"});
}

void nnp_unset(const Trace& t, std::vector<Finding>& out) {
    if (t.target.no_new_privs || is_root(t.target.ids)) return;
    out.push_back({k_nnp, FindingLevel::note,
                   "no-new-privs is not set: a set-uid program (su, sudo, mount) can still raise "
                   "the target's privilege",
                   "add --no-new-privs"});
}

}  // namespace

std::span<const FindingKind> finding_kinds() {
    return k_kinds;
}

unsigned caps_in(std::uint64_t mask) {
    return unsigned(std::popcount(mask));
}

std::string cap_list(std::uint64_t mask, [[maybe_unused]] unsigned cap_count) {
    std::string out;
    for (unsigned cap = 0; cap < 64; ++cap) {
        if (!has(mask, cap)) continue;
        if (!out.empty()) out += ',';
        out += cap_to_name(cap);
    }
    return out.empty() ? "none" : out;
}

std::vector<Finding> find_issues(const Trace& trace, Kernel& names) {
    std::vector<Finding> found;
    root_regains(trace, found);
    dangerous(trace, found);
    root_group(trace, names, found);
    ambient_lost(trace, found);
    setid_target(trace, names, found);
    file_caps_target(trace, found);
    nnp_unset(trace, found);
    return found;
}

}  // namespace capsh
