#include <unistd.h>

#include <cerrno>
#include <string>

#include "cap_state.hpp"
#include "catch.hpp"
#include "pid_parse.hpp"
#include "proc_status.hpp"

using namespace capsh;

namespace {

// The capability lines of a /proc/<pid>/status, between the kind of lines that surround them.
std::string status(const std::string& inh, const std::string& bnd, const std::string& amb) {
    return "Name:\tbash\nUmask:\t0022\nState:\tS (sleeping)\nSigCgt:\t000000004b817efb\n"
           "CapInh:\t" +
           inh +
           "\nCapPrm:\t000001fffeffffff\nCapEff:\t000001fffeffffff\n"
           "CapBnd:\t" +
           bnd + "\nCapAmb:\t" + amb + "\nNoNewPrivs:\t0\nSeccomp:\t0\n";
}

const std::string k_none = "0000000000000000";
const std::string k_full41 = "000001ffffffffff";

}  // namespace

TEST_CASE("proc status: a complete file") {
    auto iab =
        iab_from_status(status("0000000000000001", "000001fffeffffff", "0000000000000001"), 41);
    REQUIRE(iab);
    CHECK(iab->i == bit(0));
    CHECK(iab->a == bit(0));
    CHECK(iab->nb == bit(24));

    auto plain = iab_from_status(status(k_none, k_full41, k_none), 41);
    REQUIRE(plain);
    CHECK(*plain == Iab{});
}

TEST_CASE("proc status: all three lines are required") {
    std::string full = status(k_none, k_full41, k_none);
    for (std::string name : {"CapInh", "CapBnd", "CapAmb"}) {
        INFO(name);
        std::string text = full;
        text.replace(text.find(name), 3, "Xap");
        CHECK_FALSE(iab_from_status(text, 41));
    }
    CHECK_FALSE(iab_from_status("", 41));
    // A space is not the tab libcap looks for.
    CHECK_FALSE(iab_from_status(
        "CapInh: " + k_none + "\nCapBnd:\t" + k_full41 + "\nCapAmb:\t" + k_none + "\n", 41));
}

TEST_CASE("proc status: vectors are masked to the kernel's caps") {
    std::string all = "ffffffffffffffff";
    auto k41 = iab_from_status(status(all, k_none, all), 41);
    REQUIRE(k41);
    CHECK(k41->i == low_bits(41));
    CHECK(k41->a == low_bits(41));
    CHECK(k41->nb == low_bits(41));

    auto k38 = iab_from_status(status(all, k_full41, all), 38);
    REQUIRE(k38);
    CHECK(k38->i == low_bits(38));
    CHECK(k38->a == low_bits(38));
    CHECK(k38->nb == 0);

    auto k38_missing = iab_from_status(status(k_none, "0000003ffeffffff", k_none), 38);
    REQUIRE(k38_missing);
    CHECK(k38_missing->nb == bit(24));
}

TEST_CASE("proc status: values are read as libcap reads them") {
    // Upper-case digits are fine.
    auto upper = iab_from_status(status("000000000000000A", "000001FFFEFFFFFF", k_none), 41);
    REQUIRE(upper);
    CHECK(upper->i == 0xa);
    CHECK(upper->nb == bit(24));

    // A bad character zeroes its 32-bit word only; in CapBnd that word becomes all "not bound".
    auto bad = iab_from_status(status("00000001000000zz", "000001ffffffxfff", k_none), 41);
    REQUIRE(bad);
    CHECK(bad->i == bit(32));
    CHECK(bad->nb == 0xffffffffu);

    // Words are counted over the rest of the line and taken from its right-hand end: trailing
    // junk shorter than a word is ignored, one word reads only the low half, none reads nothing.
    auto trailing = iab_from_status(status("0000000000000003  ", k_full41, "00000004"), 41);
    REQUIRE(trailing);
    CHECK(trailing->i == 3);
    CHECK(trailing->a == 4);
    auto empty = iab_from_status(status("", k_full41, "1234567"), 41);
    REQUIRE(empty);
    CHECK(*empty == Iab{});

    // Three words do not fit 64 bits: the line is not accepted.
    CHECK_FALSE(iab_from_status(status(k_none, k_full41, "000000000000000000000000"), 41));
}

TEST_CASE("proc status: repeated, split and truncated lines") {
    std::string text = status(k_none, k_full41, k_none);
    // A later line wins, for the words it reaches.
    CHECK(iab_from_status(text + "CapInh:\t0000000000000005\n", 41)->i == 5);
    CHECK(iab_from_status(text + "CapInh:\t0000000000000005\nCapInh:\t00000002\n", 41)->i == 2);
    CHECK(iab_from_status("CapInh:\t0000000100000000\nCapInh:\t00000002\nCapBnd:\t" + k_full41 +
                              "\nCapAmb:\t" + k_none,
                          41)
              ->i == (bit(32) | 2));
    // Lines are read 122 bytes at a time, so a long line can hide a "Cap" line in its tail.
    std::string long_line = std::string(122, 'x') + "CapAmb:\t0000000000000007\n";
    CHECK(iab_from_status(text + long_line, 41)->a == 7);
    // libcap sees the line as a C string, ending at a NUL.
    std::string with_nul = "CapInh:\t00000001";
    with_nul += '\0';
    with_nul += "00000000\n";
    CHECK(iab_from_status(text + with_nul, 41)->i == 1);
}

TEST_CASE("proc status: reading a process") {
    CHECK_FALSE(read_process_iab(0, 41));  // /proc/0/status does not exist
    if (access("/proc/self/status", R_OK) == 0) CHECK(read_process_iab(getpid(), 41));
}

TEST_CASE("getpcaps PIDs follow strtol and libcap's checks") {
    auto pid = [](const char* text) { return parse_pid(text).pid; };
    auto error = [](const char* text) { return parse_pid(text).error; };
    CHECK(pid("1") == 1);
    CHECK(pid("+1") == 1);
    CHECK(pid(" 1") == 1);
    CHECK(pid("\t\n7") == 7);
    CHECK(pid("-0") == 0);
    CHECK(pid("2147483647") == 2147483647);
    CHECK(error("") == 0);
    CHECK(pid("") == 0);
    for (const char* text : {"abc", "--foo", "1x", "0x1", "1 ", " ", "+", "-"}) {
        INFO(text);
        CHECK(error(text) == EINVAL);
    }
    CHECK(error("-5") == EOVERFLOW);
    CHECK(error("2147483648") == EOVERFLOW);
    CHECK(error("-2147483649") == EOVERFLOW);
    CHECK(error("9999999999999999999999") == ERANGE);
    CHECK(error("-9999999999999999999999") == ERANGE);
    CHECK(error("9999999999999999999999x") == ERANGE);  // range is checked before junk
}
