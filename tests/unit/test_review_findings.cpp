// What the adversarial review of issue 15 found, and the behaviours its mutation run showed no
// test would miss: each case fails if the code forgets the behaviour.
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

#include "catch.hpp"
#include "escape.hpp"
#include "executor.hpp"
#include "fake_kernel.hpp"
#include "modes.hpp"
#include "parser.hpp"
#include "plan_run.hpp"
#include "report.hpp"
#include "state_json.hpp"

using namespace capsh;
using capsh::testing::FakeKernel;

namespace {

std::vector<gid_t> many_groups(gid_t first, std::size_t count) {
    std::vector<gid_t> list;
    for (std::size_t n = 0; n < count; ++n)
        list.push_back(first + gid_t(n));
    return list;
}

// Runs `args` against `kernel` the way capsh_main does, returning the status and what the run
// printed to stdout (empty for a step that throws: the error text is returned instead).
std::pair<int, std::string> run(FakeKernel& kernel, std::vector<const char*> args) {
    Plan plan = plan_command_line(args, ParseContext{kernel.k, "/bin/bash", "capsh"});
    char* buffer = nullptr;
    std::size_t size = 0;
    std::FILE* out = open_memstream(&buffer, &size);
    Executor executor(kernel, out, {"capsh", "/bin/bash"});
    int status = executor.run(plan);
    std::string error = executor.failure() ? executor.failure()->text : std::string();
    std::fclose(out);
    std::string text(buffer, size);
    std::free(buffer);
    return {status, error.empty() ? text : error};
}

// --plan's output for `args` (it writes to stdout, which is redirected to a file meanwhile).
std::string plan_output(FakeKernel& kernel, std::vector<const char*> args) {
    std::fflush(stdout);
    std::FILE* capture = std::tmpfile();
    REQUIRE(capture != nullptr);
    int saved = dup(STDOUT_FILENO);
    dup2(fileno(capture), STDOUT_FILENO);
    (void)run_plan_mode(args, kernel, ParseContext{kernel.k, "/bin/bash", "capsh-ng"});
    std::fflush(stdout);
    dup2(saved, STDOUT_FILENO);
    close(saved);
    std::string text;
    std::rewind(capture);
    for (int c; (c = std::fgetc(capture)) != EOF;)
        text += char(c);
    std::fclose(capture);
    return text;
}

bool has_line_starting(const std::string& text, const std::string& start) {
    std::size_t pos = 0;
    while (pos < text.size()) {
        if (text.compare(pos, start.size(), start) == 0) return true;
        std::size_t end = text.find('\n', pos);
        if (end == std::string::npos) break;
        pos = end + 1;
    }
    return false;
}

}  // namespace

TEST_CASE("finding 1: --print lists no group above 100, as capsh; --json lists them all") {
    FakeKernel kernel;
    kernel.supplementary = many_groups(1000, 150);
    kernel.supplementary.insert(kernel.supplementary.begin(), {0, 6, 42});
    std::string print = print_report(kernel, kernel.caps);
    CHECK(print.find("\ngroups=\n") != std::string::npos);  // capsh's MAX_GROUPS
    std::string json = state_json(kernel);
    CHECK(json.find("\"groups\":[0,6,42,1000,1001,") != std::string::npos);
    CHECK(json.find(",1149]") != std::string::npos);

    kernel.supplementary = many_groups(1000, 100);  // 100 still fit capsh's list
    CHECK(print_report(kernel, kernel.caps).find("groups=1000(\?\?\?),1001(") != std::string::npos);
}

TEST_CASE("finding 1: groups that cannot be read are null in --json and unknown in --plan") {
    FakeKernel kernel;
    kernel.groups_unknown = true;
    std::string json = state_json(kernel);
    CHECK(json.find("\"groups\":null") != std::string::npos);
    CHECK(json.find("\"group_names\":null") != std::string::npos);
    std::string plan = plan_output(kernel, {"--uid=0"});
    CHECK(has_line_starting(plan, "start: uid 0/0/0, gid 0/0/0, groups unknown, "));
}

TEST_CASE("finding 1: --plan keeps every group of a process with more than 100") {
    FakeKernel kernel;
    kernel.supplementary = many_groups(1000, 150);
    kernel.supplementary.insert(kernel.supplementary.begin(), {0, 6, 42});
    // (the fake kernel knows /usr/bin/capsh as its one executable file)
    std::string plan = plan_output(kernel, {"--uid=65534", "--exec", "/usr/bin/capsh"});
    CHECK(has_line_starting(
        plan, "verdict: /usr/bin/capsh runs as uid 65534, gid 0(root), groups 0(root),6,42,1000,"));
    CHECK(plan.find(",1148,1149\n") != std::string::npos);
}

TEST_CASE("finding 2: --plan looks up each group's name once, not after every step") {
    FakeKernel kernel;
    kernel.supplementary = many_groups(1000, 2000);
    std::vector<const char*> args(20, "--uid=0");
    std::string plan = plan_output(kernel, args);
    CHECK(plan.find("20. --uid=0:") != std::string::npos);
    // One lookup per distinct group (and the primary one); 21 states would need 42,000.
    CHECK(kernel.group_name_calls <= 2001);
}

TEST_CASE("finding 3: a NOPRIV mode that fails reports the EINVAL that ended the bounding reads") {
    FakeKernel kernel;
    kernel.failures["set_securebits 239"] = EPERM;  // a locked bit, as --secbits=0x8 leaves
    CHECK(set_mode(kernel, Mode::nopriv) == EINVAL);
    auto [status, text] = run(kernel, {"--quiet", "--mode=NOPRIV"});
    CHECK(status == 1);
    CHECK(text == "failed to set mode [NOPRIV]: Invalid argument\n");
    FakeKernel pure;  // no bounding reads in PURE1E: the securebits error stays
    pure.failures["set_securebits 239"] = EPERM;
    CHECK(set_mode(pure, Mode::pure1e) == EPERM);
}

TEST_CASE("finding 4: control characters in text are escaped, shell words paste back") {
    CHECK(escape_controls("a\nb\tc\rd\\e\x01\x7f") == "a\\nb\\tc\\rd\\\\e\\x01\\x7f");
    CHECK(escape_controls("caf\xc3\xa9") == "caf\xc3\xa9");  // UTF-8 stays
    CHECK(shell_word("/bin/true") == "/bin/true");
    CHECK(shell_word("a b") == "'a b'");
    CHECK(shell_word("it's") == "'it'\\''s'");
    CHECK(shell_word("") == "''");
    CHECK(shell_word("/bin/true\ntarget starts with: uid=0") ==
          "$'/bin/true\\ntarget starts with: uid=0'");
    CHECK(shell_word("a'\x1b") == "$'a\\'\\x1b'");
}

TEST_CASE("finding 4: an argument cannot forge --plan lines") {
    FakeKernel kernel;
    std::string forged = "/bin/true\ntarget starts with: uid=0";
    std::string plan = plan_output(kernel, {"--uid=65534", "--exec", forged.c_str()});
    CHECK(plan.find("--exec $'/bin/true\\ntarget starts with: uid=0'") != std::string::npos);
    CHECK_FALSE(has_line_starting(plan, "target starts with: uid=0"));
    CHECK(has_line_starting(plan, "2. --exec $'/bin/true\\ntarget starts with: uid=0':"));
    std::string user = "x\n   then: uid=0";
    std::string bad = "--user=" + user;
    plan = plan_output(kernel, {bad.c_str()});
    CHECK_FALSE(has_line_starting(plan, "   then: uid=0"));
}

TEST_CASE("blind spot: --user sets the user's supplementary groups (initgroups)") {
    FakeKernel kernel;
    kernel.supplementary = {0};
    kernel.memberships["nobody"] = {4, 6, 65534, 100};
    auto [status, text] = run(kernel, {"--quiet", "--user=nobody"});
    CHECK(status == 0);
    CHECK(kernel.supplementary == std::vector<gid_t>{65534, 4, 6, 100});
    CHECK(kernel.id.gid == 65534u);
}

TEST_CASE("blind spot: a numeric --user with --noenv leaves the environment alone") {
    FakeKernel kernel;
    kernel.env["USER"] = "root";
    kernel.env["HOME"] = "/root";
    auto [status, text] = run(kernel, {"--quiet", "--noenv", "--user=4242:4343"});
    CHECK(status == 0);
    CHECK(kernel.id.uid == 4242u);
    CHECK(kernel.env == std::map<std::string, std::string>{{"HOME", "/root"}, {"USER", "root"}});
}

TEST_CASE("blind spot: --chroot changes the directory to the new root") {
    FakeKernel kernel;
    auto [status, text] = run(kernel, {"--quiet", "--chroot=/srv/jail"});
    CHECK(status == 0);
    auto root = std::find(kernel.log.begin(), kernel.log.end(), "chroot /srv/jail");
    REQUIRE(root != kernel.log.end());
    CHECK(std::find(root, kernel.log.end(), "chdir /") != kernel.log.end());
}
