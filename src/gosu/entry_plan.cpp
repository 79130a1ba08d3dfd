#include "entry_plan.hpp"

#include <fmt/format.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "cap_names.hpp"

namespace capsh {
namespace {

// --keep-cap's capabilities as a set.
std::uint64_t kept_caps(const Extensions& ext) {
    std::uint64_t keep = 0;
    for (unsigned cap : ext.keep)
        keep |= bit(cap);
    return keep;
}

}  // namespace

TakenExtensions take_extensions(std::span<const char* const>& args) {
    constexpr std::string_view keep_form = "--keep-cap=";
    TakenExtensions taken;
    Extensions& ext = taken.ext;
    for (; !args.empty(); args = args.subspan(1)) {
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
                    taken.bad_name = std::string(name);
                    return taken;
                }
                ext.keep.push_back(match->cap);
                if (name.size() == list.size()) break;
                list.remove_prefix(name.size() + 1);
            }
        } else {
            break;
        }
    }
    return taken;
}

std::optional<std::string> set_id_refusal(std::string_view prefix, std::string_view program,
                                          ErrnoText errno_text) {
    struct stat exe;
    if (stat("/proc/self/exe", &exe) != 0) {
        return fmt::format("{}stat /proc/self/exe: {}\n", prefix, errno_text(errno));
    }
    if ((exe.st_mode & (S_ISUID | S_ISGID)) == 0) return std::nullopt;
    return fmt::format(
        "{}{} refuses to run: its file is set-{}id, which would let every user "
        "run commands as anyone (use sudo or su for that)\n",
        prefix, program, (exe.st_mode & S_ISUID) ? 'u' : 'g');
}

std::optional<std::string> plan_before_switch(const Extensions& ext, Kernel& kernel,
                                              std::string_view prefix, ErrnoText errno_text,
                                              std::vector<Planned>& plan) {
    if (ext.no_new_privs) {
        plan.push_back({SetNoNewPrivs{}, fmt::format("{}--no-new-privs", prefix), true});
    }
    for (unsigned cap : ext.keep) {
        std::string name = cap_to_name(cap);
        std::string cannot = fmt::format("{}--keep-cap: cannot keep {}: ", prefix, name);
        plan.push_back({HasCap{CapSet::permitted, name, cap},
                        cannot + "it is not in this process's permitted set\n"});
        plan.push_back({HasCap{CapSet::bounding, name, cap},
                        cannot + "it is not in this process's bounding set\n"});
    }
    if (std::uint64_t keep = kept_caps(ext)) {
        // P and I survive the uid change (keep-caps), I holds the kept caps.
        CapState now;
        if (int err = kernel.get_caps(now)) {
            return fmt::format("{}--keep-cap: {}\n", prefix, errno_text(err));
        }
        now.i |= keep;
        plan.push_back(
            {SetKeepCaps{1}, fmt::format("{}--keep-cap: prctl(PR_SET_KEEPCAPS)", prefix), true});
        plan.push_back({SetCaps{"keep", now, true},
                        fmt::format("{}--keep-cap: cannot add the kept capabilities to the "
                                    "inheritable set\n",
                                    prefix)});
    }
    if (ext.drop_bounding) {
        plan.push_back({DropAllBound{true},
                        fmt::format("{}--drop-bounding: cannot empty the bounding set (it needs "
                                    "CAP_SETPCAP)\n",
                                    prefix)});
    }
    return std::nullopt;
}

void plan_after_switch(const Extensions& ext, std::string_view prefix, std::vector<Planned>& plan) {
    std::uint64_t keep = kept_caps(ext);
    if (keep == 0) return;
    plan.push_back({SetCaps{"keep", CapState{0, keep, keep}, false},
                    fmt::format("{}--keep-cap: cannot keep the capabilities after the user "
                                "change\n",
                                prefix)});
    for (unsigned cap : ext.keep) {
        std::string name = cap_to_name(cap);
        plan.push_back({Ambient{name, cap, true},
                        fmt::format("{}--keep-cap: cannot raise {} in the ambient set (it needs "
                                    "Linux 4.3 or later)\n",
                                    prefix, name)});
    }
}

void run_entry_plan(Executor& executor, const std::vector<Planned>& plan, ErrnoText errno_text) {
    for (const Planned& planned : plan) {
        if (Outcome failed = executor.step(planned.step)) {
            std::string text = planned.message;
            if (planned.with_errno) {
                text += fmt::format(": {}\n", errno_text(failed->errnum ? failed->errnum : EPERM));
            }
            quit(1, stderr, text);
        }
    }
}

void quit(int status, std::FILE* stream, std::string_view text) {
    std::fwrite(text.data(), 1, text.size(), stream);
    std::fflush(stream);
    std::exit(status);
}

}  // namespace capsh
