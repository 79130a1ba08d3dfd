// Applying uid, gid, group and user changes.
#include <fmt/format.h>

#include <cstring>

#include "executor_steps.hpp"

namespace capsh {
namespace {

constexpr unsigned k_setgid = 6, k_setuid = 7;

// Runs `change` with `cap` raised in E, then empties E (libcap's cap_setuid/cap_setgroups,
// spec 4.1). Returns the errno of the raise or of `change`.
template <typename Change>
int with_cap_raised(Kernel& kernel, unsigned cap, Change change) {
    CapState working;
    if (int err = kernel.get_caps(working)) return err;
    working.e |= bit(cap);
    int err = kernel.set_caps(working);
    if (err == 0) err = change();
    working.e = 0;
    (void)kernel.set_caps(working);
    return err;
}

// libcap's cap_setuid(): keeps P and I across the uid change; E ends empty, keep-caps 0.
int set_uid_keeping_caps(Kernel& kernel, uid_t uid) {
    (void)kernel.set_keepcaps(1);
    int err = with_cap_raised(kernel, k_setuid, [&] { return kernel.set_uid(uid); });
    (void)kernel.set_keepcaps(0);
    return err;
}

// libcap's cap_setgroups(): setgid then setgroups with CAP_SETGID raised; E ends empty.
int set_groups_keeping_caps(Kernel& kernel, gid_t gid, const std::vector<gid_t>& groups) {
    return with_cap_raised(kernel, k_setgid, [&] {
        int err = kernel.set_gid(gid);
        return err != 0 ? err : kernel.set_groups(groups);
    });
}

// D2: the target gets the new user's HOME, USER and LOGNAME whether or not they were set.
void set_user_environment(Kernel& kernel, const std::string& name, const UserEntry& user) {
    if (int err = kernel.set_env("HOME", user.home)) fail_errno("unable to set HOME", err);
    if (int err = kernel.set_env("USER", name)) fail_errno("unable to set USER", err);
    if (int err = kernel.set_env("LOGNAME", name)) fail_errno("unable to set LOGNAME", err);
}

}  // namespace

void apply(Executor& ex, const SetUid& step) {
    if (step.keep_caps) {
        if (int err = set_uid_keeping_caps(ex.kernel(), step.uid)) {
            fail(fmt::format("Failed to cap_setuid({}): {}\n", step.uid, strerror(err)));
        }
    } else if (int err = ex.kernel().set_uid(step.uid)) {
        fail(fmt::format("Failed to set uid={}: {}\n", step.uid, strerror(err)));
    }
}

void apply(Executor& ex, const SetGid& step) {
    if (int err = ex.kernel().set_gid(step.gid)) {
        fail(fmt::format("Failed to set gid={}: {}\n", step.gid, strerror(err)));
    }
}

void apply(Executor& ex, const SetGroups& step) {
    std::vector<gid_t> groups;
    groups.reserve(step.groups.size());
    for (const GroupEntry& entry : step.groups) {
        auto gid = entry.number ? entry.number : ex.kernel().group_by_name(entry.name);
        if (!gid) fail(fmt::format("Failed to identify gid for group [{}]\n", entry.name));
        groups.push_back(*gid);
    }
    if (ex.kernel().set_groups(groups) != 0) fail("Failed to setgroups.\n");
}

void apply(Executor& ex, const SetUser& step) {
    Kernel& kernel = ex.kernel();
    auto user = kernel.user_by_name(step.name);
    if (!user) fail(fmt::format("User [{}] not known\n", step.name));
    auto groups = kernel.group_list(step.name, user->gid);
    if (!groups) fail_errno("Unable to get group list for user", EINVAL);
    if (int err = set_groups_keeping_caps(kernel, user->gid, *groups)) {
        fail_errno("Unable to set group list for user", err);
    }
    if (int err = set_uid_keeping_caps(kernel, user->uid)) {
        fail(fmt::format("Failed to set uid={}(user={}): {}\n", user->uid, step.name,
                         strerror(err)));
    }
    if (!step.noenv) set_user_environment(kernel, step.name, *user);
}

}  // namespace capsh
