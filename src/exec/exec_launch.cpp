// Applying --forkfor/--killit and running the shell (-- -+) or capsh again (== =+).
#include <fmt/format.h>
#include <sys/wait.h>

#include <climits>
#include <cstring>

#include "chars.hpp"
#include "executor_steps.hpp"

namespace capsh {
namespace {

constexpr const char* k_fallback_shell = "/bin/sh";

// Tries `file` in each entry of PATH (unset: /bin:/usr/bin; an empty entry is the current
// directory) with `attempt`, while it fails with an errno `goes_on` accepts. Returns the errno
// to report: EACCES if any candidate was there but refused, else the last one.
template <class Attempt, class GoesOn>
int search_path(Kernel& kernel, const std::string& file, Attempt attempt, GoesOn goes_on) {
    std::string path = kernel.get_env("PATH").value_or("/bin:/usr/bin");
    bool denied = false;
    int last = ENOENT;
    for (std::size_t start = 0; start <= path.size();) {
        std::size_t colon = std::min(path.find(':', start), path.size());
        std::string candidate = path.substr(start, colon - start);
        start = colon + 1;
        if (!candidate.empty()) candidate += '/';
        last = attempt(candidate + file);
        if (last == EACCES) {
            denied = true;
        } else if (!goes_on(last)) {
            return last;
        }
    }
    return denied ? EACCES : last;
}

// --exec: execvp's search without its shell fallback; a name with a '/' is used as it is.
int exec_searching(Kernel& kernel, const std::string& program,
                   const std::vector<std::string>& argv) {
    auto attempt = [&](const std::string& path) { return kernel.exec(path, argv); };
    if (program.find('/') != std::string::npos) return attempt(program);
    return search_path(kernel, program, attempt, [](int err) {
        return err == ENOENT || err == ENOTDIR || err == ESTALE || err == ELOOP ||
               err == ENAMETOOLONG;
    });
}

// su-exec-ng: glibc's execvp. Only a missing file (or the errors of odd file systems) goes on
// to the next entry, and a file the kernel cannot run (ENOEXEC) is run as a script by /bin/sh
// (argv: /bin/sh, the file, the arguments).
int exec_like_execvp(Kernel& kernel, const std::string& file,
                     const std::vector<std::string>& argv) {
    auto attempt = [&](const std::string& path) {
        int err = kernel.exec(path, argv);
        if (err != ENOEXEC) return err;
        std::vector<std::string> script{k_fallback_shell, path};
        script.insert(script.end(), argv.begin() + 1, argv.end());
        return kernel.exec(k_fallback_shell, script);
    };
    if (file.empty()) return ENOENT;
    if (file.find('/') != std::string::npos) return attempt(file);
    if (file.size() > NAME_MAX) return ENAMETOOLONG;
    return search_path(kernel, file, attempt, [](int err) {
        return err == ENOENT || err == ESTALE || err == ENOTDIR || err == ENODEV ||
               err == ETIMEDOUT;
    });
}

// capsh's find_self: argv[0] as given when it has a '/', otherwise the first non-empty PATH
// entry where it is executable. Sets `self` or fails.
Outcome find_self(Kernel& kernel, std::string_view argv0, std::string& self) {
    if (argv0.find('/') != std::string_view::npos) {
        self = argv0;
        return std::nullopt;
    }
    auto path = kernel.get_env("PATH");
    if (!path) {
        return fail("no PATH environment variable found for re-execing\n",
                    "== and =+ look for capsh-ng on PATH when it was run without a '/' in its "
                    "name");
    }
    self.clear();
    for_each_piece(
        *path,
        [&](std::string_view dir) {
            std::string candidate = fmt::format("{}/{}", dir, argv0);
            if (kernel.is_executable(candidate)) self = std::move(candidate);
            return self.empty();
        },
        ':');
    if (!self.empty()) return std::nullopt;
    return fail(fmt::format("unable to find executable '{}' in PATH\n", argv0),
                "run capsh-ng by its full path, or put its directory on PATH (inside any "
                "--chroot)");
}

// Hints that name the program: produced only when printed (error.hpp).
std::string not_executable_hint(std::string_view program) {
    return fmt::format("'{}' does not exist or cannot be executed", program);
}
std::string shell_not_executable_hint(std::string_view shell) {
    return fmt::format(
        "'{}' does not exist or cannot be executed (--shell=PATH picks the shell; "
        "after --chroot it is looked up inside the new root)",
        shell);
}

// libcap's cap_launch as capsh uses it: start, wait, and pass on how the child ended.
Outcome launch_and_wait(Executor& ex, const std::vector<std::string>& argv) {
    Kernel& kernel = ex.kernel();
    pid_t child = kernel.launch(argv[0], argv);
    if (child <= 0) {
        return fail_errno("child failed to start", child < 0 ? -child : ECHILD,
                          Hint(not_executable_hint, argv[0]));
    }
    ChildEnd end = kernel.wait_child(child);
    if (end.waited != child) {
        return fail(fmt::format("failed to wait for PID={}, result={:x}: {}\n", child,
                                unsigned(end.status), strerror(end.error)));
    }
    if (WIFEXITED(end.status)) {
        ex.end(WEXITSTATUS(end.status));
        return std::nullopt;
    }
    if (WIFSIGNALED(end.status)) {
        return fail(
            fmt::format("child PID={} terminated by signo={}\n", child, WTERMSIG(end.status)));
    }
    return fail(fmt::format("child PID={} generated result={:x}\n", child, unsigned(end.status)));
}

void warn(Executor& ex) {
    if (ex.before_target.empty()) return;
    std::fwrite(ex.before_target.data(), 1, ex.before_target.size(), stderr);
    std::fflush(stderr);
}

Outcome run(Executor& ex, RunHow how, const std::vector<std::string>& argv, bool target = true) {
    ex.kernel().flush_output();  // D1: nothing printed so far may be lost or reordered
    if (target) warn(ex);
    if (how == RunHow::launch) return launch_and_wait(ex, argv);
    ex.kernel().exec(argv[0], argv);
    return fail(fmt::format("execve '{}' failed!\n", argv[0]),
                Hint(shell_not_executable_hint, argv[0]));
}

}  // namespace

Outcome apply(Executor& ex, const ForkFor& step) {
    ex.kernel().flush_output();  // D1: the child must not inherit unwritten output
    ex.child = ex.kernel().fork_sleeper(step.seconds);
    if (ex.child < 0) {
        int err = -ex.child;
        ex.child = -1;
        std::fputs(fmt::format("unable to fork(): {}\n", strerror(err)).c_str(), stderr);
    }
    return std::nullopt;
}

Outcome apply(Executor& ex, const KillIt& step) {
    // A failed --forkfor leaves no child to signal: never send a signal to pid -1.
    int err = ex.child > 0 ? ex.kernel().kill_child(ex.child, int(step.signal)) : ESRCH;
    if (err) return fail_errno("Unable to kill child process", err);
    ChildEnd end = ex.kernel().wait_child(ex.child);
    if (end.waited != ex.child) {
        return fail(fmt::format("waitpid didn't match child: {} != {}\n", unsigned(ex.child),
                                unsigned(end.waited)));
    }
    int signal = end.status & 0x7f;
    if (unsigned(signal) != step.signal) {
        return fail(
            fmt::format("child terminated with odd signal ({} != {})\n", int(step.signal), signal));
    }
    ex.child = 0;
    return std::nullopt;
}

Outcome apply(Executor& ex, const RunShell& step) {
    // E2: without --shell=, an image with no bash still gets a shell.
    std::string shell = step.shell;
    Kernel& kernel = ex.kernel();
    if (!step.shell_chosen && !kernel.exists(shell) && kernel.exists(k_fallback_shell)) {
        shell = k_fallback_shell;
    }
    std::vector<std::string> argv{shell};
    argv.insert(argv.end(), step.args.begin(), step.args.end());
    return run(ex, step.how, argv);
}

Outcome apply(Executor& ex, const RunProgram& step) {
    ex.kernel().flush_output();  // D1
    warn(ex);
    std::vector<std::string> argv{step.argv0.empty() ? step.program : step.argv0};
    argv.insert(argv.end(), step.args.begin(), step.args.end());
    int err = step.like_execvp ? exec_like_execvp(ex.kernel(), step.program, argv)
                               : exec_searching(ex.kernel(), step.program, argv);
    bool missing = err == ENOENT || err == ENOTDIR;
    return Error::err(fmt::format("--exec: cannot run '{}': {}\n", step.program, strerror(err)),
                      missing ? 127 : 126)
        .with_errno(err)
        .with_hint(missing ? "check the name and PATH (after --chroot, paths are inside the new "
                             "root)"
                           : "the file must be an executable the target user may run");
}

Outcome apply(Executor& ex, const RunSelf& step) {
    std::string self;
    if (Outcome failed = find_self(ex.kernel(), ex.context().argv0, self)) return failed;
    std::vector<std::string> argv{std::move(self)};
    if (step.quiet) argv.emplace_back("--quiet");
    argv.insert(argv.end(), step.args.begin(), step.args.end());
    return run(ex, step.how, argv, false);  // capsh-ng again: it warns for its own target
}

}  // namespace capsh
