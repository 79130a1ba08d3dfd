#!/usr/bin/env python3
"""Differential test: gosu-ng against Debian's gosu (/usr/sbin/gosu, package gosu 1.14).

Usage:
  run_gosu_diff.py --ours PATH [--reference PATH] [--userns] [-k SUBSTRING] [-v] CASEFILE...

Every case is one line of bash, run twice with `bash -c CMD`: once with a bin dir whose `gosu`
points at the reference first in PATH, once with a bin dir whose `gosu` points at the binary
under test (which acts as gosu under that name).  stdout, stderr and the exit status must be
equal byte for byte, except the version and licence text, which are our own: a line
`NAME version: ...` or `NAME license: ...` (the usage text) compares as a placeholder, and in a
case tagged [version] stdout must be one non-empty line on both sides.

Case file format: one case per line, `#` comments and blank lines ignored, optional tags in
brackets before the command:
  root     needs uid 0 in the initial user namespace; not run with --userns
  userns   only run with --userns
  version  stdout is the version line (compared as one non-empty line)

With --userns every case runs inside `unshare -Ur` (root in a new user namespace, where only
uid and gid 0 are mapped and setgroups is denied).  Environment problems (not root, no user
namespaces) skip with a reason; CAPSH_NG_NO_SKIP=1 makes a skip a failure.

Environment of each run: the runner's, plus PATH=<side bin dir>:<PATH>, GOSU=<side's gosu>,
FIX=<a shared read-only directory of fixtures> (noexec: a file without execute bits; script:
an executable shell script; garbage: an executable file the kernel cannot run; dir/: a
directory with execute bits), cwd a fresh directory, stdin /dev/null.
The last line is `gosu-diff-<label>: N passed, N failed, N skipped`; exit status 0 iff no case
failed.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import testenv  # noqa: E402  (tests/testenv.py: what this environment can do, the skip rule)
TAG_RE = re.compile(r"^\[([a-z,]+)\]\s*(.*)$")
OURS_TEXT_RE = re.compile(rb"^(\S+) (version|license): .*$", re.M)


def read_cases(paths):
    cases = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                line = line.rstrip("\n")
                if not line.strip() or line.lstrip().startswith("#"):
                    continue
                tags = set()
                match = TAG_RE.match(line)
                if match:
                    tags = set(match.group(1).split(","))
                    line = match.group(2)
                cases.append((f"{os.path.basename(path)}:{number}", tags, line))
    return cases


def make_fixtures(root):
    fix = os.path.join(root, "fix")
    os.makedirs(os.path.join(fix, "dir"))
    with open(os.path.join(fix, "noexec"), "w") as f:
        f.write("#!/bin/sh\necho should not run\n")
    with open(os.path.join(fix, "fixture-script"), "w") as f:
        f.write('#!/bin/sh\necho "script as $(id -u):$(id -g) args: $*"\n')
    with open(os.path.join(fix, "garbage"), "wb") as f:
        f.write(b"\x7fELF not really an executable\n")
    os.chmod(os.path.join(fix, "noexec"), 0o644)
    os.chmod(os.path.join(fix, "fixture-script"), 0o755)
    os.chmod(os.path.join(fix, "garbage"), 0o755)
    os.chmod(os.path.join(fix, "dir"), 0o755)
    os.chmod(fix, 0o755)
    os.chmod(root, 0o755)
    return fix


def userns_works():
    try:
        done = subprocess.run(["unshare", "-Ur", "true"], capture_output=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


def run_side(bin_dir, fix, cmd, userns):
    env = {k: v for k, v in os.environ.items() if k not in ("LD_PRELOAD", "HOME")}
    env["HOME"] = "/home/the-callers-home"  # gosu replaces it: the cases can see that it did
    env["PATH"] = bin_dir + ":" + os.environ.get("PATH", "/usr/bin:/bin")
    env["GOSU"] = os.path.join(bin_dir, "gosu")
    env["FIX"] = fix
    argv = ["bash", "-c", cmd]
    if userns:
        argv = ["unshare", "-Ur"] + argv
    with tempfile.TemporaryDirectory(prefix="gosu-cwd-") as cwd:
        os.chmod(cwd, 0o755)
        done = subprocess.run(argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                              capture_output=True, timeout=60)
    return done.stdout, done.stderr, done.returncode


def normalise(out, err, bin_dir, fix):
    def one(text):
        text = text.replace(bin_dir.encode(), b"$BIN").replace(fix.encode(), b"$FIX")
        return OURS_TEXT_RE.sub(rb"\1 \2: <ours>", text)
    return one(out), one(err)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ours", required=True)
    parser.add_argument("--reference", default="/usr/sbin/gosu")
    parser.add_argument("--userns", action="store_true")
    parser.add_argument("-k", dest="filter")
    parser.add_argument("-v", dest="verbose", action="store_true")
    parser.add_argument("cases", nargs="+")
    args = parser.parse_args()
    label = "userns" if args.userns else "root"

    cases = read_cases(args.cases)
    if args.filter:
        cases = [c for c in cases if args.filter in c[2]]
    skip_reason = skip_feature = None
    if not os.path.exists(args.reference):
        skip_reason = f"{args.reference} is not installed (apt-get install gosu)"
        skip_feature = "gosu" if args.reference == testenv.GOSU else None
    elif args.userns and not userns_works():
        skip_reason, skip_feature = "`unshare -Ur` does not work here (no user namespaces)", \
            "userns"
    elif not args.userns and os.geteuid() != 0:
        skip_reason, skip_feature = "not root: gosu can only switch users as root", "root"

    passed = failed = skipped = 0
    if skip_reason:
        counted = [c for c in cases if not ({"root"} if args.userns else {"userns"}) & c[1]]
        skipped = len(counted)
        print(f"SKIP all {skipped} cases: {skip_reason}")
        if testenv.skip_is_failure(skip_feature):
            failed, skipped = skipped, 0
        print(f"gosu-diff-{label}: {passed} passed, {failed} failed, {skipped} skipped")
        return testenv.exit_status(passed, failed, skipped)

    root = tempfile.mkdtemp(prefix="gosu-diff-")
    try:
        fix = make_fixtures(root)
        sides = {}
        for side, target in (("ref", args.reference), ("ours", os.path.abspath(args.ours))):
            bin_dir = os.path.join(root, side, "bin")
            os.makedirs(bin_dir)
            os.chmod(os.path.join(root, side), 0o755)
            os.chmod(bin_dir, 0o755)
            os.symlink(target, os.path.join(bin_dir, "gosu"))
            sides[side] = bin_dir
        for name, tags, cmd in cases:
            if ("root" in tags and args.userns) or ("userns" in tags and not args.userns):
                continue
            got = {}
            for side, bin_dir in sides.items():
                out, err, status = run_side(bin_dir, fix, cmd, args.userns)
                out, err = normalise(out, err, bin_dir, fix)
                if "version" in tags:
                    lines = out.split(b"\n")
                    one_line = len(lines) == 2 and lines[0] != b"" and lines[1] == b""
                    out = b"<one version line>\n" if one_line else out
                got[side] = (out, err, status)
            if got["ref"] == got["ours"]:
                passed += 1
                if args.verbose:
                    print(f"ok   {name}: {cmd}")
                    print(f"     {got['ref']!r}")
            else:
                failed += 1
                print(f"FAIL {name}: {cmd}")
                for side in ("ref", "ours"):
                    out, err, status = got[side]
                    print(f"  {side:4} status {status}\n    stdout {out!r}\n    stderr {err!r}")
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print(f"gosu-diff-{label}: {passed} passed, {failed} failed, {skipped} skipped")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
