// What the kernel looks at in a program file when it execs it: the set-user-ID and set-group-ID
// bits, the owner, whether its mount honours them, and its file capabilities (the
// security.capability extended attribute). --plan reads it to predict the target's state.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace capsh {

struct FileCaps {
    std::uint64_t permitted = 0;
    std::uint64_t inheritable = 0;
    bool effective = false;  // the file's effective bit: the new effective set is the permitted
    unsigned version = 0;    // 1, 2 or 3 (3 names the user namespace root that owns them)
    std::uint32_t root_id = 0;
};

struct ExecFile {
    bool found = false;
    bool set_uid = false;
    bool set_gid = false;
    uid_t owner = 0;
    gid_t group = 0;
    bool nosuid_mount = false;  // the kernel ignores set-id bits and file capabilities there
    std::optional<FileCaps> caps;
};

// The value of security.capability, or nullopt when it is not one the kernel would accept.
std::optional<FileCaps> parse_file_caps(std::string_view bytes);

// Reads the file's metadata (following symbolic links, as execve does).
ExecFile read_exec_file(const std::string& path);

}  // namespace capsh
