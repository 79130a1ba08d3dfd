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

#include "cap_names.hpp"
#include "config.h"
#include "executor.hpp"
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

[[noreturn]] void quit(int status, std::FILE* stream, std::string_view text) {
    std::fwrite(text.data(), 1, text.size(), stream);
    std::fflush(stream);
    std::exit(status);
}

// The extensions: options before USER-SPEC that gosu would take as a user name.
struct Extensions {
    std::vector<unsigned> keep;  // --keep-cap=CAP[,CAP...]
    bool drop_bounding = false;  // --drop-bounding
    bool no_new_privs = false;   // --no-new-privs
};

// Consumes the extensions at the front of `args`; ends the program on a bad capability name.
Extensions take_extensions(std::span<const char* const>& args) {
    constexpr std::string_view keep_form = "--keep-cap=";
    Extensions ext;
    while (!args.empty()) {
        std::string_view arg = args[0];
        if (arg == "--drop-bounding") {
            ext.drop_bounding = true;
        } else if (arg == "--no-new-privs") {
            ext.no_new_privs = true;
        } else if (arg.starts_with(keep_form)) {
            std::string_view list = arg.substr(keep_form.size());
            while (true) {
                std::string_view name = list.substr(0, list.find(','));
                auto match = match_cap(name);
                if (name.empty() || !match || match->length != name.size()) {
                    quit(1, stderr,
                         fmt::format("error: --keep-cap: {} is not a capability name\n",
                                     go_quote(name)));
                }
                ext.keep.push_back(match->cap);
                if (name.size() == list.size()) break;
                list.remove_prefix(name.size() + 1);
            }
        } else {
            break;
        }
        args = args.subspan(1);
    }
    return ext;
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

// One step of the plan and the message gosu-ng prints if it fails (errno appended when
// `with_errno`).
struct Planned {
    Step step;
    std::string message;
    bool with_errno = false;
};

}  // namespace

int gosu_main(int argc, char** argv) {
    std::string_view argv0 = argc > 0 && argv[0] ? argv[0] : "";
    std::string_view self = argv0.substr(argv0.rfind('/') + 1);
    std::span<const char* const> args(argv + (argc > 0 ? 1 : 0), argc > 1 ? argc - 1 : 0);

    // A set-uid or set-gid gosu-ng would let any user become any other: refuse to run.
    struct stat exe;
    if (stat("/proc/self/exe", &exe) != 0) {
        quit(1, stderr, fmt::format("error: stat /proc/self/exe: {}\n", go_errno(errno)));
    }
    if ((exe.st_mode & (S_ISUID | S_ISGID)) != 0) {
        quit(1, stderr,
             fmt::format("error: {} refuses to run: its file is set-{}id, which would let every "
                         "user run commands as anyone (use sudo or su for that)\n",
                         go_quote(argv0), (exe.st_mode & S_ISUID) ? 'u' : 'g'));
    }

    if (!args.empty()) {
        std::string_view first = args[0];
        if (first == "--help" || first == "-h" || first == "-?") {
            quit(0, stdout, usage_text(self) + "\n");
        }
        if (first == "--version" || first == "-v") quit(0, stdout, version_text() + "\n");
    }
    Extensions ext = take_extensions(args);
    if (args.size() < 2) quit(1, stderr, usage_text(self) + "\n");

    std::string spec = args[0];
    LinuxKernel kernel;
    Ids ids = kernel.ids();
    SpecResult resolved = resolve_user_spec(spec, read_file("/etc/passwd"), read_file("/etc/group"),
                                            ids.uid, ids.gid);
    std::string switching = fmt::format("error: failed switching to {}: ", go_quote(spec));
    if (!resolved.user) quit(1, stderr, switching + resolved.error + "\n");
    const ExecUser& user = *resolved.user;

    // The plan: the extensions' checks and changes, the identity, the exec.
    std::vector<Planned> plan;
    if (ext.no_new_privs) {
        plan.push_back({SetNoNewPrivs{}, "error: --no-new-privs: ", true});
    }
    std::uint64_t keep = 0;
    for (unsigned cap : ext.keep) {
        std::string name = cap_to_name(cap);
        std::string cannot = fmt::format("error: --keep-cap: cannot keep {}: ", name);
        plan.push_back({HasCap{CapSet::permitted, name, cap},
                        cannot + "it is not in this process's permitted set\n"});
        plan.push_back({HasCap{CapSet::bounding, name, cap},
                        cannot + "it is not in this process's bounding set\n"});
        keep |= bit(cap);
    }
    if (keep != 0) {
        // P and I survive the uid change (keep-caps), I holds the kept caps.
        CapState now;
        if (int err = kernel.get_caps(now)) {
            quit(1, stderr, fmt::format("error: --keep-cap: {}\n", go_errno(err)));
        }
        now.i |= keep;
        plan.push_back({SetKeepCaps{1}, "error: --keep-cap: prctl(PR_SET_KEEPCAPS): ", true});
        plan.push_back({SetCaps{"keep", now, true},
                        "error: --keep-cap: cannot add the kept capabilities to the "
                        "inheritable set\n"});
    }
    if (ext.drop_bounding) {
        plan.push_back({DropAllBound{true},
                        "error: --drop-bounding: cannot empty the bounding set (it needs "
                        "CAP_SETPCAP)\n"});
    }
    SetGroups groups;
    for (std::int64_t gid : user.groups)
        groups.groups.push_back({gid_t(gid), {}});
    plan.push_back({std::move(groups), switching, true});
    plan.push_back({SetGid{std::uint32_t(user.gid)}, switching, true});
    plan.push_back({SetUid{std::uint32_t(user.uid), false}, switching, true});
    if (keep != 0) {
        plan.push_back({SetCaps{"keep", CapState{0, keep, keep}, false},
                        "error: --keep-cap: cannot keep the capabilities after the user "
                        "change\n"});
        for (unsigned cap : ext.keep) {
            plan.push_back({Ambient{cap_to_name(cap), cap, true},
                            fmt::format("error: --keep-cap: cannot raise {} in the ambient set "
                                        "(it needs Linux 4.3 or later)\n",
                                        cap_to_name(cap))});
        }
    }
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
            {RunProgram{found.path, std::move(rest), args[1]}, "error: exec failed: ", true});
    }

    Executor executor(kernel, stdout, {argv0, CAPSH_NG_DEFAULT_SHELL});
    for (const Planned& planned : plan) {
        if (Outcome failed = executor.step(planned.step)) {
            std::string text = planned.message;
            if (planned.with_errno)
                text += go_errno(failed->errnum ? failed->errnum : EPERM) + "\n";
            quit(1, stderr, text);
        }
    }
    return 1;  // not reached: the last step replaces the process or fails
}

}  // namespace capsh
