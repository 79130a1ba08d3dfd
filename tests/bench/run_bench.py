#!/usr/bin/env python3
"""Start-up benchmark: capsh-ng against Debian's /usr/sbin/capsh on typical command lines.

Usage (as root: some lines change uid):
  tests/bench/run_bench.py [options] BUILD_OR_BINARY...

Each BUILD_OR_BINARY is a meson build directory (its src/capsh-ng is used) or an executable.
For every command line in LINES it measures, for /usr/sbin/capsh and each capsh-ng:

  instructions  instructions executed before execve (or before exit when the line runs
                nothing), counted by valgrind --tool=callgrind --dump-before=execve: the same
                on every run, whatever the machine load;
  wall          the median wall time of one run (spawn to reap), from a loop that runs the
                programs one after another, alternating, so load changes hit all of them alike;
  RSS           peak resident memory (the median of several /usr/bin/time -f %M runs);
  anon          the private (anonymous) memory at the moment of the execve or exit, from
                memory_at_exec.py (the median of several runs): what one more run costs, as
                opposed to the pages of libc and of the executable that RSS also counts and
                that every process shares from the page cache;
and the size of each executable (as installed, and stripped).

Each capsh-ng's cell ends with its instruction ratio to capsh on that line. The lines cover
every kind of outcome: steps that succeed, and a false query, an unknown capability, an
unknown user and a step the kernel refuses (each must exit with capsh's status, or the line is
reported as a mismatch). It ends with one summary line per capsh-ng: the ratios to capsh,
instructions and wall time summed over the lines, the line with the worst instruction ratio,
RSS and anon as the largest over the lines. This is a measurement, not a test: it does not
fail on a slow figure.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from memory_at_exec import memory_at_exec

REFERENCE = "/usr/sbin/capsh"
TARGET = "/bin/true"  # what the lines that exec run

# (label, arguments). Typical uses: a container entrypoint narrowing its rights, a service
# started as another user, a full lockdown, and the two read-only queries; then the outcomes
# that end with an error, as scripts that probe capabilities meet them (run as root, the
# bench's false query asks about a set root does not have).
LINES = [
    ("bounding drop + inh", [f"--shell={TARGET}", "--drop=cap_net_raw", "--inh=cap_chown", "--"]),
    ("--inh= alone", [f"--shell={TARGET}", "--inh=cap_chown", "--"]),
    ("--caps= --user=nobody",
     ["--caps=cap_setuid,cap_setgid,cap_net_bind_service=ep", "--user=nobody",
      f"--shell={TARGET}", "--"]),
    ("secbits lockdown",
     ["--keep=1", "--uid=65534", "--caps=cap_setpcap=ep", "--drop=all", "--secbits=0xef",
      "--noamb", "--caps=", f"--shell={TARGET}", "--"]),
    ("--print", ["--print"]),
    ("--decode=", ["--decode=0x3fffffffff"]),
    ("false query --has-a", ["--has-a=cap_sys_resource"]),
    ("false query --is-uid", ["--is-uid=5"]),
    ("unknown capability", ["--drop=cap_nosuch"]),
    ("unknown user", ["--user=nosuchuser"]),
    ("kernel refuses a step", ["--caps=cap_chown,cap_kill=eip", "--user=nobody"]),
]


def resolve(path):
    if os.path.isdir(path):
        return os.path.join(path, "src", "capsh-ng"), os.path.basename(os.path.normpath(path))
    return path, os.path.basename(path)


def valgrind_output():
    """A temporary directory for valgrind's files, still writable after a line changes uid."""
    out = tempfile.TemporaryDirectory(prefix="capsh-bench-")
    os.chmod(out.name, 0o1777)
    return out


def run_valgrind(tool_args, binary, args):
    subprocess.run(["valgrind", *tool_args, binary, *args], stdin=subprocess.DEVNULL,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)


def instructions(binary, args):
    """Instructions before execve (or the whole run), from callgrind."""
    with valgrind_output() as out:
        run_valgrind(["--tool=callgrind", "--dump-before=execve",
                      f"--callgrind-out-file={out}/cg.%p"], binary, args)
        dumps = sorted(os.listdir(out))
        # cg.PID.1 is the dump before execve; without an exec, cg.PID holds the whole run.
        parts = [d for d in dumps if d.count(".") == 2] or dumps
        for line in open(os.path.join(out, parts[0]), encoding="utf-8", errors="replace"):
            if line.startswith("summary:") or line.startswith("totals:"):
                return int(line.split()[1])
    raise RuntimeError(f"no callgrind totals for {binary} {' '.join(args)}")


def spawn_and_wait(argv, devnull, expected):
    start = time.perf_counter_ns()
    pid = os.posix_spawn(argv[0], argv, os.environ,
                         file_actions=[(os.POSIX_SPAWN_DUP2, devnull, 0),
                                       (os.POSIX_SPAWN_DUP2, devnull, 1),
                                       (os.POSIX_SPAWN_DUP2, devnull, 2)])
    _, status = os.waitpid(pid, 0)
    elapsed = time.perf_counter_ns() - start
    if status != expected:
        raise RuntimeError(f"{' '.join(argv)}: wait status {status}, expected {expected}")
    return elapsed


def exit_status(binary, args):
    """The wait status of one plain run (the failure lines end non-zero, as capsh does)."""
    devnull = os.open(os.devnull, os.O_RDWR)
    try:
        pid = os.posix_spawn(binary, [binary, *args], os.environ,
                             file_actions=[(os.POSIX_SPAWN_DUP2, devnull, 0),
                                           (os.POSIX_SPAWN_DUP2, devnull, 1),
                                           (os.POSIX_SPAWN_DUP2, devnull, 2)])
        return os.waitpid(pid, 0)[1]
    finally:
        os.close(devnull)


def wall_times(binaries, args, runs, warmup, expected):
    """Median wall time of each binary, in ns, measured alternately in one loop."""
    devnull = os.open(os.devnull, os.O_RDWR)
    samples = {b: [] for b in binaries}
    try:
        for n in range(warmup + runs):
            # Rotate the order too, so no binary always runs right after the same one.
            order = binaries[n % len(binaries):] + binaries[:n % len(binaries)]
            for binary in order:
                elapsed = spawn_and_wait([binary, *args], devnull, expected)
                if n >= warmup:
                    samples[binary].append(elapsed)
    finally:
        os.close(devnull)
    return {b: statistics.median(s) for b, s in samples.items()}


def peak_rss(binary, args, runs):
    """Median peak RSS in kB, as /usr/bin/time -f %M reports it."""
    values = []
    with tempfile.NamedTemporaryFile(prefix="capsh-bench-rss-") as out:
        for _ in range(runs):
            subprocess.run(["/usr/bin/time", "-f", "%M", "-o", out.name, binary, *args],
                           stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, check=False)
            values.append(int(open(out.name).read().split()[-1]))
    return statistics.median(values)


def anonymous_at_exec(binary, args, runs):
    """Median anonymous kB at the execve (or exit): the stack's top page varies with ASLR."""
    return int(statistics.median(memory_at_exec(binary, args)["Anonymous"] for _ in range(runs)))


def cell(ir, wall_ns, rss, anon, ir_ratio=""):
    """One program's figures in a row of the table (capsh-ng's with its instruction ratio)."""
    return f"{ir:>12,} {wall_ns / 1000:7.0f}us {rss:>8,} {anon:>7,} {ir_ratio:>6}".rjust(47)


def stripped_size(binary):
    with tempfile.NamedTemporaryFile(prefix="capsh-bench-strip-") as out:
        subprocess.run(["strip", "-o", out.name, binary], check=True)
        return os.path.getsize(out.name)


def ratio(ours, theirs):
    return f"{ours / theirs:.2f}x" if theirs else "n/a"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("builds", nargs="+", metavar="BUILD_OR_BINARY")
    parser.add_argument("--reference", default=REFERENCE)
    parser.add_argument("--runs", type=int, default=300, help="timed runs per line and binary")
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--rss-runs", type=int, default=21)
    parser.add_argument("--anon-runs", type=int, default=9)
    parser.add_argument("--no-wall", action="store_true", help="skip the wall-time loop")
    parser.add_argument("--instructions-only", action="store_true",
                        help="count instructions only (no wall time, RSS or anon)")
    args = parser.parse_args()
    if args.instructions_only:
        args.no_wall = True

    if os.geteuid() != 0:
        sys.exit("run_bench.py: run as root (the --user and --uid lines change uid)")
    for tool in ("valgrind", "/usr/bin/time", "strip"):
        if not shutil.which(tool):
            sys.exit(f"run_bench.py: {tool} not found (apt-get install valgrind time binutils)")

    ours = [resolve(b) for b in args.builds]
    for binary, _ in ours:
        if not os.access(binary, os.X_OK):
            sys.exit(f"run_bench.py: {binary} is not an executable")
    binaries = [args.reference] + [b for b, _ in ours]
    labels = {args.reference: "capsh"} | {b: label for b, label in ours}

    totals = {b: {"ir": 0, "wall": 0.0, "rss": 0, "anon": 0} for b in binaries}
    worst = {b: ("", 0.0) for b, _ in ours}  # the line with the highest instruction ratio
    header = f"{'line':24}" + "".join(f"{labels[b]:>47}" for b in binaries)
    print(header)
    print(f"{'':24}" + f"{'instr      wall    RSS kB anon kB  ratio':>47}" * len(binaries))
    for label, line_args in LINES:
        expected = exit_status(args.reference, line_args)
        mismatched = [labels[b] for b in binaries if exit_status(b, line_args) != expected]
        irs = {b: instructions(b, line_args) for b in binaries}
        walls = ({b: 0 for b in binaries} if args.no_wall else
                 wall_times(binaries, line_args, args.runs, args.warmup, expected))
        rss = ({b: 0 for b in binaries} if args.instructions_only else
               {b: peak_rss(b, line_args, args.rss_runs) for b in binaries})
        anon = ({b: 0 for b in binaries} if args.instructions_only else
                {b: anonymous_at_exec(b, line_args, args.anon_runs) for b in binaries})
        cells = []
        for b in binaries:
            totals[b]["ir"] += irs[b]
            totals[b]["wall"] += walls[b]
            totals[b]["rss"] = max(totals[b]["rss"], rss[b])
            totals[b]["anon"] = max(totals[b]["anon"], anon[b])
            line_ratio = ""
            if b != args.reference:
                line_ratio = ratio(irs[b], irs[args.reference])
                if irs[b] / irs[args.reference] > worst[b][1]:
                    worst[b] = (label, irs[b] / irs[args.reference])
            cells.append(cell(irs[b], walls[b], rss[b], anon[b], line_ratio))
        note = f"  exit status differs: {', '.join(mismatched)}" if mismatched else ""
        print(f"{label:24}" + "".join(cells) + note, flush=True)

    ref = totals[args.reference]
    ref_size = os.path.getsize(args.reference)
    print(f"{'total':24}" + "".join(
        cell(t["ir"], t["wall"], t["rss"], t["anon"],
             "" if b == args.reference else ratio(t["ir"], ref["ir"]))
        for b, t in totals.items()))
    print(f"sizes: capsh {ref_size:,} B (links libcap and libpsx)" + "".join(
        f"; {labels[b]} {os.path.getsize(b):,} B, stripped {stripped_size(b):,} B"
        for b, _ in ours))
    for binary, label in ours:
        t = totals[binary]
        wall = "not measured" if args.no_wall else ratio(t["wall"], ref["wall"])
        memory = ("" if args.instructions_only else
                  f", peak RSS {ratio(t['rss'], ref['rss'])} ({t['rss']:,} / {ref['rss']:,} kB)"
                  f", anon {ratio(t['anon'], ref['anon'])} ({t['anon']:,} / {ref['anon']:,} kB)")
        print(f"summary {label}: instructions {ratio(t['ir'], ref['ir'])} of capsh's "
              f"({t['ir']:,} / {ref['ir']:,}), worst line '{worst[binary][0]}' "
              f"{worst[binary][1]:.2f}x, wall {wall}{memory}, "
              f"size {os.path.getsize(binary):,} B (stripped {stripped_size(binary):,})")

if __name__ == "__main__":
    main()
