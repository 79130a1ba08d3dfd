#include "cap_names.hpp"

#include "numbers.hpp"

namespace capsh {
namespace {

// Fixed-width rows rather than string_views: pointers would have to be relocated at every start,
// dirtying a page of memory for a table most command lines read a few entries of.
constexpr std::size_t k_longest_name = 22;  // "cap_checkpoint_restore"
constexpr char k_names[k_named_caps][k_longest_name + 1] = {
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

// The C locale's classes: libcap runs without setlocale, so only ASCII counts.
constexpr bool is_alpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
constexpr bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
constexpr char to_lower(char c) {
    return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
}

bool equal_ignoring_case(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t n = 0; n < a.size(); ++n) {
        if (to_lower(a[n]) != b[n]) return false;
    }
    return true;
}

std::optional<CapMatch> match_number(std::string_view text) {
    ULongParse parsed = c_strtoul(text, 0);
    if (parsed.value >= 64) return std::nullopt;
    return CapMatch{unsigned(parsed.value), parsed.consumed};
}

std::optional<CapMatch> match_word(std::string_view text) {
    std::size_t len = 0;
    while (len < text.size() && (is_alpha(text[len]) || text[len] == '_'))
        ++len;
    std::string_view word = text.substr(0, len);
    for (unsigned cap = 0; cap < k_named_caps; ++cap) {
        if (equal_ignoring_case(word, k_names[cap])) return CapMatch{cap, len};
    }
    return std::nullopt;
}

}  // namespace

std::string_view cap_table_name(unsigned cap) {
    return cap < k_named_caps ? k_names[cap] : std::string_view{};
}

std::string cap_to_name(unsigned cap) {
    if (cap < k_named_caps) return std::string(k_names[cap]);
    return std::to_string(cap);
}

std::optional<CapMatch> match_cap(std::string_view text) {
    if (!text.empty() && is_digit(text[0])) return match_number(text);
    return match_word(text);
}

std::optional<unsigned> cap_from_name(std::string_view text) {
    if (auto match = match_cap(text)) return match->cap;
    return std::nullopt;
}

}  // namespace capsh
