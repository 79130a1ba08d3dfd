#include <string>
#include <vector>

#include "catch.hpp"
#include "parser.hpp"

using namespace capsh;

namespace {

Plan plan_of(std::vector<const char*> args) {
    return plan_command_line(args, ParseContext{41, "/bin/bash", "capsh"});
}

template <typename T>
const T& step(const Plan& plan, std::size_t n) {
    REQUIRE(n < plan.size());
    REQUIRE(std::holds_alternative<T>(plan[n]));
    return std::get<T>(plan[n]);
}

std::string fail_text(const Plan& plan) {
    REQUIRE(!plan.empty());
    return step<Fail>(plan, plan.size() - 1).error.text;
}

}  // namespace

TEST_CASE("an empty command line plans nothing") {
    CHECK(plan_of({}).empty());
}

TEST_CASE("the max-cap check comes first unless the first argument is --quiet") {
    auto plan = plan_of({"--print"});
    REQUIRE(plan.size() == 2);
    step<MaxCapCheck>(plan, 0);
    step<Print>(plan, 1);
    CHECK(plan_of({"--quiet", "--print"}).size() == 1);
    CHECK(plan_of({"--print", "--quiet"}).size() == 2);
}

TEST_CASE("steps keep the order of the arguments") {
    auto inh_first = plan_of({"--quiet", "--inh=cap_chown", "--user=nobody"});
    step<SetInheritable>(inh_first, 0);
    step<SetUser>(inh_first, 1);
    auto user_first = plan_of({"--quiet", "--user=nobody", "--inh=cap_chown"});
    step<SetUser>(user_first, 0);
    step<SetInheritable>(user_first, 1);
}

TEST_CASE("the first terminator ends parsing and takes the rest verbatim") {
    auto plan = plan_of({"--quiet", "--shell=/bin/echo", "--", "--print", "=="});
    REQUIRE(plan.size() == 1);
    const auto& run = step<RunShell>(plan, 0);
    CHECK(run.how == RunHow::exec);
    CHECK(run.shell == "/bin/echo");
    CHECK(run.shell_chosen);
    CHECK(run.args == std::vector<std::string>{"--print", "=="});

    auto launch = plan_of({"--quiet", "-+", "-c", "true"});
    CHECK(step<RunShell>(launch, 0).how == RunHow::launch);
    CHECK_FALSE(step<RunShell>(launch, 0).shell_chosen);
    CHECK(step<RunShell>(launch, 0).shell == "/bin/bash");

    auto self = plan_of({"--quiet", "=+", "--print"});
    CHECK(step<RunSelf>(self, 0).quiet);
    CHECK(step<RunSelf>(self, 0).how == RunHow::launch);
    CHECK_FALSE(step<RunSelf>(plan_of({"==", "--print"}), 1).quiet);
}

TEST_CASE("usage exits 0 only when the first argument asks for help") {
    CHECK(step<Usage>(plan_of({"--help"}), 1).status == 0);
    CHECK(step<Usage>(plan_of({"-h", "--foo"}), 1).status == 0);
    CHECK(step<Usage>(plan_of({"--foo"}), 1).status == 1);
    auto late = plan_of({"--print", "--help"});
    CHECK(step<Usage>(late, 2).status == 1);
    CHECK(step<Usage>(plan_of({"--quiet", "--help"}), 0).status == 1);
    for (const char* arg : {"--drop", "--print=1", "--quiet=x", "--inmode"}) {
        INFO(arg);
        CHECK(step<Usage>(plan_of({arg}), 1).status == 1);
    }
}

TEST_CASE("option matching: exact forms, prefixes, --noamb and --mode") {
    step<ResetAmbient>(plan_of({"--noambient"}), 1);
    step<ModeQuery>(plan_of({"--mode"}), 1);
    step<Message>(plan_of({"--modes"}), 1);
    CHECK(step<Message>(plan_of({"--modes="}), 1).text == "unrecognized command [--modes=]\n");
    CHECK(step<SetMode>(plan_of({"--mode=PURE1E"}), 1).mode == Mode::pure1e);
    auto bad = plan_of({"--modex"});
    CHECK(step<Message>(bad, 1).text == "unrecognized command [--modex]\n");
    step<Usage>(bad, 2);
    CHECK(fail_text(plan_of({"--mode=UNCERTAIN"})) == "unsupported mode: UNCERTAIN\n");
    CHECK(step<Fail>(plan_of({"--mode="}), 1).error.stream == Stream::out);
}

TEST_CASE("a list stops at its first unknown name, after planning the earlier ones") {
    auto plan = plan_of({"--quiet", "--drop=cap_chown,,bogus,cap_kill"});
    REQUIRE(plan.size() == 2);
    CHECK(step<DropBound>(plan, 0).cap == 0u);
    CHECK(fail_text(plan) == "capability [bogus] is unknown to libcap\n");
    CHECK(step<DropAllBound>(plan_of({"--quiet", "--drop=all"}), 0).fixup);
    CHECK(plan_of({"--quiet", "--drop="}).empty());
    CHECK(fail_text(plan_of({"--drop=cap_chown,all"})) ==
          "capability [all] is unknown to libcap\n");
}

TEST_CASE("--strict toggles the CAP_SETPCAP fixup of later steps") {
    auto plan = plan_of({"--quiet", "--drop=1", "--strict", "--drop=2", "--strict", "--drop=3"});
    CHECK(step<DropBound>(plan, 0).fixup);
    CHECK_FALSE(step<DropBound>(plan, 1).fixup);
    CHECK(step<DropBound>(plan, 2).fixup);
}

TEST_CASE("numeric values are checked where they stand") {
    auto plan = plan_of({"--print", "--uid=abc", "--print"});
    REQUIRE(plan.size() == 3);
    CHECK(fail_text(plan) == "invalid --uid value: want non-negative integer, got \"abc\"\n");
    CHECK(fail_text(plan_of({"--killit=x"})) ==
          "invalid --killit signo value: want non-negative integer, got \"x\"\n");
    CHECK(step<SetUid>(plan_of({"--uid=4294967296"}), 1).uid == 0u);
    CHECK(step<SetUid>(plan_of({"--cap-uid=5"}), 1).keep_caps);
}

TEST_CASE("--forkfor and --killit follow the child from the command line") {
    CHECK(fail_text(plan_of({"--killit=9"})) == "no forked process to kill\n");
    CHECK(fail_text(plan_of({"--forkfor=1", "--forkfor=x"})) == "already forked\n");
    auto again = plan_of({"--forkfor=1", "--killit=0", "--forkfor=1"});
    step<ForkFor>(again, 3);
    auto zero = plan_of({"--forkfor=0"});
    CHECK(step<Message>(zero, 1).text == "require non-zero --forkfor value\n");
    step<Usage>(zero, 2);
}

TEST_CASE("--caps and --inh check their text when planned") {
    CHECK(fail_text(plan_of({"--caps=cap_chown+P"})) ==
          "unable to interpret [--caps=cap_chown+P]\n");
    auto caps = step<SetCaps>(plan_of({"--caps=cap_chown=ep"}), 1);
    CHECK(caps.state == CapState{1, 1, 0});
    CHECK(caps.arg == "--caps=cap_chown=ep");
    CHECK(step<SetInheritable>(plan_of({"--inh=none"}), 1).list.empty());
    CHECK(step<SetInheritable>(plan_of({"--inh=cap_kill"}), 1).list == "cap_kill+i");
    for (const char* bad : {"--inh=cap_foo", "--inh=cap_chown cap_kill", "--inh=cap_chown,",
                            "--inh=NONE", "--inh=="}) {
        INFO(bad);
        CHECK(fail_text(plan_of({bad})) ==
              "Fatal error internalizing capabilities: Invalid argument\n");
    }
}

TEST_CASE("--groups: names, numbers and skipped empty pieces") {
    auto plan = plan_of({"--groups=daemon,0x10,,010,-1"});
    const auto& groups = step<SetGroups>(plan, 1).groups;
    REQUIRE(groups.size() == 4);
    CHECK(groups[0].name == "daemon");
    CHECK(groups[1].number == 16u);
    CHECK(groups[2].number == 8u);
    CHECK(groups[3].name == "-1");
    CHECK(step<SetGroups>(plan_of({"--groups="}), 1).groups.empty());
}

TEST_CASE("--noenv affects only a later --user") {
    CHECK(step<SetUser>(plan_of({"--quiet", "--noenv", "--user=x"}), 0).noenv);
    CHECK_FALSE(step<SetUser>(plan_of({"--quiet", "--user=x", "--noenv"}), 0).noenv);
}

TEST_CASE("--license ends the plan") {
    auto plan = plan_of({"--quiet", "--license", "--print"});
    REQUIRE(plan.size() == 2);
    CHECK(step<Message>(plan, 0).text.starts_with("capsh "));
    CHECK(step<Exit>(plan, 1).status == 0);
}

TEST_CASE("E1: --exec ends parsing and takes the program and its arguments") {
    auto plan = plan_of({"--quiet", "--drop=cap_chown", "--exec", "/bin/echo", "--print", "-x"});
    REQUIRE(plan.size() == 2);
    const auto& run = step<RunProgram>(plan, 1);
    CHECK(run.program == "/bin/echo");
    CHECK(run.args == std::vector<std::string>{"--print", "-x"});
    auto empty = plan_of({"--quiet", "--exec"});
    CHECK(fail_text(empty) == "--exec needs a program to run\n");
    CHECK_FALSE(step<Fail>(empty, 0).error.hint.empty());
    // After a terminator, --exec is just an argument.
    CHECK(step<RunShell>(plan_of({"--quiet", "--", "--exec", "x"}), 0).args.size() == 2);
}

TEST_CASE("E3: --user keeps numeric ids for when no passwd entry has that name") {
    auto uid_only = step<SetUser>(plan_of({"--user=4242"}), 1);
    REQUIRE(uid_only.numeric);
    CHECK(uid_only.numeric->uid == 4242u);
    CHECK(uid_only.numeric->gid == 4242u);
    auto both = step<SetUser>(plan_of({"--user=10:20"}), 1);
    REQUIRE(both.numeric);
    CHECK(both.numeric->gid == 20u);
    for (const char* name :
         {"--user=nobody", "--user=", "--user=1:", "--user=:1", "--user=0x10", "--user=+1",
          "--user=-1", "--user=4294967295", "--user=1:2:3", "--user= 1", "--user=99999999999"}) {
        INFO(name);
        CHECK_FALSE(step<SetUser>(plan_of({name}), 1).numeric);
    }
}

TEST_CASE("E6: parse failures carry a hint, and capsh's text is unchanged") {
    auto drop = step<Fail>(plan_of({"--drop=cap_net_rwa"}), 1).error;
    CHECK(drop.text == "capability [cap_net_rwa] is unknown to libcap\n");
    CHECK(drop.hint.text().find("did you mean cap_net_raw?") != std::string::npos);
    auto caps = step<Fail>(plan_of({"--caps=CAP_SYS_ADMN=ep"}), 1).error;
    CHECK(caps.hint.text().find("cap_sys_admin") != std::string::npos);
    auto number = step<Fail>(plan_of({"--uid=x"}), 1).error;
    CHECK_FALSE(number.hint.empty());
}
