#!/usr/bin/env python3
"""Pages of its own executable that each program really touches on the benchmark's lines.

Usage (as root, like run_bench.py):
  tests/bench/touched_pages.py BUILD_OR_BINARY...

Peak RSS counts more than the pages a program touches: on a read fault the kernel also maps
the pages around it that are already in the page cache (fault-around, up to a 64 kB aligned
block, clipped to the mapping). This script shows the part a program's own code and data
decide: valgrind's lackey tool traces every instruction fetch and data access before execve,
and the script counts the distinct 4 kB pages of the main executable, per load segment, next
to each segment's mapped size. The sum is the floor that no ordering of the code can go below;
the gap to the mapped size is what fault-around can add.

A measurement for the README's benchmark notes, not a test. It needs valgrind.
"""

import os
import re
import subprocess
import sys

from run_bench import LINES, REFERENCE, resolve, run_valgrind, valgrind_output

PAGE = 4096
# Where valgrind loads a position-independent main executable on x86-64 (checked below: the
# entry point must be among the traced instruction addresses); a static build is not PIE.
VALGRIND_PIE_BASE = 0x108000
ACCESS = re.compile(r"^ ?[ILSM] +([0-9a-f]+),")


def load_segments(binary):
    """Load address, entry point and (name, first page, last page) of each PT_LOAD segment."""
    out = subprocess.run(["readelf", "-hlW", binary], capture_output=True, text=True,
                         check=True).stdout
    entry = int(re.search(r"Entry point address: +(0x[0-9a-f]+)", out).group(1), 16)
    base = VALGRIND_PIE_BASE if re.search(r"Type: +DYN", out) else 0
    segments = []
    for line in out.splitlines():
        fields = line.split()
        if fields[:1] != ["LOAD"]:
            continue
        vaddr, memsz = int(fields[2], 16), int(fields[5], 16)
        flags = " ".join(fields[6:-1])
        # The first read-only segment holds the ELF headers and the loader's tables.
        names = {"R": "rodata" if segments else "headers", "R E": "text", "RW": "data"}
        name = names.get(flags, flags)
        segments.append((name, vaddr // PAGE, (vaddr + memsz - 1) // PAGE))
    return base, entry, segments


def touched(binary, args, base, last_page):
    """Pages (relative to the load address) of the executable accessed before execve."""
    with valgrind_output() as out:
        run_valgrind(["--tool=lackey", "--trace-mem=yes", f"--log-file={out}/trace.%p"],
                     binary, args)
        pages = set()
        # The first trace is the program's own: lackey stops tracing at execve.
        first = sorted(os.listdir(out), key=lambda n: int(n.split(".")[1]))[0]
        with open(os.path.join(out, first), encoding="ascii", errors="replace") as trace:
            for line in trace:
                match = ACCESS.match(line)
                if match:
                    page = (int(match.group(1), 16) - base) // PAGE
                    if 0 <= page <= last_page:
                        pages.add(page)
        return pages


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__.split("\n\n")[1])
    if os.geteuid() != 0:
        sys.exit("touched_pages.py: run as root (the --user and --uid lines change uid)")
    binaries = [(REFERENCE, "capsh")] + [resolve(b) for b in sys.argv[1:]]
    for binary, label in binaries:
        base, entry, segments = load_segments(binary)
        last_page = segments[-1][2]
        print(f"{label} ({binary}): 4 kB pages touched of each segment's mapped pages")
        for line_label, args in LINES:
            pages = touched(binary, args, base, last_page)
            if entry // PAGE not in pages:
                sys.exit(f"touched_pages.py: {binary} was not traced at the expected address")
            cells = []
            for name, first, last in segments:
                hit = sum(1 for p in pages if first <= p <= last)
                cells.append(f"{name} {hit * 4}/{(last - first + 1) * 4}")
            print(f"  {line_label:24} {len(pages) * 4:4} kB  ({', '.join(cells)} kB)")


if __name__ == "__main__":
    main()
