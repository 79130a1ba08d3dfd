// getpcaps against made-up processes. The expected lines were printed by Debian's getpcaps
// (libcap 2.66) for a real process in the same state: a root shell started by
// `capsh --drop=cap_sys_module,cap_sys_resource --caps=cap_chown,cap_kill=eip --addamb=cap_kill`.
#include <cerrno>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "catch.hpp"
#include "getpcaps.hpp"

using namespace capsh;

namespace {

constexpr unsigned k_chown = 0, k_kill = 5, k_sys_module = 16, k_sys_resource = 24;

struct Process {
    CapState caps;
    std::optional<Iab> iab;
};

class FakeProcessReader final : public ProcessReader {
  public:
    std::map<pid_t, Process> processes;
    std::vector<pid_t> iab_reads;

    unsigned cap_count() override { return 41; }
    int read_caps(pid_t pid, CapState& out) override {
        auto found = processes.find(pid);
        if (found == processes.end()) return ESRCH;
        out = found->second.caps;
        return 0;
    }
    std::optional<Iab> read_iab(pid_t pid) override {
        iab_reads.push_back(pid);
        auto found = processes.find(pid);
        return found == processes.end() ? std::nullopt : found->second.iab;
    }
};

FakeProcessReader reader_with_shell() {
    FakeProcessReader reader;
    std::uint64_t dropped = bit(k_sys_module) | bit(k_sys_resource);
    std::uint64_t ep = low_bits(41) & ~dropped;
    std::uint64_t inheritable = bit(k_chown) | bit(k_kill);
    reader.processes[19291] =
        Process{CapState{ep, ep, inheritable}, Iab{inheritable, bit(k_kill), dropped}};
    return reader;
}

struct Output {
    int status;
    std::string out, err;
};

std::string read_all(std::FILE* file) {
    std::rewind(file);
    std::string text;
    for (int c; (c = std::fgetc(file)) != EOF;)
        text += char(c);
    std::fclose(file);
    return text;
}

Output run(ProcessReader& reader, std::vector<std::string> args) {
    args.insert(args.begin(), "getpcaps");
    std::vector<char*> argv;
    for (auto& arg : args)
        argv.push_back(arg.data());
    std::FILE* out = std::tmpfile();
    std::FILE* err = std::tmpfile();
    int status = getpcaps(int(argv.size()), argv.data(), reader, out, err);
    return Output{status, read_all(out), read_all(err)};
}

constexpr const char* k_caps = "=ep cap_chown,cap_kill+i cap_sys_module,cap_sys_resource-ep";

}  // namespace

TEST_CASE("getpcaps prints each format as getpcaps does", "[getpcaps]") {
    FakeProcessReader reader = reader_with_shell();
    Output plain = run(reader, {"19291"});
    CHECK(plain.out == std::string("19291: ") + k_caps + "\n");
    CHECK(plain.status == 0);
    CHECK(run(reader, {"--verbose", "19291"}).out ==
          std::string("Capabilities for '19291': ") + k_caps + "\n");
    Output legacy = run(reader, {"--legacy", "19291"});
    CHECK(legacy.out.empty());
    CHECK(legacy.err == std::string("Capabilities for `19291': ") + k_caps + "\n");
    CHECK(run(reader, {"--iab", "19291"}).out ==
          std::string("19291: \"") + k_caps +
              "\" [cap_chown,^cap_kill,!cap_sys_module,!cap_sys_resource]\n");
}

TEST_CASE("getpcaps reads the IAB of the process it was asked about", "[getpcaps]") {
    FakeProcessReader reader = reader_with_shell();
    reader.processes[7] = Process{CapState{}, Iab{0, 0, 0}};
    Output json = run(reader, {"--json", "19291", "7"});
    CHECK(reader.iab_reads == std::vector<pid_t>{19291, 7});
    CHECK(json.out.find("\"ambient\":[\"cap_kill\"]") != std::string::npos);
    CHECK(json.out.find("\"ambient\":[]") != std::string::npos);
}

TEST_CASE("getpcaps reports a bad or missing pid and goes on", "[getpcaps]") {
    FakeProcessReader reader = reader_with_shell();
    Output output = run(reader, {"0x", "99999999", "19291"});
    CHECK(output.err ==
          "Cannot parse pid 0x: (Invalid argument)\n"
          "Failed to get cap's for process 99999999: (No such process)\n");
    CHECK(output.out == std::string("19291: ") + k_caps + "\n");
    CHECK(output.status == 1);
}

TEST_CASE("getpcaps without arguments prints its usage", "[getpcaps]") {
    FakeProcessReader reader;
    Output output = run(reader, {});
    CHECK(output.status == 1);
    CHECK(output.err.starts_with("usage: getcaps [opts] <pid> [<pid> ...]\n"));
}
