#!/usr/bin/env python3
"""gosu-ng's and su-exec-ng's extensions, which gosu and su-exec have none of (so nothing to
compare with): each case runs the program (--name, gosu-ng unless told) as root in a fresh network namespace (`unshare -n`, where port 80 is privileged
whatever the host's net.ipv4.ip_unprivileged_port_start says) and checks what the command
saw.

Usage: run_gosu_ext.py --ours PATH [--name gosu-ng|su-exec-ng]

Needs root in the initial user namespace and `unshare -n`; otherwise every case skips with the
reason (CAPSH_NG_NO_SKIP=1 makes that a failure). Last line:
`NAME-ext: N passed, N failed, N skipped` (gosu-ext for gosu-ng).
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import testenv  # noqa: E402  (tests/testenv.py: what this environment can do, the skip rule)

# Binds 127.0.0.1:80 (lo is brought up first by the shell line) and reports who did it.
BIND = ("import os, socket; s = socket.socket(); "
        "s.bind(('127.0.0.1', 80)); print('bound 80 as uid', os.getuid())")
STATUS = "grep -E '^(CapEff|CapPrm|CapBnd|CapAmb|NoNewPrivs):' /proc/self/status"
NET_BIND_BIT = 1 << 10

# How each program words what the cases check: its error prefix, its message for a name that is
# not a capability, and where its usage goes (gosu: stderr; su-exec: stdout).
STYLES = {
    "gosu-ng": ("error: ", 'error: --keep-cap: "cap_nosuch" is not a capability name\n',
                "stderr"),
    "su-exec-ng": ("su-exec-ng: ",
                   "su-exec-ng: --keep-cap: 'cap_nosuch' is not a capability name\n", "stdout"),
}


def status_fields(text):
    fields = {}
    for line in text.splitlines():
        key, _, value = line.partition(":")
        fields[key] = value.strip()
    return fields


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ours", required=True)
    parser.add_argument("--name", choices=sorted(STYLES), default="gosu-ng")
    args = parser.parse_args()
    prefix, bad_name, usage_stream = STYLES[args.name]
    label = "gosu-ext" if args.name == "gosu-ng" else f"{args.name}-ext"

    reason = testenv.missing("root")
    feature = "root" if reason else None
    if reason is None and \
            subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode != 0:
        reason = "`unshare -n` does not work here (no network namespaces)"
    cases = []
    with tempfile.TemporaryDirectory(prefix="gosu-ext-") as tmp:
        gosu = os.path.join(tmp, args.name)
        os.symlink(os.path.abspath(args.ours), gosu)
        # Copies of the program with the set-uid and the set-gid bit, which it must refuse.
        copies = {}
        for kind, mode in (("set-uid", 0o4755), ("set-gid", 0o2755)):
            os.mkdir(os.path.join(tmp, kind))
            copies[kind] = os.path.join(tmp, kind, args.name)
            shutil.copy(args.ours, copies[kind])
            os.chmod(copies[kind], mode)

        def run(line):
            script = f"ip link set lo up 2>/dev/null; {line}"
            done = subprocess.run(["unshare", "-n", "sh", "-c", script], capture_output=True,
                                  text=True, timeout=60, env={**os.environ, "G": gosu})
            return done.returncode, done.stdout, done.stderr

        def refused(kind):
            return lambda st, out, err: st == 1 and out == "" and err.startswith(prefix) and \
                f"refuses to run: its file is {kind}," in err and copies[kind] in err

        def case(name, line, check):
            cases.append((name, line, check))

        case("--keep-cap binds port 80 as nobody",
             f'"$G" --keep-cap=cap_net_bind_service nobody /usr/bin/python3 -c "{BIND}"',
             lambda st, out, err: st == 0 and out == "bound 80 as uid 65534\n" and err == "")
        case("without --keep-cap nobody cannot bind port 80",
             f'"$G" nobody /usr/bin/python3 -c "{BIND}"',
             lambda st, out, err: st != 0 and "Permission denied" in err and "bound" not in out)
        case("--keep-cap leaves only that capability, in E, P and ambient",
             f'"$G" --keep-cap=cap_net_bind_service nobody {STATUS}',
             lambda st, out, err: st == 0 and all(
                 int(status_fields(out)[k], 16) == NET_BIND_BIT
                 for k in ("CapEff", "CapPrm", "CapAmb")))
        case("without an extension nobody has no capabilities",
             f'"$G" nobody {STATUS}',
             lambda st, out, err: st == 0 and all(
                 int(status_fields(out)[k], 16) == 0 for k in ("CapEff", "CapPrm", "CapAmb")))
        # Root's exec refills P from the bounding set: a cap dropped there is not permitted.
        case("a capability dropped from the bounding set fails closed",
             f'/usr/sbin/capsh --drop=cap_net_bind_service -- -c '
             f'\'"$G" --keep-cap=cap_net_bind_service nobody echo RAN\'',
             lambda st, out, err: st == 1 and out == "" and err ==
             prefix + "--keep-cap: cannot keep cap_net_bind_service: it is not in this "
             "process's permitted set\n")
        case("without capabilities (root without its privileges) --keep-cap fails closed",
             f'/usr/sbin/capsh --secbits=1 -- -c '
             f'\'"$G" --keep-cap=cap_net_bind_service nobody echo RAN\'',
             lambda st, out, err: st == 1 and out == "" and err ==
             prefix + "--keep-cap: cannot keep cap_net_bind_service: it is not in this "
             "process's permitted set\n")
        case("an unknown capability name is refused",
             '"$G" --keep-cap=cap_net_bind_service,cap_nosuch nobody echo RAN',
             lambda st, out, err: st == 1 and out == "" and
             err == bad_name)
        case("--drop-bounding empties the bounding set, kept caps stay ambient",
             f'"$G" --drop-bounding --keep-cap=cap_net_bind_service nobody {STATUS}',
             lambda st, out, err: st == 0 and int(status_fields(out)["CapBnd"], 16) == 0 and
             int(status_fields(out)["CapAmb"], 16) == NET_BIND_BIT)
        case("--no-new-privs sets the bit",
             f'"$G" --no-new-privs nobody {STATUS}',
             lambda st, out, err: st == 0 and status_fields(out)["NoNewPrivs"] == "1")
        for kind in ("set-uid", "set-gid"):
            case(f"a {kind} copy refuses to run", f'"{copies[kind]}" nobody echo RAN',
                 refused(kind))
        case("extensions then a too-short line: the usage",
             '"$G" --no-new-privs nobody',
             lambda st, out, err: st == 1 and
             (err if usage_stream == "stderr" else out).startswith("Usage: ") and
             f"{args.name} user-spec command [args]" in (err or out) and
             (out if usage_stream == "stderr" else err) == "")

        passed = failed = skipped = 0
        for name, line, check in cases:
            if reason:
                print(f"SKIP {name}: {reason}")
                skipped += 1
                continue
            status, out, err = run(line)
            if check(status, out, err):
                passed += 1
                print(f"ok   {name}")
            else:
                failed += 1
                print(f"FAIL {name}: {line}\n  status {status}\n  stdout {out!r}\n"
                      f"  stderr {err!r}")
    if skipped and testenv.skip_is_failure(feature):
        failed, skipped = failed + skipped, 0
    print(f"{label}: {passed} passed, {failed} failed, {skipped} skipped")
    return testenv.exit_status(passed, failed, skipped)


if __name__ == "__main__":
    sys.exit(main())
