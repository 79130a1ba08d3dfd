#include "exec_file.hpp"

#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/xattr.h>

namespace capsh {
namespace {

constexpr std::uint32_t k_revision_mask = 0xff000000u;
constexpr std::uint32_t k_flag_effective = 0x000001u;

std::uint32_t little_endian_u32(std::string_view bytes, std::size_t at) {
    std::uint32_t value = 0;
    for (std::size_t n = 0; n < 4; ++n)
        value |= std::uint32_t(static_cast<unsigned char>(bytes[at + n])) << (8 * n);
    return value;
}

}  // namespace

// The layout is a little-endian word of revision and flags, then (permitted, inheritable)
// words: one pair in revision 1, two (low and high capabilities) in 2 and 3; revision 3 ends
// with the id of the namespace root the capabilities belong to.
std::optional<FileCaps> parse_file_caps(std::string_view bytes) {
    if (bytes.size() < 4) return std::nullopt;
    std::uint32_t magic = little_endian_u32(bytes, 0);
    FileCaps caps;
    std::size_t pairs = 0, size = 0;
    switch (magic & k_revision_mask) {
        case 0x01000000u:
            caps.version = 1, pairs = 1, size = 12;
            break;
        case 0x02000000u:
            caps.version = 2, pairs = 2, size = 20;
            break;
        case 0x03000000u:
            caps.version = 3, pairs = 2, size = 24;
            break;
        default:
            return std::nullopt;
    }
    if (bytes.size() != size) return std::nullopt;
    if ((magic & ~k_revision_mask & ~k_flag_effective) != 0) return std::nullopt;
    caps.effective = (magic & k_flag_effective) != 0;
    for (std::size_t n = 0; n < pairs; ++n) {
        caps.permitted |= std::uint64_t(little_endian_u32(bytes, 4 + 8 * n)) << (32 * n);
        caps.inheritable |= std::uint64_t(little_endian_u32(bytes, 8 + 8 * n)) << (32 * n);
    }
    if (caps.version == 3) caps.root_id = little_endian_u32(bytes, 20);
    return caps;
}

ExecFile read_exec_file(const std::string& path) {
    ExecFile file;
    struct stat info {};
    if (stat(path.c_str(), &info) != 0) return file;
    file.found = true;
    file.set_uid = (info.st_mode & S_ISUID) != 0;
    file.set_gid = (info.st_mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP);
    file.owner = info.st_uid;
    file.group = info.st_gid;
    struct statvfs mount {};
    file.nosuid_mount = statvfs(path.c_str(), &mount) == 0 && (mount.f_flag & ST_NOSUID) != 0;
    char value[32];
    ssize_t size = getxattr(path.c_str(), "security.capability", value, sizeof value);
    if (size > 0) file.caps = parse_file_caps(std::string_view(value, std::size_t(size)));
    return file;
}

}  // namespace capsh
