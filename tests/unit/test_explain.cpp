// --explain: capsh's header line (printed by Debian's capsh 2.66: `capsh --explain=cap_kill`,
// `capsh --explain=41`), then our own description, indented.
#include <string>

#include "cap_descriptions.hpp"
#include "catch.hpp"
#include "explain.hpp"

using namespace capsh;

TEST_CASE("--explain starts with capsh's header line", "[explain]") {
    std::string text = explain_text(5, 41);
    CHECK(text.starts_with("cap_kill (5) [/proc/self/status:CapXXX: 0x0000000000000020]\n\n"));
}

TEST_CASE("--explain indents every line of the description", "[explain]") {
    std::string text = explain_text(0, 41);
    std::string body = text.substr(text.find("\n\n") + 2);
    REQUIRE_FALSE(body.empty());
    std::size_t lines = 0;
    for (std::size_t at = 0; at < body.size(); at = body.find('\n', at) + 1) {
        CHECK(body.compare(at, 4, "    ") == 0);
        ++lines;
    }
    CHECK(lines >= 2);
}

TEST_CASE("--explain of a cap the table does not name", "[explain]") {
    CHECK(explain_text(41, 41) ==
          "<unsupported> (41) [/proc/self/status:CapXXX: 0x0000020000000000]\n");
}
