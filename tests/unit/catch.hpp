// The one place that knows which Catch2 the unit tests are built with. tests/unit/meson.build
// finds v3 (catch2-with-main) or v2 (Debian 12's catch2) and defines CAPSH_NG_CATCH2_MAJOR;
// the tests use only macros both versions have (TEST_CASE, SECTION, REQUIRE, CHECK, INFO, ...).
#pragma once
#if CAPSH_NG_CATCH2_MAJOR == 3
#include <catch2/catch_all.hpp>
#elif CAPSH_NG_CATCH2_MAJOR == 2
#include <catch2/catch.hpp>
#else
#error "CAPSH_NG_CATCH2_MAJOR is set by tests/unit/meson.build (2 or 3)"
#endif
