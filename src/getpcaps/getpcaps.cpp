// getpcaps: prints the capabilities of other processes, as libcap's getpcaps does. Arguments are
// handled left to right; options only affect the PIDs after them.
#include "getpcaps.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "cap_json.hpp"
#include "cap_state.hpp"
#include "cap_text.hpp"
#include "error.hpp"
#include "iab.hpp"
#include "pid_parse.hpp"
#include "process_reader.hpp"

namespace capsh {
namespace {

// The name the usage text gives the program. libcap 2.66 misspells it "getcaps" and the
// differential tests compare against 2.66; libcap 2.70 and later say "getpcaps".
constexpr const char* k_usage_name = "getcaps";

constexpr const char* k_usage_body =
    " [opts] <pid> [<pid> ...]\n"
    "\n"
    "  This program displays the capabilities on the queried process(es).\n"
    "  The capabilities are displayed in the cap_from_text(3) format.\n"
    "\n"
    "  Optional arguments:\n"
    "     --help, -h or --usage display this message.\n"
    "     --verbose             use a more verbose output format.\n"
    "     --ugly or --legacy    use the archaic legacy output format.\n"
    "     --iab                 show IAB of process too.\n"
    "     --license             display license info\n";

// Our own words in the original's layout: the argument text, then a sentence; then a bracketed
// copyright line.
constexpr const char* k_license_text =
    "%s capsh-ng is free software (BSD-3-Clause); read the LICENSE file.\n"
    "[Copyright (c) 2026 The capsh-ng authors]\n";

enum class Format { plain, verbose, legacy, json };

struct Settings {
    Format format = Format::plain;
    bool iab = false;
};

// Where getpcaps reads processes from and writes to.
struct Io {
    ProcessReader& reader;
    std::FILE* out;
    std::FILE* err;
};

enum class OptionKind { help, license, verbose, legacy, iab, json };

struct Option {
    char text[10];  // inline, not a pointer: no relocation at start-up (see cap_names.cpp)
    OptionKind kind;
};

constexpr Option k_options[] = {
    {"--help", OptionKind::help},       {"--usage", OptionKind::help},
    {"-h", OptionKind::help},           {"--license", OptionKind::license},
    {"--verbose", OptionKind::verbose}, {"--ugly", OptionKind::legacy},
    {"--legacy", OptionKind::legacy},   {"--iab", OptionKind::iab},
    {"--json", OptionKind::json},  // capsh-ng's extension: one JSON object per process
};

// Options match exactly; anything else is a PID.
std::optional<OptionKind> find_option(std::string_view arg) {
    for (const Option& option : k_options) {
        if (option.text == arg) return option.kind;
    }
    return std::nullopt;
}

void print_usage(std::FILE* err) {
    std::fprintf(err, "usage: %s%s", k_usage_name, k_usage_body);
}

// Applies one option. Returns the exit status when the option ends the program.
std::optional<int> apply_option(OptionKind kind, const char* arg, Settings& settings, Io& io) {
    switch (kind) {
        case OptionKind::help:
            print_usage(io.err);
            return 0;
        case OptionKind::license:
            std::fprintf(io.out, k_license_text, arg);
            return 0;
        case OptionKind::verbose:
            settings.format = Format::verbose;
            break;
        case OptionKind::legacy:
            settings.format = Format::legacy;
            break;
        case OptionKind::iab:
            settings.iab = true;
            break;
        case OptionKind::json:
            settings.format = Format::json;
            break;
    }
    return std::nullopt;
}

void print_caps_line(const char* arg, const std::string& caps, Format format, Io& io) {
    switch (format) {
        case Format::plain:
            std::fprintf(io.out, "%s: %s\n", arg, caps.c_str());
            break;
        case Format::verbose:
            std::fprintf(io.out, "Capabilities for '%s': %s\n", arg, caps.c_str());
            break;
        case Format::legacy:
            std::fprintf(io.err, "Capabilities for `%s': %s\n", arg, caps.c_str());
            break;
        case Format::json:
            break;
    }
}

// The --iab line, written in pieces: when the IAB cannot be read the program ends with the
// line unfinished (no newline), and what was written still appears when stdout is flushed.
void print_iab_line(const char* arg, pid_t pid, const std::string& caps, Format format, Io& io) {
    bool verbose = format != Format::plain;
    std::fprintf(io.out, "%s:", arg);
    if (verbose || caps != "=") std::fprintf(io.out, " \"%s\"", caps.c_str());
    std::optional<Iab> iab = io.reader.read_iab(pid);
    if (!iab) throw Error::err(fmt::format(" no IAB value for {}\n", pid));
    // Inheritable bits alone are not worth a bracket unless asked to be verbose.
    if (verbose || iab->a != 0 || iab->nb != 0) {
        std::fprintf(io.out, " [%s]", iab_text(*iab, io.reader.cap_count()).c_str());
    }
    std::fprintf(io.out, "\n");
}

// What can be read of another process as JSON; the /proc parts are null when they cannot be
// read.
void print_json(pid_t pid, const CapState& state, const std::string& caps, Io& io) {
    unsigned cap_count = io.reader.cap_count();
    JsonWriter json;
    json.begin_object().key("pid").value(std::uint64_t(pid));
    write_cap_names(json, "effective", state.e, cap_count);
    write_cap_names(json, "permitted", state.p, cap_count);
    write_cap_names(json, "inheritable", state.i, cap_count);
    std::optional<Iab> iab = io.reader.read_iab(pid);
    if (iab) {
        write_cap_names(json, "bounding", ~iab->nb & low_bits(cap_count), cap_count);
        write_cap_names(json, "ambient", iab->a, cap_count);
    } else {
        json.key("bounding").null().key("ambient").null();
    }
    json.key("text").value(std::string_view(caps));
    json.key("iab");
    if (iab) {
        json.value(std::string_view(iab_text(*iab, cap_count)));
    } else {
        json.null();
    }
    json.end_object();
    std::fprintf(io.out, "%s\n", json.text().c_str());
}

// Shows one PID argument. Returns false when it could not be shown (the run then ends with 1).
bool show_process(const char* arg, const Settings& settings, Io& io) {
    PidParse parsed = parse_pid(arg);
    if (parsed.error != 0) {
        std::fprintf(io.err, "Cannot parse pid %s: (%s)\n", arg, std::strerror(parsed.error));
        return false;
    }
    CapState state;
    if (int err = io.reader.read_caps(parsed.pid, state)) {
        std::fprintf(io.err, "Failed to get cap's for process %d: (%s)\n", int(parsed.pid),
                     std::strerror(err));
        return false;
    }
    std::string caps = cap_text(state, io.reader.cap_count());
    if (settings.format == Format::json) {
        print_json(parsed.pid, state, caps, io);
    } else if (settings.iab) {
        print_iab_line(arg, parsed.pid, caps, settings.format, io);
    } else {
        print_caps_line(arg, caps, settings.format, io);
    }
    return true;
}

int run(int argc, char** argv, Io& io) {
    Settings settings;
    int status = 0;
    for (int n = 1; n < argc; ++n) {
        if (auto kind = find_option(argv[n])) {
            if (auto end_status = apply_option(*kind, argv[n], settings, io)) return *end_status;
            continue;
        }
        if (!show_process(argv[n], settings, io)) status = 1;
    }
    return status;
}

}  // namespace

int getpcaps(int argc, char** argv, ProcessReader& reader, std::FILE* out, std::FILE* err) {
    Io io{reader, out, err};
    if (argc < 2) {
        print_usage(err);
        return 1;
    }
    try {
        return run(argc, argv, io);
    } catch (const Error& error) {
        std::fputs(error.text.c_str(), error.stream == Stream::out ? out : err);
        return error.status;
    }
}

int getpcaps_main(int argc, char** argv) {
    LinuxProcessReader reader;
    return getpcaps(argc, argv, reader, stdout, stderr);
}

}  // namespace capsh
