#!/usr/bin/env python3
"""Fail-closed property: random command lines, capsh-ng against capsh.

Usage: run_property.py --capsh PATH [--lines N] [--seed S] [--userns] [-v]

Generates N command lines (seeded, so a failure can be replayed with the
same --seed), each a random mix of steps from two pools, followed by a
launch whose target records that it ran:

  valid steps   succeed wherever they appear in a line built from the pools
                (as root, or as root of `unshare -Ur`);
  faulty steps  fail wherever they appear: unknown names, bad numbers,
                malformed text, embedded newlines, invalid UTF-8, queries
                that are false, privileged changes that cannot work.

About half of the lines have no faulty step. The launch is one of
  --shell=/usr/bin/touch -- MARKER        (exec)
  --shell=/usr/bin/touch -+ MARKER        (fork, exec in the child, wait)
  == --shell=/usr/bin/touch -- MARKER     (capsh runs itself again)
  =+ --shell=/usr/bin/touch -- MARKER
Each line runs once with /usr/sbin/capsh and once with capsh-ng, both
invoked as `capsh` from a bin dir first in PATH (so == finds the same
program again), from fresh directories, stdin /dev/null. Checks:

  * capsh-ng's target ran exactly when the line had no faulty step;
  * capsh-ng's exit status, stdout and stderr equal capsh's (the reference
    runs with stdout unbuffered through stdbuf's preload, as in the
    differential suite: capsh-ng flushes before exec and fork, D1);
  * the reference's target also ran exactly when the line had no faulty
    step (otherwise the pools, not capsh-ng, are wrong: reported as such).

Mode: as root in the initial user namespace every line runs directly, with
the whole pools; otherwise, or with --userns, every line runs inside
`unshare -Ur`, whose root has no other ids mapped and may not call
setgroups, so the steps that need those (marked root-only) are left out of
the pools. When neither is possible the run is one skip with its reason
(a failure with CAPSH_NG_NO_SKIP=1).

The last line is `property: N passed, N failed[, N skipped]`.
"""

import argparse
import concurrent.futures
import os
import random
import shlex
import shutil
import subprocess
import sys
import tempfile

from failclosed_common import capsh_dirs, testenv

REF_CAPSH = "/usr/sbin/capsh"
STDBUF_LIB = "/usr/libexec/coreutils/libstdbuf.so"
TOUCH = "/usr/bin/touch"
TIMEOUT = 20
WORKERS = 2

# (argument, root_only). Valid in any order and any mix with each other and with the faulty
# steps' side effects (a faulty step ends the line, so it has none that matter). None of them
# lowers E or P: --caps is added at run time with the sets the line starts with (see
# current_caps), as the environment may lack some caps (a container's bounding set).
VALID = [
    ("--print", False), ("--current", False), ("--decode=0x3f", False), ("--decode=", False),
    ("--supports=cap_chown", False), ("--supports=40", False), ("--has-p=cap_chown", False),
    ("--has-p=CAP_SETPCAP", False), ("--has-b=cap_chown", False), ("--has-b=0x5", False),
    ("--modes", False), ("--is-uid=0", False),
    ("--is-gid=0", False), ("--is-uid=00", False), ("--quiet", False), ("--strict", False),
    ("--noenv", False), ("--keep=0", False), ("--keep=1", False), ("--secbits=0", False),
    ("--inh=cap_chown,cap_kill", False), ("--inh=", False), ("--inh=cap_kill+i", False),
    ("--delamb=cap_chown", False),
    ("--noamb", False), ("--drop=cap_net_raw", False), ("--drop=cap_net_raw\n", False), ("--drop=cap_sys_boot,cap_sys_boot", False),
    ("--iab=cap_chown", False), ("--iab=!cap_sys_boot", False), ("--iab=^cap_chown", False),
    ("--iab=", False), ("--no-new-privs", False), ("--chroot=/", False), ("--uid=0", False),
    ("--gid=0", False), ("--groups=0", True), ("--groups=root,0", True),
]

FAULTY = [
    "--drop=cap_foo", "--drop=63", "--drop=64", "--drop=\ncap_chown", "--drop=\xff\xfe",
    "--caps=bogus", "--caps=cap_chown", "--caps=cap_chown+P", "--caps=cap_chown=e\xffp",
    "--inh=cap_foo", "--inh=cap_chown,", "--inh=NONE", "--iab=,cap_chown", "--iab=all",
    "--iab=\xc3\x28", "--iab=cap_chown cap_kill", "--has-p=bogus", "--has-a=cap_kill",
    "--has-i=cap_setuid", "--dropped=cap_chown", "--is-uid=5", "--is-gid=7", "--is-uid=0\n",
    "--inmode=FOO", "--mode=FOO", "--mode=\xc0\x80", "--keep=2", "--keep=1\xff", "--uid=abc",
    "--uid=-1", "--secbits=0x1000", "--foo", "--print=1", "--chroot=/nonexistent",
    "--killit=9", "--forkfor=0", "--supports=cap_foo", "--supports=63", "--supports=\xc3\x28",
    "--explain=cap_foo", "--groups=nosuchgroup", "--user=nosuchuser", "--user=no\nbody",
    "--user=\xff", "--delamb=63", "--addamb=all", "--addamb=cap_foo", "--help", "-h",
    "--inmode=\xff", "--modex", "--drop",
    # (not --license or a valid --explain: their text is capsh-ng's own, README)
]

# MARKER becomes an absolute path in the run's own directory (--chroot=/ changes the cwd).
LAUNCHES = [
    ["--shell=" + TOUCH, "--", "MARKER"],
    ["--shell=" + TOUCH, "-+", "MARKER"],
    ["==", "--shell=" + TOUCH, "--", "MARKER"],
    ["=+", "--shell=" + TOUCH, "--", "MARKER"],
]


def arg_bytes(text):
    """Arguments are written as str with \\x escapes for raw bytes; pass those bytes as is."""
    return text.encode("latin-1")


def current_caps(userns):
    """The E/P/I text a line starts with, as capsh prints it ("Current: =ep ...")."""
    argv = ([b"unshare", b"-Ur", b"--"] if userns else []) + [REF_CAPSH.encode(), b"--current"]
    out = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, timeout=TIMEOUT).stdout.decode()
    for line in out.splitlines():
        if line.startswith("Current: "):
            return line[len("Current: "):]
    raise RuntimeError("capsh --current printed no Current: line: %r" % out)


def make_line(rnd, valid):
    steps = [rnd.choice(valid) for _ in range(rnd.randrange(0, 7))]
    faulty = rnd.random() < 0.5
    if faulty:
        for _ in range(rnd.choice((1, 1, 2))):
            steps.insert(rnd.randrange(len(steps) + 1), rnd.choice(FAULTY))
    return steps + rnd.choice(LAUNCHES), faulty


class Runner:
    def __init__(self, capsh, userns):
        self.userns = userns
        self.root = tempfile.mkdtemp(prefix="capsh-property-")
        os.chmod(self.root, 0o755)
        self.bins = capsh_dirs(self.root, REF_CAPSH, capsh)
        self.base_path = os.environ.get("PATH", "/usr/sbin:/usr/bin:/sbin:/bin")

    def cleanup(self):
        shutil.rmtree(self.root, ignore_errors=True)

    def run(self, index, side, line):
        """(exit status, stdout, stderr, marker created)."""
        cwd = os.path.join(self.root, "%05d-%s" % (index, side))
        os.mkdir(cwd)
        os.chmod(cwd, 0o777)
        env = dict(os.environ)
        for name in ("LD_PRELOAD", "_STDBUF_O", "CAPSH_NG_HINTS"):
            env.pop(name, None)
        if side == "ref":
            env.update({"LD_PRELOAD": STDBUF_LIB, "_STDBUF_O": "0"})
        env["PATH"] = self.bins[side] + ":" + self.base_path
        marker = os.path.join(cwd, "MARKER")
        argv = [b"capsh"] + [arg_bytes(marker if a == "MARKER" else a) for a in line]
        if self.userns:
            argv = [b"unshare", b"-Ur", b"--"] + argv
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, cwd=cwd, env=env,
                                start_new_session=True)
        try:
            out, err = proc.communicate(timeout=TIMEOUT)
            rc = proc.returncode
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)
            out, err = proc.communicate()
            rc = "timeout"
        try:
            os.killpg(proc.pid, 9)  # a --forkfor sleeper left behind
        except (ProcessLookupError, PermissionError):
            pass
        ran = os.path.lexists(marker)
        shutil.rmtree(cwd, ignore_errors=True)
        return rc, out, err, ran


def describe(line):
    return "capsh " + " ".join(shlex.quote(a) for a in line)


def check(runner, index, line, faulty):
    ref = runner.run(index, "ref", line)
    ng = runner.run(index, "ng", line)
    problems = []
    if ng[3] == faulty:
        problems.append("capsh-ng's target %s, but the line has %s faulty step"
                        % ("ran" if ng[3] else "did not run", "a" if faulty else "no"))
    if ref[3] == faulty:
        problems.append("pool error: capsh's target %s, but the line has %s faulty step"
                        % ("ran" if ref[3] else "did not run", "a" if faulty else "no"))
    if ng[0] != ref[0]:
        problems.append("exit status: capsh %s, capsh-ng %s" % (ref[0], ng[0]))
    if ng[1] != ref[1]:
        problems.append("stdout differs:\n        capsh:    %r\n        capsh-ng: %r"
                        % (ref[1][-300:], ng[1][-300:]))
    if ng[2] != ref[2]:
        problems.append("stderr differs:\n        capsh:    %r\n        capsh-ng: %r"
                        % (ref[2][-300:], ng[2][-300:]))
    return problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--capsh", required=True, help="capsh-ng binary under test")
    # CAPSH_NG_PROPERTY_LINES: fewer lines where the same program already ran the 2000 (CI's
    # static, sanitizer and chroot runs repeat the normal build's).
    ap.add_argument("--lines", type=int,
                    default=int(os.environ.get("CAPSH_NG_PROPERTY_LINES", "2000")))
    ap.add_argument("--seed", type=int, default=20260)
    ap.add_argument("--userns", action="store_true", help="run every line in unshare -Ur")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()

    for path in (args.capsh, REF_CAPSH):
        if not os.access(path, os.X_OK):
            print("error: %s is not executable" % path)
            print("property: 0 passed, 1 failed")
            return 1
    userns = args.userns or testenv.missing("root") is not None
    if userns and testenv.missing("userns"):
        reason = "%s, and %s" % (testenv.missing("root") or "--userns", testenv.missing("userns"))
        if testenv.skip_is_failure("userns"):
            print("FAIL (skip not allowed: CAPSH_NG_NO_SKIP=1): " + reason)
            print("property: 0 passed, 1 failed")
            return 1
        print("SKIP: " + reason)
        print("property: 0 passed, 0 failed, 1 skipped")
        return testenv.EXIT_SKIPPED
    valid = [arg for arg, root_only in VALID if not (userns and root_only)]
    caps = current_caps(userns)
    valid += ["--caps=" + caps, "--caps= " + caps.replace(" ", "\n") + "\n"]
    print("mode: %s; %d valid steps (%d root-only left out), %d faulty steps; seed %d"
          % ("unshare -Ur" if userns else "root", len(valid), len(VALID) + 2 - len(valid),
             len(FAULTY), args.seed))

    rnd = random.Random(args.seed)
    lines = [make_line(rnd, valid) for _ in range(args.lines)]
    runner = Runner(args.capsh, userns)
    passed = failed = 0
    try:
        with concurrent.futures.ThreadPoolExecutor(WORKERS) as pool:
            futures = [pool.submit(check, runner, n, line, faulty)
                       for n, (line, faulty) in enumerate(lines)]
            for n, fut in enumerate(futures):
                problems = fut.result()
                line, faulty = lines[n]
                if problems:
                    failed += 1
                    print("FAIL line %d: %s" % (n, describe(line)))
                    for p in problems:
                        print("    " + p)
                else:
                    passed += 1
                    if args.verbose:
                        print("ok   line %d (%s): %s"
                              % (n, "faulty" if faulty else "valid", describe(line)))
    finally:
        runner.cleanup()
    clean = sum(1 for _, faulty in lines if not faulty)
    print("%d lines, %d without a faulty step" % (len(lines), clean))
    print("property: %d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
