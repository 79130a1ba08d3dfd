// Capability names: the fixed 41-name table, the numbers capsh-ng itself uses, and libcap's
// lookup rules (a number, or a name in any case, and what follows it is left to the caller).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace capsh {

constexpr unsigned k_named_caps = 41;  // names known to this build (capsh 2.66 has the same 41)

// Fixed-width rows rather than string_views: pointers would have to be relocated at every start,
// dirtying a page of memory for a table most command lines read a few entries of.
constexpr std::size_t k_longest_name = 22;  // "cap_checkpoint_restore"
inline constexpr char k_cap_names[k_named_caps][k_longest_name + 1] = {
    "cap_chown",
    "cap_dac_override",
    "cap_dac_read_search",
    "cap_fowner",
    "cap_fsetid",
    "cap_kill",
    "cap_setgid",
    "cap_setuid",
    "cap_setpcap",
    "cap_linux_immutable",
    "cap_net_bind_service",
    "cap_net_broadcast",
    "cap_net_admin",
    "cap_net_raw",
    "cap_ipc_lock",
    "cap_ipc_owner",
    "cap_sys_module",
    "cap_sys_rawio",
    "cap_sys_chroot",
    "cap_sys_ptrace",
    "cap_sys_pacct",
    "cap_sys_admin",
    "cap_sys_boot",
    "cap_sys_nice",
    "cap_sys_resource",
    "cap_sys_time",
    "cap_sys_tty_config",
    "cap_mknod",
    "cap_lease",
    "cap_audit_write",
    "cap_audit_control",
    "cap_setfcap",
    "cap_mac_override",
    "cap_mac_admin",
    "cap_syslog",
    "cap_wake_alarm",
    "cap_block_suspend",
    "cap_audit_read",
    "cap_perfmon",
    "cap_bpf",
    "cap_checkpoint_restore",
};

// The table name, or an empty view when the cap has no name.
constexpr std::string_view cap_table_name(unsigned cap) {
    return cap < k_named_caps ? k_cap_names[cap] : std::string_view{};
}

// The capabilities capsh-ng raises or checks itself, each checked against the table.
constexpr unsigned k_cap_setgid = 6;
constexpr unsigned k_cap_setuid = 7;
constexpr unsigned k_cap_setpcap = 8;
constexpr unsigned k_cap_sys_chroot = 18;
static_assert(cap_table_name(k_cap_setgid) == "cap_setgid");
static_assert(cap_table_name(k_cap_setuid) == "cap_setuid");
static_assert(cap_table_name(k_cap_setpcap) == "cap_setpcap");
static_assert(cap_table_name(k_cap_sys_chroot) == "cap_sys_chroot");

// The table name for 0..40 ("cap_chown"), or the decimal number for any other value.
std::string cap_to_name(unsigned cap);

// A capability read from the start of a text, and how many characters it used.
struct CapMatch {
    unsigned cap;
    std::size_t length;
};

// Reads a name or number at the start of `text` as libcap's lookup does: numbers use C base
// detection (0x, 0) and must be < 64; names are the longest run of letters and '_', compared
// without case. Whatever follows is left to the caller.
std::optional<CapMatch> match_cap(std::string_view text);

// match_cap, ignoring what follows the name (capsh's --drop, --has-*, --explain, ...).
std::optional<unsigned> cap_from_name(std::string_view text);

}  // namespace capsh
