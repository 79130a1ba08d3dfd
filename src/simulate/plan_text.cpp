// The --plan text: a verdict a person reads first, then the steps, each with what it changes.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string_view>

#include "escape.hpp"
#include "plan_result.hpp"

namespace capsh {
namespace {

constexpr unsigned long k_noroot = 0x1;

// Appends one line of output: the one place text from outside is made safe for a terminal.
// Arguments arrive as shell words, with no control character left (shell_word); anything else
// from outside (user and group names, paths in messages) is escaped here, so that no text can
// forge a line of the plan.
void line(std::string& out, std::string_view text) {
    bool clean = std::none_of(text.begin(), text.end(), [](char c) {
        auto byte = static_cast<unsigned char>(c);
        return byte < 0x20 || byte == 0x7f;
    });
    out += clean ? std::string(text) : escape_controls(text);
    out += '\n';
}

std::string user_text(uid_t uid, Kernel& names) {
    auto name = names.user_names(uid, uid).euid;
    return name ? fmt::format("{}({})", uid, *name) : fmt::format("{}", uid);
}

std::string group_text(gid_t gid, Kernel& names) {
    auto name = names.group_name(gid);
    return name ? fmt::format("{}({})", gid, *name) : fmt::format("{}", gid);
}

std::string groups_text(const std::optional<std::vector<gid_t>>& groups, Kernel& names) {
    if (!groups) return "unknown";  // never an empty list that would hide a group
    if (groups->empty()) return "none";
    std::string out;
    for (gid_t gid : *groups)
        out += (out.empty() ? "" : ",") + group_text(gid, names);
    return out;
}

std::string plural(unsigned count) {
    return fmt::format("{} capabilit{}", count, count == 1 ? "y" : "ies");
}

// A set in words, with its size: "none", "all 41 capabilities", "14 capabilities: cap_...".
std::string set_words(std::uint64_t mask, unsigned cap_count) {
    unsigned count = caps_in(mask);
    if (count == 0) return "none";
    if (mask == low_bits(cap_count)) return fmt::format("all {}", plural(count));
    if (count > cap_count / 2 && (mask & ~low_bits(cap_count)) == 0) {
        return fmt::format("{}: all but {}", plural(count),
                           cap_list(low_bits(cap_count) & ~mask, cap_count));
    }
    return fmt::format("{}: {}", plural(count), cap_list(mask, cap_count));
}

// A set in a few words: "none", "all 41", "14".
std::string set_size(std::uint64_t mask, unsigned cap_count) {
    if (mask == 0) return "none";
    if (mask == low_bits(cap_count)) return fmt::format("all {}", caps_in(mask));
    return fmt::format("{}", caps_in(mask));
}

struct NamedSet {
    std::string_view name;
    std::uint64_t mask;
};

std::array<NamedSet, 5> sets_of(const SimState& state) {
    return {{{"effective", state.caps.e},
             {"permitted", state.caps.p},
             {"inheritable", state.caps.i},
             {"ambient", state.ambient},
             {"bounding", state.bounding}}};
}

// One line per distinct set value: "  effective, permitted: none".
void set_lines(std::string& out, const SimState& state, unsigned cap_count) {
    auto sets = sets_of(state);
    std::array<bool, 5> shown{};
    for (std::size_t n = 0; n < sets.size(); ++n) {
        if (shown[n]) continue;
        std::string names(sets[n].name);
        for (std::size_t m = n + 1; m < sets.size(); ++m) {
            if (!shown[m] && sets[m].mask == sets[n].mask) {
                names += fmt::format(", {}", sets[m].name);
                shown[m] = true;
            }
        }
        line(out, fmt::format("  {}: {}", names, set_words(sets[n].mask, cap_count)));
    }
}

std::string ids_text(uid_t real, uid_t effective, std::string_view what,
                     std::string (*name)(unsigned, Kernel&), Kernel& names) {
    std::string out = fmt::format("{} {}", what, name(real, names));
    if (effective != real) out += fmt::format(" (effective {})", name(effective, names));
    return out;
}

std::string runs_as(const SimState& state, Kernel& names) {
    const Ids& ids = state.ids;
    std::string out = fmt::format(
        "{}, {}, groups {}", ids_text(ids.uid, ids.euid, "uid", user_text, names),
        ids_text(ids.gid, ids.egid, "gid", group_text, names), groups_text(state.groups, names));
    if (state.no_new_privs) out += "; no-new-privs set";
    if (state.securebits & k_noroot) out += "; securebits noroot (uid 0 is not privileged)";
    return out;
}

void verdict(std::string& out, const PlanResult& result, Kernel& names) {
    if (!result.steps.empty() && result.steps.back().error) {
        const StepResult& step = result.steps.back();
        line(out, fmt::format("verdict: capsh-ng would stop at step {} ({}) with exit status {}; "
                              "no target runs",
                              result.steps.size(), step.arg, result.status));
        std::string text = step.error->text;
        if (!text.empty() && text.back() == '\n') text.pop_back();
        line(out, fmt::format("  error: {}", text));
        if (!step.hint.empty()) line(out, fmt::format("  fix: {}", step.hint));
        return;
    }
    if (!result.target) {
        line(out, fmt::format("verdict: no target runs; capsh-ng would exit {} after the last "
                              "step",
                              result.status));
        return;
    }
    const Target& target = *result.target;
    line(out, fmt::format("verdict: {} runs as {}", joined(target.argv, 0, target.argv.size()),
                          runs_as(target.state, names)));
    set_lines(out, target.state, result.cap_count);
    for (const Finding& finding : result.findings)
        out += finding_line(finding.level == FindingLevel::warning ? "warning" : "note", finding);
}

std::string ids_change(std::string_view what, uid_t a1, uid_t a2, uid_t a3, uid_t b1, uid_t b2,
                       uid_t b3) {
    if (a1 == b1 && a2 == b2 && a3 == b3) return {};
    return fmt::format("{} {}/{}/{} -> {}/{}/{}", what, a1, a2, a3, b1, b2, b3);
}

std::string set_change(std::string_view name, std::uint64_t before, std::uint64_t after,
                       unsigned cap_count) {
    if (before == after) return {};
    std::uint64_t added = after & ~before, removed = before & ~after;
    if (caps_in(added) + caps_in(removed) <= 4) {
        std::string out(name);
        if (added) out += " +" + cap_list(added, cap_count);
        if (removed) out += " -" + cap_list(removed, cap_count);
        return out;
    }
    return fmt::format("{} {} -> {}", name, set_size(before, cap_count),
                       set_size(after, cap_count));
}

std::string groups_list(const std::optional<std::vector<gid_t>>& groups) {
    if (!groups) return "unknown";
    std::string out;
    for (gid_t gid : *groups)
        out += fmt::format("{}{}", out.empty() ? "" : ",", gid);
    return out.empty() ? "none" : out;
}

// What a step changed: "uid 0/0/0 -> 65534/65534/65534, effective all 41 -> none".
std::string changes(const SimState& a, const SimState& b, unsigned cap_count) {
    std::vector<std::string> parts;
    auto add = [&](std::string part) {
        if (!part.empty()) parts.push_back(std::move(part));
    };
    add(ids_change("uid", a.ids.uid, a.ids.euid, a.ids.suid, b.ids.uid, b.ids.euid, b.ids.suid));
    add(ids_change("gid", a.ids.gid, a.ids.egid, a.ids.sgid, b.ids.gid, b.ids.egid, b.ids.sgid));
    if (a.groups != b.groups) {
        add(fmt::format("groups {} -> {}", groups_list(a.groups), groups_list(b.groups)));
    }
    auto before = sets_of(a), after = sets_of(b);
    for (std::size_t n = 0; n < before.size(); ++n)
        add(set_change(before[n].name, before[n].mask, after[n].mask, cap_count));
    if (a.securebits != b.securebits) {
        add(fmt::format("securebits {:#x} -> {:#x}", a.securebits, b.securebits));
    }
    if (a.no_new_privs != b.no_new_privs) add("no-new-privs set");
    if (parts.empty()) return "nothing";
    std::string out;
    for (const auto& part : parts)
        out += (out.empty() ? "" : ", ") + part;
    return out;
}

std::string state_summary(const SimState& state, unsigned cap_count) {
    const Ids& ids = state.ids;
    std::string out = fmt::format("uid {}/{}/{}, gid {}/{}/{}, groups {}", ids.uid, ids.euid,
                                  ids.suid, ids.gid, ids.egid, ids.sgid, groups_list(state.groups));
    for (const NamedSet& set : sets_of(state))
        out += fmt::format(", {} {}", set.name, set_size(set.mask, cap_count));
    out += fmt::format(", securebits {:#x}, no-new-privs {}", state.securebits,
                       state.no_new_privs ? "set" : "unset");
    return out;
}

void steps(std::string& out, const PlanResult& result) {
    line(out, fmt::format("start: {}", state_summary(result.start, result.cap_count)));
    for (std::size_t n = 0; n < result.steps.size(); ++n) {
        const StepResult& step = result.steps[n];
        // step.arg is already a shell word: escape only the text that comes with it.
        line(out, fmt::format("{}. {}: {}", n + 1, step.arg, escape_controls(step.what.does)));
        if (!step.what.needs.empty()) line(out, fmt::format("   needs: {}", step.what.needs));
        if (step.error) {
            std::string text = step.error->text;
            if (!text.empty() && text.back() == '\n') text.pop_back();
            line(out, fmt::format("   FAILS: {}", text));
            if (!step.hint.empty()) line(out, fmt::format("   fix: {}", step.hint));
        } else {
            line(out,
                 fmt::format("   changes: {}", changes(step.before, step.after, result.cap_count)));
        }
    }
}

}  // namespace

std::string joined(const std::vector<std::string>& words, std::size_t from, std::size_t to) {
    std::string out;
    for (std::size_t n = from; n < to && n < words.size(); ++n) {
        if (!out.empty()) out += ' ';
        out += shell_word(words[n]);
    }
    return out;
}

std::string finding_line(std::string_view label, const Finding& finding) {
    std::string out;
    line(out, fmt::format("{}: {}; {} [{}]", label, finding.message, finding.fix, finding.id));
    return out;
}

std::string plan_text(const PlanResult& result, Kernel& names) {
    std::string out;
    verdict(out, result, names);
    out += '\n';
    steps(out, result);
    return out;
}

}  // namespace capsh
