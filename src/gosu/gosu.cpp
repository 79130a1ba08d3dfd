#include "gosu.hpp"

#include <fmt/format.h>
#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "config.h"
#include "entry_plan.hpp"
#include "linux_kernel.hpp"
#include "read_file.hpp"
#include "user_spec.hpp"

namespace capsh {
namespace {

// Go's wording of an errno: the C library's text with a lower-case first letter.
std::string go_errno(int err) {
    std::string text = std::strerror(err);
    if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z') text[0] = char(text[0] - 'A' + 'a');
    return text;
}

// Go's %q of a string: double quotes, backslash escapes for quotes, backslashes and control
// bytes; bytes above 0x7f are kept (valid UTF-8 is taken as printable).
std::string go_quote(std::string_view text) {
    std::string out = "\"";
    for (unsigned char c : text) {
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\a':
                out += "\\a";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\f':
                out += "\\f";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\v':
                out += "\\v";
                break;
            default:
                if (c < 0x20 || c == 0x7f) {
                    out += fmt::format("\\x{:02x}", unsigned(c));
                } else {
                    out += char(c);
                }
        }
    }
    return out + "\"";
}

std::string version_text() {
    return fmt::format("capsh-ng {} (gosu command line)", CAPSH_NG_VERSION);
}

// gosu's usage lines (its interface), then our own version and licence lines.
std::string usage_text(std::string_view self) {
    return fmt::format(
        "Usage: {0} user-spec command [args]\n"
        "   eg: {0} tianon bash\n"
        "       {0} nobody:root bash -c 'whoami && id'\n"
        "       {0} 1000:1 id\n"
        "\n"
        "{0} version: {1}\n"
        "{0} license: BSD-3-Clause, like the rest of capsh-ng\n",
        self, version_text());
}

// Go's exec.LookPath: a name with a '/' is checked as it is; otherwise the PATH entries are
// tried in order (an empty one is the current directory) for a file that is not a directory
// and has an execute bit. A match found through a relative entry is refused. Returns the path,
// or gosu's error text.
struct Found {
    std::string path;
    std::string error;
};

int stat_executable(const std::string& path) {  // 0, or the errno of stat, or EACCES
    struct stat st;
    if (stat(path.c_str(), &st) != 0) return errno;
    return !S_ISDIR(st.st_mode) && (st.st_mode & 0111) != 0 ? 0 : EACCES;
}

Found look_path(const std::string& file) {
    auto failed = [&](std::string_view why) {
        return Found{{}, fmt::format("error: exec: {}: {}\n", go_quote(file), why)};
    };
    if (file.find('/') != std::string::npos) {
        int err = stat_executable(file);
        if (err == 0) return {file, {}};
        if (err == EACCES) return failed("permission denied");
        return failed(fmt::format("stat {}: {}", file, go_errno(err)));
    }
    const char* path_env = std::getenv("PATH");
    std::string_view path = path_env ? path_env : "";
    for (std::size_t start = 0; start <= path.size();) {
        std::size_t colon = std::min(path.find(':', start), path.size());
        std::string dir(path.substr(start, colon - start));
        start = colon + 1;
        if (path_env == nullptr || (dir.empty() && path.empty())) break;  // no PATH, no entry
        if (dir.empty()) dir = ".";
        std::string candidate(file);
        if (dir != ".") {
            candidate = dir;
            candidate += '/';
            candidate += file;
        }
        if (stat_executable(candidate) != 0) continue;
        if (dir.front() != '/') {
            return failed("cannot run executable found relative to current directory");
        }
        return {candidate, {}};
    }
    return failed("executable file not found in $PATH");
}

}  // namespace

int gosu_main(int argc, char** argv) {
    std::string_view argv0 = argc > 0 && argv[0] ? argv[0] : "";
    std::string_view self = argv0.substr(argv0.rfind('/') + 1);
    std::span<const char* const> args(argv + (argc > 0 ? 1 : 0), argc > 1 ? argc - 1 : 0);

    if (auto refusal = set_id_refusal("error: ", go_quote(argv0), go_errno)) {
        quit(1, stderr, *refusal);
    }
    if (!args.empty()) {
        std::string_view first = args[0];
        if (first == "--help" || first == "-h" || first == "-?") {
            quit(0, stdout, usage_text(self) + "\n");
        }
        if (first == "--version" || first == "-v") quit(0, stdout, version_text() + "\n");
    }
    auto [ext, bad_name] = take_extensions(args);
    if (bad_name) {
        quit(1, stderr,
             fmt::format("error: --keep-cap: {} is not a capability name\n", go_quote(*bad_name)));
    }
    if (args.size() < 2) quit(1, stderr, usage_text(self) + "\n");

    std::string spec = args[0];
    LinuxKernel kernel;
    Ids ids = kernel.ids();
    SpecResult resolved = resolve_user_spec(spec, read_file("/etc/passwd"), read_file("/etc/group"),
                                            ids.uid, ids.gid);
    std::string switching = fmt::format("error: failed switching to {}", go_quote(spec));
    if (!resolved.user) quit(1, stderr, switching + ": " + resolved.error + "\n");
    const ExecUser& user = *resolved.user;

    // The plan: the extensions' checks and changes, the identity, the exec.
    std::vector<Planned> plan;
    if (auto failed = plan_before_switch(ext, kernel, "error: ", go_errno, plan)) {
        quit(1, stderr, *failed);
    }
    SetGroups groups;
    for (std::int64_t gid : user.groups)
        groups.groups.push_back({gid_t(gid), {}});
    plan.push_back({std::move(groups), switching, true});
    plan.push_back({SetGid{std::uint32_t(user.gid)}, switching, true});
    plan.push_back({SetUid{std::uint32_t(user.uid), false}, switching, true});
    plan_after_switch(ext, "error: ", plan);
    // gosu sets HOME from the user entry (or "/"), whatever it was, and looks the command up
    // on PATH after the switch.
    (void)kernel.unset_env("HOME");
    (void)kernel.set_env("HOME", user.home);
    Found found = look_path(args[1]);
    if (!found.error.empty()) {
        plan.push_back({Fail{Error::err(found.error)}, found.error});
    } else {
        std::vector<std::string> rest(args.begin() + 2, args.end());
        plan.push_back(
            {RunProgram{found.path, std::move(rest), args[1]}, "error: exec failed", true});
    }

    Executor executor(kernel, stdout, {argv0, CAPSH_NG_DEFAULT_SHELL});
    run_entry_plan(executor, plan, go_errno);
    return 1;  // not reached: the last step replaces the process or fails
}

}  // namespace capsh
