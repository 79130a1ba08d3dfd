// The real Kernel: libcap-ng for the E/P/I sets, prctl and plain syscalls for the rest.
#pragma once

#include <optional>

#include "kernel.hpp"

namespace capsh {

class LinuxKernel final : public Kernel {
  public:
    unsigned cap_count() override;
    int get_caps(CapState& out) override;
    int set_caps(const CapState& state) override;
    int bound_read(unsigned cap) override;
    int bound_drop(unsigned cap) override;
    int ambient_read(unsigned cap) override;
    int ambient_change(unsigned cap, bool raise) override;
    int ambient_clear_all() override;

    unsigned long securebits() override;
    int set_securebits(unsigned long bits) override;
    int set_keepcaps(unsigned long value) override;
    int no_new_privs() override;
    int set_no_new_privs() override;

    Ids ids() override;
    std::optional<std::vector<gid_t>> groups() override;
    int set_uid(uid_t uid) override;
    int set_gid(gid_t gid) override;
    int set_groups(const std::vector<gid_t>& groups) override;
    int change_root(const std::string& path) override;
    int change_dir_to_root() override;

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
    void flush_output() override;
    int exec(const std::string& path, const std::vector<std::string>& argv) override;
    pid_t launch(const std::string& path, const std::vector<std::string>& argv) override;
    ChildEnd wait_child(pid_t pid) override;
    pid_t fork_sleeper(unsigned seconds) override;
    int kill_child(pid_t pid, int signal) override;

  private:
    // E/P/I change only through capset and uid changes, so a read is kept until one of those.
    std::optional<CapState> caps_;
};

}  // namespace capsh
