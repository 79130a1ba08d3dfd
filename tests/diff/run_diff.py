#!/usr/bin/env python3
"""Differential test runner: capsh-ng against libcap's capsh/getpcaps.

Usage:
  run_diff.py --ours PATH [--ours-getpcaps PATH] [--userns] [--label NAME]
              [-k SUBSTRING] [-v] [--ours-unbuffered] [--show] CASEFILE...

Every case is one line of bash.  It runs twice with `bash -c CMD`: once
with a bin dir whose `capsh`/`getpcaps` point at the reference
(/usr/sbin/capsh, /usr/sbin/getpcaps) first in PATH, once with a bin dir
whose `capsh`/`getpcaps` point at the binaries under test.  stdout, stderr
and the exit status must be byte-for-byte equal after normalisation.

Case file format
----------------
  * one case per line; blank lines and lines starting with `#` are ignored;
  * a line may start with tags in square brackets: `[root,headers] CMD`;
  * the rest of the line is the bash command, verbatim.

Tags
----
  headers  compare stdout only on lines that do NOT start with four spaces
           (the prose of --explain/--suggest is our own text).
  root     needs real root outside a user namespace.  Not run in --userns
           mode (not counted: written for the other mode), and skipped with
           a reason when the runner is not uid 0 in the initial namespace.
  userns   only meaningful in --userns mode; not run (not counted) otherwise.

Skips
-----
Each skip is printed with its reason (tests/testenv.py decides: not uid 0,
not in the initial user namespace, `unshare -Ur` not working).  With
CAPSH_NG_NO_SKIP=1 a skip counts as a failure, unless the run declares the
missing feature in CAPSH_NG_KNOWN_MISSING.  Exit 77 when every case skipped.
A case excluded only because of the selected mode (`root` cases under
--userns, `userns` cases without it) is not an environment problem and not
a skip: it belongs to the other run, and is only counted in the `time:`
line.

Environment of each run
-----------------------
  the runner's environment without CAPSH_NG_HINTS, LD_PRELOAD and _STDBUF_*,
  plus:
  PATH      <side bin dir>:<runner's PATH>
  CAPSH     absolute path of the side's `capsh` symlink
  GETPCAPS  absolute path of the side's `getpcaps` symlink
  EMPTYDIR  an empty directory (shared, 0755; never write into it)
  SCRATCH   a fresh empty per-run directory (0777) for marker files etc.
  cwd       a fresh empty per-run directory (0755)
  stdin     /dev/null
The reference side additionally gets LD_PRELOAD=libstdbuf.so and
_STDBUF_O=0 (what `stdbuf -o0` does): capsh-ng flushes stdout before every
exec and fork (D1 of the README's differences), which equals capsh's unbuffered output.
If --ours resolves to the reference binary itself (self-validation of the
suite), or --ours-unbuffered is given, the tested side gets the same
preload, since the reference binary does not flush by itself.

Writing cases
-------------
Cases need no expected output: the reference produces it at run time, in
the same environment.  They must be deterministic, and must not depend on
the unbuffered reference where the preload does not reach it:
  * set-uid/file-capability copies and `setpriv --ruid`/`--euid` runs are
    in secure-execution mode, where ld.so ignores LD_PRELOAD, and `env -i`
    drops it: such a capsh must not print before --, -+, ==, =+, --forkfor;
  * a chroot other than / has no libstdbuf.so: any dynamic program run
    inside it makes ld.so warn on stderr on the reference side only;
  * the whole environment must not be printed (LD_PRELOAD is in it).
`--show` prints the reference side's normalised output of every case.

Normalisation (applied to both sides identically)
-------------------------------------------------
  side bin dir -> $BIN, scratch dir -> $SCRATCH, cwd -> $CWD,
  empty dir -> $EMPTYDIR, temp root -> $TMP;
  `^\\d+:` at line start -> `<PID>:`, `PID=\\d+` -> `PID=<PID>`,
  `Capabilities for '\\d+'` and `` `\\d+' `` -> `<PID>`;
  capsh's, getpcaps' and our --license notices -> `<argv0> <license notice>`.

The last line printed is `diff-<label>: N passed, N failed, N skipped`.
Exit status 0 iff no case failed.
"""

import argparse
import concurrent.futures
import difflib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))
import testenv  # noqa: E402  (tests/testenv.py: what this environment can do)

REF_CAPSH = "/usr/sbin/capsh"
REF_GETPCAPS = "/usr/sbin/getpcaps"
STDBUF_LIB = "/usr/libexec/coreutils/libstdbuf.so"
TIMEOUT = 20
WORKERS = 2
MAX_DIFF_LINES = 60
KNOWN_TAGS = {"headers", "root", "userns"}
# Removed from the runner's environment before each run: CAPSH_NG_HINTS=1
# makes capsh-ng add `hint:` lines to stderr (E6 in the README); the stdbuf
# variables must only ever be set by the runner itself.
SCRUBBED_ENV = ("CAPSH_NG_HINTS", "LD_PRELOAD", "_STDBUF_O", "_STDBUF_E", "_STDBUF_I")

TAG_RE = re.compile(r"^\[([A-Za-z0-9_,\- ]*)\]\s*")
PID_LINE_RE = re.compile(rb"(?m)^\d+:")
PID_EQ_RE = re.compile(rb"PID=\d+")
CAPS_FOR_RE = re.compile(rb"Capabilities for '\d+'")
LEGACY_RE = re.compile(rb"`\d+'")
# --license is the one text capsh-ng writes in its own words (same two-line layout, first word
# = argv[0] or the argument). Both sides' notices become "<word> <license notice>".
LICENSE_RES = [
    re.compile(rb"(?m)^(.*) see License file for details\.\n"
               rb"Copyright \(c\) 2008-11,16,19-21 Andrew G\. Morgan <morgan@kernel\.org>\n"),
    re.compile(rb"(?m)^(.*) is free software \(BSD-3-Clause\): see the LICENSE file that comes "
               rb"with it\.\nCopyright \(c\) 2026 the capsh-ng authors; capsh-ng is not a part "
               rb"of libcap\n"),
    re.compile(rb"(?m)^(.*) see LICENSE file for details\.\n\[Copyright \(c\) "
               rb"1997-8,2007-8,19,21-22 Andrew G\. Morgan <morgan@kernel\.org>\]\n"),
    re.compile(rb"(?m)^(.*) capsh-ng is free software \(BSD-3-Clause\); read the LICENSE "
               rb"file\.\n\[Copyright \(c\) 2026 The capsh-ng authors\]\n"),
]


class CaseFileError(Exception):
    pass


class Case:
    def __init__(self, path, lineno, tags, cmd):
        self.path = path
        self.lineno = lineno
        self.tags = tags
        self.cmd = cmd

    @property
    def where(self):
        return "%s:%d" % (os.path.relpath(self.path), self.lineno)


class RunResult:
    def __init__(self, rc, out, err, timed_out):
        self.rc = rc
        self.out = out
        self.err = err
        self.timed_out = timed_out


def parse_case_file(path):
    cases = []
    with open(path, encoding="utf-8") as f:
        for lineno, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            tags = set()
            m = TAG_RE.match(line)
            if m:
                tags = {t.strip() for t in m.group(1).split(",") if t.strip()}
                unknown = tags - KNOWN_TAGS
                if unknown:
                    raise CaseFileError("%s:%d: unknown tag(s) %s"
                                        % (path, lineno, ",".join(sorted(unknown))))
                line = line[m.end():]
            if not line.strip():
                raise CaseFileError("%s:%d: empty command" % (path, lineno))
            cases.append(Case(path, lineno, tags, line))
    return cases


class Side:
    """One side of the comparison: its bin dir and extra environment."""

    def __init__(self, name, bindir, extra_env):
        self.name = name
        self.bindir = bindir
        self.extra_env = extra_env


class Runner:
    def __init__(self, args):
        self.args = args
        self.root = tempfile.mkdtemp(prefix="capsh-diff-")
        os.chmod(self.root, 0o755)
        self.root_real = os.path.realpath(self.root)
        self.emptydir = os.path.join(self.root, "empty")
        os.mkdir(self.emptydir)
        os.chmod(self.emptydir, 0o755)
        self.runs = os.path.join(self.root, "runs")
        os.mkdir(self.runs)
        os.chmod(self.runs, 0o755)
        ours = os.path.abspath(args.ours)
        ours_getpcaps = os.path.abspath(args.ours_getpcaps)
        unbuffered = {"LD_PRELOAD": STDBUF_LIB, "_STDBUF_O": "0"}
        same_binary = os.path.realpath(ours) == os.path.realpath(REF_CAPSH)
        self.ours_unbuffered = args.ours_unbuffered or same_binary
        self.sides = [
            self._make_side("ref", REF_CAPSH, REF_GETPCAPS, unbuffered),
            self._make_side("ng", ours, ours_getpcaps,
                            unbuffered if self.ours_unbuffered else {}),
        ]
        self.base_path = os.environ.get("PATH", "/usr/sbin:/usr/bin:/sbin:/bin")

    def _make_side(self, name, capsh, getpcaps, extra_env):
        bindir = os.path.join(self.root, name)
        os.mkdir(bindir)
        os.chmod(bindir, 0o755)
        os.symlink(capsh, os.path.join(bindir, "capsh"))
        os.symlink(getpcaps, os.path.join(bindir, "getpcaps"))
        return Side(name, bindir, extra_env)

    def cleanup(self):
        shutil.rmtree(self.root, ignore_errors=True)

    def run_side(self, case_index, side, cmd):
        rundir = os.path.join(self.runs, "%05d-%s" % (case_index, side.name))
        scratch = os.path.join(rundir, "scratch")
        cwd = os.path.join(rundir, "cwd")
        os.mkdir(rundir)
        os.chmod(rundir, 0o755)
        os.mkdir(scratch)
        os.chmod(scratch, 0o777)
        os.mkdir(cwd)
        os.chmod(cwd, 0o755)
        env = dict(os.environ)
        for name in SCRUBBED_ENV:
            env.pop(name, None)
        env.update(side.extra_env)
        env["PATH"] = side.bindir + ":" + self.base_path
        env["CAPSH"] = os.path.join(side.bindir, "capsh")
        env["GETPCAPS"] = os.path.join(side.bindir, "getpcaps")
        env["EMPTYDIR"] = self.emptydir
        env["SCRATCH"] = scratch
        if self.args.userns:
            argv = ["unshare", "-Ur", "bash", "-c", cmd]
        else:
            argv = ["bash", "-c", cmd]
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                cwd=cwd, env=env, start_new_session=True)
        timed_out = False
        try:
            out, err = proc.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            timed_out = True
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            out, err = proc.communicate()
        # Background leftovers of the case (e.g. a --forkfor sleeper whose
        # parent exec'd away) are in the same process group: end them.
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        subst = [
            (scratch, "$SCRATCH"),
            (cwd, "$CWD"),
            (side.bindir, "$BIN"),
            (self.emptydir, "$EMPTYDIR"),
        ]
        out = self.normalise(out, subst)
        err = self.normalise(err, subst)
        shutil.rmtree(rundir, ignore_errors=True)
        return RunResult(proc.returncode, out, err, timed_out)

    def normalise(self, data, subst):
        pairs = []
        for path, name in subst:
            pairs.append((path, name))
            real = os.path.realpath(path)
            if real != path:
                pairs.append((real, name))
        pairs.append((self.root, "$TMP"))
        if self.root_real != self.root:
            pairs.append((self.root_real, "$TMP"))
        for path, name in pairs:
            data = data.replace(path.encode(), name.encode())
        data = PID_LINE_RE.sub(b"<PID>:", data)
        data = PID_EQ_RE.sub(b"PID=<PID>", data)
        data = CAPS_FOR_RE.sub(b"Capabilities for '<PID>'", data)
        data = LEGACY_RE.sub(b"`<PID>'", data)
        for license_re in LICENSE_RES:
            data = license_re.sub(rb"\1 <license notice>\n", data)
        return data


def headers_only(data):
    lines = data.splitlines(keepends=True)
    return b"".join(l for l in lines if not l.startswith(b"    "))


def visible(line):
    """Render one line (bytes, maybe with '\\n') for a diff listing."""
    has_nl = line.endswith(b"\n")
    if has_nl:
        line = line[:-1]
    text = line.decode("utf-8", errors="backslashreplace")
    text = "".join(c if (c.isprintable() or c == " ") else
                   "\\x%02x" % ord(c) if ord(c) < 256 else c for c in text)
    stripped = text.rstrip(" ")
    text = stripped + "\u00b7" * (len(text) - len(stripped))
    if not has_nl:
        text += "\u23ce(no final newline)"
    return text


def stream_diff(name, ref, ng):
    a = [visible(l) for l in ref.splitlines(keepends=True)]
    b = [visible(l) for l in ng.splitlines(keepends=True)]
    lines = list(difflib.unified_diff(a, b, fromfile="ref " + name,
                                      tofile="ng " + name, lineterm="", n=2))
    if len(lines) > MAX_DIFF_LINES:
        extra = len(lines) - MAX_DIFF_LINES
        lines = lines[:MAX_DIFF_LINES] + ["... (%d more diff lines)" % extra]
    return ["    " + l for l in lines]


def compare(case, ref, ng):
    """Return a list of report lines; empty means the case passed."""
    report = []
    for side, res in (("ref", ref), ("ng", ng)):
        if res.timed_out:
            report.append("    %s side timed out after %d s" % (side, TIMEOUT))
    ref_out, ng_out = ref.out, ng.out
    if "headers" in case.tags:
        ref_out, ng_out = headers_only(ref_out), headers_only(ng_out)
    if ref_out != ng_out:
        report.extend(stream_diff("stdout", ref_out, ng_out))
    if ref.err != ng.err:
        report.extend(stream_diff("stderr", ref.err, ng.err))
    if ref.rc != ng.rc:
        report.append("    exit status: ref %s, ng %s" % (ref.rc, ng.rc))
    return report


def show(case, res):
    print("---- %s" % case.where)
    print("$ " + case.cmd)
    for name, data in (("stdout", res.out), ("stderr", res.err)):
        if data:
            print("[%s]" % name)
            for line in data.splitlines(keepends=True):
                print(visible(line))
    print("[exit %s]%s" % (res.rc, " (timed out)" if res.timed_out else ""))


def skip_reason(case, args):
    """(reason, feature) or None; feature None: written for the other mode, not a skip."""
    if args.userns:
        if "root" in case.tags:
            return ("needs real root outside a user namespace (--userns mode)", None)
        if testenv.missing("userns"):
            return (testenv.missing("userns"), "userns")
    else:
        if "userns" in case.tags:
            return ("only meaningful with --userns", None)
        if "root" in case.tags and testenv.missing("root"):
            return (testenv.missing("root"), "root")
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ours", required=True, help="capsh binary under test")
    ap.add_argument("--ours-getpcaps", default=REF_GETPCAPS,
                    help="getpcaps under test (default: %(default)s)")
    ap.add_argument("--userns", action="store_true",
                    help="run every case inside `unshare -Ur`")
    ap.add_argument("--label", help="label of the summary line")
    ap.add_argument("-k", dest="substr", action="append", default=[],
                    help="only cases whose command or file:line contains this")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--ours-unbuffered", action="store_true",
                    help="also run the tested side under stdbuf -o0 "
                         "(automatic when --ours is the reference binary)")
    ap.add_argument("--show", action="store_true",
                    help="print the reference side's normalised output of "
                         "every case that ran (for writing cases)")
    ap.add_argument("casefiles", nargs="+")
    args = ap.parse_args()
    label = args.label or ("userns" if args.userns else "root")

    for path in (args.ours, args.ours_getpcaps, REF_CAPSH, REF_GETPCAPS):
        if not os.access(path, os.X_OK):
            print("error: %s is not executable" % path)
            print("diff-%s: 0 passed, 1 failed, 0 skipped" % label)
            return 1

    cases = []
    try:
        for path in args.casefiles:
            cases.extend(parse_case_file(path))
    except (OSError, UnicodeDecodeError, CaseFileError) as e:
        print("error: %s" % e)
        print("diff-%s: 0 passed, 1 failed, 0 skipped" % label)
        return 1
    if args.substr:
        cases = [c for c in cases
                 if any(s in c.cmd or s in c.where for s in args.substr)]

    runner = Runner(args)
    if runner.ours_unbuffered:
        print("note: tested side also runs with stdout unbuffered (stdbuf -o0)")
    passed = failed = skipped = other_mode = 0
    start = time.monotonic()
    try:
        def job(i, case):
            ref = runner.run_side(i, runner.sides[0], case.cmd)
            ng = runner.run_side(i, runner.sides[1], case.cmd)
            return ref, ng

        with concurrent.futures.ThreadPoolExecutor(WORKERS) as pool:
            futures = []
            for i, case in enumerate(cases):
                reason = skip_reason(case, args)
                if reason is None:
                    futures.append((case, None, pool.submit(job, i, case)))
                else:
                    futures.append((case, reason, None))
            for case, reason, fut in futures:
                if reason is not None:
                    text, feature = reason
                    if feature is None:
                        # Written for the other mode (root or userns): not a skip here.
                        other_mode += 1
                        if args.verbose:
                            print("n/a  %s: %s" % (case.where, text))
                        continue
                    if testenv.skip_is_failure(feature):
                        failed += 1
                        print("FAIL %s (skip not allowed: CAPSH_NG_NO_SKIP=1): %s"
                              % (case.where, text))
                        print("    $ " + case.cmd)
                    else:
                        skipped += 1
                        print("SKIP %s: %s" % (case.where, text))
                        if args.verbose:
                            print("    $ " + case.cmd)
                    continue
                ref, ng = fut.result()
                if args.show:
                    show(case, ref)
                report = compare(case, ref, ng)
                if report:
                    failed += 1
                    print("FAIL %s" % case.where)
                    print("    $ " + case.cmd)
                    for line in report:
                        print(line)
                else:
                    passed += 1
                    if args.verbose:
                        print("ok   %s  (exit %s)" % (case.where, ref.rc))
                        print("    $ " + case.cmd)
                sys.stdout.flush()
    finally:
        runner.cleanup()
    elapsed = time.monotonic() - start
    print("time: %.1f s for %d cases (%d written for the other mode)"
          % (elapsed, len(cases), other_mode))
    print("diff-%s: %d passed, %d failed, %d skipped"
          % (label, passed, failed, skipped))
    return testenv.exit_status(passed, failed, skipped)


if __name__ == "__main__":
    sys.exit(main())
