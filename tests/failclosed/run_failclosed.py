#!/usr/bin/env python3
"""Fail-closed suite: a failing step must stop capsh before it runs anything.

Usage: run_failclosed.py --capsh PATH [--userns] [-v] [-k SUBSTRING]

For every fault in FAULTS below, and for each launch form, two command
lines are run (argument lists, no shell):

  fault:  CAPSH <prefix> <fault steps> <launch> MARKER
  fixed:  CAPSH <prefix> <fixed steps> <launch> MARKER

where <launch> is one of
  --   --shell=/usr/bin/touch -- MARKER      (exec)
  -+   --shell=/usr/bin/touch -+ MARKER      (fork, exec in the child, wait)
  ==   == --shell=/usr/bin/touch -- MARKER   (re-exec capsh, then exec)

The fault line must exit non-zero and leave MARKER absent; the fixed line
(the faulty step removed or replaced by a valid one) must exit 0 and create
MARKER.  The second half proves that the first half failed because of the
fault and not because of the rest of the line.

Markers live in a fresh temporary directory (mode 0777, so steps that give
up root can still create them).  Each run gets stdin from /dev/null, its own
process group (leftovers such as --forkfor sleepers are killed afterwards)
and a 20 s timeout.

Modes, as in the differential suite: without --userns every line runs
directly and needs uid 0 in the initial user namespace (most faults are
about privilege); otherwise each fault is a skip with that reason.  With
--userns every line runs inside `unshare -Ur`, where the root of the
namespace has every capability but no other uid or gid mapped and may not
call setgroups: the faults marked root_only need those, belong to the other
mode and are not counted.  CAPSH_NG_NO_SKIP=1 turns every skip caused by the
environment into a failure.

The last line is `failclosed[-userns]: N passed, N failed, N skipped`; exit
status 0 iff none failed.
"""

import argparse
import os
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile

from failclosed_common import UNSHARE, testenv

TOUCH = "/usr/bin/touch"
TIMEOUT = 20
FORMS = ("--", "-+", "==")


def fault(name, prefix, bad, good, forms=FORMS, argv0=None, unset_path=False,
          good_argv0=None, root_only=None):
    """One fault.  bad/good are the step lists that differ.  root_only: why the
    fault cannot be shown inside `unshare -Ur` (None: it can)."""
    return {
        "name": name, "prefix": prefix, "bad": bad, "good": good,
        "forms": forms, "argv0": argv0, "unset_path": unset_path,
        "good_argv0": good_argv0, "root_only": root_only,
    }


F = fault
# Why a fault's lines cannot run inside `unshare -Ur` (its good line needs it).
NO_IDS = "needs a uid other than 0 (unshare -Ur maps only 0)"
NO_SETGROUPS = "needs setgroups (denied in unshare -Ur)"
FAULTS = [
    # --- capability names ------------------------------------------------------
    F("--drop: unknown capability", [], ["--drop=cap_foo"], ["--drop=cap_chown"]),
    F("--drop: unknown name inside a list", [], ["--drop=cap_chown,bogus"],
      ["--drop=cap_chown,cap_kill"]),
    F("--drop: 'ALL' is not 'all'", [], ["--drop=ALL"], ["--drop=all"]),
    F("--drop: 'all' inside a list", [], ["--drop=cap_chown,all"], ["--drop=cap_chown"]),
    F("--drop: number >= 64", [], ["--drop=64"], ["--drop=0"]),
    F("--drop: cap unsupported by the kernel", [], ["--drop=63"], ["--drop=0x1f"]),
    F("--addamb: unknown capability", ["--inh=cap_chown"], ["--addamb=cap_foo"],
      ["--addamb=cap_chown"]),
    F("--delamb: unknown capability", [], ["--delamb=cap_foo"], ["--delamb=cap_chown"]),
    F("--delamb: cap unsupported by the kernel", [], ["--delamb=63"], ["--delamb=0"]),
    F("--has-p: unknown capability", [], ["--has-p=cap_foo"], ["--has-p=cap_chown"]),
    F("--has-i: unknown capability", ["--inh=cap_chown"], ["--has-i=bogus"],
      ["--has-i=cap_chown"]),
    F("--has-a: unknown capability", [], ["--has-a=bogus"], ["--has-a=63"]),
    F("--has-b: unknown capability", [], ["--has-b=cap_chownXX"], ["--has-b=cap_chown"]),
    F("--dropped: unknown capability", ["--drop=cap_kill"], ["--dropped=64"],
      ["--dropped=cap_kill"]),
    F("--supports: unknown capability", [], ["--supports=cap_foo"], ["--supports=cap_chown"]),
    F("--supports: cap unsupported by the kernel", [], ["--supports=63"],
      ["--supports=cap_chown9"]),
    F("--explain: unknown capability", [], ["--explain=cap_foo"], ["--explain=cap_chown"]),
    # --- capability queries that fail ------------------------------------------------
    F("--has-p: not permitted", ["--caps=cap_kill=p"], ["--has-p=cap_chown"],
      ["--has-p=cap_kill"]),
    F("--has-i: not inheritable", [], ["--has-i=cap_chown"],
      ["--inh=cap_chown", "--has-i=cap_chown"]),
    F("--has-a: not ambient", ["--inh=cap_chown"], ["--has-a=cap_chown"],
      ["--addamb=cap_chown", "--has-a=cap_chown"]),
    F("--has-b: dropped from the bounding set", ["--drop=cap_kill"], ["--has-b=cap_kill"],
      ["--has-b=cap_chown"]),
    F("--dropped: still in the bounding set", ["--drop=cap_kill"], ["--dropped=cap_chown"],
      ["--dropped=cap_kill"]),
    F("--has-no-new-privs: not set", [], ["--has-no-new-privs"],
      ["--no-new-privs", "--has-no-new-privs"]),
    F("--is-uid: mismatch", [], ["--is-uid=5"], ["--is-uid=0"]),
    F("--is-gid: mismatch", [], ["--is-gid=7"], ["--is-gid=0"]),
    F("--is-uid: 4294967295 is not 0", [], ["--is-uid=4294967295"], ["--is-uid=4294967296"]),
    F("--inmode: mismatch", [], ["--inmode=NOPRIV"], ["--inmode=HYBRID"]),
    F("--inmode: empty", [], ["--inmode="], ["--inmode=HYBRID"]),
    F("--inmode: case matters", [], ["--inmode=hybrid"], ["--inmode=HYBRID"]),
    F("--inmode: after --keep=1", ["--keep=1"], ["--inmode=HYBRID"], ["--inmode=UNCERTAIN"]),
    # --- capability text -----------------------------------------------------------------
    F("--caps: unknown name", [], ["--caps=bogus"], ["--caps=cap_chown=p"]),
    F("--caps: flags are lower case", [], ["--caps=cap_chown+P"], ["--caps=cap_chown+p"]),
    F("--caps: clause without operator", [], ["--caps=cap_chown"], ["--caps=cap_chown="]),
    F("--caps: number >= 64", [], ["--caps=64+p"], ["--caps=63+p"]),
    F("--caps: raising P", ["--caps=cap_chown=p"], ["--caps=cap_kill=p"],
      ["--caps=cap_chown=ep"]),
    F("--caps: E outside P", [], ["--caps=cap_chown=e"], ["--caps=cap_chown=ep"]),
    F("--caps: I outside P without CAP_SETPCAP (strict)",
      ["--caps=cap_setpcap=p", "--strict"], ["--caps=cap_chown=i"], ["--caps=cap_setpcap=i"]),
    F("--inh: unknown name", [], ["--inh=cap_foo"], ["--inh=cap_chown"]),
    F("--inh: space inside the list", [], ["--inh=cap_chown cap_kill"],
      ["--inh=cap_chown,cap_kill"]),
    F("--inh: trailing comma", [], ["--inh=cap_chown,"], ["--inh=cap_chown"]),
    F("--inh: 'NONE' is not 'none'", ["--inh=cap_chown"], ["--inh=NONE"], ["--inh=none"]),
    F("--inh: =e makes E exceed P", ["--caps=cap_setpcap=p"], ["--inh=cap_chown=e"],
      ["--inh=cap_chown"]),
    F("--inh: without CAP_SETPCAP", ["--caps="], ["--inh=cap_chown"], ["--inh="]),
    F("--inh: strict needs CAP_SETPCAP in E", ["--caps=cap_setpcap=p", "--strict"],
      ["--inh=cap_chown"], ["--strict", "--inh=cap_chown"]),
    F("--inh: cap not in the bounding set", ["--drop=cap_kill"], ["--inh=cap_kill"],
      ["--inh=cap_chown"]),
    F("--iab: leading comma", [], ["--iab=,cap_chown"], ["--iab=cap_chown"]),
    F("--iab: empty entry", [], ["--iab=cap_chown,,cap_kill"], ["--iab=cap_chown,cap_kill"]),
    F("--iab: 'all'", [], ["--iab=all"], ["--iab="]),
    F("--iab: whitespace", [], ["--iab=cap_chown cap_kill"], ["--iab=cap_chown,cap_kill"]),
    F("--iab: trailing junk", [], ["--iab=cap_chown9"], ["--iab=cap_chown,9"]),
    F("--iab: ambient without CAP_SETPCAP (2.66)", ["--caps=cap_chown=ip"],
      ["--iab=^cap_chown"], ["--iab=cap_chown"]),
    F("--iab: bounding drop without CAP_SETPCAP", ["--caps=cap_chown=p"],
      ["--iab=!cap_kill"], ["--iab=cap_chown"]),
    F("--iab: ambient with NO_CAP_AMBIENT_RAISE", ["--mode=PURE1E"],
      ["--iab=^cap_setuid"], ["--iab=cap_setuid"]),
    # --- bounding and ambient sets ---------------------------------------------------------
    F("--drop: no CAP_SETPCAP in P", [], ["--caps=cap_chown=p", "--drop=cap_net_raw"],
      ["--caps=cap_chown,cap_setpcap=p", "--drop=cap_net_raw"]),
    F("--drop: strict needs CAP_SETPCAP in E", [],
      ["--caps=cap_setpcap=p", "--strict", "--drop=cap_net_raw"],
      ["--caps=cap_setpcap=ep", "--strict", "--drop=cap_net_raw"]),
    F("--drop=all: strict without CAP_SETPCAP", [],
      ["--caps=cap_chown=p", "--strict", "--drop=all"],
      ["--caps=cap_setpcap=ep", "--strict", "--drop=all"]),
    F("--addamb: not in I", [], ["--addamb=cap_chown"],
      ["--inh=cap_chown", "--addamb=cap_chown"]),
    F("--addamb: all", [], ["--addamb=all"], ["--addamb="]),
    F("--addamb: not in P", ["--inh=cap_chown,cap_kill", "--caps=cap_chown=ip cap_kill=i"],
      ["--addamb=cap_kill"], ["--addamb=cap_chown"]),
    F("--addamb: NO_CAP_AMBIENT_RAISE set", ["--inh=cap_chown"],
      ["--secbits=0x40", "--addamb=cap_chown"], ["--addamb=cap_chown"]),
    F("--addamb: second item fails", ["--inh=cap_chown"], ["--addamb=cap_chown,cap_kill"],
      ["--addamb=cap_chown"]),
    # --- numbers ------------------------------------------------------------------------
    *[F("--%s=%s: not a non-negative integer" % (opt, val), pre, ["--%s=%s" % (opt, val)], good)
      for opt, pre, good in (
          ("keep", [], ["--keep=0"]),
          ("secbits", [], ["--secbits=0"]),
          ("uid", [], ["--uid=0"]),
          ("cap-uid", [], ["--cap-uid=0"]),
          ("gid", [], ["--gid=0"]),
          ("is-uid", [], ["--is-uid=0"]),
          ("is-gid", [], ["--is-gid=0"]),
          ("forkfor", [], ["--forkfor=5", "--killit=9"]),
          ("killit", ["--forkfor=5"], ["--killit=9"]),
      )
      for val in ("", "-1", "abc", "5x", "08", "0x")],
    F("--uid: ' -1' is 4294967295", [], ["--uid= -1"], ["--uid= 0"]),
    F("--uid: overflow becomes 4294967295", [], ["--uid=99999999999999999999999"],
      ["--uid=4294967296"]),
    F("--gid: 4294967295", [], ["--gid=4294967295"], ["--gid=0x0"]),
    F("--cap-uid: 4294967295", [], ["--cap-uid=4294967295"], ["--cap-uid=00"]),
    F("--keep=2", [], ["--keep=2"], ["--keep=1"]),
    F("--keep: overflow", [], ["--keep=99999999999999999999999"], ["--keep=4294967297"]),
    F("--keep: locked", ["--secbits=0x20"], ["--keep=1"], []),
    F("--secbits=0x1000", [], ["--secbits=0x1000"], ["--secbits=0x10"]),
    F("--secbits: overflow", [], ["--secbits=99999999999999999999999"],
      ["--secbits=4294967296"]),
    F("--secbits: CAP_SETPCAP only in P", ["--caps=cap_setpcap=p"], ["--secbits=1"], []),
    F("--secbits: locked bit", ["--secbits=0x3"], ["--secbits=0"], ["--secbits=0x3"]),
    # --- identity -----------------------------------------------------------------------
    F("--uid: no privilege", ["--caps="], ["--uid=1"], ["--uid=0"]),
    F("--uid: CAP_SETUID only in P", ["--caps=cap_setuid=p"], ["--uid=1"],
      ["--cap-uid=1"],
      root_only=NO_IDS),
    F("--uid: back to root after leaving it", ["--uid=65534"], ["--uid=0"], ["--uid=65534"],
      root_only=NO_IDS),
    F("--cap-uid: no CAP_SETUID in P", ["--caps=cap_chown=p"], ["--cap-uid=1"], []),
    F("--gid: no privilege", ["--caps="], ["--gid=1"], ["--gid=0"]),
    F("--groups: unknown group", [], ["--groups=nosuchgroup"], ["--groups=daemon"],
      root_only=NO_SETGROUPS),
    F("--groups: '-1' is a name", [], ["--groups=-1"], ["--groups=1"],
      root_only=NO_SETGROUPS),
    F("--groups: unknown group after a good one", [], ["--groups=daemon,nosuchgroup"],
      ["--groups=daemon,bin"],
      root_only=NO_SETGROUPS),
    F("--groups: no privilege", ["--caps="], ["--groups=1"], []),
    F("--groups: even an empty list needs CAP_SETGID", ["--caps="], ["--groups="], []),
    F("--groups: 4294967295", [], ["--groups=4294967295"], ["--groups=0"],
      root_only=NO_SETGROUPS),
    F("--user: unknown user", [], ["--user=nosuchuser"], ["--user=nobody"],
      root_only=NO_SETGROUPS),
    F("--user: empty name", [], ["--user="], ["--user=root"],
      root_only=NO_SETGROUPS),
    # (no numeric --user=N: capsh-ng's extension E3 accepts it)
    F("--user: name with trailing junk", [], ["--user=nobody:"], ["--user=nobody"],
      root_only=NO_SETGROUPS),
    F("--user: no CAP_SETGID", ["--caps=cap_setuid=p"], ["--user=nobody"], []),
    F("--user: no CAP_SETUID", ["--caps=cap_setgid=p"], ["--user=nobody"], []),
    F("--user: after --uid left root", ["--uid=65534"], ["--user=nobody"], [],
      root_only=NO_IDS),
    # --- security state ----------------------------------------------------------------------
    F("--mode: unknown mode", [], ["--mode=FOO"], ["--mode=HYBRID"]),
    F("--mode: empty", [], ["--mode="], ["--mode"]),
    F("--mode: case matters", [], ["--mode=hybrid"], ["--mode=HYBRID"]),
    F("--mode: UNCERTAIN cannot be set", [], ["--mode=UNCERTAIN"], ["--mode=PURE1E"]),
    F("--modex: unrecognized", [], ["--modex"], ["--modes"]),
    F("--mode: no CAP_SETPCAP", ["--caps="], ["--mode=PURE1E"], []),
    F("--mode=HYBRID after PURE1E locked the bits", ["--mode=PURE1E"], ["--mode=HYBRID"],
      ["--mode=PURE1E"]),
    F("--mode: anything after NOPRIV", ["--mode=NOPRIV"], ["--mode=NOPRIV"], []),
    F("--chroot: missing directory", [], ["--chroot=/nonexistent"], ["--chroot=/"]),
    F("--chroot: empty path", [], ["--chroot="], ["--chroot=/"]),
    F("--chroot: a file", [], ["--chroot=/etc/passwd"], ["--chroot=/"]),
    F("--chroot: no CAP_SYS_CHROOT", ["--caps="], ["--chroot=/"], []),
    F("--chroot: after NOPRIV", ["--mode=NOPRIV"], ["--chroot=/"], []),
    # --- fork and kill --------------------------------------------------------------------------
    F("--forkfor=0", [], ["--forkfor=0"], ["--forkfor=5", "--killit=9"]),
    F("--forkfor: already forked", ["--forkfor=5"], ["--forkfor=5"], ["--killit=9"]),
    F("--killit: no child", [], ["--killit=9"], []),
    F("--killit: invalid signal", ["--forkfor=5"], ["--killit=200"], ["--killit=9"]),
    F("--killit: child already reaped", ["--forkfor=5", "--killit=9"], ["--killit=9"], []),
    # --- argument syntax ---------------------------------------------------------------------------
    F("unknown option", [], ["--foo"], []),
    F("--print=1", [], ["--print=1"], ["--print"]),
    F("--drop without =", [], ["--drop"], ["--drop="]),
    F("--quiet=x", [], ["--quiet=x"], ["--quiet"]),
    F("--help after another argument", ["--decode=1"], ["--help"], []),
    F("-h after another argument", ["--quiet"], ["-h"], []),
    # --- re-exec lookup (== only) ---------------------------------------------------------------
    F("==: no PATH to find capsh", [], [], [], forms=("==",), argv0="capsh",
      unset_path=True),
]


class Runner:
    def __init__(self, capsh, verbose, userns=False):
        self.capsh = os.path.abspath(capsh)
        self.verbose = verbose
        self.userns = userns
        self.root = tempfile.mkdtemp(prefix="capsh-failclosed-")
        os.chmod(self.root, 0o755)
        self.markers = os.path.join(self.root, "markers")
        os.mkdir(self.markers)
        os.chmod(self.markers, 0o777)
        self.counter = 0

    def cleanup(self):
        shutil.rmtree(self.root, ignore_errors=True)

    def launch(self, form, marker):
        if form == "--":
            return ["--shell=" + TOUCH, "--", marker]
        if form == "-+":
            return ["--shell=" + TOUCH, "-+", marker]
        return ["==", "--shell=" + TOUCH, "--", marker]

    def run(self, argv0, steps, form, unset_path):
        """Run one line; return (rc, marker_exists, argv, out, err)."""
        self.counter += 1
        marker = os.path.join(self.markers, "m%04d" % self.counter)
        argv = [argv0] + steps + self.launch(form, marker)
        env = dict(os.environ)
        if unset_path:
            env.pop("PATH", None)
        executable = self.capsh
        run_argv = argv
        if self.userns:
            # bash's exec -a keeps the chosen argv[0] through unshare.
            executable = UNSHARE
            run_argv = [UNSHARE, "-Ur", "--", "/bin/bash", "-c", 'exec -a "$0" "$@"',
                        argv[0], self.capsh] + argv[1:]
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            proc = subprocess.Popen(run_argv, executable=executable,
                                    stdin=subprocess.DEVNULL, stdout=out,
                                    stderr=err, cwd=self.markers, env=env,
                                    start_new_session=True)
            try:
                rc = proc.wait(timeout=TIMEOUT)
            except subprocess.TimeoutExpired:
                rc = "timeout"
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            if rc == "timeout":
                proc.wait()
            out.seek(0)
            err.seek(0)
            outs = out.read().decode("utf-8", "backslashreplace")
            errs = err.read().decode("utf-8", "backslashreplace")
        exists = os.path.lexists(marker)
        return rc, exists, argv, outs, errs

    def check(self, f, form):
        """Return a list of problems (empty: pass)."""
        problems = []
        argv0 = f["argv0"] or self.capsh
        good_argv0 = f["good_argv0"] or self.capsh
        bad = f["prefix"] + f["bad"]
        good = f["prefix"] + f["good"]
        rc, exists, argv, out, err = self.run(argv0, bad, form, f["unset_path"])
        if rc == 0 or rc == "timeout" or exists:
            problems.append(
                "fault line: exit %s, marker %s (want non-zero exit, no marker)\n"
                "      $ %s\n      stderr: %s"
                % (rc, "CREATED" if exists else "absent", shell_join(argv),
                   err.strip()[:300]))
        elif self.verbose:
            print("      fault: exit %s, no marker; stderr: %s" % (rc, err.strip()[:200]))
        rc, exists, argv, out, err = self.run(good_argv0, good, form, False)
        if rc != 0 or not exists:
            problems.append(
                "fixed line: exit %s, marker %s (want exit 0 and the marker)\n"
                "      $ %s\n      stderr: %s"
                % (rc, "created" if exists else "ABSENT", shell_join(argv),
                   err.strip()[:300]))
        return problems


def shell_join(argv):
    return " ".join(shlex.quote(a) for a in argv)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--capsh", required=True, help="capsh binary under test")
    ap.add_argument("--userns", action="store_true",
                    help="run every line inside `unshare -Ur`")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("-k", dest="substr", action="append", default=[],
                    help="only faults whose name contains this")
    args = ap.parse_args()
    label_name = "failclosed-userns" if args.userns else "failclosed"
    if not os.access(args.capsh, os.X_OK):
        print("error: %s is not executable" % args.capsh)
        print("%s: 0 passed, 1 failed" % label_name)
        return 1
    faults = [f for f in FAULTS
              if not args.substr or any(s in f["name"] for s in args.substr)]
    if args.userns:
        other_mode = [f for f in faults if f["root_only"]]
        faults = [f for f in faults if not f["root_only"]]
        print("%d faults need real root (not counted here): %s"
              % (len(other_mode), "; ".join(sorted({f["root_only"] for f in other_mode}))))
        feature = "userns"
        reason = testenv.missing(feature)
    else:
        feature = "root"
        reason = testenv.missing(feature)
        if reason:
            reason += " (the --userns run covers most faults)"
    if reason:
        lines = sum(len(f["forms"]) for f in faults)
        if testenv.skip_is_failure(feature):
            print("FAIL %d lines (skip not allowed: CAPSH_NG_NO_SKIP=1): %s" % (lines, reason))
            print("%s: 0 passed, %d failed, 0 skipped" % (label_name, lines))
            return 1
        print("SKIP %d lines: %s" % (lines, reason))
        print("%s: 0 passed, 0 failed, %d skipped" % (label_name, lines))
        return testenv.exit_status(0, 0, lines)
    runner = Runner(args.capsh, args.verbose, args.userns)
    passed = failed = 0
    try:
        for f in faults:
            for form in f["forms"]:
                label = "[%s] %s" % (form, f["name"])
                problems = runner.check(f, form)
                if problems:
                    failed += 1
                    print("FAIL " + label)
                    for p in problems:
                        print("    " + p)
                else:
                    passed += 1
                    if args.verbose:
                        print("ok   " + label)
                sys.stdout.flush()
    finally:
        runner.cleanup()
    print("%s: %d passed, %d failed, 0 skipped" % (label_name, passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
