#include "catch.hpp"
#include "json.hpp"

using namespace capsh;

TEST_CASE("json_string escapes quotes, control characters and invalid UTF-8") {
    CHECK(json_string("plain") == "\"plain\"");
    CHECK(json_string("a\"b\\c") == "\"a\\\"b\\\\c\"");
    CHECK(json_string("tab\tnl\n") == "\"tab\\u0009nl\\u000a\"");
    CHECK(json_string("caf\xc3\xa9") == "\"caf\xc3\xa9\"");            // valid UTF-8 is kept
    CHECK(json_string("bad\xff") == "\"bad\\ufffd\"");                 // a stray byte
    CHECK(json_string("\xc0\xaf") == "\"\\ufffd\\ufffd\"");            // an overlong form
    CHECK(json_string("\xed\xa0\x80") == "\"\\ufffd\\ufffd\\ufffd\"");  // a surrogate
    CHECK(json_string("\xf0\x9f\x98\x80") == "\"\xf0\x9f\x98\x80\"");   // outside the BMP
    CHECK(json_string(std::string_view("a\0b", 3)) == "\"a\\u0000b\"");
}

TEST_CASE("JsonWriter places commas between members and elements") {
    JsonWriter json;
    json.begin_object().key("a").value(std::uint64_t{1}).key("b").begin_array();
    json.value("x").value(true).null().begin_object().end_object().end_array();
    json.key("c").value(std::optional<std::string>{}).end_object();
    CHECK(json.text() == R"({"a":1,"b":["x",true,null,{}],"c":null})");
}
