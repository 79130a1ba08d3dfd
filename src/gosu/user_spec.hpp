// gosu's USER-SPEC (user, user:group, uid, uid:gid, :group) resolved against the text of
// /etc/passwd and /etc/group, with the rules of the container runtimes' user library that gosu
// links: a number is always an id, a name must exist, supplementary groups come from the group
// file's member lists only when no group is given. Pure: the caller reads the files.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace capsh {

struct ExecUser {
    std::int64_t uid = 0;
    std::int64_t gid = 0;
    std::vector<std::int64_t> groups;  // what setgroups() gets; empty clears the list
    std::string home = "/";
};

struct SpecResult {
    std::optional<ExecUser> user;
    std::string error;  // when there is no user: gosu's wording, after "failed switching to"
};

// Go's strconv.Atoi: an optional sign and decimal digits that fit in 64 bits.
std::optional<std::int64_t> go_atoi(std::string_view text);

// `passwd` and `group` are nullopt when the file could not be opened (then names cannot be
// found, numbers still work). `uid` and `gid` are the caller's: the defaults for ":group".
SpecResult resolve_user_spec(std::string_view spec, const std::optional<std::string>& passwd,
                             const std::optional<std::string>& group, std::int64_t uid,
                             std::int64_t gid);

}  // namespace capsh
