#include "sim_kernel.hpp"

#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "cap_names.hpp"
#include "nss_files.hpp"
#include "read_file.hpp"

namespace capsh {
namespace {

constexpr unsigned long k_noroot = 0x1, k_no_setuid_fixup = 0x4, k_keep_caps = 0x10,
                        k_keep_caps_locked = 0x20, k_no_ambient_raise = 0x40;
constexpr unsigned long k_lock_bits = 0xaaa;  // every lock bit, as SECURE_ALL_LOCKS
// SECURE_ALL_UNPRIVILEGED (the exec bits 0x100, 0x400) and their locks: no CAP_SETPCAP needed.
constexpr unsigned long k_unprivileged_bits = 0xf00;

std::vector<std::pair<std::uint32_t, std::uint32_t>> read_id_map(const char* path) {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> ranges;
    auto text = read_file(path);
    if (!text) return {{0, 0xffffffffu}};  // no /proc: assume the initial namespace
    // Each line: "<first id inside> <first id outside> <count>".
    for (const char* line = text->c_str(); *line;) {
        char* end = nullptr;
        unsigned long inside = std::strtoul(line, &end, 10);
        unsigned long outside = std::strtoul(end, &end, 10);
        unsigned long count = std::strtoul(end, &end, 10);
        if (count != 0 && outside <= 0xffffffffu) {
            ranges.emplace_back(std::uint32_t(inside), std::uint32_t(inside + count));
        }
        const char* next = std::strchr(line, '\n');
        if (next == nullptr) break;
        line = next + 1;
    }
    return ranges;
}

bool in_ranges(const std::vector<std::pair<std::uint32_t, std::uint32_t>>& ranges,
               std::uint32_t id) {
    if (id == 0xffffffffu) return false;  // -1 is never an id
    for (auto [first, end] : ranges) {
        if (id >= first && (id < end || end <= first)) return true;
    }
    return false;
}

// commoncap's cap_emulate_setxuid: what a uid change does to the capability sets.
void fix_caps_after_setuid(SimState& state, const Ids& old) {
    if (state.securebits & k_no_setuid_fixup) return;
    bool was_root = old.uid == 0 || old.euid == 0 || old.suid == 0;
    bool now_root = state.ids.uid == 0 || state.ids.euid == 0 || state.ids.suid == 0;
    if (was_root && !now_root) {
        if (!(state.securebits & k_keep_caps)) state.caps.p = state.caps.e = 0;
        state.ambient = 0;
    }
    if (old.euid == 0 && state.ids.euid != 0) state.caps.e = 0;
    if (old.euid != 0 && state.ids.euid == 0) state.caps.e = state.caps.p;
}

}  // namespace

IdMaps IdMaps::read() {
    IdMaps maps;
    maps.uids = read_id_map("/proc/self/uid_map");
    maps.gids = read_id_map("/proc/self/gid_map");
    auto setgroups = read_file("/proc/self/setgroups");
    maps.setgroups_allowed = !setgroups || setgroups->rfind("deny", 0) != 0;
    return maps;
}

bool IdMaps::valid_uid(std::uint32_t uid) const {
    return in_ranges(uids, uid);
}
bool IdMaps::valid_gid(std::uint32_t gid) const {
    return in_ranges(gids, gid);
}

unsigned long kernel_securebits_mask() {
    utsname name{};
    unsigned major = 0, minor = 0;
    if (uname(&name) == 0) {
        char* end = nullptr;
        major = unsigned(std::strtoul(name.release, &end, 10));
        if (*end == '.') minor = unsigned(std::strtoul(end + 1, nullptr, 10));
    }
    return (major > 6 || (major == 6 && minor >= 14)) ? 0xfff : 0xff;
}

SimState snapshot(Kernel& real) {
    SimState state;
    (void)real.get_caps(state.caps);
    unsigned cap_count = real.cap_count();
    for (unsigned cap = 0; cap < cap_count; ++cap) {
        if (real.bound_read(cap) == 1) state.bounding |= bit(cap);
        if (real.ambient_read(cap) == 1) state.ambient |= bit(cap);
    }
    state.securebits = real.securebits();
    state.no_new_privs = real.no_new_privs() == 1;
    state.ids = real.ids();
    state.groups = real.groups();
    return state;
}

// cap_bprm_creds_from_file: what execve does to the credentials, given the program file.
SimState after_exec(const SimState& state, unsigned cap_count, const ExecFile& file,
                    const IdMaps& maps) {
    SimState next = state;
    const Ids& old = state.ids;
    // The set-id bits (ignored under no-new-privs, on a nosuid mount, or for an owner the
    // namespace does not map).
    bool honoured = file.found && !file.nosuid_mount;
    if (honoured && !state.no_new_privs && maps.valid_uid(file.owner) &&
        maps.valid_gid(file.group)) {
        if (file.set_uid) next.ids.euid = file.owner;
        if (file.set_gid) next.ids.egid = file.group;
    }
    std::uint64_t all = low_bits(cap_count);
    std::uint64_t permitted = 0;
    bool effective = false;
    bool file_caps = honoured && file.caps.has_value();
    if (file_caps) {
        permitted =
            ((state.bounding & file.caps->permitted) | (state.caps.i & file.caps->inheritable)) &
            all;
        effective = file.caps->effective;
    }
    // Root's rule: as if the file had every capability, unless a set-uid-root file has its own.
    bool set_uid_root = next.ids.euid == 0 && next.ids.uid != 0;
    if (!(state.securebits & k_noroot) && !(file_caps && set_uid_root)) {
        if (next.ids.euid == 0 || next.ids.uid == 0)
            permitted = (state.bounding | state.caps.i) & all;
        if (next.ids.euid == 0) effective = true;
    }
    bool set_id = next.ids.euid != old.uid || next.ids.egid != old.gid;
    // no_new_privs: an exec that would change ids or gain permitted caps is downgraded instead.
    if (state.no_new_privs && (set_id || (permitted & ~state.caps.p) != 0)) {
        next.ids.euid = old.uid;
        next.ids.egid = old.gid;
        permitted &= state.caps.p;
    }
    next.ids.suid = next.ids.euid;
    next.ids.sgid = next.ids.egid;
    if (file_caps || set_id) next.ambient = 0;
    next.caps.p = permitted | next.ambient;
    next.caps.e = effective ? next.caps.p : next.ambient;
    next.securebits &= ~k_keep_caps;
    return next;
}

SimState after_exec(const SimState& state, unsigned cap_count) {
    return after_exec(state, cap_count, ExecFile{}, IdMaps{});
}

int SimKernel::get_caps(CapState& out) {
    out = state_.caps;
    return 0;
}

// cap_capset's checks, in the kernel's order.
int SimKernel::set_caps(const CapState& wanted) {
    const CapState& old = state_.caps;
    std::uint64_t all = low_bits(cap_count());
    CapState next{wanted.e & all, wanted.p & all, wanted.i & all};
    if (!effective(k_cap_setpcap) && (next.i & ~(old.i | old.p)) != 0) return EPERM;
    if ((next.i & ~(old.i | state_.bounding)) != 0) return EPERM;
    if ((next.p & ~old.p) != 0) return EPERM;
    if ((next.e & ~next.p) != 0) return EPERM;
    state_.caps = next;
    state_.ambient &= next.p & next.i;
    return 0;
}

int SimKernel::bound_read(unsigned cap) {
    return cap < cap_count() ? int(has(state_.bounding, cap)) : -EINVAL;
}

int SimKernel::bound_drop(unsigned cap) {
    if (!effective(k_cap_setpcap)) return EPERM;
    if (cap >= cap_count()) return EINVAL;
    state_.bounding &= ~bit(cap);
    return 0;
}

int SimKernel::ambient_read(unsigned cap) {
    return cap < cap_count() ? int(has(state_.ambient, cap)) : -EINVAL;
}

int SimKernel::ambient_change(unsigned cap, bool raise) {
    if (cap >= cap_count()) return EINVAL;
    if (raise && (!has(state_.caps.p, cap) || !has(state_.caps.i, cap) ||
                  (state_.securebits & k_no_ambient_raise))) {
        return EPERM;
    }
    state_.ambient = raise ? (state_.ambient | bit(cap)) : (state_.ambient & ~bit(cap));
    return 0;
}

int SimKernel::ambient_clear_all() {
    state_.ambient = 0;
    return 0;
}

int SimKernel::set_securebits(unsigned long bits) {
    unsigned long old = state_.securebits;
    unsigned long locks = old & k_lock_bits;
    if (((locks >> 1) & (old ^ bits)) || (locks & ~bits) || (bits & ~securebits_mask_)) {
        return EPERM;
    }
    // Without CAP_SETPCAP, Linux 6.14 lets only the exec bits (SECURE_ALL_UNPRIVILEGED) and
    // their locks change, and still refuses a call that changes nothing. (Older kernels refuse
    // those bits above, so the rule is the same there: nothing changes without CAP_SETPCAP.)
    if (!effective(k_cap_setpcap)) {
        unsigned long changed = old ^ bits;
        if (changed == 0 || (changed & ~k_unprivileged_bits) != 0) return EPERM;
    }
    state_.securebits = bits;
    return 0;
}

int SimKernel::set_keepcaps(unsigned long value) {
    if (value > 1) return EINVAL;
    if (state_.securebits & k_keep_caps_locked) return EPERM;
    state_.securebits =
        value ? (state_.securebits | k_keep_caps) : (state_.securebits & ~k_keep_caps);
    return 0;
}

int SimKernel::set_no_new_privs() {
    state_.no_new_privs = true;
    return 0;
}

// The setuid system call (what glibc's setuid() makes on every thread).
int SimKernel::set_uid(uid_t uid) {
    if (!maps_.valid_uid(uid)) return EINVAL;
    Ids old = state_.ids;
    if (effective(k_cap_setuid)) {
        state_.ids.uid = state_.ids.suid = uid;
    } else if (uid != old.uid && uid != old.suid) {
        return EPERM;
    }
    state_.ids.euid = uid;
    fix_caps_after_setuid(state_, old);
    return 0;
}

int SimKernel::set_gid(gid_t gid) {
    if (!maps_.valid_gid(gid)) return EINVAL;
    if (effective(k_cap_setgid)) {
        state_.ids.gid = state_.ids.sgid = gid;
    } else if (gid != state_.ids.gid && gid != state_.ids.sgid) {
        return EPERM;
    }
    state_.ids.egid = gid;
    return 0;
}

int SimKernel::set_groups(const std::vector<gid_t>& groups) {
    if (!effective(k_cap_setgid) || !maps_.setgroups_allowed) return EPERM;
    if (groups.size() > 65536) return EINVAL;
    for (gid_t gid : groups) {
        if (!maps_.valid_gid(gid)) return EINVAL;
    }
    state_.groups = groups;
    std::sort(state_.groups->begin(), state_.groups->end());  // the kernel keeps them sorted
    return 0;
}

std::string SimKernel::in_root(const std::string& path) const {
    if (root_.empty() || path.empty() || path[0] != '/') return path;
    return root_ + path;
}

int SimKernel::change_root(const std::string& path) {
    if (!effective(k_cap_sys_chroot)) return EPERM;
    std::string target = in_root(path);
    struct stat info {};
    if (stat(target.c_str(), &info) != 0) return errno;
    if (!S_ISDIR(info.st_mode)) return ENOTDIR;
    char* resolved = realpath(target.c_str(), nullptr);
    if (resolved == nullptr) return errno;
    root_ = resolved;
    std::free(resolved);
    if (root_ == "/") root_.clear();
    group_names_.clear();  // another root, another group database
    group_file_.reset();
    return 0;
}

// Before any --chroot the real database answers; after one, the files inside the new root
// (as the real capsh-ng would read them there).
std::optional<UserEntry> SimKernel::user_by_name(const std::string& name) {
    if (root_.empty()) return real_.user_by_name(name);
    auto text = read_file(in_root("/etc/passwd"));
    auto entry = passwd_by_name(text ? FileText(*text) : std::nullopt, name);
    if (!entry) return std::nullopt;
    return UserEntry{entry->uid, entry->gid, entry->dir, entry->name};
}

std::optional<UserEntry> SimKernel::user_by_uid(uid_t uid) {
    if (root_.empty()) return real_.user_by_uid(uid);
    auto text = read_file(in_root("/etc/passwd"));
    auto entry = passwd_by_uid(text ? FileText(*text) : std::nullopt, uid).entry;
    if (!entry) return std::nullopt;
    return UserEntry{entry->uid, entry->gid, entry->dir, entry->name};
}

UserNames SimKernel::user_names(uid_t uid, uid_t euid) {
    if (root_.empty()) return real_.user_names(uid, euid);
    auto text = read_file(in_root("/etc/passwd"));
    FileText passwd = text ? FileText(*text) : std::nullopt;
    auto real = passwd_by_uid(passwd, uid);
    auto effective = passwd_by_uid(passwd, euid);
    UserNames names;
    if (real.entry) names.uid = effective.left_in_buffer;
    if (effective.entry) names.euid = effective.entry->name;
    return names;
}

std::optional<std::string> SimKernel::group_name(gid_t gid) {
    auto known = group_names_.find(gid);
    if (known != group_names_.end()) return known->second;
    std::optional<std::string> name;
    if (root_.empty()) {
        name = real_.group_name(gid);
    } else {
        if (!group_file_) group_file_ = read_file(in_root("/etc/group"));
        const auto& text = *group_file_;
        name = group_name_by_gid(text ? FileText(*text) : std::nullopt, gid);
    }
    group_names_.emplace(gid, name);
    return name;
}

std::optional<gid_t> SimKernel::group_by_name(const std::string& name) {
    if (root_.empty()) return real_.group_by_name(name);
    auto text = read_file(in_root("/etc/group"));
    long size = sysconf(_SC_GETGR_R_SIZE_MAX);
    return capsh::group_by_name(text ? FileText(*text) : std::nullopt, name,
                                size > 0 ? std::size_t(size) : 1024);
}

std::optional<gid_t> SimKernel::group_by_name_any_size(const std::string& name) {
    if (root_.empty()) return real_.group_by_name_any_size(name);
    auto text = read_file(in_root("/etc/group"));
    return capsh::group_by_name(text ? FileText(*text) : std::nullopt, name, SIZE_MAX);
}

std::vector<gid_t> SimKernel::group_list(const std::string& user, gid_t gid) {
    if (root_.empty()) return real_.group_list(user, gid);
    auto text = read_file(in_root("/etc/group"));
    return capsh::group_list(text ? FileText(*text) : std::nullopt, user, gid);
}

int SimKernel::set_env(const std::string& name, const std::string& value) {
    env_changes_.emplace_back(name, value);
    return 0;
}

int SimKernel::unset_env(const std::string& name) {
    env_changes_.emplace_back(name, std::nullopt);
    return 0;
}

std::optional<std::string> SimKernel::get_env(const std::string& name) {
    for (auto change = env_changes_.rbegin(); change != env_changes_.rend(); ++change) {
        if (change->first == name) return change->second;
    }
    return real_.get_env(name);
}

bool SimKernel::is_executable(const std::string& path) {
    return real_.is_executable(in_root(path));
}

bool SimKernel::exists(const std::string& path) {
    return real_.exists(in_root(path));
}

// The plan stops at the exec: report it to the plan runner, or fail as execve would.
int SimKernel::exec(const std::string& path, const std::vector<std::string>& argv) {
    std::string file = in_root(path);
    if (!real_.exists(file)) return ENOENT;
    if (!real_.is_executable(file)) return EACCES;
    throw TargetReached{RunHow::exec, path, argv, read_exec_file(file)};
}

pid_t SimKernel::launch(const std::string& path, const std::vector<std::string>& argv) {
    std::string file = in_root(path);
    if (!real_.exists(file) || !real_.is_executable(file)) return -ECHILD;
    throw TargetReached{RunHow::launch, path, argv, read_exec_file(file)};
}

ChildEnd SimKernel::wait_child(pid_t pid) {
    // The sleeper ends normally unless the signal kills it (these four are ignored by default).
    bool ignored = child_signal_ == SIGCHLD || child_signal_ == SIGCONT ||
                   child_signal_ == SIGURG || child_signal_ == SIGWINCH;
    return ChildEnd{0, pid, ignored ? 0 : child_signal_};
}

pid_t SimKernel::fork_sleeper(unsigned) {
    return 2;
}

int SimKernel::kill_child(pid_t, int signal) {
    if (signal < 0 || signal > 64) return EINVAL;
    child_signal_ = signal;
    return 0;
}

}  // namespace capsh
