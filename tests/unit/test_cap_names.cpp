#include "cap_names.hpp"
#include "catch.hpp"

using namespace capsh;

TEST_CASE("cap_to_name uses the table, then decimal numbers") {
    CHECK(cap_to_name(0) == "cap_chown");
    CHECK(cap_to_name(24) == "cap_sys_resource");
    CHECK(cap_to_name(40) == "cap_checkpoint_restore");
    CHECK(cap_to_name(41) == "41");
    CHECK(cap_to_name(63) == "63");
}

TEST_CASE("cap_from_name ignores case and trailing junk") {
    CHECK(cap_from_name("cap_chown") == 0u);
    CHECK(cap_from_name("CAP_NET_RAW") == 13u);
    CHECK(cap_from_name("cap_ChOwN") == 0u);
    CHECK(cap_from_name("cap_chown9") == 0u);
    CHECK(cap_from_name("cap_chown,garbage") == 0u);
    CHECK(cap_from_name("cap_chown+ep") == 0u);
    CHECK_FALSE(cap_from_name("cap_chownXX"));
    CHECK_FALSE(cap_from_name("cap_chown_x"));
    CHECK_FALSE(cap_from_name("chown"));
    CHECK_FALSE(cap_from_name(""));
    CHECK_FALSE(cap_from_name(" cap_chown"));
    CHECK_FALSE(cap_from_name("+cap_chown"));
    CHECK_FALSE(cap_from_name("all"));
}

TEST_CASE("cap_from_name reads numbers with base detection, below 64") {
    CHECK(cap_from_name("5") == 5u);
    CHECK(cap_from_name("0x28") == 40u);
    CHECK(cap_from_name("050") == 40u);
    CHECK(cap_from_name("5abc") == 5u);
    CHECK(cap_from_name("0x") == 0u);
    CHECK(cap_from_name("63") == 63u);
    CHECK_FALSE(cap_from_name("64"));
    CHECK_FALSE(cap_from_name("99999999999999999999999"));
}

TEST_CASE("match_cap reports how much text it used") {
    auto m = match_cap("cap_kill,cap_chown");
    REQUIRE(m);
    CHECK(m->cap == 5u);
    CHECK(m->length == 8u);
    auto n = match_cap("0x1,2");
    REQUIRE(n);
    CHECK(n->cap == 1u);
    CHECK(n->length == 3u);
}

TEST_CASE("every table name reads back as its own number") {
    for (unsigned cap = 0; cap < k_named_caps; ++cap) {
        CAPTURE(cap);
        CHECK(cap_from_name(cap_table_name(cap)) == cap);
        CHECK(cap_table_name(cap).substr(0, 4) == "cap_");
    }
    CHECK(cap_table_name(k_named_caps).empty());
}
