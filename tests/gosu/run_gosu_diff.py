#!/usr/bin/env python3
"""Differential test: gosu-ng against Debian's gosu (/usr/sbin/gosu, package gosu 1.14), and
su-exec-ng against su-exec.

Usage:
  run_gosu_diff.py --ours PATH [--name NAME] [--reference PATH | --expected FILE]
                   [--record FILE] [--userns] [-k SUBSTRING] [-v] CASEFILE...

Every case is one line of bash, run twice with `bash -c CMD`: once with a bin dir whose NAME
(`gosu` unless --name says otherwise) points at the reference first in PATH, once with a bin
dir whose NAME points at the binary under test (which acts as that program under that name).
stdout, stderr and the exit status must be equal byte for byte, except the version and licence
text, which are our own: a line `NAME version: ...` or `NAME license: ...` (the usage text)
compares as a placeholder, and in a case tagged [version] stdout must be one non-empty line on
both sides.

Where the reference is not packaged (su-exec is not in Debian), its answers are recorded:
`--record FILE` runs the reference on every case (as root, and with --userns in a user
namespace; each run adds its own label to FILE) and writes what it printed; `--expected FILE`
then compares the binary under test with those recordings instead of a live reference.

Case file format: one case per line, `#` comments and blank lines ignored, optional tags in
brackets before the command:
  root     needs uid 0 in the initial user namespace; not run with --userns
  userns   only run with --userns
  version  stdout is the version line (compared as one non-empty line)
  mountns  needs mount namespaces (`unshare -m`, to bind a fixture over /etc/group); skipped
           with the reason where there are none

With --userns every case runs inside `unshare -Ur` (root in a new user namespace, where only
uid and gid 0 are mapped and setgroups is denied).  Environment problems (not root, no user
namespaces) skip with a reason; CAPSH_NG_NO_SKIP=1 makes a skip a failure.

Environment of each run: the runner's, plus PATH=<side bin dir>:<PATH>, GOSU or SU_EXEC=<side's
binary>, FIX=<a shared read-only directory of fixtures> (noexec: a file without execute bits;
fixture-script: an executable shell script; no-shebang: an executable script without a `#!`
line; garbage: an executable file the kernel cannot run; dir/: a directory with execute bits;
group: a group file whose groups list nobody and daemon as members, and one of 300 members), cwd a fresh directory,
stdin /dev/null.
The last line is `NAME-diff-<label>: N passed, N failed, N skipped`; exit status 0 iff no case
failed.
"""
import argparse
import json
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
    with open(os.path.join(fix, "no-shebang"), "w") as f:
        f.write('echo "no #! line, run by $0 as $(id -u) with: $*"\n')
    with open(os.path.join(fix, "group"), "w") as f:
        f.write("root:x:0:\ndaemon:x:1:\nnogroup:x:65534:\nstaff:x:50:nobody\n"
                "extra:x:4321:daemon,nobody\nnobody-primary:x:65534:nobody\n")
        # Longer than the 1024 bytes getgrnam_r is usually given.
        f.write("big:x:4400:" + ",".join(f"member{n:03}" for n in range(300)) + "\n")
    os.chmod(os.path.join(fix, "no-shebang"), 0o755)
    os.chmod(os.path.join(fix, "group"), 0o644)
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


def run_side(name, bin_dir, fix, cmd, userns):
    env = {k: v for k, v in os.environ.items() if k not in ("LD_PRELOAD", "HOME")}
    env["HOME"] = "/home/the-callers-home"  # gosu replaces it: the cases can see that it did
    env["PATH"] = bin_dir + ":" + os.environ.get("PATH", "/usr/bin:/bin")
    env[name.upper().replace("-", "_")] = os.path.join(bin_dir, name)
    env["FIX"] = fix
    argv = ["bash", "-c", cmd]
    if userns:
        argv = ["unshare", "-Ur"] + argv
    with tempfile.TemporaryDirectory(prefix=name + "-cwd-") as cwd:
        os.chmod(cwd, 0o755)
        done = subprocess.run(argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                              capture_output=True, timeout=60)
    return done.stdout, done.stderr, done.returncode


def normalise(out, err, bin_dir, fix):
    def one(text):
        text = text.replace(bin_dir.encode(), b"$BIN").replace(fix.encode(), b"$FIX")
        return OURS_TEXT_RE.sub(rb"\1 \2: <ours>", text)
    return one(out), one(err)


def environment_problem(args):
    """(reason, feature) when this environment cannot run the cases at all, else None."""
    if args.expected is None and not os.path.exists(args.reference):
        if args.reference == testenv.GOSU:
            return f"{args.reference} is not installed (apt-get install gosu)", "gosu"
        return f"{args.reference} does not exist", None
    if args.userns and not userns_works():
        return "`unshare -Ur` does not work here (no user namespaces)", "userns"
    if not args.userns and os.geteuid() != 0:
        return f"not root: {args.name} can only switch users as root", "root"
    return None


def load_recordings(path, label):
    """The reference's recorded answers for this label: {command: (stdout, stderr, status)}."""
    if not os.path.exists(path):
        return {}
    with open(path, encoding="utf-8") as f:
        recorded = json.load(f).get(label, {})
    return {cmd: (out.encode("latin-1"), err.encode("latin-1"), status)
            for cmd, (out, err, status) in recorded.items()}


def save_recordings(path, label, answers):
    everything = {}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            everything = json.load(f)
    everything[label] = {cmd: [out.decode("latin-1"), err.decode("latin-1"), status]
                         for cmd, (out, err, status) in answers.items()}
    lines = []  # one answer per line, so that a change to one shows as one line in a diff
    for one_label in sorted(everything):
        entries = [f"  {json.dumps(cmd)}: {json.dumps(answer)}"
                   for cmd, answer in sorted(everything[one_label].items())]
        lines.append(f" {json.dumps(one_label)}: {{\n" + ",\n".join(entries) + "\n }")
    with open(path, "w", encoding="utf-8") as f:
        f.write("{\n" + ",\n".join(lines) + "\n}\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ours", required=True)
    parser.add_argument("--name", default="gosu")
    parser.add_argument("--reference", default=testenv.GOSU)
    parser.add_argument("--expected", help="recorded answers of the reference (--record)")
    parser.add_argument("--record", help="run the reference and write its answers here")
    parser.add_argument("--userns", action="store_true")
    parser.add_argument("-k", dest="filter")
    parser.add_argument("-v", dest="verbose", action="store_true")
    parser.add_argument("cases", nargs="+")
    args = parser.parse_args()
    label = "userns" if args.userns else "root"
    title = f"{args.name}-diff-{label}"

    cases = read_cases(args.cases)
    if args.filter:
        cases = [c for c in cases if args.filter in c[2]]
    cases = [c for c in cases
             if not (("root" in c[1] and args.userns) or ("userns" in c[1] and not args.userns))]
    passed = failed = skipped = 0
    problem = environment_problem(args)
    if problem:
        skipped = len(cases)
        print(f"SKIP all {skipped} cases: {problem[0]}")
        if testenv.skip_is_failure(problem[1]):
            failed, skipped = skipped, 0
        print(f"{title}: {passed} passed, {failed} failed, {skipped} skipped")
        return testenv.exit_status(passed, failed, skipped)

    recorded = load_recordings(args.expected, label) if args.expected else None
    answers = {}
    root = tempfile.mkdtemp(prefix=args.name + "-diff-")
    try:
        fix = make_fixtures(root)
        sides = {}
        targets = [("ours", os.path.abspath(args.ours))]
        if recorded is None:
            targets.insert(0, ("ref", args.reference))
        for side, target in targets:
            bin_dir = os.path.join(root, side, "bin")
            os.makedirs(bin_dir)
            os.chmod(os.path.join(root, side), 0o755)
            os.chmod(bin_dir, 0o755)
            os.symlink(target, os.path.join(bin_dir, args.name))
            sides[side] = bin_dir
        for name, tags, cmd in cases:
            if "mountns" in tags and testenv.missing("mountns"):
                skipped += 1
                print(f"SKIP {name}: {testenv.missing('mountns')}")
                if testenv.skip_is_failure("mountns"):
                    failed, skipped = failed + 1, skipped - 1
                continue
            got = {}
            for side, bin_dir in sides.items():
                out, err, status = run_side(args.name, bin_dir, fix, cmd, args.userns)
                out, err = normalise(out, err, bin_dir, fix)
                if "version" in tags:
                    lines = out.split(b"\n")
                    one_line = len(lines) == 2 and lines[0] != b"" and lines[1] == b""
                    out = b"<one version line>\n" if one_line else out
                got[side] = (out, err, status)
            if recorded is not None:
                if cmd not in recorded:
                    failed += 1
                    print(f"FAIL {name}: {cmd}\n  no recorded answer in {args.expected} "
                          f"(run with --record and the reference)")
                    continue
                got["ref"] = recorded[cmd]
            answers[cmd] = got["ref"]
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
    if args.record:
        save_recordings(args.record, label, answers)
        print(f"recorded {len(answers)} answers of {args.reference} in {args.record} ({label})")
    print(f"{title}: {passed} passed, {failed} failed, {skipped} skipped")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
