// The named modes against the fake kernel. What guess_mode should answer after each change
// was printed by Debian's capsh (libcap 2.66) as root: `capsh --mode=NAME --mode` and
// `capsh --secbits=0x2f --mode`.
#include "catch.hpp"
#include "fake_kernel.hpp"
#include "modes.hpp"

using namespace capsh;
using capsh::testing::FakeKernel;

TEST_CASE("a root process without securebits is HYBRID", "[modes]") {
    FakeKernel kernel;
    CHECK(guess_mode(kernel) == Mode::hybrid);
    CHECK(mode_name(guess_mode(kernel)) == "HYBRID");
}

TEST_CASE("setting a mode and guessing it, as capsh --mode=NAME --mode does", "[modes]") {
    FakeKernel kernel;
    SECTION("NOPRIV empties the bounding and permitted sets and sets no-new-privs") {
        REQUIRE(set_mode(kernel, Mode::nopriv) == 0);
        CHECK(kernel.bounding == 0);
        CHECK(kernel.caps.p == 0);
        CHECK(kernel.nnp == 1);
        CHECK(mode_name(guess_mode(kernel)) == "NOPRIV");
    }
    SECTION("PURE1E with no inheritable caps reads back as PURE1E_INIT") {
        REQUIRE(set_mode(kernel, Mode::pure1e) == 0);
        CHECK(mode_name(guess_mode(kernel)) == "PURE1E_INIT");
    }
    SECTION("PURE1E_INIT") {
        REQUIRE(set_mode(kernel, Mode::pure1e_init) == 0);
        CHECK(mode_name(guess_mode(kernel)) == "PURE1E_INIT");
    }
    SECTION("HYBRID clears the securebits again") {
        REQUIRE(set_mode(kernel, Mode::pure1e_init) == 0);
        REQUIRE(set_mode(kernel, Mode::hybrid) == 0);
        CHECK(kernel.secbits == 0);
        CHECK(mode_name(guess_mode(kernel)) == "HYBRID");
    }
}

TEST_CASE("the basic securebits without the ambient lock are UNCERTAIN", "[modes]") {
    FakeKernel kernel;
    kernel.secbits = 0x2f;
    CHECK(mode_name(guess_mode(kernel)) == "UNCERTAIN");
}

TEST_CASE("setting a mode fails without CAP_SETPCAP and leaves the effective set empty",
          "[modes]") {
    FakeKernel kernel;
    kernel.failures["set_caps"] = EPERM;
    CHECK(set_mode(kernel, Mode::nopriv) == EPERM);
    CHECK(kernel.secbits == 0);
}

TEST_CASE("reset_ambient clears only when some ambient cap is set", "[modes]") {
    FakeKernel kernel;
    CHECK(reset_ambient(kernel) == 0);
    kernel.ambient = bit(5);
    kernel.caps.i = bit(5);
    CHECK(reset_ambient(kernel) == 0);
    CHECK(kernel.ambient == 0);
}
