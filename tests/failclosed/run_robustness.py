#!/usr/bin/env python3
"""Robustness: hostile command lines and standard streams, capsh-ng against capsh.

Usage: run_robustness.py --capsh PATH [-v] [-k SUBSTRING]

Each case runs once with /usr/sbin/capsh and once with capsh-ng, both invoked
as `capsh` from a bin dir first in PATH, in fresh directories, the
reference with stdout unbuffered (stdbuf's preload, as in the differential
suite). Cases:

  * overlong arguments: single arguments at the kernel's limit of 128 KiB,
    and lines of several megabytes in all (with a larger stack limit, which
    is what lets execve take them);
  * thousands of arguments, before and after a terminator;
  * arguments with embedded newlines and invalid UTF-8;
  * closed standard streams: stdin, stdout, stderr, all three (`<&-`,
    `>&-`, `2>&-`);
  * a closed pipe on stdout (SIGPIPE, and EPIPE with SIGPIPE ignored), and
    `capsh --print | head -c1` with much more output than a pipe holds.

Checks, for every case: neither side hangs (20 s); capsh-ng is not killed
by a signal unless capsh is killed by the same one; and capsh-ng's exit
status, stdout, stderr, and whether its target (`touch MARKER`) ran, equal
capsh's. On a closed pipe, where SIGPIPE strikes depends on buffering:
capsh-ng buffers stdout like capsh and flushes it before every exec and fork
(D1), so there it must equal capsh run either unbuffered or buffered. Runs as any user: where a step needs privilege that the user lacks,
both sides fail it alike.

The last line is `robustness: N passed, N failed`.
"""

import argparse
import os
import resource
import shlex
import shutil
import subprocess
import sys
import tempfile

from failclosed_common import capsh_dirs

REF_CAPSH = "/usr/sbin/capsh"
STDBUF_LIB = "/usr/libexec/coreutils/libstdbuf.so"
TOUCH = "/usr/bin/touch"
TIMEOUT = 20
MAX_ARG = 131071  # MAX_ARG_STRLEN less the NUL
STACK = 64 << 20  # lets execve take up to 16 MiB of arguments

TARGET = ["--shell=" + TOUCH, "--", "MARKER"]


def fill(prefix, unit, suffix=""):
    """prefix + unit repeated + suffix, as long as one argument may be."""
    room = MAX_ARG - len(prefix) - len(suffix)
    return prefix + (unit * (room // len(unit) + 1))[:room] + suffix


def case(name, args, streams="pipes"):
    return {"name": name, "args": args, "streams": streams}


def overlong_cases():
    items = ",".join(["cap_chown"] * 13000)
    return [
        case("overlong --drop name", [fill("--drop=", "x")] + TARGET),
        case("overlong --decode number", [fill("--decode=", "0", "1")] + TARGET),
        case("overlong --supports name", [fill("--supports=", "cap_chown")] + TARGET),
        case("overlong --iab list", ["--iab=" + items] + TARGET),
        case("overlong --inh list", ["--inh=" + items] + TARGET),
        case("overlong --caps whitespace", [fill("--caps=", " ", "cap_chown=ep")] + TARGET),
        case("overlong --caps clause list", ["--caps=" + items + "=ep"] + TARGET),
        case("overlong --user name", [fill("--user=", "u")] + TARGET),
        case("overlong --explain name", [fill("--explain=", "A")] + TARGET),
        case("overlong --shell path", [fill("--shell=", "/", "usr/bin/touch"), "--", "MARKER"]),
        case("overlong --is-uid number", [fill("--is-uid=", "0")] + TARGET),
        case("overlong --groups list", ["--groups=" + ",".join(["0"] * 60000)] + TARGET),
        case("overlong unknown option", [fill("--", "z")] + TARGET),
        case("5 MiB of --decode arguments", [fill("--decode=", "0", str(n)) for n in range(40)]
             + TARGET),
        case("4 MiB of arguments for the target",
             ["--shell=/bin/true", "--"] + [fill("", "a")] * 32),
        case("4 MiB of arguments for == then the target",
             ["=="] + [fill("--decode=", "0", "7")] * 32 + TARGET),
    ]


def many_cases():
    return [
        case("20000 x --quiet", ["--quiet"] * 20000 + TARGET),
        case("20000 x --has-b then a fault", ["--has-b=cap_chown"] * 20000
             + ["--has-b=bogus"] + TARGET),
        case("5000 x --decode", ["--decode=%d" % n for n in range(5000)] + TARGET),
        case("50000 arguments for the target", ["--shell=/bin/true", "--"] + ["x"] * 50000),
        case("3000 x --print", ["--print"] * 3000),
    ]


def text_cases():
    lines = [
        ["--drop=cap_chown\ncap_kill"], ["--drop=\ncap_chown"], ["--user=no\nbody"],
        ["--shell=" + TOUCH + "\n", "--", "MARKER"], ["--caps=cap_chown=ep\n"],
        ["--caps=cap_chown\n=ep"], ["--iab=cap_chown\n"], ["--explain=\n"], ["--decode=\n12"],
        ["--is-uid=0\n"], ["--inmode=HYBRID\n"], ["--mode=\nHYBRID"], ["--supports=\n"],
        ["--print\n"], ["--\n"], ["--groups=0\n"], ["--secbits=\n0"],
        ["--drop=\xff\xfe"], ["--supports=\xc3\x28"], ["--user=\xff"], ["--groups=\xff"],
        ["--inmode=\xff"], ["--mode=\xc0\x80"], ["--caps=cap_chown=e\xffp"], ["--iab=\xc3\x28"],
        ["--explain=\xe2\x82"], ["--has-p=\xf0\x9f\x98"], ["--\xff"], ["\xff"],
        ["--shell=/usr/bin/\xff", "--", "MARKER"], ["--chroot=/\xff"], ["--keep=1\xff"],
        ["--decode=\xff"],
    ]
    cases = []
    for n, line in enumerate(lines):
        args = line if "MARKER" in line else line + TARGET
        cases.append(case("odd text %d: %s" % (n, shlex.quote(line[0])), args))
    cases.append(case("newline and invalid UTF-8 in target arguments",
                      ["--shell=/usr/bin/printf", "--", "%s|", "a\nb", "\xff\xfe", "\n"]))
    return cases


STREAM_LINES = [
    ["--print"],
    ["--decode=1"] + TARGET,
    ["--drop=bogus"] + TARGET,
    ["--print", "--caps=bogus"],
    ["--foo"],
    ["--print", "-+", "-c", "echo child; echo err >&2"],
    ["--print", "=+", "--decode=1"],
    ["--print", "==", "--print"] + TARGET,
    ["--has-p=cap_chown", "--print"] + TARGET,
    ["--forkfor=1", "--killit=9", "--print"],
]


def stream_cases():
    cases = []
    for streams in ("stdin-closed", "stdout-closed", "stderr-closed", "all-closed",
                    "stdout-broken-pipe", "stdout-broken-pipe-ignored"):
        for line in STREAM_LINES:
            cases.append(case("%s: %s" % (streams, " ".join(line)), line, streams))
    # Far more output than a pipe holds, so that both sides meet the closed pipe whatever the
    # timing (with a short output, whether head exits before the last write is a race).
    for line in (["--print"] * 3000, ["--decode=1"] * 20000 + TARGET):
        cases.append(case("| head -c1: %s x %d" % (line[0], len(line)), line, "head"))
    return cases


# bash wrappers: the command line is "$@" (capsh first), bytes passed through untouched.
WRAPPERS = {
    "pipes": 'exec "$@"',
    "stdin-closed": 'exec "$@" <&-',
    "stdout-closed": 'exec "$@" >&-',
    "stderr-closed": 'exec "$@" 2>&-',
    "all-closed": 'exec "$@" <&- >&- 2>&-',
    "stdout-broken-pipe": 'exec "$@"',
    "stdout-broken-pipe-ignored": 'trap "" PIPE; exec "$@"',
    "head": '"$@" | head -c1; echo " status ${PIPESTATUS[0]}"',
}


def raise_stack_limit():
    soft, hard = resource.getrlimit(resource.RLIMIT_STACK)
    want = STACK if hard == resource.RLIM_INFINITY else min(STACK, hard)
    if soft != resource.RLIM_INFINITY and soft < want:
        resource.setrlimit(resource.RLIMIT_STACK, (want, hard))


class Runner:
    def __init__(self, capsh):
        self.root = tempfile.mkdtemp(prefix="capsh-robustness-")
        os.chmod(self.root, 0o755)
        self.bins = capsh_dirs(self.root, REF_CAPSH, capsh)
        self.base_path = os.environ.get("PATH", "/usr/sbin:/usr/bin:/sbin:/bin")
        self.count = 0

    def cleanup(self):
        shutil.rmtree(self.root, ignore_errors=True)

    def run(self, side, c, buffered=False):
        """(status, stdout, stderr, marker created); status "timeout" or -SIGNAL."""
        self.count += 1
        cwd = os.path.join(self.root, "%04d-%s" % (self.count, side))
        os.mkdir(cwd)
        os.chmod(cwd, 0o777)
        marker = os.path.join(cwd, "MARKER")
        env = dict(os.environ)
        for name in ("LD_PRELOAD", "_STDBUF_O", "CAPSH_NG_HINTS"):
            env.pop(name, None)
        if side == "ref" and not buffered:
            env.update({"LD_PRELOAD": STDBUF_LIB, "_STDBUF_O": "0"})
        env["PATH"] = self.bins[side] + ":" + self.base_path
        args = [(marker if a == "MARKER" else a).encode("latin-1") for a in c["args"]]
        argv = [b"/bin/bash", b"-c", WRAPPERS[c["streams"]].encode(), b"bash", b"capsh"] + args
        stdout = subprocess.PIPE
        broken = None
        if c["streams"].startswith("stdout-broken-pipe"):
            read_end, broken = os.pipe()
            os.close(read_end)
            stdout = broken
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL,
                                    stdout=out if stdout == subprocess.PIPE else stdout,
                                    stderr=err, cwd=cwd, env=env, start_new_session=True,
                                    preexec_fn=raise_stack_limit)
            if broken is not None:
                os.close(broken)
            try:
                status = proc.wait(timeout=TIMEOUT)
            except subprocess.TimeoutExpired:
                status = "timeout"
            try:
                os.killpg(proc.pid, 9)
            except (ProcessLookupError, PermissionError):
                pass
            if status == "timeout":
                proc.wait()
            out.seek(0)
            err.seek(0)
            outs, errs = out.read(), err.read()
        ran = os.path.lexists(marker)
        shutil.rmtree(cwd, ignore_errors=True)
        outs = outs.replace(cwd.encode(), b"$CWD")
        errs = errs.replace(cwd.encode(), b"$CWD")
        return status, outs, errs, ran


def short(data):
    return repr(data if len(data) <= 300 else data[:150] + b" ... " + data[-150:])


def check(runner, c):
    ref = runner.run("ref", c)
    ng = runner.run("ng", c)
    if ng != ref and c["streams"].startswith("stdout-broken-pipe"):
        buffered = runner.run("ref", c, buffered=True)
        if ng == buffered:
            ref = buffered
    problems = []
    if "timeout" in (ref[0], ng[0]):
        problems.append("timed out after %d s: capsh %s, capsh-ng %s" % (TIMEOUT, ref[0], ng[0]))
    if isinstance(ng[0], int) and ng[0] < 0 and ng[0] != ref[0]:
        problems.append("capsh-ng was killed by signal %d" % -ng[0])
    if ng[0] != ref[0]:
        problems.append("exit status: capsh %s, capsh-ng %s" % (ref[0], ng[0]))
    if ng[3] != ref[3]:
        problems.append("target: capsh's %s, capsh-ng's %s"
                        % ("ran" if ref[3] else "did not run", "ran" if ng[3] else "did not run"))
    if ng[1] != ref[1]:
        problems.append("stdout differs:\n      capsh:    %s\n      capsh-ng: %s"
                        % (short(ref[1]), short(ng[1])))
    if ng[2] != ref[2]:
        problems.append("stderr differs:\n      capsh:    %s\n      capsh-ng: %s"
                        % (short(ref[2]), short(ng[2])))
    return problems, ref


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--capsh", required=True, help="capsh-ng binary under test")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("-k", dest="substr", action="append", default=[],
                    help="only cases whose name contains this")
    args = ap.parse_args()
    for path in (args.capsh, REF_CAPSH):
        if not os.access(path, os.X_OK):
            print("error: %s is not executable" % path)
            print("robustness: 0 passed, 1 failed")
            return 1
    cases = overlong_cases() + many_cases() + text_cases() + stream_cases()
    cases = [c for c in cases if not args.substr or any(s in c["name"] for s in args.substr)]
    runner = Runner(args.capsh)
    passed = failed = 0
    try:
        for c in cases:
            problems, ref = check(runner, c)
            if problems:
                failed += 1
                print("FAIL " + c["name"])
                for p in problems:
                    print("    " + p)
            else:
                passed += 1
                if args.verbose:
                    print("ok   %s (exit %s, target %s)"
                          % (c["name"], ref[0], "ran" if ref[3] else "did not run"))
            sys.stdout.flush()
    finally:
        runner.cleanup()
    print("robustness: %d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
