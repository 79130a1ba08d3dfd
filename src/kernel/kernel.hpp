// The one seam between capsh-ng and the operating system. The executor does everything through
// this interface: LinuxKernel is the real one (libcap-ng plus the syscalls it lacks), and the
// unit tests use a recording fake. Calls that can fail return 0 or an errno value, so no caller
// ever has to trust errno after a library call.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

#include "cap_state.hpp"

namespace capsh {

// capsh's MAX_GROUPS: --print lists no supplementary group when there are more, and --user
// fails when getgrouplist finds more.
constexpr int k_max_listed_groups = 100;

struct Ids {
    uid_t uid, euid, suid;  // real, effective, saved
    gid_t gid, egid, sgid;
};

struct UserNames {
    std::optional<std::string> uid, euid;
};

struct UserEntry {
    uid_t uid;
    gid_t gid;
    std::string home;
};

// How a child started with launch() ended.
struct ChildEnd {
    int error = 0;  // errno of waitpid when the wait itself failed
    pid_t waited = 0;
    int status = 0;  // waitpid status
};

class Kernel {
  public:
    virtual ~Kernel() = default;

    // Capability sets.
    virtual unsigned cap_count() = 0;  // K
    virtual int get_caps(CapState& out) = 0;
    virtual int set_caps(const CapState& state) = 0;
    virtual int bound_read(unsigned cap) = 0;  // 1 present, 0 dropped, -errno unsupported
    virtual int bound_drop(unsigned cap) = 0;
    virtual int ambient_read(unsigned cap) = 0;  // 1, 0, or -errno
    virtual int ambient_change(unsigned cap, bool raise) = 0;
    virtual int ambient_clear_all() = 0;

    // Process security bits.
    virtual unsigned long securebits() = 0;
    virtual int set_securebits(unsigned long bits) = 0;
    virtual int set_keepcaps(unsigned long value) = 0;
    virtual int no_new_privs() = 0;  // 0 or 1
    virtual int set_no_new_privs() = 0;

    // Identity and root directory.
    virtual Ids ids() = 0;
    // Every supplementary group, however many; nullopt only when the kernel will not say.
    virtual std::optional<std::vector<gid_t>> groups() = 0;
    virtual int set_uid(uid_t uid) = 0;
    virtual int set_gid(gid_t gid) = 0;
    virtual int set_groups(const std::vector<gid_t>& groups) = 0;
    virtual int change_root(const std::string& path) = 0;
    virtual int change_dir_to_root() = 0;

    // The user and group database (NSS, or /etc files in a static build).
    virtual std::optional<UserEntry> user_by_name(const std::string& name) = 0;
    // The names --print shows for the real and effective uid. capsh looks both up before it
    // reads either, through getpwuid's one static buffer, so the real uid is shown with whatever
    // that buffer holds after the second lookup; implementations keep that call pattern.
    virtual UserNames user_names(uid_t uid, uid_t euid) = 0;
    virtual std::optional<std::string> group_name(gid_t gid) = 0;
    virtual std::optional<gid_t> group_by_name(const std::string& name) = 0;
    // getgrouplist with room for 100 groups; nullopt when it fails.
    virtual std::optional<std::vector<gid_t>> group_list(const std::string& user, gid_t gid) = 0;

    // Environment, files and processes.
    virtual int set_env(const std::string& name, const std::string& value) = 0;
    virtual int unset_env(const std::string& name) = 0;
    virtual std::optional<std::string> get_env(const std::string& name) = 0;
    virtual bool is_executable(const std::string& path) = 0;
    virtual bool exists(const std::string& path) = 0;
    virtual void flush_output() = 0;  // D1: before every exec and fork
    // Replaces the process; returns only on failure, with the errno.
    virtual int exec(const std::string& path, const std::vector<std::string>& argv) = 0;
    // libcap's cap_launch: fork, exec in the child. The child's pid, or -errno: the fork's
    // errno, or -ECHILD when the child could not exec.
    virtual pid_t launch(const std::string& path, const std::vector<std::string>& argv) = 0;
    virtual ChildEnd wait_child(pid_t pid) = 0;
    // A child that sleeps, then exits 0 (--forkfor). Its pid, or -errno.
    virtual pid_t fork_sleeper(unsigned seconds) = 0;
    virtual int kill_child(pid_t pid, int signal) = 0;
};

}  // namespace capsh
