#include <string>

#include "cap_state.hpp"
#include "catch.hpp"
#include "iab.hpp"

using namespace capsh;

namespace {
std::string canon(const std::string& text) {
    auto iab = parse_iab(text);
    REQUIRE(iab);
    return iab_text(*iab, 41);
}
}  // namespace

TEST_CASE("IAB text: prefixes in any order and repetition") {
    CHECK(canon("!%cap_chown,^cap_setpcap,cap_setuid") == "!%cap_chown,cap_setuid,^cap_setpcap");
    CHECK(canon("!!cap_chown,CAP_KILL,") == "!cap_chown,cap_kill");
    CHECK(canon("%!cap_chown") == "!%cap_chown");
    CHECK(canon("^!cap_chown") == "!^cap_chown");
    CHECK(canon("!^cap_chown") == "!^cap_chown");
    CHECK(canon("!cap_chown,^cap_chown") == "!^cap_chown");
    CHECK(canon("") == "");
    CHECK(canon("!") == "");
    CHECK(canon("cap_chown,!") == "cap_chown");
    CHECK(canon("0x18") == "cap_sys_resource");
}

TEST_CASE("IAB text: malformed input") {
    for (std::string text : {",cap_chown", "cap_chown,,cap_kill", "cap_chown cap_kill", "all",
                             "cap_foo", "64", "cap_chown+", "!,cap_chown", " cap_chown", "5abc"}) {
        INFO(text);
        CHECK_FALSE(parse_iab(text));
    }
}

TEST_CASE("IAB text: vectors and printing") {
    auto iab = parse_iab("!%cap_chown,^cap_setpcap,cap_setuid,!63");
    REQUIRE(iab);
    CHECK(iab->i == (bit(0) | bit(8) | bit(7)));
    CHECK(iab->a == bit(8));
    CHECK(iab->nb == (bit(0) | bit(63)));
    CHECK(iab_text(*iab, 41) == "!%cap_chown,cap_setuid,^cap_setpcap");
    CHECK(iab_text(Iab{0, 0, bit(24)}, 41) == "!cap_sys_resource");
}
