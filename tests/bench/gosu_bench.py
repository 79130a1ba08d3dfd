#!/usr/bin/env python3
"""What `gosu-ng app /bin/true` costs beside `gosu app /bin/true` (Debian's gosu), or
`su-exec-ng app /bin/true` beside su-exec's (--name su-exec, with --reference naming a su-exec
built from its source: it is not packaged in Debian).

Usage (as root, valgrind installed for the instruction counts):
  tests/bench/gosu_bench.py BUILD_DIR_OR_BINARY [--name gosu|su-exec] [--reference PATH]
                            [--user nobody] [--runs 400]

For each program: the instructions executed before execve (callgrind --dump-before=execve;
gosu is a Go program whose runtime starts threads, which callgrind also counts), and the median
wall time of a whole run up to /bin/true's exit, from a loop that alternates the programs.
A measurement, not a test.
"""
import argparse
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run_bench import instructions, resolve, wall_times  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("build")
    parser.add_argument("--name", choices=("gosu", "su-exec"), default="gosu")
    parser.add_argument("--reference", help="the original (default /usr/sbin/gosu)")
    parser.add_argument("--user", default="nobody")
    parser.add_argument("--runs", type=int, default=400)
    args = parser.parse_args()
    if os.geteuid() != 0:
        sys.exit("gosu_bench.py: run it as root (both programs switch to another user)")
    if args.reference is None:
        if args.name != "gosu":
            sys.exit("gosu_bench.py: --name su-exec needs --reference PATH (su-exec built from "
                     "its source)")
        args.reference = "/usr/sbin/gosu"
    binary, _ = resolve(args.build)
    ref_name, our_name = args.name, f"{args.name}-ng"
    with tempfile.TemporaryDirectory(prefix="gosu-bench-") as tmp:
        ours = os.path.join(tmp, our_name)
        os.symlink(os.path.abspath(binary), ours)
        line = [args.user, "/bin/true"]
        programs = {ref_name: args.reference, our_name: ours}
        walls = wall_times(list(programs.values()), line, args.runs, warmup=20, expected=0)
        have_valgrind = shutil.which("valgrind") is not None
        print(f"line: PROGRAM {' '.join(line)}  (median of {args.runs} runs, alternating)")
        print(f"{'program':10} {'instr before execve':>20} {'wall':>10}")
        rows = {}
        for name, path in programs.items():
            ir = instructions(path, line) if have_valgrind else None
            rows[name] = (ir, walls[path])
            ir_text = f"{ir:,}" if ir is not None else "n/a"
            print(f"{name:10} {ir_text:>20} {walls[path] / 1000:>8.0f}us")
        (gir, gwall), (oir, owall) = rows[ref_name], rows[our_name]
        ratio_ir = f"instructions {oir / gir:.2f}x, " if gir and oir else ""
        print(f"summary: {our_name} {ratio_ir}wall {owall / gwall:.2f}x of {ref_name}'s; "
              f"sizes: {ref_name} {os.path.getsize(args.reference):,} B, "
              f"capsh-ng {os.path.getsize(binary):,} B")


if __name__ == "__main__":
    main()
