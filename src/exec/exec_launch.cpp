// Applying --forkfor/--killit and running the shell (-- -+) or capsh again (== =+).
#include <fmt/format.h>
#include <sys/wait.h>

#include <cstring>

#include "chars.hpp"
#include "executor_steps.hpp"

namespace capsh {
namespace {

constexpr const char* k_fallback_shell = "/bin/sh";

// execvp's search without its shell fallback: a name with a '/' is used as it is; otherwise
// each PATH entry (an empty one means the current directory) until an exec succeeds. Returns
// the errno to report: EACCES if any candidate was there but not executable.
int exec_searching(Kernel& kernel, const std::string& program,
                   const std::vector<std::string>& argv) {
    if (program.find('/') != std::string::npos) return kernel.exec(program, argv);
    std::string path = kernel.get_env("PATH").value_or("/bin:/usr/bin");
    bool denied = false;
    int last = ENOENT;
    for (std::size_t start = 0; start <= path.size();) {
        std::size_t colon = std::min(path.find(':', start), path.size());
        std::string dir = path.substr(start, colon - start);
        start = colon + 1;
        std::string candidate = dir.empty() ? program : dir;
        if (!dir.empty()) candidate.append("/").append(program);
        int err = kernel.exec(candidate, argv);
        if (err == EACCES) {
            denied = true;
        } else if (err != ENOENT && err != ENOTDIR && err != ESTALE && err != ELOOP &&
                   err != ENAMETOOLONG) {
            return err;
        }
        last = err;
    }
    return denied ? EACCES : last;
}

// capsh's find_self: argv[0] as given when it has a '/', otherwise the first non-empty PATH
// entry where it is executable.
std::string find_self(Kernel& kernel, std::string_view argv0) {
    if (argv0.find('/') != std::string_view::npos) return std::string(argv0);
    auto path = kernel.get_env("PATH");
    if (!path) {
        fail("no PATH environment variable found for re-execing\n",
             "== and =+ look for capsh-ng on PATH when it was run without a '/' in its name");
    }
    std::string found;
    for_each_piece(
        *path,
        [&](std::string_view dir) {
            std::string candidate = fmt::format("{}/{}", dir, argv0);
            if (kernel.is_executable(candidate)) found = std::move(candidate);
            return found.empty();
        },
        ':');
    if (!found.empty()) return found;
    fail(fmt::format("unable to find executable '{}' in PATH\n", argv0),
         "run capsh-ng by its full path, or put its directory on PATH (inside any --chroot)");
}

// libcap's cap_launch as capsh uses it: start, wait, and pass on how the child ended.
void launch_and_wait(Executor& ex, const std::vector<std::string>& argv) {
    Kernel& kernel = ex.kernel();
    pid_t child = kernel.launch(argv[0], argv);
    if (child <= 0) {
        fail_errno("child failed to start", child < 0 ? -child : ECHILD,
                   fmt::format("'{}' does not exist or cannot be executed", argv[0]));
    }
    ChildEnd end = kernel.wait_child(child);
    if (end.waited != child) {
        fail(fmt::format("failed to wait for PID={}, result={:x}: {}\n", child,
                         unsigned(end.status), strerror(end.error)));
    }
    if (WIFEXITED(end.status)) {
        ex.end(WEXITSTATUS(end.status));
    } else if (WIFSIGNALED(end.status)) {
        fail(fmt::format("child PID={} terminated by signo={}\n", child, WTERMSIG(end.status)));
    } else {
        fail(fmt::format("child PID={} generated result={:x}\n", child, unsigned(end.status)));
    }
}

void warn(Executor& ex) {
    if (ex.before_target.empty()) return;
    std::fwrite(ex.before_target.data(), 1, ex.before_target.size(), stderr);
    std::fflush(stderr);
}

void run(Executor& ex, RunHow how, const std::vector<std::string>& argv, bool target = true) {
    ex.kernel().flush_output();  // D1: nothing printed so far may be lost or reordered
    if (target) warn(ex);
    if (how == RunHow::launch) {
        launch_and_wait(ex, argv);
        return;
    }
    ex.kernel().exec(argv[0], argv);
    fail(fmt::format("execve '{}' failed!\n", argv[0]),
         fmt::format("'{}' does not exist or cannot be executed (--shell=PATH picks the shell; "
                     "after --chroot it is looked up inside the new root)",
                     argv[0]));
}

}  // namespace

void apply(Executor& ex, const ForkFor& step) {
    ex.kernel().flush_output();  // D1: the child must not inherit unwritten output
    ex.child = ex.kernel().fork_sleeper(step.seconds);
    if (ex.child < 0) {
        int err = -ex.child;
        ex.child = -1;
        std::fputs(fmt::format("unable to fork(): {}\n", strerror(err)).c_str(), stderr);
    }
}

void apply(Executor& ex, const KillIt& step) {
    // A failed --forkfor leaves no child to signal: never send a signal to pid -1.
    int err = ex.child > 0 ? ex.kernel().kill_child(ex.child, int(step.signal)) : ESRCH;
    if (err) fail_errno("Unable to kill child process", err);
    ChildEnd end = ex.kernel().wait_child(ex.child);
    if (end.waited != ex.child) {
        fail(fmt::format("waitpid didn't match child: {} != {}\n", unsigned(ex.child),
                         unsigned(end.waited)));
    }
    int signal = end.status & 0x7f;
    if (unsigned(signal) != step.signal) {
        fail(
            fmt::format("child terminated with odd signal ({} != {})\n", int(step.signal), signal));
    }
    ex.child = 0;
}

void apply(Executor& ex, const RunShell& step) {
    // E2: without --shell=, an image with no bash still gets a shell.
    std::string shell = step.shell;
    Kernel& kernel = ex.kernel();
    if (!step.shell_chosen && !kernel.exists(shell) && kernel.exists(k_fallback_shell)) {
        shell = k_fallback_shell;
    }
    std::vector<std::string> argv{shell};
    argv.insert(argv.end(), step.args.begin(), step.args.end());
    run(ex, step.how, argv);
}

void apply(Executor& ex, const RunProgram& step) {
    ex.kernel().flush_output();  // D1
    warn(ex);
    std::vector<std::string> argv{step.argv0.empty() ? step.program : step.argv0};
    argv.insert(argv.end(), step.args.begin(), step.args.end());
    int err = exec_searching(ex.kernel(), step.program, argv);
    bool missing = err == ENOENT || err == ENOTDIR;
    throw Error::err(fmt::format("--exec: cannot run '{}': {}\n", step.program, strerror(err)),
                     missing ? 127 : 126)
        .with_errno(err)
        .with_hint(missing ? "check the name and PATH (after --chroot, paths are inside the new "
                             "root)"
                           : "the file must be an executable the target user may run");
}

void apply(Executor& ex, const RunSelf& step) {
    std::vector<std::string> argv{find_self(ex.kernel(), ex.context().argv0)};
    if (step.quiet) argv.emplace_back("--quiet");
    argv.insert(argv.end(), step.args.begin(), step.args.end());
    run(ex, step.how, argv, false);  // capsh-ng again: it warns for its own target
}

}  // namespace capsh
