// LinuxKernel: identity and root directory. The user and group database is in user_db_nss.cpp
// (glibc's NSS) or, in the static build, user_db_files.cpp.
#include <grp.h>
#include <unistd.h>

#include <cerrno>

#include "linux_kernel.hpp"

namespace capsh {
namespace {

int errno_of(int result) {
    return result == 0 ? 0 : errno;
}

}  // namespace

Ids LinuxKernel::ids() {
    Ids ids{};
    getresuid(&ids.uid, &ids.euid, &ids.suid);
    getresgid(&ids.gid, &ids.egid, &ids.sgid);
    return ids;
}

std::optional<std::vector<gid_t>> LinuxKernel::groups() {
    // Up to 100 groups (capsh's limit, and all a process normally has) need one call; more
    // need the count first, and another try should the list grow in between (EINVAL).
    std::vector<gid_t> list(k_max_listed_groups);
    int count = getgroups(int(list.size()), list.data());
    while (count < 0 && errno == EINVAL) {
        int needed = getgroups(0, nullptr);
        if (needed < 0) return std::nullopt;
        list.resize(std::size_t(needed));
        count = getgroups(needed, list.data());
    }
    if (count < 0) return std::nullopt;
    list.resize(std::size_t(count));
    return list;
}

int LinuxKernel::set_uid(uid_t uid) {
    caps_.reset();  // the kernel may clear P, E and A
    return errno_of(setuid(uid));
}

int LinuxKernel::set_gid(gid_t gid) {
    return errno_of(setgid(gid));
}

int LinuxKernel::set_groups(const std::vector<gid_t>& groups) {
    return errno_of(setgroups(groups.size(), groups.data()));
}

int LinuxKernel::change_root(const std::string& path) {
    return errno_of(chroot(path.c_str()));
}
int LinuxKernel::change_dir_to_root() {
    return errno_of(chdir("/"));
}

}  // namespace capsh
