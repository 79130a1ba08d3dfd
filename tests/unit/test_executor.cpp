#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "catch.hpp"
#include "executor.hpp"
#include "fake_kernel.hpp"
#include "parser.hpp"

using namespace capsh;
using capsh::testing::FakeKernel;

namespace {

struct RunResult {
    int status = 0;
    std::string out;
    std::string error;  // the Error's text, when a step failed
};

// Plans `args` and runs the plan against `kernel`, capturing stdout.
RunResult run(FakeKernel& kernel, std::vector<const char*> args) {
    Plan plan = plan_command_line(args, ParseContext{kernel.k, "/bin/bash", "capsh"});
    char* buffer = nullptr;
    std::size_t size = 0;
    std::FILE* out = open_memstream(&buffer, &size);
    RunResult result;
    Executor executor(kernel, out, {"capsh", "/bin/bash"});
    result.status = executor.run(plan);
    if (executor.failure()) result.error = executor.failure()->text;
    std::fclose(out);
    result.out.assign(buffer, size);
    std::free(buffer);
    return result;
}

bool logged(const FakeKernel& kernel, const std::string& call) {
    return std::find(kernel.log.begin(), kernel.log.end(), call) != kernel.log.end();
}

std::ptrdiff_t position(const FakeKernel& kernel, const std::string& call) {
    auto found = std::find(kernel.log.begin(), kernel.log.end(), call);
    REQUIRE(found != kernel.log.end());
    return found - kernel.log.begin();
}

}  // namespace

TEST_CASE("steps reach the kernel in argument order") {
    FakeKernel a;
    run(a, {"--quiet", "--gid=5", "--uid=7", "--", "-c", "true"});
    CHECK(position(a, "set_gid 5") < position(a, "set_uid 7"));
    CHECK(position(a, "set_uid 7") < position(a, "exec /bin/bash -c true"));
    FakeKernel b;
    run(b, {"--quiet", "--uid=7", "--gid=5"});
    CHECK(position(b, "set_uid 7") < position(b, "set_gid 5"));
}

TEST_CASE("nothing runs after a failing step") {
    FakeKernel kernel;
    kernel.failures["set_uid 7"] = EPERM;
    auto outcome = run(kernel, {"--quiet", "--uid=7", "--gid=5", "--", "-c", "true"});
    CHECK(outcome.status == 1);
    CHECK(outcome.error == "Failed to set uid=7: Operation not permitted\n");
    CHECK(kernel.log.back() == "set_uid 7");
    CHECK_FALSE(logged(kernel, "exec /bin/bash -c true"));
}

TEST_CASE("a value that does not parse stops before the target, after earlier steps") {
    FakeKernel kernel;
    auto outcome = run(kernel, {"--quiet", "--gid=5", "--uid=x", "--", "-c", "true"});
    CHECK(outcome.status == 1);
    CHECK(logged(kernel, "set_gid 5"));
    CHECK(kernel.log.back() == "set_gid 5");
}

TEST_CASE("--user changes groups before the uid, keeping caps, and sets the environment") {
    FakeKernel kernel;
    auto outcome = run(kernel, {"--quiet", "--user=nobody"});
    CHECK(outcome.status == 0);
    CHECK(position(kernel, "set_gid 65534") < position(kernel, "set_groups 1"));
    CHECK(position(kernel, "set_groups 1") < position(kernel, "set_keepcaps 1"));
    CHECK(position(kernel, "set_keepcaps 1") < position(kernel, "set_uid 65534"));
    CHECK(position(kernel, "set_uid 65534") < position(kernel, "set_keepcaps 0"));
    CHECK(kernel.caps.e == 0);  // E ends empty, P is kept
    CHECK(kernel.caps.p == low_bits(41));
    CHECK(kernel.env["HOME"] == "/nonexistent");
    CHECK(kernel.env["USER"] == "nobody");
    CHECK(kernel.env["LOGNAME"] == "nobody");
}

TEST_CASE("--noenv leaves the environment alone") {
    FakeKernel kernel;
    run(kernel, {"--quiet", "--noenv", "--user=nobody"});
    CHECK(kernel.env.empty());
}

TEST_CASE("an unknown user fails before any change") {
    FakeKernel kernel;
    auto outcome = run(kernel, {"--quiet", "--user=nosuch", "--", "-c", "true"});
    CHECK(outcome.error == "User [nosuch] not known\n");
    CHECK(kernel.log.empty());
}

TEST_CASE("--drop raises CAP_SETPCAP around each drop when it is only permitted") {
    FakeKernel kernel;
    kernel.caps = CapState{0, bit(8), 0};
    auto outcome = run(kernel, {"--quiet", "--drop=cap_chown,cap_kill"});
    CHECK(outcome.status == 0);
    std::vector<std::string> expected = {"set_caps", "bound_drop 0", "set_caps",
                                         "set_caps", "bound_drop 5", "set_caps"};
    CHECK(kernel.log == expected);
    CHECK(kernel.caps == CapState{0, bit(8), 0});
    CHECK(kernel.bounding == (low_bits(41) & ~bit(0) & ~bit(5)));
}

TEST_CASE("--strict --drop does not raise anything") {
    FakeKernel kernel;
    kernel.caps = CapState{0, bit(8), 0};
    run(kernel, {"--quiet", "--strict", "--drop=cap_chown"});
    CHECK(kernel.log == std::vector<std::string>{"bound_drop 0"});
}

TEST_CASE("a failed raise for a bounding drop is capsh's message") {
    FakeKernel kernel;
    kernel.caps = CapState{0, bit(0), 0};  // no CAP_SETPCAP to raise
    kernel.failures["set_caps"] = EPERM;
    auto outcome = run(kernel, {"--quiet", "--drop=cap_chown"});
    CHECK(outcome.error ==
          "unable to raise CAP_SETPCAP for BSET changes: Operation not permitted\n");
    CHECK_FALSE(logged(kernel, "bound_drop 0"));
}

TEST_CASE("output is flushed before exec, launch and fork (D1)") {
    FakeKernel kernel;
    run(kernel, {"--quiet", "--decode=1", "--", "-c", "true"});
    CHECK(position(kernel, "flush") < position(kernel, "exec /bin/bash -c true"));
    FakeKernel launcher;
    auto outcome = run(launcher, {"--quiet", "-+", "-c", "true"});
    CHECK(position(launcher, "flush") < position(launcher, "launch /bin/bash"));
    CHECK(outcome.status == 0);
    FakeKernel forker;
    run(forker, {"--quiet", "--forkfor=3", "--killit=9"});
    CHECK(position(forker, "flush") < position(forker, "fork_sleeper 3"));
    CHECK(position(forker, "fork_sleeper 3") < position(forker, "kill 777 9"));
}

TEST_CASE("a failed exec is reported and exits 1") {
    FakeKernel kernel;
    auto outcome = run(kernel, {"--quiet", "--shell=/nonexistent", "--"});
    CHECK(outcome.error == "execve '/nonexistent' failed!\n");
    CHECK(outcome.status == 1);
}

TEST_CASE("== finds capsh on PATH and forwards --quiet") {
    FakeKernel kernel;
    kernel.env["PATH"] = ":/nowhere::/usr/bin";
    run(kernel, {"--quiet", "==", "--print"});
    CHECK(logged(kernel, "exec /usr/bin/capsh --quiet --print"));
    FakeKernel lost;
    lost.env["PATH"] = "/nowhere";
    CHECK(run(lost, {"==", "--print"}).error == "unable to find executable 'capsh' in PATH\n");
    FakeKernel no_path;
    CHECK(run(no_path, {"==", "--print"}).error ==
          "no PATH environment variable found for re-execing\n");
}

TEST_CASE("--mode=NOPRIV empties every set, locks securebits and sets no-new-privs") {
    FakeKernel kernel;
    kernel.caps.i = bit(3);
    auto outcome = run(kernel, {"--quiet", "--mode=NOPRIV", "--mode"});
    CHECK(outcome.out == "Mode: NOPRIV\n");
    CHECK(kernel.caps == CapState{});
    CHECK(kernel.bounding == 0);
    CHECK(kernel.secbits == 0xef);
    CHECK(kernel.nnp == 1);
}

TEST_CASE("a failing mode is reported on stdout") {
    FakeKernel kernel;
    kernel.failures["set_securebits 239"] = EPERM;
    auto outcome = run(kernel, {"--quiet", "--mode=PURE1E"});
    CHECK(outcome.error == "failed to set mode [PURE1E]: Operation not permitted\n");
    CHECK(kernel.caps.e == 0);  // E is emptied whatever happens
}

TEST_CASE("--iab raises ambient and drops bounding from the highest cap down") {
    FakeKernel kernel;
    auto outcome = run(kernel, {"--quiet", "--iab=^cap_chown,!cap_kill,%cap_setuid"});
    CHECK(outcome.status == 0);
    CHECK(position(kernel, "bound_drop 5") < position(kernel, "ambient_raise 0"));
    CHECK(kernel.caps.i == (bit(0) | bit(7)));
    CHECK(kernel.ambient == bit(0));
    CHECK(kernel.caps.e == low_bits(41));  // E restored
}

TEST_CASE("--print reports the model") {
    FakeKernel kernel;
    kernel.k = 41;
    auto outcome = run(kernel, {"--quiet", "--print"});
    CHECK(outcome.out.starts_with("Current: =ep\nBounding set =cap_chown,"));
    CHECK(outcome.out.find("Guessed mode: HYBRID (4)\n") != std::string::npos);
}

TEST_CASE("the max-cap warning appears when the kernel has unnamed caps") {
    FakeKernel kernel;
    kernel.k = 43;
    kernel.caps = CapState{};
    CHECK(run(kernel, {"--decode=0"}).out ==
          "WARNING: libcap needs an update (cap=42 should have a name).\n0x0000000000000000=\n");
    CHECK(run(kernel, {"--quiet", "--decode=0"}).out == "0x0000000000000000=\n");
}

TEST_CASE("E1: --exec runs the program itself, searching PATH like execvp") {
    FakeKernel kernel;
    kernel.env["PATH"] = "/nowhere:/usr/bin";
    kernel.failures["exec /nowhere/id -u"] = ENOENT;
    auto outcome = run(kernel, {"--quiet", "--exec", "id", "-u"});
    CHECK(logged(kernel, "exec /nowhere/id -u"));
    CHECK(logged(kernel, "exec /usr/bin/id -u"));
    CHECK(position(kernel, "flush") < position(kernel, "exec /nowhere/id -u"));
    // The fake's exec "fails" with ENOEXEC once found: reported as not executable.
    CHECK(outcome.status == 126);
}

TEST_CASE("E1: a program that cannot be found exits 127, one that cannot run 126") {
    FakeKernel missing;
    missing.failures["exec /x/prog"] = ENOENT;
    auto outcome = run(missing, {"--quiet", "--exec", "/x/prog"});
    CHECK(outcome.status == 127);
    CHECK(outcome.error == "--exec: cannot run '/x/prog': No such file or directory\n");
    FakeKernel denied;
    denied.env["PATH"] = "/a:/b";
    denied.failures["exec /a/prog"] = EACCES;
    denied.failures["exec /b/prog"] = ENOENT;
    auto outcome2 = run(denied, {"--quiet", "--exec", "prog"});
    CHECK(outcome2.status == 126);
    CHECK(outcome2.error == "--exec: cannot run 'prog': Permission denied\n");
}

TEST_CASE("E2: without --shell= and without bash, -- runs /bin/sh") {
    FakeKernel no_bash;
    no_bash.files.erase("/bin/bash");
    run(no_bash, {"--quiet", "--", "-c", "true"});
    CHECK(logged(no_bash, "exec /bin/sh -c true"));
    FakeKernel chosen;
    chosen.files.erase("/bin/bash");
    auto outcome = run(chosen, {"--quiet", "--shell=/bin/bash", "--", "-c", "true"});
    CHECK(logged(chosen, "exec /bin/bash -c true"));
    CHECK(outcome.error == "execve '/bin/bash' failed!\n");
    FakeKernel neither;
    neither.files.clear();
    CHECK(run(neither, {"--quiet", "--"}).error == "execve '/bin/bash' failed!\n");
}

TEST_CASE("E3: a numeric --user switches ids, clears groups, sets HOME=/ and drops USER") {
    FakeKernel kernel;
    kernel.env["USER"] = "root";
    kernel.env["LOGNAME"] = "root";
    auto outcome = run(kernel, {"--quiet", "--user=4242:4343"});
    CHECK(outcome.status == 0);
    CHECK(kernel.id.uid == 4242u);
    CHECK(kernel.id.gid == 4343u);
    CHECK(kernel.supplementary.empty());
    CHECK(kernel.env["HOME"] == "/");
    CHECK(kernel.env.count("USER") == 0);
    CHECK(kernel.env.count("LOGNAME") == 0);
    FakeKernel named;  // a name that is found wins, even if it looks like a number
    CHECK(run(named, {"--quiet", "--user=nobody"}).status == 0);
    CHECK(named.id.uid == 65534u);
}

namespace {

// su-exec-ng's exec step: the program `prog x` run as glibc's execvp would.
Outcome run_like_execvp(FakeKernel& kernel, const std::string& program) {
    Executor executor(kernel, stdout, {"su-exec-ng", "/bin/sh"});
    return executor.step(RunProgram{program, {"x"}, program, true});
}

}  // namespace

TEST_CASE("like execvp: a file the kernel cannot run is run by /bin/sh, and that ends it") {
    FakeKernel kernel;
    kernel.env["PATH"] = "/a:/b:/c";
    kernel.failures["exec /a/prog x"] = ENOENT;
    // The fake's exec answers ENOEXEC for any call not told to fail otherwise.
    Outcome failed = run_like_execvp(kernel, "prog");
    CHECK(position(kernel, "exec /b/prog x") < position(kernel, "exec /bin/sh /b/prog x"));
    CHECK_FALSE(logged(kernel, "exec /c/prog x"));
    REQUIRE(failed);
    CHECK(failed->errnum == ENOEXEC);
}

TEST_CASE("like execvp: missing or refused entries go on, other errors end the search") {
    FakeKernel denied;
    denied.env["PATH"] = ":/b";
    denied.failures["exec prog x"] = EACCES;  // an empty entry is the current directory
    denied.failures["exec /b/prog x"] = ENOENT;
    Outcome failed = run_like_execvp(denied, "prog");
    REQUIRE(failed);
    CHECK(failed->errnum == EACCES);

    FakeKernel looping;
    looping.env["PATH"] = "/a:/b";
    looping.failures["exec /a/prog x"] = ELOOP;
    failed = run_like_execvp(looping, "prog");
    REQUIRE(failed);
    CHECK(failed->errnum == ELOOP);
    CHECK_FALSE(logged(looping, "exec /b/prog x"));
}

TEST_CASE(
    "like execvp: no PATH searches /bin and /usr/bin; a '/' or an empty name is not searched") {
    FakeKernel kernel;
    kernel.env.erase("PATH");
    kernel.failures["exec /bin/prog x"] = ENOENT;
    kernel.failures["exec /usr/bin/prog x"] = ENOENT;
    Outcome failed = run_like_execvp(kernel, "prog");
    REQUIRE(failed);
    CHECK(failed->errnum == ENOENT);
    CHECK(position(kernel, "exec /bin/prog x") < position(kernel, "exec /usr/bin/prog x"));

    FakeKernel direct;
    direct.failures["exec ./prog x"] = EACCES;
    failed = run_like_execvp(direct, "./prog");
    REQUIRE(failed);
    CHECK(failed->errnum == EACCES);
    CHECK(direct.log.back() == "exec ./prog x");

    FakeKernel empty;
    failed = run_like_execvp(empty, "");
    REQUIRE(failed);
    CHECK(failed->errnum == ENOENT);
    CHECK(std::none_of(empty.log.begin(), empty.log.end(),
                       [](const std::string& call) { return call.starts_with("exec"); }));
}
