#include "read_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

namespace capsh {

std::optional<std::string> read_file(const std::string& path) {
    int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    std::string text;
    char buffer[4096];
    for (;;) {
        ssize_t got = read(fd, buffer, sizeof buffer);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) break;
        text.append(buffer, std::size_t(got));
    }
    close(fd);
    return text;
}

}  // namespace capsh
