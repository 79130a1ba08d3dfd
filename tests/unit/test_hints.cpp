#include "catch.hpp"
#include "hints.hpp"

using namespace capsh;

TEST_CASE("closest_cap_name finds likely typos, with or without the cap_ prefix") {
    CHECK(closest_cap_name("cap_net_rwa") == "cap_net_raw");
    CHECK(closest_cap_name("net_raw") == "cap_net_raw");
    CHECK(closest_cap_name("NET_ADMIN") == "cap_net_admin");
    CHECK(closest_cap_name("sys_admn") == "cap_sys_admin");
    CHECK(closest_cap_name("cap_setpcpa") == "cap_setpcap");
    CHECK_FALSE(closest_cap_name("zzzzzzzzzzzz"));
    CHECK_FALSE(closest_cap_name(""));
}

TEST_CASE("hints for unknown names and bad capability text") {
    CHECK(unknown_cap_hint("cap_chwon,cap_kill").find("did you mean cap_chown?") !=
          std::string::npos);
    CHECK(unknown_cap_hint("qqqqqqqqq").find("cap_net_raw") != std::string::npos);
    CHECK(cap_text_hint("cap_chown=ep cap_klil+i").find("cap_kill") != std::string::npos);
    CHECK(cap_text_hint("cap_chown+P").find("lower case") != std::string::npos);
}
