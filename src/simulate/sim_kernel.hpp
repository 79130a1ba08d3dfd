// E5: a model of the kernel's capability rules, for --plan. It starts from a snapshot of the
// real process and applies capset, prctl and set*id calls the way Linux does (capabilities(7),
// security/commoncap.c), without changing anything. Lookups that only read the system (user
// database, files) go to the real kernel.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "exec_file.hpp"
#include "kernel.hpp"
#include "plan.hpp"

namespace capsh {

// Everything the model tracks about a process.
struct SimState {
    CapState caps;
    std::uint64_t bounding = 0;
    std::uint64_t ambient = 0;
    unsigned long securebits = 0;
    bool no_new_privs = false;
    Ids ids{};
    std::optional<std::vector<gid_t>> groups;  // nullopt: the real process could not say
};

// Which ids exist in the process's user namespace (/proc/self/uid_map, gid_map) and whether
// setgroups is allowed there (/proc/self/setgroups).
struct IdMaps {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> uids, gids;  // [first, first+count)
    bool setgroups_allowed = true;

    static IdMaps read();
    bool valid_uid(std::uint32_t uid) const;
    bool valid_gid(std::uint32_t gid) const;
};

// Thrown by SimKernel where the real process would exec: the plan ends there.
struct TargetReached {
    RunHow how;
    std::string path;
    std::vector<std::string> argv;
    ExecFile file;  // the program's set-id bits and file capabilities
};

SimState snapshot(Kernel& real);

// The state the target of an exec starts with, given its program file (set-id bits, file
// capabilities) and the namespace's id maps (an unmapped owner's set-id bit is ignored).
SimState after_exec(const SimState& state, unsigned cap_count, const ExecFile& file,
                    const IdMaps& maps);
// The same for a plain program: no file capabilities, no set-id bits.
SimState after_exec(const SimState& state, unsigned cap_count);

class SimKernel final : public Kernel {
  public:
    SimKernel(Kernel& real, SimState state, IdMaps maps, unsigned long securebits_mask)
        : real_(real),
          state_(std::move(state)),
          maps_(std::move(maps)),
          securebits_mask_(securebits_mask) {}

    const SimState& state() const { return state_; }
    void set_state(SimState state) { state_ = std::move(state); }
    const std::string& root() const { return root_; }
    const IdMaps& maps() const { return maps_; }
    // A path as the real filesystem has it (inside the root a --chroot step chose).
    std::string in_root(const std::string& path) const;

    unsigned cap_count() override { return real_.cap_count(); }
    int get_caps(CapState& out) override;
    int set_caps(const CapState& wanted) override;
    int bound_read(unsigned cap) override;
    int bound_drop(unsigned cap) override;
    int ambient_read(unsigned cap) override;
    int ambient_change(unsigned cap, bool raise) override;
    int ambient_clear_all() override;

    unsigned long securebits() override { return state_.securebits; }
    int set_securebits(unsigned long bits) override;
    int set_keepcaps(unsigned long value) override;
    int no_new_privs() override { return state_.no_new_privs ? 1 : 0; }
    int set_no_new_privs() override;

    Ids ids() override { return state_.ids; }
    std::optional<std::vector<gid_t>> groups() override { return state_.groups; }
    int set_uid(uid_t uid) override;
    int set_gid(gid_t gid) override;
    int set_groups(const std::vector<gid_t>& groups) override;
    int change_root(const std::string& path) override;
    int change_dir_to_root() override { return 0; }

    std::optional<UserEntry> user_by_name(const std::string& name) override;
    std::optional<UserEntry> user_by_uid(uid_t uid) override;
    UserNames user_names(uid_t uid, uid_t euid) override;
    std::optional<std::string> group_name(gid_t gid) override;
    std::optional<gid_t> group_by_name(const std::string& name) override;
    std::optional<gid_t> group_by_name_any_size(const std::string& name) override;
    std::vector<gid_t> group_list(const std::string& user, gid_t gid) override;

    int set_env(const std::string& name, const std::string& value) override;
    int unset_env(const std::string& name) override;
    std::optional<std::string> get_env(const std::string& name) override;
    bool is_executable(const std::string& path) override;
    bool exists(const std::string& path) override;
    void flush_output() override {}
    int exec(const std::string& path, const std::vector<std::string>& argv) override;
    pid_t launch(const std::string& path, const std::vector<std::string>& argv) override;
    ChildEnd wait_child(pid_t pid) override;
    pid_t fork_sleeper(unsigned seconds) override;
    int kill_child(pid_t pid, int signal) override;

  private:
    bool effective(unsigned cap) const { return has(state_.caps.e, cap); }

    Kernel& real_;
    SimState state_;
    IdMaps maps_;
    unsigned long securebits_mask_;  // every bit and lock bit this kernel accepts
    std::string root_;               // "" until --chroot
    // Group names already looked up under root_: --plan names every group after every step,
    // and a process may have thousands.
    std::map<gid_t, std::optional<std::string>> group_names_;
    std::optional<std::optional<std::string>> group_file_;  // root_'s /etc/group, once read
    std::vector<std::pair<std::string, std::optional<std::string>>> env_changes_;
    int child_signal_ = 0;
};

// The securebits this kernel knows: 0xff, or 0xfff from Linux 6.14 (the exec restrictions).
unsigned long kernel_securebits_mask();

}  // namespace capsh
