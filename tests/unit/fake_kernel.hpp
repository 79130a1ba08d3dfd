// A recording fake of the Kernel seam: it keeps a simple model of a process's security state,
// logs every call that changes something, and can be told to fail a call.
#pragma once

#include <cerrno>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "kernel.hpp"

namespace capsh::testing {

class FakeKernel final : public Kernel {
  public:
    // The model (a root process in a full user namespace by default).
    unsigned k = 41;
    CapState caps{low_bits(41), low_bits(41), 0};
    std::uint64_t bounding = low_bits(41);
    std::uint64_t ambient = 0;
    unsigned long secbits = 0;
    int nnp = 0;
    Ids id{0, 0, 0, 0, 0, 0};
    std::vector<gid_t> supplementary;
    bool groups_unknown = false;                            // getgroups fails
    std::map<std::string, std::vector<gid_t>> memberships;  // user -> groups listing them
    unsigned group_name_calls = 0;
    std::map<std::string, std::string> env;
    std::set<std::string> files{"/bin/bash", "/bin/sh", "/usr/bin/capsh"};

    std::vector<std::string> log;         // "set_uid 65534", "exec /bin/bash", ...
    std::map<std::string, int> failures;  // call name -> errno to fail it with

    unsigned cap_count() override { return k; }
    int get_caps(CapState& out) override {
        out = caps;
        return 0;
    }
    int set_caps(const CapState& s) override {
        if (int err = call("set_caps")) return err;
        caps = CapState{s.e & low_bits(k), s.p & low_bits(k), s.i & low_bits(k)};
        ambient &= caps.i & caps.p;
        return 0;
    }
    int bound_read(unsigned cap) override { return cap < k ? int(has(bounding, cap)) : -EINVAL; }
    int bound_drop(unsigned cap) override {
        if (cap >= k) return EINVAL;
        if (int err = call("bound_drop " + std::to_string(cap))) return err;
        bounding &= ~bit(cap);
        return 0;
    }
    int ambient_read(unsigned cap) override { return cap < k ? int(has(ambient, cap)) : -EINVAL; }
    int ambient_change(unsigned cap, bool raise) override {
        if (int err = call((raise ? "ambient_raise " : "ambient_lower ") + std::to_string(cap))) {
            return err;
        }
        ambient = raise ? (ambient | bit(cap)) : (ambient & ~bit(cap));
        return 0;
    }
    int ambient_clear_all() override {
        ambient = 0;
        return call("ambient_clear_all");
    }
    unsigned long securebits() override { return secbits; }
    int set_securebits(unsigned long bits) override {
        if (int err = call("set_securebits " + std::to_string(bits))) return err;
        secbits = bits;
        return 0;
    }
    int set_keepcaps(unsigned long value) override {
        return call("set_keepcaps " + std::to_string(value));
    }
    int no_new_privs() override { return nnp; }
    int set_no_new_privs() override {
        nnp = 1;
        return call("set_no_new_privs");
    }
    Ids ids() override { return id; }
    std::optional<std::vector<gid_t>> groups() override {
        if (groups_unknown) return std::nullopt;
        return supplementary;
    }
    int set_uid(uid_t uid) override {
        if (int err = call("set_uid " + std::to_string(uid))) return err;
        id.uid = id.euid = id.suid = uid;
        return 0;
    }
    int set_gid(gid_t gid) override {
        if (int err = call("set_gid " + std::to_string(gid))) return err;
        id.gid = id.egid = id.sgid = gid;
        return 0;
    }
    int set_groups(const std::vector<gid_t>& groups) override {
        if (int err = call("set_groups " + std::to_string(groups.size()))) return err;
        supplementary = groups;
        return 0;
    }
    int change_root(const std::string& path) override { return call("chroot " + path); }
    int change_dir_to_root() override { return call("chdir /"); }
    std::optional<UserEntry> user_by_name(const std::string& name) override {
        if (name == "nobody") return UserEntry{65534, 65534, "/nonexistent", "nobody"};
        return std::nullopt;
    }
    std::optional<UserEntry> user_by_uid(uid_t uid) override {
        if (uid == 65534) return user_by_name("nobody");
        return std::nullopt;
    }
    UserNames user_names(uid_t uid, uid_t euid) override {
        auto name = [](uid_t id) {
            return id == 0 ? std::optional<std::string>("root") : std::nullopt;
        };
        return UserNames{name(uid), name(euid)};
    }
    std::optional<std::string> group_name(gid_t gid) override {
        ++group_name_calls;
        if (gid == 0) return "root";
        return std::nullopt;
    }
    std::optional<gid_t> group_by_name(const std::string& name) override {
        if (name == "daemon") return 1;
        return std::nullopt;
    }
    std::optional<gid_t> group_by_name_any_size(const std::string& name) override {
        return group_by_name(name);
    }
    std::vector<gid_t> group_list(const std::string& user, gid_t gid) override {
        std::vector<gid_t> list{gid};  // getgrouplist: the primary group first
        auto member = memberships.find(user);
        if (member != memberships.end()) {
            for (gid_t other : member->second)
                if (other != gid) list.push_back(other);
        }
        return list;
    }
    int set_env(const std::string& name, const std::string& value) override {
        env[name] = value;
        return call("setenv " + name + "=" + value);
    }
    int unset_env(const std::string& name) override {
        env.erase(name);
        return call("unsetenv " + name);
    }
    std::optional<std::string> get_env(const std::string& name) override {
        auto found = env.find(name);
        if (found == env.end()) return std::nullopt;
        return found->second;
    }
    bool is_executable(const std::string& path) override { return path == "/usr/bin/capsh"; }
    bool exists(const std::string& path) override { return files.count(path) != 0; }
    void flush_output() override { log.push_back("flush"); }
    int exec(const std::string& path, const std::vector<std::string>& argv) override {
        std::string line = "exec " + path;
        for (std::size_t n = 1; n < argv.size(); ++n)
            line += " " + argv[n];
        int err = call(line);
        return err != 0 ? err : ENOEXEC;  // a real exec returns only when it fails
    }
    pid_t launch(const std::string& path, const std::vector<std::string>&) override {
        if (int err = call("launch " + path)) return -err;
        return 4242;
    }
    ChildEnd wait_child(pid_t pid) override {
        log.push_back("wait " + std::to_string(pid));
        return ChildEnd{0, pid, child_status};
    }
    pid_t fork_sleeper(unsigned seconds) override {
        if (int err = call("fork_sleeper " + std::to_string(seconds))) return -err;
        return 777;
    }
    int kill_child(pid_t pid, int signal) override {
        child_status = signal;  // as if it died of that signal
        return call("kill " + std::to_string(pid) + " " + std::to_string(signal));
    }

    int child_status = 0;

  private:
    int call(const std::string& what) {
        log.push_back(what);
        auto found = failures.find(what);
        return found == failures.end() ? 0 : found->second;
    }
};

}  // namespace capsh::testing
