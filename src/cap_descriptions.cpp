#include "cap_descriptions.hpp"

#include <array>

namespace capsh {
namespace {

// Each line is printed after four spaces of indentation, so lines stay within 72 characters.

constexpr std::string_view k_chown[] = {
    "Give any file a new owner or group, whoever owns it now, through",
    "chown(2), fchown(2), lchown(2) and fchownat(2). Without it a process",
    "may only move a file it owns into one of its own groups.",
    "",
    "Risk: a process that can take over /etc/shadow or a root-owned",
    "script can then change its mode and contents at will.",
};

constexpr std::string_view k_dac_override[] = {
    "Ignore the ordinary permission bits and ACLs of files: read, write",
    "and execute them and search directories whatever their mode says",
    "(running a file still needs at least one execute bit set).",
    "Immutable/append-only flags and MAC policies still apply.",
    "",
    "Risk: high. Rewriting /etc/passwd, /etc/shadow, sudoers or a binary",
    "that root runs turns this into full root very easily.",
};

constexpr std::string_view k_dac_read_search[] = {
    "Read any file and list or traverse any directory, whatever its",
    "permission bits or ACLs say; writing is not included. It also",
    "enables open_by_handle_at(2), which can reach files outside a",
    "chroot or a container's view of the file system.",
    "",
    "Risk: high for secrets; /etc/shadow, private keys and other users'",
    "data all become readable. Typical user: a backup agent.",
};

constexpr std::string_view k_fowner[] = {
    "Be treated as the owner of any file wherever ownership is what",
    "counts: chmod(2), setting ACLs and user extended attributes,",
    "setting arbitrary timestamps with utimensat(2), changing most",
    "inode flags, and removing other users' files from sticky",
    "directories such as /tmp.",
    "",
    "Risk: high; chmod on /etc/shadow or a system binary is enough to",
    "undo all file protection, much like cap_dac_override.",
};

constexpr std::string_view k_fsetid[] = {
    "Keep the set-user-ID and set-group-ID bits on a file that is",
    "written to or given a new owner, where the kernel would normally",
    "strip them, and set the set-group-ID bit on a file whose group the",
    "caller does not belong to.",
    "",
    "Rarely needed by services; archivers and package managers use it",
    "to reproduce file modes exactly.",
};

constexpr std::string_view k_kill[] = {
    "Deliver signals with kill(2), tgkill(2) and friends to processes",
    "of any user, lifting the rule that the sender's user ID must match",
    "the real or saved user ID of the target.",
    "",
    "Risk: moderate; any service can be stopped or killed, but no data",
    "becomes accessible through this alone.",
};

constexpr std::string_view k_setgid[] = {
    "Set the process's group IDs to arbitrary values with setgid(2),",
    "setregid(2), setresgid(2), setfsgid(2) and the supplementary list",
    "with setgroups(2); also forge group IDs in credentials sent over",
    "UNIX sockets and write gid_map for a child user namespace.",
    "",
    "Risk: high; joining a group such as shadow, disk or docker is",
    "often as good as being root.",
};

constexpr std::string_view k_setuid[] = {
    "Set the process's user IDs to arbitrary values with setuid(2),",
    "setreuid(2), setresuid(2) and setfsuid(2), forge user IDs in",
    "credentials sent over UNIX sockets, and write uid_map for a child",
    "user namespace.",
    "",
    "Risk: very high; the process can simply switch to UID 0. Meant for",
    "login-style programs that change identity and then drop it.",
};

constexpr std::string_view k_setpcap[] = {
    "Step outside the normal capability rules for the process itself:",
    "drop capabilities from the bounding set (PR_CAPBSET_DROP), add any",
    "bounding-set capability to the inheritable set even when it is not",
    "permitted, and change the securebits flags.",
    "",
    "Risk: high; inheritable bits gained this way can be turned into",
    "real privileges by running a file with inheritable file",
    "capabilities. Mostly needed by launchers that set up sandboxes.",
};

constexpr std::string_view k_linux_immutable[] = {
    "Set or clear the immutable and append-only inode flags (chattr +i",
    "and +a, the FS_IOC_SETFLAGS ioctl). An immutable file cannot be",
    "modified, renamed or deleted even by root; an append-only file can",
    "only grow.",
    "",
    "Seldom needed by services. Removing the flags defeats whatever",
    "logs or configuration they were protecting.",
};

constexpr std::string_view k_net_bind_service[] = {
    "Bind network sockets to privileged ports: TCP, UDP and SCTP ports",
    "below 1024, or below net.ipv4.ip_unprivileged_port_start if that",
    "sysctl has been changed.",
    "",
    "The usual need of web, mail and DNS servers running as an ordinary",
    "user. Risk: low; it only lets the process claim well-known ports.",
};

constexpr std::string_view k_net_broadcast[] = {
    "Meant to allow network broadcasting and listening to multicast",
    "traffic. Mainline kernels do not check it anywhere, so it has no",
    "practical effect and exists only for compatibility.",
};

constexpr std::string_view k_net_admin[] = {
    "Administer the network stack: interfaces and their addresses,",
    "routing tables and policy rules, netfilter/nftables firewall rules,",
    "traffic control (tc qdiscs), bridges, tunnels, promiscuous mode,",
    "transparent proxying, and socket options such as SO_MARK, SO_DEBUG",
    "and SO_PRIORITY values above 6.",
    "",
    "Risk: high; it can redirect, sniff or drop any network traffic and",
    "rewrite firewall policy. Used by network managers and VPN clients.",
};

constexpr std::string_view k_net_raw[] = {
    "Open raw and packet sockets (SOCK_RAW, AF_PACKET) to build any",
    "network packet by hand or capture the traffic on an interface, and",
    "bind to non-local addresses for transparent proxying. Typical users",
    "are tcpdump, DHCP clients and ping on older systems.",
    "",
    "Risk: medium to high; spoofing and sniffing of local network",
    "traffic become possible.",
};

constexpr std::string_view k_ipc_lock[] = {
    "Pin memory in RAM past RLIMIT_MEMLOCK with mlock(2), mlockall(2)",
    "and mmap(2) MAP_LOCKED, lock System V shared memory (SHM_LOCK), and",
    "create huge-page shared memory segments (SHM_HUGETLB).",
    "",
    "Used by databases, real-time code and tools that keep secrets out",
    "of swap. Risk: low to moderate; it can tie up a lot of memory.",
};

constexpr std::string_view k_ipc_owner[] = {
    "Ignore the access mode of System V IPC objects (message queues,",
    "semaphore sets and shared memory segments), so any of them can be",
    "attached, read or written.",
    "",
    "Risk: moderate; it exposes or lets the process corrupt the IPC data",
    "of other users and services, e.g. a database's shared memory.",
};

constexpr std::string_view k_sys_module[] = {
    "Insert and remove kernel modules with init_module(2),",
    "finit_module(2) and delete_module(2), and shrink the capability",
    "sets given to usermode helpers (/proc/sys/kernel/usermodehelper).",
    "",
    "Risk: total. A module runs as part of the kernel, so this amounts",
    "to complete control of the machine.",
};

constexpr std::string_view k_sys_rawio[] = {
    "Talk to hardware directly: port I/O through iopl(2) and ioperm(2),",
    "opening /dev/mem, /dev/kmem and /dev/port, reading and writing",
    "model-specific registers via /dev/cpu/*/msr, raw SCSI commands, and",
    "the FIBMAP ioctl.",
    "",
    "Risk: total; raw access to memory or devices lets the process patch",
    "the running kernel and sidestep every other restriction.",
};

constexpr std::string_view k_sys_chroot[] = {
    "Change the process's root directory with chroot(2); together with",
    "cap_sys_admin it also allows entering another mount namespace with",
    "setns(2).",
    "",
    "Risk: moderate to high; a chroot stocked with a hostile libc or",
    "crafted configuration can fool setuid programs run inside it.",
};

constexpr std::string_view k_sys_ptrace[] = {
    "Attach to, inspect and alter processes of any user: ptrace(2),",
    "reading or writing their memory (process_vm_readv(2), /proc/PID/mem)",
    "and kcmp(2) or pidfd_getfd(2) on them. Yama's ptrace_scope=3 still",
    "blocks attaching.",
    "",
    "Risk: very high; injecting code into a root-owned process yields",
    "every privilege that process holds. Needed by debuggers and",
    "profilers that inspect other users' programs.",
};

constexpr std::string_view k_sys_pacct[] = {
    "Switch BSD process accounting on or off with acct(2), naming the",
    "file that receives a record for every process that exits.",
    "",
    "Risk: low to moderate; accounting can be turned off to hide what",
    "ran, or left on to fill up a file system.",
};

constexpr std::string_view k_sys_admin[] = {
    "A catch-all for system administration: mount(2) and umount(2),",
    "namespace creation outside a user namespace, swapon(2),",
    "sethostname(2), quotactl(2), trusted.* and security.* extended",
    "attributes, many device ioctls, keyring management, and BPF or perf",
    "use on kernels older than 5.8, among a great deal more.",
    "",
    "Risk: critical. It is nearly full root and has many known routes",
    "to every other capability; prefer any narrower capability.",
};

constexpr std::string_view k_sys_boot[] = {
    "Restart, halt or power off the machine with reboot(2), and stage a",
    "replacement kernel with kexec_load(2) or kexec_file_load(2).",
    "",
    "Risk: high; besides the obvious denial of service, kexec can start",
    "an arbitrary kernel.",
};

constexpr std::string_view k_sys_nice[] = {
    "Raise scheduling priority: lower nice values (nice(2),",
    "setpriority(2)), real-time policies such as SCHED_FIFO and SCHED_RR",
    "via sched_setscheduler(2), CPU affinity and I/O priority of other",
    "users' processes, and NUMA page placement with migrate_pages(2) and",
    "move_pages(2).",
    "",
    "Risk: moderate; a runaway real-time task can starve everything else.",
};

constexpr std::string_view k_sys_resource[] = {
    "Go past resource limits: raise hard rlimits with setrlimit(2), use",
    "the blocks ext2/3/4 keep in reserve, exceed disk quotas, enlarge",
    "message queues past their limits, and grow pipes beyond",
    "/proc/sys/fs/pipe-max-size, among other limits.",
    "",
    "Risk: moderate; chiefly the ability to exhaust memory, disk space",
    "and other shared resources.",
};

constexpr std::string_view k_sys_time[] = {
    "Set the system clock with settimeofday(2), clock_settime(2) and",
    "adjtimex(2), and set the hardware real-time clock.",
    "",
    "Risk: moderate; a wrong clock breaks certificate validation,",
    "Kerberos, log ordering and timed jobs. NTP daemons need it.",
};

constexpr std::string_view k_sys_tty_config[] = {
    "Configure terminals in ways ordinary users may not: vhangup(2) and",
    "privileged virtual console ioctls, such as changing the keyboard",
    "mapping or console font.",
    "",
    "Risk: low to moderate; it can hang up other users' sessions or",
    "change what keys a console user's typing produces.",
};

constexpr std::string_view k_mknod[] = {
    "Create character and block device nodes with mknod(2) and",
    "mknodat(2). FIFOs and socket files do not need it.",
    "",
    "Risk: high outside a user namespace; a node for a disk or memory",
    "device gives raw access to it unless a device cgroup blocks it.",
};

constexpr std::string_view k_lease[] = {
    "Take file leases (fcntl(2) F_SETLEASE) on files the process does",
    "not own. The lease holder is told when another process opens or",
    "truncates the file, and that process waits until the lease is",
    "released.",
    "",
    "Risk: low; other processes can be held up for lease-break-time.",
};

constexpr std::string_view k_audit_write[] = {
    "Submit user-space records to the kernel audit log through a",
    "netlink audit socket, as login, sshd, sudo and PAM modules do.",
    "",
    "Risk: low to moderate; forged entries can be added to the audit",
    "trail.",
};

constexpr std::string_view k_audit_control[] = {
    "Configure the kernel audit subsystem over netlink: turn auditing",
    "on or off, add and delete rules, and change its settings, as",
    "auditctl and auditd do.",
    "",
    "Risk: high for security monitoring; the audit trail can be switched",
    "off or blinded.",
};

constexpr std::string_view k_setfcap[] = {
    "Attach, change or remove file capabilities (the security.capability",
    "extended attribute, as setcap(8) does) on files the process may",
    "otherwise modify. Also required to map UID 0 in a new user",
    "namespace to the namespace's creator.",
    "",
    "Risk: very high; marking a program with file capabilities and then",
    "running it recovers any capability left in the bounding set.",
};

constexpr std::string_view k_mac_override[] = {
    "Bypass the rules of a mandatory access control security module.",
    "Which rules it lifts depends on the module; Smack is the main one",
    "that honours it, SELinux does not.",
    "",
    "Risk: high where such a module is enforced, as it voids the policy.",
};

constexpr std::string_view k_mac_admin[] = {
    "Change the configuration of a mandatory access control security",
    "module: for example load AppArmor profiles, edit Smack rules, or",
    "let SELinux apply labels its loaded policy does not define.",
    "",
    "Risk: high; whoever can rewrite the MAC policy can also disable it.",
};

constexpr std::string_view k_syslog[] = {
    "Use the privileged syslog(2) operations: read or clear the kernel",
    "log buffer (also /dev/kmsg when dmesg_restrict is set) and change",
    "the console log level. It also unmasks kernel addresses shown in",
    "/proc when kptr_restrict is 1.",
    "",
    "Risk: moderate; kernel pointers help exploits, and clearing the",
    "buffer can erase evidence.",
};

constexpr std::string_view k_wake_alarm[] = {
    "Arm timers that wake the system from suspend: CLOCK_REALTIME_ALARM",
    "and CLOCK_BOOTTIME_ALARM with timer_create(2) or timerfd_create(2).",
    "",
    "Risk: low; at worst it drains the battery by waking the machine.",
};

constexpr std::string_view k_block_suspend[] = {
    "Keep the system from suspending: use EPOLLWAKEUP on epoll events",
    "and take wake locks through /sys/power/wake_lock.",
    "",
    "Risk: low; the machine can be kept awake and use more power.",
};

constexpr std::string_view k_audit_read[] = {
    "Receive the audit event stream by joining the multicast group of a",
    "netlink audit socket, as audit dispatchers and monitors do.",
    "",
    "Risk: moderate; audit records can carry command lines and other",
    "sensitive details of every user's activity.",
};

constexpr std::string_view k_perfmon[] = {
    "Use performance monitoring and observability features:",
    "perf_event_open(2) system-wide or on other users' processes beyond",
    "the perf_event_paranoid limits, and, together with cap_bpf, BPF",
    "tracing programs. Split from cap_sys_admin in Linux 5.8; older",
    "kernels ask for that instead.",
    "",
    "Risk: moderate to high; counters and kernel tracing can leak",
    "information about other processes and the kernel.",
};

constexpr std::string_view k_bpf[] = {
    "Use the bpf(2) system call beyond the unprivileged subset: create",
    "most map types and load most program types. Tracing programs also",
    "need cap_perfmon, and attaching network programs (XDP, tc) needs",
    "cap_net_admin. Split from cap_sys_admin in Linux 5.8.",
    "",
    "Risk: high; BPF programs run inside the kernel, and with",
    "cap_perfmon they can read kernel memory.",
};

constexpr std::string_view k_checkpoint_restore[] = {
    "Support checkpoint/restore tools such as CRIU: pick the PID of a",
    "new process (clone3(2) set_tid, ns_last_pid), read the links in",
    "/proc/PID/map_files, and set memory layout fields with prctl(2)",
    "PR_SET_MM. Added in Linux 5.9; older kernels need cap_sys_admin.",
    "",
    "Risk: moderate; it reveals files other processes have mapped.",
};

constexpr std::array<std::span<const std::string_view>, 41> k_descriptions = {
    k_chown,
    k_dac_override,
    k_dac_read_search,
    k_fowner,
    k_fsetid,
    k_kill,
    k_setgid,
    k_setuid,
    k_setpcap,
    k_linux_immutable,
    k_net_bind_service,
    k_net_broadcast,
    k_net_admin,
    k_net_raw,
    k_ipc_lock,
    k_ipc_owner,
    k_sys_module,
    k_sys_rawio,
    k_sys_chroot,
    k_sys_ptrace,
    k_sys_pacct,
    k_sys_admin,
    k_sys_boot,
    k_sys_nice,
    k_sys_resource,
    k_sys_time,
    k_sys_tty_config,
    k_mknod,
    k_lease,
    k_audit_write,
    k_audit_control,
    k_setfcap,
    k_mac_override,
    k_mac_admin,
    k_syslog,
    k_wake_alarm,
    k_block_suspend,
    k_audit_read,
    k_perfmon,
    k_bpf,
    k_checkpoint_restore,
};

// Every capability must have a description (a missing initializer would leave an empty span).
constexpr bool all_described() {
    for (auto lines : k_descriptions) {
        if (lines.size() < 2) return false;
    }
    return true;
}
static_assert(all_described());

}  // namespace

std::span<const std::string_view> cap_description(unsigned cap) {
    if (cap >= k_descriptions.size()) return {};
    return k_descriptions[cap];
}

}  // namespace capsh
