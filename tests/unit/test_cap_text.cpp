#include <random>
#include <string>
#include <vector>

#include "cap_names.hpp"
#include "cap_text.hpp"
#include "catch.hpp"

using namespace capsh;

namespace {

constexpr unsigned k_k = 41;  // the reference machine's kernel

std::string canon(const std::string& text) {
    auto state = parse_cap_text(text, k_k);
    REQUIRE(state);
    return cap_text(*state, k_k);
}

std::string names(unsigned from, unsigned to) {  // "a,b,...", caps from..to inclusive
    std::string out;
    for (unsigned c = from; c <= to; ++c) {
        if (!out.empty()) out += ',';
        out += cap_to_name(c);
    }
    return out;
}

}  // namespace

TEST_CASE("canonical text: caps grouped by their e/p/i state, as cap_to_text prints them") {
    struct Example {
        std::string input, expected;
    };
    const std::vector<Example> examples = {
        {"", "="},
        {"cap_chown+p", "cap_chown=p"},
        {"cap_chown,cap_kill+eip", "cap_chown,cap_kill=eip"},
        {"cap_chown=eip cap_kill=ip", "cap_chown=eip cap_kill+ip"},
        {"=ep cap_chown-e", "=ep cap_chown-e"},
        {"=p cap_chown+e", "=p cap_chown+e"},
        {"all=ep", "=ep"},
        {"all=p all+i", "=ip"},
        {"=eip cap_setpcap-i", "=eip cap_setpcap-i"},
        {"=ip cap_net_raw-ip cap_chown+e", "=ip cap_chown+e cap_net_raw-ip"},
        {"cap_chown=p cap_kill=i cap_fowner=ip cap_setuid=eip",
         "cap_setuid=eip cap_fowner+ip cap_kill+i cap_chown+p"},
        {"=eip 5-e", "=eip cap_kill-e"},
        {"  cap_chown+p   cap_kill+i  ", "cap_kill=i cap_chown+p"},
        {"=ip cap_chown=ep", "=ip cap_chown+e-i"},
        {"=eip cap_chown=p cap_kill=ip cap_setuid=", "=eip cap_kill-e cap_chown-ei cap_setuid-eip"},
        {"=p cap_chown=ip cap_kill=eip cap_setuid=", "=p cap_kill+ei cap_chown+i cap_setuid-p"},
        {"cap_chown=i cap_kill=ip cap_setuid,cap_setgid=eip cap_fowner=p cap_net_raw=ep",
         "cap_setgid,cap_setuid=eip cap_kill+ip cap_chown+i cap_net_raw+ep cap_fowner+p"},
        {"=ep cap_sys_resource-ep", "=ep cap_sys_resource-ep"},
        {"cap_setpcap=p cap_chown=i", "cap_chown=i cap_setpcap+p"},
    };
    for (const auto& ex : examples) {
        INFO(ex.input);
        CHECK(canon(ex.input) == ex.expected);
    }
}

TEST_CASE("bits the kernel lacks are parsed, and printed apart from the named caps") {
    auto state = parse_cap_text("63+p", k_k);
    REQUIRE(state);
    CHECK(state->p == bit(63));
    CHECK(cap_text(*state, k_k) == "= 63+p");
    CHECK(cap_text(CapState{0, state->p & low_bits(k_k), 0}, k_k) == "=");  // what capset keeps
}

TEST_CASE("canonical text: histogram ties go to the lower state code") {
    // 20 caps =ep, 20 =p, 1 empty: the ep/p tie goes to p.
    CHECK(canon(names(0, 19) + "=ep " + names(20, 39) + "=p") ==
          "=p " + names(0, 19) + "+e cap_checkpoint_restore-p");
    CHECK(canon(names(0, 20) + "=ip") == "=ip " + names(21, 40) + "-ip");
    CHECK(canon(names(0, 19) + "=ip") == names(0, 19) + "=ip");
}

TEST_CASE("cap text parser: accepted forms") {
    for (std::string text : {"", "   ", "=", "all=", "all-ep", "cap_chown=-p", "all=eip all-eip"}) {
        INFO(text);
        CHECK(canon(text) == "=");
    }
    CHECK(canon("ALL=p") == "=p");
    CHECK(canon("All=ep") == "=ep");
    CHECK(canon("CAP_CHOWN=ip") == "cap_chown=ip");
    CHECK(canon("cap_ChOwN+p") == "cap_chown=p");
    CHECK(canon("0x1,2+p") == "cap_dac_override,cap_dac_read_search=p");
    CHECK(canon("040+p") == "cap_mac_override=p");
    CHECK(canon("0x28+p") == "cap_checkpoint_restore=p");
    CHECK(canon("cap_chown,all+p") == "=p");
    CHECK(canon("cap_chown+pe-e") == "cap_chown=p");
    CHECK(canon("cap_chown=ip-i+e") == "cap_chown=ep");
    CHECK(canon("cap_chown+e+p") == "cap_chown=ep");
    CHECK(canon("cap_chown+pp") == "cap_chown=p");
    CHECK(canon("cap_chown= cap_kill=p") == "cap_kill=p");
}

TEST_CASE("cap text parser: rejected forms") {
    for (std::string text : {"cap_chown+P",   "ALL=P",
                             "64+p",          "cap_chown",
                             "all",           "+p",
                             "=+p",           "=-p",
                             "=p-p",          "cap_chown+",
                             "cap_chown+x",   "cap_chown+ p",
                             "cap_chown =p",  "cap_chown ,cap_kill+p",
                             "cap_chown,+p",  "cap_chown+p,cap_kill+p",
                             "cap_chown=p=e", "cap_chown+-p",
                             "cap_chown-+p",  "cap_chown+p+",
                             "cap_chown1+p",  "1x+p",
                             "_cap_chown+p",  "all=p cap_chown-all",
                             "cap_chown=e,i", "cap_chown=p,cap_kill=p",
                             "bogus"}) {
        INFO(text);
        CHECK_FALSE(parse_cap_text(text, k_k));
    }
}

TEST_CASE("cap text parser: clauses apply on top of a start state") {
    CapState start{bit(0), bit(0) | bit(5), 0};
    auto state = parse_cap_text("cap_kill+i", k_k, start);
    REQUIRE(state);
    CHECK(*state == CapState{bit(0), bit(0) | bit(5), bit(5)});
}

TEST_CASE("'all' and list-less clauses cover exactly the kernel's caps") {
    auto state = parse_cap_text("=p", 38);
    REQUIRE(state);
    CHECK(state->p == (bit(38) - 1));
    CHECK(cap_text(*state, 38) == "=p");
}

TEST_CASE("canonical text round-trips random kernel states") {
    std::mt19937_64 rng(12345);
    for (int round = 0; round < 2000; ++round) {
        unsigned k = 30 + unsigned(rng() % 35);  // kernels with 30..64 caps
        std::uint64_t mask = low_bits(k);
        // Mix dense and sparse states so every base code gets exercised.
        auto pick = [&] { return (round % 3 == 0) ? rng() & rng() : rng() | rng(); };
        CapState state{pick() & mask, pick() & mask, pick() & mask};
        std::string text = cap_text(state, k);
        INFO(text);
        auto back = parse_cap_text(text, k);
        REQUIRE(back);
        CHECK(*back == state);
        CHECK(cap_text(*back, k) == text);
    }
}
