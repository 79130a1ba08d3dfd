// The --print and --current reports against the fake kernel. The expected text was printed by
// Debian's capsh (libcap 2.66) as root for a real process in the same state:
// `capsh --drop=cap_sys_module,cap_sys_resource --caps=cap_chown,cap_kill=eip
// --addamb=cap_kill --print`.
#include "catch.hpp"
#include "fake_kernel.hpp"
#include "report.hpp"

using namespace capsh;
using capsh::testing::FakeKernel;

namespace {

constexpr unsigned k_chown = 0, k_kill = 5, k_sys_module = 16, k_sys_resource = 24;

FakeKernel narrowed_root() {
    FakeKernel kernel;
    std::uint64_t kept = bit(k_chown) | bit(k_kill);
    kernel.caps = CapState{kept, kept, kept};
    kernel.bounding = low_bits(41) & ~(bit(k_sys_module) | bit(k_sys_resource));
    kernel.ambient = bit(k_kill);
    return kernel;
}

}  // namespace

TEST_CASE("--print shows the state as capsh does", "[report]") {
    FakeKernel kernel = narrowed_root();
    CHECK(print_report(kernel, kernel.caps) ==
          "Current: cap_chown,cap_kill=eip\n"
          "Bounding set =cap_chown,cap_dac_override,cap_dac_read_search,cap_fowner,cap_fsetid,"
          "cap_kill,cap_setgid,cap_setuid,cap_setpcap,cap_linux_immutable,cap_net_bind_service,"
          "cap_net_broadcast,cap_net_admin,cap_net_raw,cap_ipc_lock,cap_ipc_owner,cap_sys_rawio,"
          "cap_sys_chroot,cap_sys_ptrace,cap_sys_pacct,cap_sys_admin,cap_sys_boot,cap_sys_nice,"
          "cap_sys_time,cap_sys_tty_config,cap_mknod,cap_lease,cap_audit_write,"
          "cap_audit_control,cap_setfcap,cap_mac_override,cap_mac_admin,cap_syslog,"
          "cap_wake_alarm,cap_block_suspend,cap_audit_read,cap_perfmon,cap_bpf,"
          "cap_checkpoint_restore\n"
          "Ambient set =cap_kill\n"
          "Current IAB: cap_chown,^cap_kill,!cap_sys_module,!cap_sys_resource\n"
          "Securebits: 00/0x0/1'b0 (no-new-privs=0)\n"
          " secure-noroot: no (unlocked)\n"
          " secure-no-suid-fixup: no (unlocked)\n"
          " secure-keep-caps: no (unlocked)\n"
          " secure-no-ambient-raise: no (unlocked)\n"
          "uid=0(root) euid=0(root)\n"
          "gid=0(root)\n"
          "groups=\n"
          "Guessed mode: HYBRID (4)\n");
}

TEST_CASE("--current shows the caps and the IAB", "[report]") {
    FakeKernel kernel = narrowed_root();
    CHECK(current_report(kernel, kernel.caps) ==
          "Current: cap_chown,cap_kill=eip\n"
          "Current IAB: cap_chown,^cap_kill,!cap_sys_module,!cap_sys_resource\n");
}

TEST_CASE("the IAB of the process comes from its caps and the prctl sets", "[report]") {
    FakeKernel kernel = narrowed_root();
    CHECK(current_iab(kernel, kernel.caps) ==
          Iab{bit(k_chown) | bit(k_kill), bit(k_kill), bit(k_sys_module) | bit(k_sys_resource)});
}
