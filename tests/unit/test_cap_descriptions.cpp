#include "cap_descriptions.hpp"
#include "cap_names.hpp"
#include "catch.hpp"

using namespace capsh;

TEST_CASE("each named capability has its own description of whole lines") {
    CHECK(cap_description(0).substr(0, 13) == "Give any file");
    CHECK(cap_description(40).substr(0, 25) == "Support checkpoint/restor");
    for (unsigned cap = 0; cap < k_named_caps; ++cap) {
        CAPTURE(cap);
        std::string_view text = cap_description(cap);
        CHECK(text.size() > 80);
        CHECK(text.back() == '\n');
        CHECK(text.find('\0') == std::string_view::npos);
        if (cap > 0) CHECK(text != cap_description(cap - 1));
    }
}

TEST_CASE("numbers past the table have no description") {
    CHECK(cap_description(k_named_caps).empty());
    CHECK(cap_description(63).empty());
    CHECK(cap_description(~0u).empty());
}
