#include "catch.hpp"
#include "numbers.hpp"

using namespace capsh;

TEST_CASE("parse_nonneg follows strtoul with capsh's checks") {
    CHECK(parse_nonneg("0") == 0u);
    CHECK(parse_nonneg("65534") == 65534u);
    CHECK(parse_nonneg("0x10") == 16u);
    CHECK(parse_nonneg("010") == 8u);
    CHECK(parse_nonneg("+7") == 7u);
    CHECK(parse_nonneg(" 7") == 7u);
    CHECK(parse_nonneg(" -1") == 4294967295u);
    CHECK(parse_nonneg("4294967296") == 0u);
    CHECK(parse_nonneg("99999999999999999999999") == 4294967295u);
    CHECK_FALSE(parse_nonneg(""));
    CHECK_FALSE(parse_nonneg("-1"));
    CHECK_FALSE(parse_nonneg("abc"));
    CHECK_FALSE(parse_nonneg("5x"));
    CHECK_FALSE(parse_nonneg("08"));
    CHECK_FALSE(parse_nonneg("0x"));
    CHECK_FALSE(parse_nonneg("  "));
}

TEST_CASE("parse_decode_hex never fails") {
    CHECK(parse_decode_hex("0x3") == 3u);
    CHECK(parse_decode_hex("3") == 3u);
    CHECK(parse_decode_hex("1fffeffffff") == 0x1fffeffffffu);
    CHECK(parse_decode_hex("zz") == 0u);
    CHECK(parse_decode_hex("-1") == ~0ull);
    CHECK(parse_decode_hex("  ff") == 0xffu);
    CHECK(parse_decode_hex("fffffffffffffffffff") == ~0ull);
    CHECK(parse_decode_hex("12g4") == 0x12u);
}

TEST_CASE("parse_group_number ignores trailing junk") {
    CHECK(parse_group_number("1abc") == 1u);
    CHECK(parse_group_number("0x10") == 16u);
    CHECK(parse_group_number("010") == 8u);
}
