// The kernel model behind --plan: each rule against what Linux does (capabilities(7)).
#include "catch.hpp"
#include "fake_kernel.hpp"
#include "sim_kernel.hpp"

using namespace capsh;
using capsh::testing::FakeKernel;

namespace {

constexpr unsigned k_chown = 0, k_setgid = 6, k_setuid = 7, k_setpcap = 8, k_raw = 13;

SimState root_state() {
    SimState state;
    state.caps = CapState{low_bits(41), low_bits(41), 0};
    state.bounding = low_bits(41);
    return state;
}

IdMaps initial_namespace() {
    IdMaps maps;
    maps.uids = {{0, 0xffffffffu}};
    maps.gids = {{0, 0xffffffffu}};
    return maps;
}

struct Model {
    FakeKernel real;
    SimKernel sim;
    explicit Model(SimState state = root_state())
        : sim(real, std::move(state), initial_namespace(), 0xfff) {}
};

}  // namespace

TEST_CASE("capset: permitted only shrinks, effective stays within permitted") {
    Model m;
    CHECK(m.sim.set_caps(CapState{0, bit(k_chown), 0}) == 0);
    CHECK(m.sim.set_caps(CapState{0, bit(k_chown) | bit(k_raw), 0}) == EPERM);
    CHECK(m.sim.set_caps(CapState{bit(k_raw), bit(k_chown), 0}) == EPERM);
}

TEST_CASE("capset: inheritable grows past I|P only with CAP_SETPCAP effective, never past B") {
    Model m;
    REQUIRE(m.sim.set_caps(CapState{0, bit(k_setpcap), 0}) == 0);
    CHECK(m.sim.set_caps(CapState{0, bit(k_setpcap), bit(k_chown)}) == EPERM);
    REQUIRE(m.sim.set_caps(CapState{bit(k_setpcap), bit(k_setpcap), 0}) == 0);
    CHECK(m.sim.set_caps(CapState{bit(k_setpcap), bit(k_setpcap), bit(k_chown)}) == 0);
    SimState state = root_state();
    state.bounding &= ~bit(k_chown);
    Model dropped(state);
    CHECK(dropped.sim.set_caps(CapState{low_bits(41), low_bits(41), bit(k_chown)}) == EPERM);
}

TEST_CASE("capset: lowering I or P lowers the ambient set") {
    SimState state = root_state();
    state.caps.i = bit(k_chown);
    state.ambient = bit(k_chown);
    Model m(state);
    REQUIRE(m.sim.set_caps(CapState{low_bits(41), low_bits(41), 0}) == 0);
    CHECK(m.sim.state().ambient == 0);
}

TEST_CASE("bounding drops need CAP_SETPCAP effective; ambient raise needs P, I and no lock") {
    Model m;
    CHECK(m.sim.bound_drop(k_raw) == 0);
    CHECK(m.sim.bound_read(k_raw) == 0);
    CHECK(m.sim.bound_drop(41) == EINVAL);
    CHECK(m.sim.ambient_change(k_chown, true) == EPERM);  // not inheritable
    REQUIRE(m.sim.set_caps(CapState{low_bits(41), low_bits(41), bit(k_chown)}) == 0);
    CHECK(m.sim.ambient_change(k_chown, true) == 0);
    CHECK(m.sim.ambient_read(k_chown) == 1);
    REQUIRE(m.sim.set_caps(CapState{0, bit(k_chown), bit(k_chown)}) == 0);
    CHECK(m.sim.bound_drop(k_chown) == EPERM);
}

TEST_CASE("securebits: CAP_SETPCAP effective, locks hold, unknown bits rejected") {
    Model m;
    CHECK(m.sim.set_securebits(0x1000) == EPERM);
    CHECK(m.sim.set_securebits(0xef) == 0);
    CHECK(m.sim.set_securebits(0xef) == 0);  // rewriting locked bits unchanged is allowed
    CHECK(m.sim.set_securebits(0) == EPERM);
    CHECK(m.sim.set_keepcaps(1) == EPERM);  // keep-caps is locked by 0xef
    Model plain;
    CHECK(plain.sim.set_keepcaps(2) == EINVAL);
    CHECK(plain.sim.set_keepcaps(1) == 0);
    CHECK(plain.sim.securebits() == 0x10);
}

TEST_CASE("setuid from root clears P, E and A unless keep-caps") {
    SimState state = root_state();
    state.caps.i = state.ambient = bit(k_chown);
    Model m(state);
    REQUIRE(m.sim.set_uid(65534) == 0);
    CHECK(m.sim.state().caps == CapState{0, 0, bit(k_chown)});
    CHECK(m.sim.state().ambient == 0);
    CHECK(m.sim.set_uid(0) == EPERM);

    Model kept;
    REQUIRE(kept.sim.set_keepcaps(1) == 0);
    REQUIRE(kept.sim.set_uid(65534) == 0);
    CHECK(kept.sim.state().caps.p == low_bits(41));
    CHECK(kept.sim.state().caps.e == 0);
}

TEST_CASE("setuid needs CAP_SETUID effective unless it goes back to the real or saved uid") {
    Model m;
    REQUIRE(m.sim.set_caps(CapState{0, bit(k_setuid), 0}) == 0);
    CHECK(m.sim.set_uid(5) == EPERM);
    CHECK(m.sim.set_uid(0) == 0);
    CHECK(m.sim.set_uid(0xffffffffu) == EINVAL);
}

TEST_CASE("setgid and setgroups need CAP_SETGID effective; groups are kept sorted") {
    Model m;
    CHECK(m.sim.set_groups({8, 1, 2}) == 0);
    CHECK(m.sim.groups() == std::vector<gid_t>{1, 2, 8});
    REQUIRE(m.sim.set_caps(CapState{0, bit(k_setgid), 0}) == 0);
    CHECK(m.sim.set_gid(5) == EPERM);
    CHECK(m.sim.set_groups({}) == EPERM);
}

TEST_CASE("exec as root: P = B | I (| A), E = P when the euid is 0") {
    SimState state = root_state();
    state.caps = CapState{0, bit(k_chown), bit(k_raw)};
    state.bounding = low_bits(41) & ~bit(24);
    SimState next = after_exec(state, 41);
    CHECK(next.caps.p == state.bounding);
    CHECK(next.caps.e == next.caps.p);
    state.no_new_privs = true;  // no_new_privs: nothing beyond the old permitted set
    CHECK(after_exec(state, 41).caps.p == bit(k_chown));
}

TEST_CASE("exec as non-root: only the ambient set carries over into P and E") {
    SimState state = root_state();
    state.ids = Ids{1000, 1000, 1000, 1000, 1000, 1000};
    state.caps = CapState{0, bit(k_chown) | bit(k_raw), bit(k_chown) | bit(k_raw)};
    state.ambient = bit(k_chown);
    state.securebits = 0x10;
    SimState next = after_exec(state, 41);
    CHECK(next.caps == CapState{bit(k_chown), bit(k_chown), bit(k_chown) | bit(k_raw)});
    CHECK(next.securebits == 0);  // keep-caps does not survive exec
}

TEST_CASE("exec with SECBIT_NOROOT: root gets nothing but the ambient set") {
    SimState state = root_state();
    state.securebits = 0x1;
    CHECK(after_exec(state, 41).caps == CapState{});
}

TEST_CASE("securebits: the exec bits and their locks change without CAP_SETPCAP (Linux 6.14)") {
    Model m;
    REQUIRE(m.sim.set_caps(CapState{}) == 0);
    CHECK(m.sim.set_securebits(0x100) == 0);
    CHECK(m.sim.set_securebits(0x100) == EPERM);  // a call that changes nothing is refused
    CHECK(m.sim.set_securebits(0x300) == 0);      // locking it needs no privilege either
    CHECK(m.sim.set_securebits(0x310) == EPERM);  // keep-caps still needs CAP_SETPCAP
    CHECK(m.sim.set_securebits(0x200) == EPERM);  // a locked bit cannot change
}

TEST_CASE("exec with no_new_privs that would gain caps: the effective ids become the real ones") {
    SimState state = root_state();
    state.ids = Ids{1000, 0, 0, 5, 0, 0};
    state.caps = CapState{bit(k_chown), bit(k_chown), 0};
    state.no_new_privs = true;
    SimState next = after_exec(state, 41);
    CHECK(next.ids.euid == 1000);
    CHECK(next.ids.suid == 1000);
    CHECK(next.ids.egid == 5);
    CHECK(next.ids.sgid == 5);
    CHECK(next.caps.p == bit(k_chown));
    CHECK(next.caps.e == bit(k_chown));
}

TEST_CASE("exec of a set-uid root file: euid 0 and root's sets, unless no_new_privs") {
    SimState state = root_state();
    state.ids = Ids{65534, 65534, 65534, 65534, 65534, 65534};
    state.caps = CapState{};
    state.ambient = 0;
    ExecFile file;
    file.found = true;
    file.set_uid = true;  // owned by uid 0
    SimState next = after_exec(state, 41, file, initial_namespace());
    CHECK(next.ids.uid == 65534);
    CHECK(next.ids.euid == 0);
    CHECK(next.ids.suid == 0);
    CHECK(next.caps.p == low_bits(41));
    CHECK(next.caps.e == low_bits(41));
    state.no_new_privs = true;  // the kernel ignores the bit
    CHECK(after_exec(state, 41, file, initial_namespace()).ids.euid == 65534);
    state.no_new_privs = false;  // an owner the namespace does not map: ignored too
    CHECK(after_exec(state, 41, file, IdMaps{}).ids.euid == 65534);
    file.nosuid_mount = true;
    CHECK(after_exec(state, 41, file, initial_namespace()).ids.euid == 65534);
}

TEST_CASE("exec of a file with capabilities: P = (B & fP) | (I & fI), ambient cleared") {
    SimState state = root_state();
    state.ids = Ids{65534, 65534, 65534, 65534, 65534, 65534};
    state.caps = CapState{0, bit(k_chown), bit(k_chown)};
    state.ambient = bit(k_chown);
    state.bounding = low_bits(41) & ~bit(k_setuid);
    ExecFile file;
    file.found = true;
    file.caps = FileCaps{bit(k_raw) | bit(k_setuid), 0, false, 2, 0};
    SimState next = after_exec(state, 41, file, initial_namespace());
    CHECK(next.caps.p == bit(k_raw));  // setuid is not in the bounding set
    CHECK(next.caps.e == 0);           // no effective bit on the file
    CHECK(next.ambient == 0);
    file.caps->effective = true;
    file.caps->inheritable = bit(k_chown);
    next = after_exec(state, 41, file, initial_namespace());
    CHECK(next.caps.p == (bit(k_raw) | bit(k_chown)));
    CHECK(next.caps.e == next.caps.p);
}

TEST_CASE("security.capability values: the revisions the kernel accepts") {
    // Revision 2, effective flag, permitted cap_net_raw (13) and cap_chown (0), inheritable 0.
    const char v2[] =
        "\x01\x00\x00\x02\x01\x20\x00\x00\x00\x00\x00\x00"
        "\x00\x00\x00\x00\x00\x00\x00\x00";
    auto caps = parse_file_caps(std::string_view(v2, 20));
    REQUIRE(caps);
    CHECK(caps->version == 2);
    CHECK(caps->effective);
    CHECK(caps->permitted == (bit(0) | bit(13)));
    CHECK(caps->inheritable == 0);
    const char v3[] =
        "\x00\x00\x00\x03\x00\x00\x00\x00\x00\x00\x00\x00"
        "\x01\x00\x00\x00\x00\x00\x00\x00\xe8\x03\x00\x00";
    caps = parse_file_caps(std::string_view(v3, 24));
    REQUIRE(caps);
    CHECK(caps->permitted == bit(32));
    CHECK(caps->root_id == 1000);
    CHECK_FALSE(parse_file_caps(std::string_view(v2, 19)));  // a size that does not match
    CHECK_FALSE(parse_file_caps(std::string_view(v3, 20)));
    CHECK_FALSE(parse_file_caps(std::string_view("\x00\x00\x00\x07", 4)));  // unknown revision
}
