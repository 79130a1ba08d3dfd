// The kernel seam for the process itself: its root directory, environment, the files it
// looks at, and the programs and children it starts. Calls that can fail return 0 or an
// errno value.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

namespace capsh {

// How a child started with launch() ended.
struct ChildEnd {
    int error = 0;  // errno of waitpid when the wait itself failed
    pid_t waited = 0;
    int status = 0;  // waitpid status
};

class ProcessKernel {
  public:
    virtual ~ProcessKernel() = default;

    // The root directory.
    virtual int change_root(const std::string& path) = 0;
    virtual int change_dir_to_root() = 0;

    // Environment, files, programs and children.
    virtual int set_env(const std::string& name, const std::string& value) = 0;
    virtual int unset_env(const std::string& name) = 0;
    virtual std::optional<std::string> get_env(const std::string& name) = 0;
    virtual bool is_executable(const std::string& path) = 0;
    virtual bool exists(const std::string& path) = 0;
    // Flushes what was printed, before every exec and fork, so that nothing is lost.
    virtual void flush_output() = 0;
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
