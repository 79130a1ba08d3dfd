// LinuxKernel: the user and group database through glibc's NSS (the default build).
#include <grp.h>
#include <pwd.h>
#include <unistd.h>

#include <algorithm>

#include "linux_kernel.hpp"

namespace capsh {
namespace {

UserEntry entry_of(const passwd& entry) {
    return UserEntry{entry.pw_uid, entry.pw_gid, entry.pw_dir ? entry.pw_dir : "",
                     entry.pw_name ? entry.pw_name : ""};
}

}  // namespace

std::optional<UserEntry> LinuxKernel::user_by_name(const std::string& name) {
    const passwd* entry = getpwnam(name.c_str());
    if (entry == nullptr) return std::nullopt;
    return entry_of(*entry);
}

std::optional<UserEntry> LinuxKernel::user_by_uid(uid_t uid) {
    const passwd* entry = getpwuid(uid);
    if (entry == nullptr) return std::nullopt;
    return entry_of(*entry);
}

UserNames LinuxKernel::user_names(uid_t uid, uid_t euid) {
    const passwd* real = getpwuid(uid);
    const passwd* effective = getpwuid(euid);  // may overwrite what `real` points to
    UserNames names;
    if (real != nullptr) names.uid = real->pw_name;
    if (effective != nullptr) names.euid = effective->pw_name;
    return names;
}

std::optional<std::string> LinuxKernel::group_name(gid_t gid) {
    const group* entry = getgrgid(gid);
    if (entry == nullptr) return std::nullopt;
    return std::string(entry->gr_name);
}

std::optional<gid_t> LinuxKernel::group_by_name(const std::string& name) {
    // capsh's buffer size: a group too large for it is not found either.
    long size = sysconf(_SC_GETGR_R_SIZE_MAX);
    std::vector<char> buffer(size > 0 ? std::size_t(size) : 1024);
    group entry{};
    group* found = nullptr;
    if (getgrnam_r(name.c_str(), &entry, buffer.data(), buffer.size(), &found) != 0 || !found) {
        return std::nullopt;
    }
    return found->gr_gid;
}

std::optional<gid_t> LinuxKernel::group_by_name_any_size(const std::string& name) {
    const group* entry = getgrnam(name.c_str());
    if (entry == nullptr) return std::nullopt;
    return entry->gr_gid;
}

std::vector<gid_t> LinuxKernel::group_list(const std::string& user, gid_t gid) {
    // Room for capsh's 100 first; getgrouplist says how many it found when that is too little.
    int count = k_max_listed_groups;
    std::vector<gid_t> list;
    do {
        list.resize(std::size_t(std::max(count, 1)));
    } while (getgrouplist(user.c_str(), gid, list.data(), &count) < 0);
    list.resize(std::size_t(count));
    return list;
}

}  // namespace capsh
