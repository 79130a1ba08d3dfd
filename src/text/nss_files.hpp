// The answers glibc's "files" NSS service (nss_files, Debian 12's glibc 2.36) gives from the text
// of /etc/passwd and /etc/group, for the static build, which cannot load NSS modules. Pure:
// callers pass the file's text (nullopt when it could not be read), so odd files are unit-tested.
//
// Lookups read lines as nss_files does: leading blanks skipped, empty and '#' lines ignored,
// fields split at ':', numbers read with strtoul (blanks and a sign allowed), lines that do not
// parse or whose numbers need more than 32 bits skipped, names starting with '+' or '-'
// (nss_compat entries) never matched.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace capsh {

using FileText = std::optional<std::string_view>;

struct PasswdEntry {
    std::string name;
    uid_t uid = 0;
    gid_t gid = 0;
    std::string dir;
};

// getpwnam.
std::optional<PasswdEntry> passwd_by_name(FileText passwd, std::string_view name);

// getpwuid. `left_in_buffer` is the name field of getpwuid's static result after the call: the
// entry's name when found, otherwise whatever the last line read left at the start of the line
// buffer (capsh reads the real uid's name only after looking up the effective uid). nullopt
// when the file could not be read or had no lines.
struct PasswdByUid {
    std::optional<PasswdEntry> entry;
    std::optional<std::string> left_in_buffer;
};
PasswdByUid passwd_by_uid(FileText passwd, uid_t uid);

// getgrgid: the group's name.
std::optional<std::string> group_name_by_gid(FileText group, gid_t gid);

// getgrnam_r with a caller's buffer of `buffer_size` bytes: nullopt when not found, and also
// when a line read before the match (or the match) does not fit the buffer (ERANGE).
std::optional<gid_t> group_by_name(FileText group, std::string_view name, std::size_t buffer_size);

// What getgrouplist collects: `gid` first, then the gid of every group line (in file order,
// repeats kept) that lists `user` as a member and whose gid is not `gid`. Unlike the lookups,
// this reads every line as it is (no blank skipping, no comments), as nss_files' initgroups does.
std::vector<gid_t> group_list(FileText group, std::string_view user, gid_t gid);

}  // namespace capsh
