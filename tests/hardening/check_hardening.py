#!/usr/bin/env python3
"""Reads the built executable (readelf, objdump) and fails when a hardening property is lost.

  pie          ELF type DYN: position-independent, so its addresses are randomised; a dynamic
               build has DT_FLAGS_1 PIE, a -Dstatic=true build is static-pie (no program
               interpreter, no DT_NEEDED)
  relro        a PT_GNU_RELRO segment (the relocated data is read-only after start-up)
  bind-now     DT_FLAGS BIND_NOW or DT_FLAGS_1 NOW: every symbol resolved before main, so the
               whole GOT is under RELRO ("full RELRO")
  stack        functions of capsh-ng's own code (namespace capsh) call __stack_chk_fail: they
               were compiled with a stack protector
  fortify      capsh-ng's own code calls fortified libc functions (__*_chk): _FORTIFY_SOURCE
  cet          x86-64 only (-fcf-protection): the GNU property note says IBT and SHSTK, or,
               where the C library's start files carry no such note (the linker then drops it
               from every program, as on Debian 12), capsh-ng's own functions begin with endbr64

The stack, fortify and cet checks look at capsh-ng's functions only: statically linked libc,
libstdc++ and libcap-ng code is compiled however its distribution compiled it.

Run: check_hardening.py --capsh build/src/capsh-ng [--static]. Last line:
`hardening: N passed, N failed, N skipped`; a check that cannot run here is skipped (exit 77
when nothing ran), and CAPSH_NG_NO_SKIP=1 turns a skip into a failure.
"""
import argparse
import os
import platform
import re
import shutil
import subprocess
import sys

OURS = re.compile(r"^[0-9a-f]+ <(?:.*[^\w])?capsh::")  # a function of namespace capsh


def tool(*argv):
    return subprocess.run(list(argv), capture_output=True, text=True, check=True).stdout


class Checks:
    def __init__(self):
        self.passed = self.failed = self.skipped = 0

    def check(self, name, ok, detail):
        print(f"{'ok  ' if ok else 'FAIL'}  {name}: {detail}")
        if ok:
            self.passed += 1
        else:
            self.failed += 1

    def skip(self, name, reason):
        print(f"skip  {name}: {reason}")
        if os.environ.get("CAPSH_NG_NO_SKIP") == "1":
            print(f"      (CAPSH_NG_NO_SKIP=1: a skip is a failure)")
            self.failed += 1
        else:
            self.skipped += 1


def functions(disassembly):
    """{function header line: [instruction lines]} of capsh-ng's own functions."""
    ours = {}
    current = None
    for line in disassembly.splitlines():
        if re.match(r"^[0-9a-f]+ <.*>:$", line):
            current = line if OURS.match(line) else None
            if current:
                ours[current] = []
        elif current and "\t" in line:
            ours[current].append(line)
    return ours


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--capsh", required=True, help="the built capsh-ng executable")
    parser.add_argument("--static", action="store_true", help="a -Dstatic=true build")
    args = parser.parse_args()
    checks = Checks()

    if not shutil.which("readelf") or not shutil.which("objdump"):
        checks.skip("all", "readelf and objdump (binutils) are needed")
        return finish(checks)
    header = tool("readelf", "-hW", args.capsh)
    segments = tool("readelf", "-lW", args.capsh)
    dynamic = tool("readelf", "-dW", args.capsh)
    elf_type = re.search(r"Type:\s+(\w+)", header).group(1)
    interp = "INTERP" in segments
    needed = re.findall(r"\(NEEDED\).*\[(.*)\]", dynamic)
    flags = " ".join(re.findall(r"\(FLAGS(?:_1)?\)\s+(.*)", dynamic))

    if args.static:
        checks.check("pie", elf_type == "DYN" and not interp and not needed,
                     f"ELF type {elf_type}, interpreter {'yes' if interp else 'none'}, "
                     f"needed {needed or 'none'} (static-pie: DYN, none, none)")
        if shutil.which("file"):
            described = tool("file", "-b", args.capsh)
            checks.check("pie (file)", "static-pie linked" in described, described.strip())
    else:
        checks.check("pie", elf_type == "DYN" and re.search(r"\bPIE\b", flags) is not None,
                     f"ELF type {elf_type}, flags {flags or 'none'} (want DYN and PIE)")
    checks.check("relro", "GNU_RELRO" in segments, "PT_GNU_RELRO segment "
                 + ("present" if "GNU_RELRO" in segments else "missing"))
    now = re.search(r"\bBIND_NOW\b", flags) or re.search(r"\bNOW\b", flags)
    checks.check("bind-now", now is not None, f"dynamic flags: {flags or 'none'}")

    ours = functions(tool("objdump", "-d", "-C", "--no-show-raw-insn", args.capsh))
    if not ours:
        checks.skip("stack, fortify, cet", "no symbols of namespace capsh (a stripped binary?)")
        return finish(checks)
    protected = [f for f, code in ours.items() if any("__stack_chk_fail" in i for i in code)]
    checks.check("stack", len(protected) > 0,
                 f"{len(protected)} of {len(ours)} own functions check the stack canary")
    fortified = sorted({m.group(1) for code in ours.values() for i in code
                        for m in [re.search(r"<(__\w+_chk)(?:@plt)?>", i)] if m})
    checks.check("fortify", len(fortified) > 0,
                 f"own code calls {', '.join(fortified) if fortified else 'no __*_chk function'}")

    if platform.machine() not in ("x86_64", "amd64"):
        checks.skip("cet", f"-fcf-protection is x86-64 only (this is {platform.machine()})")
        return finish(checks)
    notes = tool("readelf", "-nW", args.capsh)
    feature = re.search(r"x86 feature: (.*)", notes)
    if feature and "IBT" in feature.group(1) and "SHSTK" in feature.group(1):
        checks.check("cet", True, f"GNU property note: {feature.group(1).strip()}")
    else:
        starts = [code[0] for code in ours.values() if code]
        marked = sum(1 for first in starts if "endbr64" in first)
        checks.check("cet", marked > 0 and marked * 2 > len(starts),
                     f"no IBT/SHSTK note (the C library's start files have none, so the linker "
                     f"drops it); {marked} of {len(starts)} own functions begin with endbr64")
    return finish(checks)


def finish(checks):
    print(f"hardening: {checks.passed} passed, {checks.failed} failed, {checks.skipped} skipped")
    if checks.failed:
        return 1
    return 77 if checks.passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
