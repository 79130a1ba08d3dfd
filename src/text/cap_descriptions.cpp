#include "cap_descriptions.hpp"

#include "cap_names.hpp"

namespace capsh {
namespace {

// All descriptions in one string, in capability order, each line ending in a newline and
// each description ending in a NUL. One array of characters, not a table of string_views: a table
// of pointers is relocated by the dynamic loader at every start, which dirties pages of
// memory that only --explain and --suggest ever read.
// Each line is printed after four spaces of indentation, so lines stay within 72 characters.
constexpr char k_text[] =
    // cap_chown
    "Give any file a new owner or group, whoever owns it now, through\n"
    "chown(2), fchown(2), lchown(2) and fchownat(2). Without it a process\n"
    "may only move a file it owns into one of its own groups.\n"
    "\n"
    "Risk: a process that can take over /etc/shadow or a root-owned\n"
    "script can then change its mode and contents at will.\n"
    "\0"
    // cap_dac_override
    "Ignore the ordinary permission bits and ACLs of files: read, write\n"
    "and execute them and search directories whatever their mode says\n"
    "(running a file still needs at least one execute bit set).\n"
    "Immutable/append-only flags and MAC policies still apply.\n"
    "\n"
    "Risk: high. Rewriting /etc/passwd, /etc/shadow, sudoers or a binary\n"
    "that root runs turns this into full root very easily.\n"
    "\0"
    // cap_dac_read_search
    "Read any file and list or traverse any directory, whatever its\n"
    "permission bits or ACLs say; writing is not included. It also\n"
    "enables open_by_handle_at(2), which can reach files outside a\n"
    "chroot or a container's view of the file system.\n"
    "\n"
    "Risk: high for secrets; /etc/shadow, private keys and other users'\n"
    "data all become readable. Typical user: a backup agent.\n"
    "\0"
    // cap_fowner
    "Be treated as the owner of any file wherever ownership is what\n"
    "counts: chmod(2), setting ACLs and user extended attributes,\n"
    "setting arbitrary timestamps with utimensat(2), changing most\n"
    "inode flags, and removing other users' files from sticky\n"
    "directories such as /tmp.\n"
    "\n"
    "Risk: high; chmod on /etc/shadow or a system binary is enough to\n"
    "undo all file protection, much like cap_dac_override.\n"
    "\0"
    // cap_fsetid
    "Keep the set-user-ID and set-group-ID bits on a file that is\n"
    "written to or given a new owner, where the kernel would normally\n"
    "strip them, and set the set-group-ID bit on a file whose group the\n"
    "caller does not belong to.\n"
    "\n"
    "Rarely needed by services; archivers and package managers use it\n"
    "to reproduce file modes exactly.\n"
    "\0"
    // cap_kill
    "Deliver signals with kill(2), tgkill(2) and friends to processes\n"
    "of any user, lifting the rule that the sender's user ID must match\n"
    "the real or saved user ID of the target.\n"
    "\n"
    "Risk: moderate; any service can be stopped or killed, but no data\n"
    "becomes accessible through this alone.\n"
    "\0"
    // cap_setgid
    "Set the process's group IDs to arbitrary values with setgid(2),\n"
    "setregid(2), setresgid(2), setfsgid(2) and the supplementary list\n"
    "with setgroups(2); also forge group IDs in credentials sent over\n"
    "UNIX sockets and write gid_map for a child user namespace.\n"
    "\n"
    "Risk: high; joining a group such as shadow, disk or docker is\n"
    "often as good as being root.\n"
    "\0"
    // cap_setuid
    "Set the process's user IDs to arbitrary values with setuid(2),\n"
    "setreuid(2), setresuid(2) and setfsuid(2), forge user IDs in\n"
    "credentials sent over UNIX sockets, and write uid_map for a child\n"
    "user namespace.\n"
    "\n"
    "Risk: very high; the process can simply switch to UID 0. Meant for\n"
    "login-style programs that change identity and then drop it.\n"
    "\0"
    // cap_setpcap
    "Step outside the normal capability rules for the process itself:\n"
    "drop capabilities from the bounding set (PR_CAPBSET_DROP), add any\n"
    "bounding-set capability to the inheritable set even when it is not\n"
    "permitted, and change the securebits flags.\n"
    "\n"
    "Risk: high; inheritable bits gained this way can be turned into\n"
    "real privileges by running a file with inheritable file\n"
    "capabilities. Mostly needed by launchers that set up sandboxes.\n"
    "\0"
    // cap_linux_immutable
    "Set or clear the immutable and append-only inode flags (chattr +i\n"
    "and +a, the FS_IOC_SETFLAGS ioctl). An immutable file cannot be\n"
    "modified, renamed or deleted even by root; an append-only file can\n"
    "only grow.\n"
    "\n"
    "Seldom needed by services. Removing the flags defeats whatever\n"
    "logs or configuration they were protecting.\n"
    "\0"
    // cap_net_bind_service
    "Bind network sockets to privileged ports: TCP, UDP and SCTP ports\n"
    "below 1024, or below net.ipv4.ip_unprivileged_port_start if that\n"
    "sysctl has been changed.\n"
    "\n"
    "The usual need of web, mail and DNS servers running as an ordinary\n"
    "user. Risk: low; it only lets the process claim well-known ports.\n"
    "\0"
    // cap_net_broadcast
    "Meant to allow network broadcasting and listening to multicast\n"
    "traffic. Mainline kernels do not check it anywhere, so it has no\n"
    "practical effect and exists only for compatibility.\n"
    "\0"
    // cap_net_admin
    "Administer the network stack: interfaces and their addresses,\n"
    "routing tables and policy rules, netfilter/nftables firewall rules,\n"
    "traffic control (tc qdiscs), bridges, tunnels, promiscuous mode,\n"
    "transparent proxying, and socket options such as SO_MARK, SO_DEBUG\n"
    "and SO_PRIORITY values above 6.\n"
    "\n"
    "Risk: high; it can redirect, sniff or drop any network traffic and\n"
    "rewrite firewall policy. Used by network managers and VPN clients.\n"
    "\0"
    // cap_net_raw
    "Open raw and packet sockets (SOCK_RAW, AF_PACKET) to build any\n"
    "network packet by hand or capture the traffic on an interface, and\n"
    "bind to non-local addresses for transparent proxying. Typical users\n"
    "are tcpdump, DHCP clients and ping on older systems.\n"
    "\n"
    "Risk: medium to high; spoofing and sniffing of local network\n"
    "traffic become possible.\n"
    "\0"
    // cap_ipc_lock
    "Pin memory in RAM past RLIMIT_MEMLOCK with mlock(2), mlockall(2)\n"
    "and mmap(2) MAP_LOCKED, lock System V shared memory (SHM_LOCK), and\n"
    "create huge-page shared memory segments (SHM_HUGETLB).\n"
    "\n"
    "Used by databases, real-time code and tools that keep secrets out\n"
    "of swap. Risk: low to moderate; it can tie up a lot of memory.\n"
    "\0"
    // cap_ipc_owner
    "Ignore the access mode of System V IPC objects (message queues,\n"
    "semaphore sets and shared memory segments), so any of them can be\n"
    "attached, read or written.\n"
    "\n"
    "Risk: moderate; it exposes or lets the process corrupt the IPC data\n"
    "of other users and services, e.g. a database's shared memory.\n"
    "\0"
    // cap_sys_module
    "Insert and remove kernel modules with init_module(2),\n"
    "finit_module(2) and delete_module(2), and shrink the capability\n"
    "sets given to usermode helpers (/proc/sys/kernel/usermodehelper).\n"
    "\n"
    "Risk: total. A module runs as part of the kernel, so this amounts\n"
    "to complete control of the machine.\n"
    "\0"
    // cap_sys_rawio
    "Talk to hardware directly: port I/O through iopl(2) and ioperm(2),\n"
    "opening /dev/mem, /dev/kmem and /dev/port, reading and writing\n"
    "model-specific registers via /dev/cpu/*/msr, raw SCSI commands, and\n"
    "the FIBMAP ioctl.\n"
    "\n"
    "Risk: total; raw access to memory or devices lets the process patch\n"
    "the running kernel and sidestep every other restriction.\n"
    "\0"
    // cap_sys_chroot
    "Change the process's root directory with chroot(2); together with\n"
    "cap_sys_admin it also allows entering another mount namespace with\n"
    "setns(2).\n"
    "\n"
    "Risk: moderate to high; a chroot stocked with a hostile libc or\n"
    "crafted configuration can fool setuid programs run inside it.\n"
    "\0"
    // cap_sys_ptrace
    "Attach to, inspect and alter processes of any user: ptrace(2),\n"
    "reading or writing their memory (process_vm_readv(2), /proc/PID/mem)\n"
    "and kcmp(2) or pidfd_getfd(2) on them. Yama's ptrace_scope=3 still\n"
    "blocks attaching.\n"
    "\n"
    "Risk: very high; injecting code into a root-owned process yields\n"
    "every privilege that process holds. Needed by debuggers and\n"
    "profilers that inspect other users' programs.\n"
    "\0"
    // cap_sys_pacct
    "Switch BSD process accounting on or off with acct(2), naming the\n"
    "file that receives a record for every process that exits.\n"
    "\n"
    "Risk: low to moderate; accounting can be turned off to hide what\n"
    "ran, or left on to fill up a file system.\n"
    "\0"
    // cap_sys_admin
    "A catch-all for system administration: mount(2) and umount(2),\n"
    "namespace creation outside a user namespace, swapon(2),\n"
    "sethostname(2), quotactl(2), trusted.* and security.* extended\n"
    "attributes, many device ioctls, keyring management, and BPF or perf\n"
    "use on kernels older than 5.8, among a great deal more.\n"
    "\n"
    "Risk: critical. It is nearly full root and has many known routes\n"
    "to every other capability; prefer any narrower capability.\n"
    "\0"
    // cap_sys_boot
    "Restart, halt or power off the machine with reboot(2), and stage a\n"
    "replacement kernel with kexec_load(2) or kexec_file_load(2).\n"
    "\n"
    "Risk: high; besides the obvious denial of service, kexec can start\n"
    "an arbitrary kernel.\n"
    "\0"
    // cap_sys_nice
    "Raise scheduling priority: lower nice values (nice(2),\n"
    "setpriority(2)), real-time policies such as SCHED_FIFO and SCHED_RR\n"
    "via sched_setscheduler(2), CPU affinity and I/O priority of other\n"
    "users' processes, and NUMA page placement with migrate_pages(2) and\n"
    "move_pages(2).\n"
    "\n"
    "Risk: moderate; a runaway real-time task can starve everything else.\n"
    "\0"
    // cap_sys_resource
    "Go past resource limits: raise hard rlimits with setrlimit(2), use\n"
    "the blocks ext2/3/4 keep in reserve, exceed disk quotas, enlarge\n"
    "message queues past their limits, and grow pipes beyond\n"
    "/proc/sys/fs/pipe-max-size, among other limits.\n"
    "\n"
    "Risk: moderate; chiefly the ability to exhaust memory, disk space\n"
    "and other shared resources.\n"
    "\0"
    // cap_sys_time
    "Set the system clock with settimeofday(2), clock_settime(2) and\n"
    "adjtimex(2), and set the hardware real-time clock.\n"
    "\n"
    "Risk: moderate; a wrong clock breaks certificate validation,\n"
    "Kerberos, log ordering and timed jobs. NTP daemons need it.\n"
    "\0"
    // cap_sys_tty_config
    "Configure terminals in ways ordinary users may not: vhangup(2) and\n"
    "privileged virtual console ioctls, such as changing the keyboard\n"
    "mapping or console font.\n"
    "\n"
    "Risk: low to moderate; it can hang up other users' sessions or\n"
    "change what keys a console user's typing produces.\n"
    "\0"
    // cap_mknod
    "Create character and block device nodes with mknod(2) and\n"
    "mknodat(2). FIFOs and socket files do not need it.\n"
    "\n"
    "Risk: high outside a user namespace; a node for a disk or memory\n"
    "device gives raw access to it unless a device cgroup blocks it.\n"
    "\0"
    // cap_lease
    "Take file leases (fcntl(2) F_SETLEASE) on files the process does\n"
    "not own. The lease holder is told when another process opens or\n"
    "truncates the file, and that process waits until the lease is\n"
    "released.\n"
    "\n"
    "Risk: low; other processes can be held up for lease-break-time.\n"
    "\0"
    // cap_audit_write
    "Submit user-space records to the kernel audit log through a\n"
    "netlink audit socket, as login, sshd, sudo and PAM modules do.\n"
    "\n"
    "Risk: low to moderate; forged entries can be added to the audit\n"
    "trail.\n"
    "\0"
    // cap_audit_control
    "Configure the kernel audit subsystem over netlink: turn auditing\n"
    "on or off, add and delete rules, and change its settings, as\n"
    "auditctl and auditd do.\n"
    "\n"
    "Risk: high for security monitoring; the audit trail can be switched\n"
    "off or blinded.\n"
    "\0"
    // cap_setfcap
    "Attach, change or remove file capabilities (the security.capability\n"
    "extended attribute, as setcap(8) does) on files the process may\n"
    "otherwise modify. Also required to map UID 0 in a new user\n"
    "namespace to the namespace's creator.\n"
    "\n"
    "Risk: very high; marking a program with file capabilities and then\n"
    "running it recovers any capability left in the bounding set.\n"
    "\0"
    // cap_mac_override
    "Bypass the rules of a mandatory access control security module.\n"
    "Which rules it lifts depends on the module; Smack is the main one\n"
    "that honours it, SELinux does not.\n"
    "\n"
    "Risk: high where such a module is enforced, as it voids the policy.\n"
    "\0"
    // cap_mac_admin
    "Change the configuration of a mandatory access control security\n"
    "module: for example load AppArmor profiles, edit Smack rules, or\n"
    "let SELinux apply labels its loaded policy does not define.\n"
    "\n"
    "Risk: high; whoever can rewrite the MAC policy can also disable it.\n"
    "\0"
    // cap_syslog
    "Use the privileged syslog(2) operations: read or clear the kernel\n"
    "log buffer (also /dev/kmsg when dmesg_restrict is set) and change\n"
    "the console log level. It also unmasks kernel addresses shown in\n"
    "/proc when kptr_restrict is 1.\n"
    "\n"
    "Risk: moderate; kernel pointers help exploits, and clearing the\n"
    "buffer can erase evidence.\n"
    "\0"
    // cap_wake_alarm
    "Arm timers that wake the system from suspend: CLOCK_REALTIME_ALARM\n"
    "and CLOCK_BOOTTIME_ALARM with timer_create(2) or timerfd_create(2).\n"
    "\n"
    "Risk: low; at worst it drains the battery by waking the machine.\n"
    "\0"
    // cap_block_suspend
    "Keep the system from suspending: use EPOLLWAKEUP on epoll events\n"
    "and take wake locks through /sys/power/wake_lock.\n"
    "\n"
    "Risk: low; the machine can be kept awake and use more power.\n"
    "\0"
    // cap_audit_read
    "Receive the audit event stream by joining the multicast group of a\n"
    "netlink audit socket, as audit dispatchers and monitors do.\n"
    "\n"
    "Risk: moderate; audit records can carry command lines and other\n"
    "sensitive details of every user's activity.\n"
    "\0"
    // cap_perfmon
    "Use performance monitoring and observability features:\n"
    "perf_event_open(2) system-wide or on other users' processes beyond\n"
    "the perf_event_paranoid limits, and, together with cap_bpf, BPF\n"
    "tracing programs. Split from cap_sys_admin in Linux 5.8; older\n"
    "kernels ask for that instead.\n"
    "\n"
    "Risk: moderate to high; counters and kernel tracing can leak\n"
    "information about other processes and the kernel.\n"
    "\0"
    // cap_bpf
    "Use the bpf(2) system call beyond the unprivileged subset: create\n"
    "most map types and load most program types. Tracing programs also\n"
    "need cap_perfmon, and attaching network programs (XDP, tc) needs\n"
    "cap_net_admin. Split from cap_sys_admin in Linux 5.8.\n"
    "\n"
    "Risk: high; BPF programs run inside the kernel, and with\n"
    "cap_perfmon they can read kernel memory.\n"
    "\0"
    // cap_checkpoint_restore
    "Support checkpoint/restore tools such as CRIU: pick the PID of a\n"
    "new process (clone3(2) set_tid, ns_last_pid), read the links in\n"
    "/proc/PID/map_files, and set memory layout fields with prctl(2)\n"
    "PR_SET_MM. Added in Linux 5.9; older kernels need cap_sys_admin.\n"
    "\n"
    "Risk: moderate; it reveals files other processes have mapped.\n"
    "\0";

constexpr std::string_view k_all{k_text, sizeof k_text - 1};

// The description after the cap-th NUL; empty when the text holds fewer descriptions.
constexpr std::string_view nth_description(unsigned cap) {
    std::size_t start = 0;
    for (unsigned skipped = 0; skipped < cap; ++skipped) {
        start = k_all.find('\0', start);
        if (start == std::string_view::npos) return {};
        ++start;
    }
    std::size_t end = k_all.find('\0', start);
    return end == std::string_view::npos ? std::string_view{} : k_all.substr(start, end - start);
}

// Exactly one description per named capability, each of two or more whole lines.
constexpr bool all_described() {
    for (unsigned cap = 0; cap < k_named_caps; ++cap) {
        std::string_view text = nth_description(cap);
        if (text.find('\n') + 1 >= text.size() || text.back() != '\n') return false;
    }
    std::string_view last = nth_description(k_named_caps - 1);
    return last.data() + last.size() + 1 == k_all.data() + k_all.size();
}
static_assert(all_described());

}  // namespace

std::string_view cap_description(unsigned cap) {
    return cap < k_named_caps ? nth_description(cap) : std::string_view{};
}

}  // namespace capsh
