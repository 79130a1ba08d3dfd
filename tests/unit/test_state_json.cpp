// --json: the state of the (fake) process as one JSON object; every set and id is the fake's.
#include <string>

#include "catch.hpp"
#include "fake_kernel.hpp"
#include "state_json.hpp"

using namespace capsh;
using capsh::testing::FakeKernel;

namespace {

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("--json reports each set of the process", "[state_json]") {
    FakeKernel kernel;
    kernel.caps = CapState{bit(0), bit(0) | bit(5), bit(5)};
    kernel.bounding = bit(0) | bit(5) | bit(13);
    kernel.ambient = bit(5);
    std::string json = state_json(kernel);
    CHECK(json.starts_with("{"));
    CHECK(json.ends_with("}\n"));
    CHECK(contains(json, "\"effective\":[\"cap_chown\"]"));
    CHECK(contains(json, "\"permitted\":[\"cap_chown\",\"cap_kill\"]"));
    CHECK(contains(json, "\"inheritable\":[\"cap_kill\"]"));
    CHECK(contains(json, "\"bounding\":[\"cap_chown\",\"cap_kill\",\"cap_net_raw\"]"));
    CHECK(contains(json, "\"ambient\":[\"cap_kill\"]"));
}

TEST_CASE("--json reports the ids, groups and mode", "[state_json]") {
    FakeKernel kernel;
    kernel.id = Ids{65534, 65534, 65534, 65534, 65534, 65534};
    kernel.supplementary = {0, 65534};
    std::string json = state_json(kernel);
    CHECK(contains(json, "\"uid\":[65534,65534,65534]"));
    CHECK(contains(json, "\"groups\":[0,65534]"));
    CHECK(contains(json, "\"group_names\":[\"root\",null]"));
    CHECK(contains(json, "\"mode\":\"HYBRID\""));
}
