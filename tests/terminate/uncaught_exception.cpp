// src/terminate_handler.cpp replaces libstdc++'s std::terminate handler: an exception nobody
// catches must still end the process with SIGABRT, after our one-line message on stderr.
// The child throws; the parent checks how it ended and what it wrote.
#include <sys/wait.h>
#include <unistd.h>
#include <csignal>
#include <cstdio>
#include <stdexcept>
#include <string>

namespace {

[[noreturn]] void throw_uncaught() {
    throw std::runtime_error("nobody catches this");
}

std::string read_all(int fd) {
    std::string text;
    char chunk[256];
    for (ssize_t n; (n = read(fd, chunk, sizeof chunk)) > 0;) {
        text.append(chunk, static_cast<size_t>(n));
    }
    return text;
}

}  // namespace

int main() {
    int pipe_fds[2];
    if (pipe(pipe_fds) != 0) {
        std::perror("pipe");
        return 1;
    }
    const pid_t child = fork();
    if (child == 0) {
        dup2(pipe_fds[1], STDERR_FILENO);
        throw_uncaught();
    }
    close(pipe_fds[1]);
    const std::string err = read_all(pipe_fds[0]);
    int status = 0;
    waitpid(child, &status, 0);
    const bool aborted = WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
    const bool message = err == "capsh-ng: internal error: unhandled C++ exception\n";
    std::printf("aborted with SIGABRT: %s\nstderr: %s", aborted ? "yes" : "no", err.c_str());
    std::printf("terminate: %d passed, %d failed\n", aborted && message ? 1 : 0,
                aborted && message ? 0 : 1);
    return aborted && message ? 0 : 1;
}
