// What --plan says a step needs: steps that change privileged state name a capability, steps
// that only report need nothing.
#include <algorithm>

#include "catch.hpp"
#include "parser.hpp"
#include "plan_describe.hpp"

using namespace capsh;

namespace {

StepDescription first_step(std::vector<const char*> args) {
    Plan plan = plan_command_line(args, ParseContext{41, "/bin/bash", "capsh"});
    // Skips the check every plan starts with (that each kernel cap has a name).
    auto step = std::find_if(plan.begin(), plan.end(), [](const Step& s) {
        return !std::holds_alternative<MaxCapCheck>(s);
    });
    REQUIRE(step != plan.end());
    return describe(*step);
}

}  // namespace

TEST_CASE("privileged steps name what they need", "[plan_describe]") {
    CHECK(first_step({"--drop=cap_chown"}).needs.find("CAP_SETPCAP") != std::string::npos);
    CHECK(first_step({"--groups=1"}).needs == "CAP_SETGID effective");
    CHECK(first_step({"--user=nobody"}).needs.find("CAP_SETUID") != std::string::npos);
    CHECK(first_step({"--chroot=/tmp"}).needs.find("CAP_SYS_CHROOT") != std::string::npos);
}

TEST_CASE("reports need nothing", "[plan_describe]") {
    CHECK(first_step({"--print"}).needs.empty());
    CHECK(first_step({"--decode=0x3"}).needs.empty());
    CHECK(first_step({"--has-p=cap_chown"}).needs.empty());
}

TEST_CASE("a step says what it does in words", "[plan_describe]") {
    StepDescription user = first_step({"--user=nobody"});
    CHECK(user.does.find("become user nobody") != std::string::npos);
    CHECK(user.does.find("HOME") != std::string::npos);
}
