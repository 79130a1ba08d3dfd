#!/usr/bin/env python3
"""A program's memory at the moment it calls execve (or exits), from /proc/PID/smaps_rollup.

Usage (as root, like run_bench.py):
  tests/bench/memory_at_exec.py [--maps] BINARY ARGS...

Peak RSS (/usr/bin/time -f %M) adds up every page mapped, most of them pages of libc and the
dynamic loader that all processes share from the page cache. What one more run really costs
is its private dirty memory: the heap, the stack, and each library's relocated data, which
no other process can share and the kernel cannot drop. This script stops the program with
ptrace at the entry of its execve, execveat or exit_group system call, reads smaps_rollup
(and, with --maps, the resident and private dirty kB of each mapping), then kills it: what is
printed is the state just before the program would become its target.
"""

import ctypes
import os
import platform
import signal
import sys

PTRACE_TRACEME = 0
PTRACE_GETREGS = 12
PTRACE_SYSCALL = 24
PTRACE_SETOPTIONS = 0x4200
PTRACE_O_TRACESYSGOOD = 0x1
PTRACE_O_EXITKILL = 0x100000
# x86-64 system call numbers, and where orig_rax sits in struct user_regs_struct.
STOP_SYSCALLS = {59: "execve", 322: "execveat", 231: "exit_group"}
ORIG_RAX = 15
USER_REGS_WORDS = 27

_libc = ctypes.CDLL(None, use_errno=True)
_libc.ptrace.argtypes = [ctypes.c_long, ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p]
_libc.ptrace.restype = ctypes.c_long


def _ptrace(request, pid, addr=None, data=None):
    if _libc.ptrace(request, pid, addr, data) == -1:
        err = ctypes.get_errno()
        raise OSError(err, f"ptrace({request}): {os.strerror(err)}")


def _syscall_number(pid):
    regs = (ctypes.c_ulong * USER_REGS_WORDS)()
    _ptrace(PTRACE_GETREGS, pid, None, ctypes.addressof(regs))
    return regs[ORIG_RAX]


def _start_traced(binary, args):
    pid = os.fork()
    if pid == 0:  # the child: no Python may run after a failure here
        try:
            devnull = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):
                os.dup2(devnull, fd)
            _ptrace(PTRACE_TRACEME, 0)
            os.execv(binary, [binary, *args])
        finally:
            os._exit(127)
    _, status = os.waitpid(pid, 0)  # stopped by the SIGTRAP of its own exec
    if not os.WIFSTOPPED(status):
        raise RuntimeError(f"{binary} did not start under ptrace (status {status})")
    _ptrace(PTRACE_SETOPTIONS, pid, None, PTRACE_O_TRACESYSGOOD | PTRACE_O_EXITKILL)
    return pid


def _run_to_final_syscall(pid):
    """Resume until the entry of execve/execveat/exit_group; the syscall's name."""
    in_syscall = False
    deliver = 0
    while True:
        _ptrace(PTRACE_SYSCALL, pid, None, deliver)
        _, status = os.waitpid(pid, 0)
        if os.WIFEXITED(status) or os.WIFSIGNALED(status):
            raise RuntimeError("the program ended before any exec or exit_group")
        deliver = 0
        sig = os.WSTOPSIG(status)
        if sig != signal.SIGTRAP | 0x80:  # a real signal: hand it on
            deliver = sig
            continue
        in_syscall = not in_syscall
        name = STOP_SYSCALLS.get(_syscall_number(pid)) if in_syscall else None
        if name:
            return name


def _read_rollup(pid):
    values = {}
    with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
        for line in rollup:
            fields = line.split()
            if len(fields) == 3 and fields[2] == "kB":
                values[fields[0].rstrip(":")] = int(fields[1])
    return values


def _read_maps(pid):
    """(resident kB, private dirty kB, permissions, name) of each resident mapping."""
    rows, current = [], None
    with open(f"/proc/{pid}/smaps", encoding="ascii", errors="replace") as smaps:
        for line in smaps:
            fields = line.split()
            if "-" in fields[0] and not fields[0].endswith(":"):
                current = [0, 0, fields[1], fields[5] if len(fields) > 5 else ""]
                rows.append(current)
            elif fields[0] == "Rss:":
                current[0] = int(fields[1])
            elif fields[0] == "Private_Dirty:":
                current[1] = int(fields[1])
    return [tuple(row) for row in rows if row[0]]


def memory_at_exec(binary, args, maps=False):
    """smaps_rollup's kB figures at the final syscall, plus 'syscall' (and 'maps')."""
    if platform.machine() != "x86_64":
        raise RuntimeError("memory_at_exec reads x86-64 registers; this machine is "
                           f"{platform.machine()}")
    pid = _start_traced(binary, args)
    try:
        result = {"syscall": _run_to_final_syscall(pid)}
        result.update(_read_rollup(pid))
        if maps:
            result["maps"] = _read_maps(pid)
        return result
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)


def main():
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # quietly, when piped into head
    show_maps = sys.argv[1:2] == ["--maps"]
    argv = sys.argv[2:] if show_maps else sys.argv[1:]
    if not argv:
        sys.exit(__doc__.split("\n\n")[1])
    memory = memory_at_exec(argv[0], argv[1:], maps=show_maps)
    print(f"at {memory['syscall']}: Rss {memory['Rss']} kB, private dirty "
          f"{memory['Private_Dirty']} kB, anonymous {memory['Anonymous']} kB")
    for rss, dirty, perms, name in memory.get("maps", []):
        print(f"{rss:6} kB rss {dirty:6} kB dirty  {perms}  {name}")


if __name__ == "__main__":
    main()
