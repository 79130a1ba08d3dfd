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
};

class UserDatabase {
  public:
    virtual ~UserDatabase() = default;

    virtual std::optional<UserEntry> user_by_name(const std::string& name) = 0;
    // The names --print shows for the real and effective uid. capsh looks both up before it
    // reads either, through getpwuid's one static buffer, so the real uid is shown with whatever
    // that buffer holds after the second lookup; implementations keep that call pattern.
    virtual UserNames user_names(uid_t uid, uid_t euid) = 0;
    virtual std::optional<std::string> group_name(gid_t gid) = 0;
    virtual std::optional<gid_t> group_by_name(const std::string& name) = 0;
    // getgrouplist with room for 100 groups; nullopt when it fails.
    virtual std::optional<std::vector<gid_t>> group_list(const std::string& user, gid_t gid) = 0;
};

}  // namespace capsh
