// LinuxKernel: the user and group database read from /etc/passwd and /etc/group (the static
// build, -Dstatic=true: glibc cannot load NSS modules into a static program). The answers are
// what glibc's "files" service gives (nss_files.cpp); the call patterns are the NSS build's.
#include <grp.h>
#include <pwd.h>
#include <unistd.h>

#include <cstdint>

#include "linux_kernel.hpp"
#include "nss_files.hpp"
#include "read_file.hpp"

namespace capsh {
namespace {

// The whole file, read afresh on every lookup as nss_files does (a --chroot changes what
// /etc/passwd is); nullopt when it cannot be opened.
std::optional<std::string> read_database(const char* path) {
    return read_file(path);
}

FileText text_of(const std::optional<std::string>& file) {
    if (!file) return std::nullopt;
    return std::string_view(*file);
}

}  // namespace

std::optional<UserEntry> LinuxKernel::user_by_name(const std::string& name) {
    auto passwd = read_database("/etc/passwd");
    auto entry = passwd_by_name(text_of(passwd), name);
    if (!entry) return std::nullopt;
    return UserEntry{entry->uid, entry->gid, entry->dir, entry->name};
}

std::optional<UserEntry> LinuxKernel::user_by_uid(uid_t uid) {
    auto passwd = read_database("/etc/passwd");
    auto entry = passwd_by_uid(text_of(passwd), uid).entry;
    if (!entry) return std::nullopt;
    return UserEntry{entry->uid, entry->gid, entry->dir, entry->name};
}

// capsh calls getpwuid(uid), then getpwuid(euid), then reads both names through the one static
// result: the real uid shows the name the second lookup left there.
UserNames LinuxKernel::user_names(uid_t uid, uid_t euid) {
    auto passwd = read_database("/etc/passwd");
    PasswdByUid real = passwd_by_uid(text_of(passwd), uid);
    PasswdByUid effective = passwd_by_uid(text_of(passwd), euid);
    UserNames names;
    if (real.entry) names.uid = effective.left_in_buffer;
    if (effective.entry) names.euid = effective.entry->name;
    return names;
}

std::optional<std::string> LinuxKernel::group_name(gid_t gid) {
    auto group = read_database("/etc/group");
    return group_name_by_gid(text_of(group), gid);
}

std::optional<gid_t> LinuxKernel::group_by_name(const std::string& name) {
    // The buffer capsh passes to getgrnam_r: a group too large for it is not found either.
    long size = sysconf(_SC_GETGR_R_SIZE_MAX);
    auto group = read_database("/etc/group");
    return capsh::group_by_name(text_of(group), name, size > 0 ? std::size_t(size) : 1024);
}

std::optional<gid_t> LinuxKernel::group_by_name_any_size(const std::string& name) {
    auto group = read_database("/etc/group");
    return capsh::group_by_name(text_of(group), name, SIZE_MAX);
}

std::vector<gid_t> LinuxKernel::group_list(const std::string& user, gid_t gid) {
    auto group = read_database("/etc/group");
    return capsh::group_list(text_of(group), user, gid);
}

}  // namespace capsh

// libcap-ng's capng_change_id(), which capsh-ng never calls, sits in the same object file as the
// libcap-ng functions it does call, so the static link takes it along with the two glibc
// functions it uses. glibc's getpwuid and initgroups would bring NSS and dlopen into the binary
// (140 kB, and a link warning that they need glibc's shared libraries at run time); these answer
// from /etc/passwd and /etc/group, like the rest of this build.
extern "C" passwd* getpwuid(uid_t uid) {
    static std::string name, dir;
    static passwd result;
    auto passwd_text = capsh::read_database("/etc/passwd");
    auto entry = capsh::passwd_by_uid(capsh::text_of(passwd_text), uid).entry;
    if (!entry) return nullptr;
    name = entry->name;
    dir = entry->dir;
    static char empty[] = "";
    result = passwd{name.data(), empty, entry->uid, entry->gid, empty, dir.data(), empty};
    return &result;
}

// glibc's declaration names the parameters with reserved identifiers, which this file may not.
// NOLINTNEXTLINE(readability-inconsistent-declaration-parameter-name)
extern "C" int initgroups(const char* user, gid_t gid) {
    auto group_text = capsh::read_database("/etc/group");
    auto groups = capsh::group_list(capsh::text_of(group_text), user, gid);
    return setgroups(groups.size(), groups.data());
}
