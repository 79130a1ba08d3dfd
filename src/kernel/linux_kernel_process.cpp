// LinuxKernel: environment, exec and child processes.
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>

#include "linux_kernel.hpp"

namespace capsh {
namespace {

std::vector<char*> c_argv(const std::vector<std::string>& argv) {
    std::vector<char*> pointers;
    pointers.reserve(argv.size() + 1);
    for (const auto& arg : argv)
        pointers.push_back(const_cast<char*>(arg.c_str()));
    pointers.push_back(nullptr);
    return pointers;
}

// In the launched child: exec, or report errno to the parent through the pipe.
[[noreturn]] void launcher_child(int report_fd, const std::string& path,
                                 const std::vector<char*>& argv) {
    prctl(PR_SET_NAME, "cap-launcher", 0, 0, 0);
    execve(path.c_str(), argv.data(), environ);
    int err = errno;
    (void)!write(report_fd, &err, sizeof err);
    _exit(1);
}

}  // namespace

int LinuxKernel::set_env(const std::string& name, const std::string& value) {
    return setenv(name.c_str(), value.c_str(), 1) == 0 ? 0 : errno;
}

int LinuxKernel::unset_env(const std::string& name) {
    return unsetenv(name.c_str()) == 0 ? 0 : errno;
}

std::optional<std::string> LinuxKernel::get_env(const std::string& name) {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
}

bool LinuxKernel::is_executable(const std::string& path) {
    return access(path.c_str(), X_OK) == 0;
}

bool LinuxKernel::exists(const std::string& path) {
    return access(path.c_str(), F_OK) == 0;
}

void LinuxKernel::flush_output() {
    std::fflush(stdout);
}

int LinuxKernel::exec(const std::string& path, const std::vector<std::string>& argv) {
    auto pointers = c_argv(argv);
    execve(path.c_str(), pointers.data(), environ);
    return errno;
}

pid_t LinuxKernel::launch(const std::string& path, const std::vector<std::string>& argv) {
    auto pointers = c_argv(argv);
    int report[2];
    if (pipe2(report, O_CLOEXEC) != 0) return -errno;
    pid_t child = fork();
    if (child < 0) {
        int err = errno;
        close(report[0]);
        close(report[1]);
        return -err;
    }
    if (child == 0) launcher_child(report[1], path, pointers);
    close(report[1]);
    int child_errno = 0;
    ssize_t got;
    do {
        got = read(report[0], &child_errno, sizeof child_errno);
    } while (got < 0 && errno == EINTR);
    close(report[0]);
    if (got > 0) {  // the exec failed: reap the child and report it as libcap does
        int status;
        waitpid(child, &status, 0);
        return -ECHILD;
    }
    return child;
}

ChildEnd LinuxKernel::wait_child(pid_t pid) {
    ChildEnd end;
    end.waited = waitpid(pid, &end.status, 0);
    if (end.waited < 0) end.error = errno;
    return end;
}

pid_t LinuxKernel::fork_sleeper(unsigned seconds) {
    pid_t child = fork();
    if (child < 0) return -errno;
    if (child == 0) {
        sleep(seconds);
        _exit(0);
    }
    return child;
}

int LinuxKernel::kill_child(pid_t pid, int signal) {
    return kill(pid, signal) == 0 ? 0 : errno;
}

}  // namespace capsh
