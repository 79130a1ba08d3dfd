#include "su_exec.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "config.h"
#include "entry_plan.hpp"
#include "linux_kernel.hpp"

namespace capsh {
namespace {

std::string c_errno(int err) {
    return std::strerror(err);
}

// su-exec reads a number as strtol does (leading blanks, a sign, then decimal digits, the whole
// text used) and keeps the low bits an id has room for; anything else is a name.
std::optional<std::uint32_t> id_number(const std::string& text) {
    char* end = nullptr;
    long number = std::strtol(text.c_str(), &end, 10);
    if (*end != '\0') return std::nullopt;
    return std::uint32_t(number);
}

// What su-exec works out from USER-SPEC before it changes anything.
struct SuExecTarget {
    uid_t uid;
    gid_t gid;
    std::string home;
    std::optional<std::string> group_list_of;  // the user whose groups are kept, if any
};

struct Resolved {
    std::optional<SuExecTarget> target;
    std::string error;  // without a target: the message after "PROGRAM: "
};

// su-exec's rules: a number is an id, a name must exist; the user's entry (found by name, or by
// the uid) gives the gid and HOME; a group given replaces the gid and the supplementary list
// (then only that group); without one, the user's groups from getgrouplist.
Resolved resolve(Kernel& kernel, const std::string& spec) {
    Ids ids = kernel.ids();
    SuExecTarget target{ids.uid, ids.gid, "/", std::nullopt};
    std::size_t colon = spec.find(':');
    std::string user = spec.substr(0, colon);
    std::optional<std::string> group;
    if (colon != std::string::npos) group = spec.substr(colon + 1);

    std::optional<UserEntry> entry;
    if (!user.empty()) {
        if (auto number = id_number(user)) {
            target.uid = *number;
        } else {
            errno = 0;  // what the C library leaves there for a name it did not find
            entry = kernel.user_by_name(user);
            if (!entry)
                return {std::nullopt, fmt::format("getpwnam({}): {}", user, c_errno(errno))};
        }
    }
    if (!entry) entry = kernel.user_by_uid(target.uid);
    if (entry) {
        target.uid = entry->uid;
        target.gid = entry->gid;
        target.home = entry->home;
        target.group_list_of = entry->name;
    }
    if (group && !group->empty()) {
        target.group_list_of.reset();
        if (auto number = id_number(*group)) {
            target.gid = *number;
        } else {
            errno = 0;
            auto gid = kernel.group_by_name_any_size(*group);
            if (!gid)
                return {std::nullopt, fmt::format("getgrnam({}): {}", *group, c_errno(errno))};
            target.gid = *gid;
        }
    }
    return {target, {}};
}

}  // namespace

int su_exec_main(int argc, char** argv) {
    std::string_view argv0 = argc > 0 && argv[0] ? argv[0] : "";
    std::string prefix = fmt::format("{}: ", argv0.substr(argv0.rfind('/') + 1));
    std::span<const char* const> args(argv + (argc > 0 ? 1 : 0), argc > 1 ? argc - 1 : 0);

    if (auto refusal = set_id_refusal(prefix, argv0, c_errno)) quit(1, stderr, *refusal);
    auto [ext, bad_name] = take_extensions(args);
    if (bad_name) {
        quit(1, stderr,
             fmt::format("{}--keep-cap: '{}' is not a capability name\n", prefix, *bad_name));
    }
    if (args.size() < 2)
        quit(1, stdout, fmt::format("Usage: {} user-spec command [args]\n", argv0));

    LinuxKernel kernel;
    Resolved resolved = resolve(kernel, args[0]);
    if (!resolved.target) quit(1, stderr, prefix + resolved.error + "\n");
    const SuExecTarget& target = *resolved.target;
    if (int err = kernel.set_env("HOME", target.home)) {
        quit(1, stderr, fmt::format("{}setenv(HOME): {}\n", prefix, c_errno(err)));
    }

    // The plan: the extensions' checks and changes, the identity, the exec.
    std::vector<Planned> plan;
    if (auto failed = plan_before_switch(ext, kernel, prefix, c_errno, plan)) {
        quit(1, stderr, *failed);
    }
    SetGroups groups;
    std::string groups_message = prefix + "setgroups";
    if (target.group_list_of) {
        for (gid_t gid : kernel.group_list(*target.group_list_of, target.gid))
            groups.groups.push_back({gid, {}});
    } else {
        groups.groups.push_back({target.gid, {}});
        groups_message += fmt::format("({})", int(target.gid));
    }
    plan.push_back({std::move(groups), groups_message, true});
    plan.push_back(
        {SetGid{target.gid}, fmt::format("{}setgid({})", prefix, int(target.gid)), true});
    plan.push_back(
        {SetUid{target.uid, false}, fmt::format("{}setuid({})", prefix, int(target.uid)), true});
    plan_after_switch(ext, prefix, plan);
    std::string command = args[1];
    std::vector<std::string> rest(args.begin() + 2, args.end());
    plan.push_back({RunProgram{command, std::move(rest), command, true}, prefix + command, true});

    Executor executor(kernel, stdout, {argv0, CAPSH_NG_DEFAULT_SHELL});
    run_entry_plan(executor, plan, c_errno);
    return 1;  // not reached: the last step replaces the process or fails
}

}  // namespace capsh
