// Planning of the options that change who the process is.
#include <fmt/format.h>

#include "chars.hpp"
#include "numbers.hpp"
#include "plan_options.hpp"

namespace capsh {
namespace {

// Linux's NGROUPS_MAX (sysconf(_SC_NGROUPS_MAX) answers the same without asking the kernel).
constexpr std::size_t k_max_groups = 65536;

}  // namespace

void plan_uid(PlanBuilder& plan, V value) {
    if (auto uid = nonneg_or_fail(plan, value, "uid")) plan.add(SetUid{*uid, false});
}

void plan_cap_uid(PlanBuilder& plan, V value) {
    if (auto uid = nonneg_or_fail(plan, value, "cap-uid")) plan.add(SetUid{*uid, true});
}

void plan_gid(PlanBuilder& plan, V value) {
    if (auto gid = nonneg_or_fail(plan, value, "gid")) plan.add(SetGid{*gid});
}

void plan_groups(PlanBuilder& plan, V list) {
    SetGroups groups;
    for_each_piece(list, [&](V piece) {
        if (groups.groups.size() == k_max_groups) {
            plan.fail(Error::err(
                fmt::format("Too many groups specified ({})\n", groups.groups.size() + 1)));
            return false;
        }
        // A piece that does not start with a digit is a group name (so "-1" is a name).
        if (is_digit(piece[0])) {
            groups.groups.push_back(GroupEntry{parse_group_number(piece), {}});
        } else {
            groups.groups.push_back(GroupEntry{std::nullopt, std::string(piece)});
        }
        return true;
    });
    if (!plan.finished()) plan.add(std::move(groups));
}

namespace {

// A plain decimal id; -1 (4294967295) is not an id (set*id calls read it as "unchanged").
std::optional<std::uint32_t> decimal_id(V text) {
    if (text.empty() || text.size() > 10) return std::nullopt;
    std::uint64_t value = 0;
    for (char c : text) {
        if (!is_digit(c)) return std::nullopt;
        value = value * 10 + std::uint64_t(c - '0');
    }
    if (value >= 0xffffffffu) return std::nullopt;
    return std::uint32_t(value);
}

// E3: "UID" or "UID:GID" (the gid defaults to the uid).
std::optional<NumericUser> numeric_user(V name) {
    std::size_t colon = name.find(':');
    auto uid = decimal_id(name.substr(0, colon));
    if (!uid) return std::nullopt;
    if (colon == V::npos) return NumericUser{*uid, *uid};
    auto gid = decimal_id(name.substr(colon + 1));
    if (!gid) return std::nullopt;
    return NumericUser{*uid, *gid};
}

}  // namespace

void plan_user(PlanBuilder& plan, V name) {
    plan.add(SetUser{std::string(name), plan.noenv, numeric_user(name)});
}

void plan_noenv(PlanBuilder& plan, V) {
    plan.noenv = true;
}

}  // namespace capsh
