// The user and group database: glibc's NSS, or /etc/passwd and /etc/group read directly in
// the static build.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

namespace capsh {

struct UserNames {
    std::optional<std::string> uid, euid;
};

struct UserEntry {
    uid_t uid;
    gid_t gid;
    std::string home;
    std::string name;
};

class UserDatabase {
  public:
    virtual ~UserDatabase() = default;

    virtual std::optional<UserEntry> user_by_name(const std::string& name) = 0;
    virtual std::optional<UserEntry> user_by_uid(uid_t uid) = 0;
    // The names --print shows for the real and effective uid. capsh looks both up before it
    // reads either, through getpwuid's one static buffer, so the real uid is shown with whatever
    // that buffer holds after the second lookup; implementations keep that call pattern.
    virtual UserNames user_names(uid_t uid, uid_t euid) = 0;
    virtual std::optional<std::string> group_name(gid_t gid) = 0;
    // getgrnam_r with the buffer size sysconf suggests, as capsh calls it: a group whose entry
    // does not fit is not found.
    virtual std::optional<gid_t> group_by_name(const std::string& name) = 0;
    // getgrnam, which grows its buffer: any group is found.
    virtual std::optional<gid_t> group_by_name_any_size(const std::string& name) = 0;
    // getgrouplist: `gid` first, then every group that lists `user`, however many (capsh's
    // limit of 100 is applied by the step that has it).
    virtual std::vector<gid_t> group_list(const std::string& user, gid_t gid) = 0;
};

}  // namespace capsh
