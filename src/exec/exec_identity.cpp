// Applying uid, gid, group and user changes.
#include <fmt/format.h>

#include <cstring>

#include "cap_names.hpp"
#include "executor_steps.hpp"

namespace capsh {
namespace {

// Runs `change` with `cap` raised in E, then empties E (libcap's cap_setuid/cap_setgroups,
// which leave E empty whatever it held before). Returns the errno of the raise or of `change`.
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
    int err = with_cap_raised(kernel, k_cap_setuid, [&] { return kernel.set_uid(uid); });
    (void)kernel.set_keepcaps(0);
    return err;
}

// libcap's cap_setgroups(): setgid then setgroups with CAP_SETGID raised; E ends empty.
int set_groups_keeping_caps(Kernel& kernel, gid_t gid, const std::vector<gid_t>& groups) {
    return with_cap_raised(kernel, k_cap_setgid, [&] {
        int err = kernel.set_gid(gid);
        return err != 0 ? err : kernel.set_groups(groups);
    });
}

// D2: the target gets the new user's HOME, USER and LOGNAME whether or not they were set.
Outcome set_user_environment(Kernel& kernel, const std::string& name, const UserEntry& user) {
    if (int err = kernel.set_env("HOME", user.home)) return fail_errno("unable to set HOME", err);
    if (int err = kernel.set_env("USER", name)) return fail_errno("unable to set USER", err);
    if (int err = kernel.set_env("LOGNAME", name)) return fail_errno("unable to set LOGNAME", err);
    return std::nullopt;
}

}  // namespace

Outcome apply(Executor& ex, const SetUid& step) {
    if (step.keep_caps) {
        if (int err = set_uid_keeping_caps(ex.kernel(), step.uid)) {
            return fail(fmt::format("Failed to cap_setuid({}): {}\n", step.uid, strerror(err)),
                        ex.needs_hint());
        }
    } else if (int err = ex.kernel().set_uid(step.uid)) {
        return fail(fmt::format("Failed to set uid={}: {}\n", step.uid, strerror(err)),
                    ex.needs_hint("Leaving root also clears the capabilities: --keep=1 keeps "
                                  "the permitted set, --cap-uid keeps P and I"))
            .with_errno(err);
    }
    return std::nullopt;
}

Outcome apply(Executor& ex, const SetGid& step) {
    if (int err = ex.kernel().set_gid(step.gid)) {
        return fail(fmt::format("Failed to set gid={}: {}\n", step.gid, strerror(err)),
                    ex.needs_hint("Put --gid before the steps that give it up"))
            .with_errno(err);
    }
    return std::nullopt;
}

Outcome apply(Executor& ex, const SetGroups& step) {
    std::vector<gid_t> groups;
    groups.reserve(step.groups.size());
    for (const GroupEntry& entry : step.groups) {
        auto gid = entry.number ? entry.number : ex.kernel().group_by_name(entry.name);
        if (!gid) {
            return fail(fmt::format("Failed to identify gid for group [{}]\n", entry.name),
                        "no group has that name; numbers are taken as gids");
        }
        groups.push_back(*gid);
    }
    if (int err = ex.kernel().set_groups(groups)) {
        return fail("Failed to setgroups.\n",
                    ex.needs_hint("Put --groups before --user, --uid or --caps, which give it up"))
            .with_errno(err);
    }
    return std::nullopt;
}

namespace {

// What --user does once it knows the ids: groups first, then the uid, keeping P and I.
Outcome switch_user(Executor& ex, const std::string& name, uid_t uid, gid_t gid,
                    const std::vector<gid_t>& groups) {
    constexpr const char* k_advice =
        "Keep them until --user: drop them with --caps or --drop after it";
    if (int err = set_groups_keeping_caps(ex.kernel(), gid, groups)) {
        return Error::err(fmt::format("Unable to set group list for user: {}\n", strerror(err)))
            .with_hint(ex.needs_hint(k_advice));
    }
    if (int err = set_uid_keeping_caps(ex.kernel(), uid)) {
        return Error::err(
                   fmt::format("Failed to set uid={}(user={}): {}\n", uid, name, strerror(err)))
            .with_hint(ex.needs_hint(k_advice));
    }
    return std::nullopt;
}

// E3: a numeric --user with no passwd entry: those ids, no supplementary groups, HOME=/.
Outcome switch_to_numeric_user(Executor& ex, const SetUser& step) {
    Kernel& kernel = ex.kernel();
    if (Outcome failed = switch_user(ex, step.name, step.numeric->uid, step.numeric->gid, {})) {
        return failed;
    }
    if (step.noenv) return std::nullopt;
    if (int err = kernel.set_env("HOME", "/")) return fail_errno("unable to set HOME", err);
    (void)kernel.unset_env("USER");
    (void)kernel.unset_env("LOGNAME");
    return std::nullopt;
}

}  // namespace

Outcome apply(Executor& ex, const SetUser& step) {
    Kernel& kernel = ex.kernel();
    auto user = kernel.user_by_name(step.name);  // a name that is found always wins
    if (!user && step.numeric) return switch_to_numeric_user(ex, step);
    if (!user) {
        return Error::err(fmt::format("User [{}] not known\n", step.name))
            .with_hint(
                "no passwd entry has that name; give an existing user, or numeric ids "
                "as --user=UID[:GID]");
    }
    auto groups = kernel.group_list(step.name, user->gid);
    // capsh has room for 100 groups. More: glibc's getgrouplist says so by its return value
    // alone and leaves errno as it was, which is 0 where capsh calls it, so capsh's perror says
    // "Success".
    if (groups.size() > std::size_t(k_max_listed_groups)) {
        return fail_errno("Unable to get group list for user", 0);
    }
    if (Outcome failed = switch_user(ex, step.name, user->uid, user->gid, groups)) {
        return failed;
    }
    if (step.noenv) return std::nullopt;
    return set_user_environment(kernel, step.name, *user);
}

}  // namespace capsh
