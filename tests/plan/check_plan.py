#!/usr/bin/env python3
"""--plan against reality (E5 of the README's differences from capsh).

Usage:
  check_plan.py --capsh PATH [--count N] [--seed S] [--userns] [--cases FILE...]
                [--wrap COMMAND] [-j N] [-v]

For every command line L (seeded random lines from a grammar of capsh steps, plus the
`capsh ...` lines of the differential suite given with --cases), each rewritten to end with
`--shell=/bin/cat -- /proc/self/status` (or `-+`, sometimes after an `==` re-exec):

  * `capsh --plan --json L` gives the prediction: the steps, which one (if any) would fail
    with which error text, the exit status, and the state the target would start with;
  * `capsh L` runs for real (stdin /dev/null, a timeout); the target /bin/cat prints its own
    /proc/self/status.

They agree when:
  * the plan has a failing step: the real run exits with the plan's "exit" status, prints the
    plan's error text exactly (on stderr; on stdout for the few messages capsh prints there:
    `failed to set mode [..]`, `unsupported mode: ..`, `mismatched mode ..`), and the target
    never ran (no /proc/self/status on stdout);
  * the plan ends without a target (an earlier step exits, e.g. usage or --has-p): same exit
    status, and the target never ran;
  * otherwise: the real run exits 0, and the target's Uid, Gid (real, effective, saved and
    fs = effective), Groups, CapInh, CapPrm, CapEff, CapBnd, CapAmb and NoNewPrivs equal
    the plan's target.state.

The state --plan predicts after every step is checked too: the same line with `--json` after
each argument (a step that only prints the state) runs under --plan and for real, and each
state the real --json steps print (ids, groups, names, E/P/I/B/A, text, IAB, securebits,
no-new-privs, mode) must equal the one --plan predicts at that point.

With --userns every command runs inside `unshare -Ur` (so the plan is predicted in the
namespace too); where that does not work (tests/testenv.py), the run is one skip with its
reason and exit 77 (a failure with CAPSH_NG_NO_SKIP=1, unless CAPSH_NG_KNOWN_MISSING names
userns). --wrap runs every command under a prefix that sets another starting state,
e.g. `--wrap 'setpriv --ruid=1000'` (not part of the registered tests: exploration).
Every disagreement is printed with the line and the fields that differ.
The last line is `plan-agreement[-userns]: N passed, N failed` (N passed = agreeing lines);
exit status 1 if any line disagrees (or nothing ran).
"""

import argparse
import concurrent.futures
import json
import os
import random
import re
import shlex
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))
import testenv  # noqa: E402  (tests/testenv.py: what this environment can do)

# The 41 capability names, by number (as src/text/cap_names.hpp).
CAP_NAMES = [
    "cap_chown", "cap_dac_override", "cap_dac_read_search", "cap_fowner", "cap_fsetid",
    "cap_kill", "cap_setgid", "cap_setuid", "cap_setpcap", "cap_linux_immutable",
    "cap_net_bind_service", "cap_net_broadcast", "cap_net_admin", "cap_net_raw",
    "cap_ipc_lock", "cap_ipc_owner", "cap_sys_module", "cap_sys_rawio", "cap_sys_chroot",
    "cap_sys_ptrace", "cap_sys_pacct", "cap_sys_admin", "cap_sys_boot", "cap_sys_nice",
    "cap_sys_resource", "cap_sys_time", "cap_sys_tty_config", "cap_mknod", "cap_lease",
    "cap_audit_write", "cap_audit_control", "cap_setfcap", "cap_mac_override",
    "cap_mac_admin", "cap_syslog", "cap_wake_alarm", "cap_block_suspend", "cap_audit_read",
    "cap_perfmon", "cap_bpf", "cap_checkpoint_restore",
]
CAP_NUMBER = {name: n for n, name in enumerate(CAP_NAMES)}

TARGET_PROGRAM = "/bin/cat"
TARGET_FILE = "/proc/self/status"
TERMINATORS = {"--", "-+", "==", "=+", "--exec"}
# Steps of suite lines that are left out: --forkfor/--killit leave a sleeper whose timing is
# not part of the state; after --chroot the target (/bin/cat, /proc) may not exist in the new
# root; --plan as an argument is a plan line itself.
SUITE_EXCLUDED_PREFIXES = ("--forkfor=", "--killit=", "--chroot=", "--plan")
# capsh prints these failures on stdout, not stderr (its --mode and --inmode messages).
STDOUT_ERROR_RE = re.compile(r"^(failed to set mode \[|unsupported mode: |mismatched mode )")
# The few characters a suite line may contain besides words and simple quoting.
SHELL_META_RE = re.compile(r"[$`|&;<>(){}*?\[\]~#\\\n]")
TIMEOUT = 20
SCRUBBED_ENV = ("CAPSH_NG_HINTS", "LD_PRELOAD", "_STDBUF_O", "_STDBUF_E", "_STDBUF_I")
STATUS_FIELDS = ("Uid", "Gid", "Groups", "CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb",
                 "NoNewPrivs")
PLAN_SETS = (("CapInh", "inheritable"), ("CapPrm", "permitted"), ("CapEff", "effective"),
             ("CapBnd", "bounding"), ("CapAmb", "ambient"))


# --- the generator ------------------------------------------------------------------------------

POOL = ["cap_setpcap", "cap_setuid", "cap_setgid", "cap_chown", "cap_net_raw",
        "cap_net_bind_service", "cap_sys_chroot"]
# Less central caps: cap_sys_resource is outside the bounding set of the test VM's root, the
# others are ordinary members of every set.
EXTRA = ["cap_kill", "cap_sys_admin", "cap_dac_override", "cap_sys_resource",
         "cap_checkpoint_restore", "cap_setfcap"]
BOGUS_CAPS = ["cap_bogus", "cap_chwon", "99", "64", "41", "nosuchcap"]
# Linux 6.14 added the exec bits 0x100 and 0x400 (and their locks 0x200, 0x800), which need
# no privilege to change; older kernels refuse them.
SECBITS = ["0", "0x2f", "0xef", "0x10", "1", "0x1000", "0x4", "0x40", "0x30", "0x20", "0x3",
           "0xff", "0x100", "0x300", "0x2", "47", "0x15", "0x55", "0xfff", "0x2000", "0x400",
           "0xc00", "0x500", "0xf00", "0x12f", "0x1ef", "0x700", "0x140"]
UIDS = ["0", "1000", "65534", "4242", "1", "2"]
GIDS = ["0", "1000", "65534", "4242", "100", "1", "8"]
GROUP_LISTS = ["0", "100,200", "4242", "1,2,8", "daemon", "nogroup", "daemon,mail", "65534",
               "1000,1001,1002"]
USERS = ["nobody", "daemon", "4242:4242", "root", "4242", "bin", "65534:65534"]
MODES = ["NOPRIV", "PURE1E_INIT", "PURE1E", "HYBRID"]
IAB_PREFIXES = ["", "", "^", "^", "!", "%", "!^", "!%"]


class Gen:
    """Seeded random capsh command lines (lists of arguments, without the program name)."""

    def __init__(self, seed):
        self.r = random.Random(seed)
        self.named_inh = []  # caps this line has put in I so far (for --addamb to pick from)

    def chance(self, p):
        return self.r.random() < p

    def cap(self, faulty=0.0):
        if self.chance(faulty):
            return self.r.choice(BOGUS_CAPS)
        if self.chance(0.88):
            return self.r.choice(POOL)
        return self.r.choice(EXTRA)

    def caps(self, most=3, faulty=0.0):
        names = []
        for _ in range(self.r.randint(1, most)):
            name = self.cap(faulty)
            if name not in names:
                names.append(name)
        return ",".join(names)

    def flags(self, allow_empty):
        # Mostly combinations the kernel accepts (e only with p), some that it refuses.
        chosen = self.r.choices(["ep", "eip", "p", "ip", "i", "e", "pe", "ie", ""],
                                [25, 20, 15, 15, 10, 4, 4, 2, 5])[0]
        if not chosen and not allow_empty:
            chosen = "p"
        return chosen

    def caps_text(self):
        roll = self.r.random()
        if roll < 0.08:
            return ""
        if roll < 0.16:
            # cap_sys_resource is outside the bounding set of the test VM's root
            return self.r.choice(["=ep", "=ep cap_sys_resource-ep", "=eip cap_sys_resource-eip"])
        if roll < 0.20:
            return self.r.choice(["all=eip", "=eip", "all=p", "=", "all=ep cap_setpcap-e"])
        if roll < 0.24:
            return self.r.choice(["bogus", "cap_chown+x", "cap_chown=ep junk", "+", "cap_chown",
                                  "=ep cap_nosuch-e", "cap_chown+p-"])
        clauses = []
        if self.chance(0.3):
            flags = self.flags(allow_empty=True)
            clauses.append("=" + flags)
            if set(flags) & set("ep") and self.chance(0.6):
                clauses.append("cap_sys_resource-eip")  # not in the VM root's bounding set
        for _ in range(self.r.randint(1, 3)):
            op = self.r.choice("=+-" if clauses else "=+")
            clause = self.caps(faulty=0.02) + op + self.flags(allow_empty=op == "=")
            if self.chance(0.15):
                clause += self.r.choice("+-") + self.flags(allow_empty=False)
            clauses.append(clause)
        return " ".join(clauses)

    def iab_text(self):
        if self.chance(0.08):
            return ""
        if self.chance(0.04):
            return self.r.choice(["^cap_bogus", "cap_chown;x", "!!cap_chown", "^", "%%cap_kill"])
        entries = []
        for _ in range(self.r.randint(1, 3)):
            entries.append(self.r.choice(IAB_PREFIXES) + self.cap(faulty=0.02))
        return ",".join(entries)

    def step(self):
        kinds = [
            ("caps", 18), ("inh", 8), ("drop", 7), ("addamb", 8), ("delamb", 3), ("noamb", 3),
            ("iab", 6), ("keep", 5), ("secbits", 6), ("nnp", 3), ("uid", 6), ("capuid", 5),
            ("gid", 5), ("groups", 5), ("user", 6), ("mode", 5), ("strict", 3),
        ]
        kind = self.r.choices([k for k, _ in kinds], [w for _, w in kinds])[0]
        faulty = self.chance(0.04)
        if kind == "caps":
            return "--caps=" + self.caps_text()
        if kind == "inh":
            value = "" if self.chance(0.1) else self.caps(faulty=0.03)
            self.named_inh = value.split(",") if value else []
            return "--inh=" + value
        if kind == "drop":
            return "--drop=" + ("all" if self.chance(0.1) else self.caps(faulty=0.03))
        if kind == "addamb":
            if not self.named_inh and self.chance(0.6):
                # ambient caps must be inheritable first: --inh=X --addamb=X
                value = self.caps()
                self.named_inh = value.split(",")
                return ["--inh=" + value, "--addamb=" + value]
            if self.named_inh and self.chance(0.7):
                # a cap put in I earlier: raising it can succeed
                return "--addamb=" + ",".join(self.r.sample(
                    self.named_inh, self.r.randint(1, len(self.named_inh))))
            return "--addamb=" + self.caps(faulty=0.03)
        if kind == "delamb":
            return "--delamb=" + self.caps(faulty=0.03)
        if kind == "noamb":
            return "--noamb"
        if kind == "iab":
            return "--iab=" + self.iab_text()
        if kind == "keep":
            return "--keep=" + ("2" if faulty else self.r.choice("01"))
        if kind == "secbits":
            return "--secbits=" + ("junk" if faulty else self.r.choice(SECBITS))
        if kind == "nnp":
            return "--no-new-privs"
        if kind in ("uid", "capuid"):
            value = self.r.choice(["x", "4294967295", "-1"]) if faulty else self.r.choice(UIDS)
            return ("--uid=" if kind == "uid" else "--cap-uid=") + value
        if kind == "gid":
            return "--gid=" + (self.r.choice(["y", "4294967295"]) if faulty
                               else self.r.choice(GIDS))
        if kind == "groups":
            return "--groups=" + (self.r.choice(["bogusgrp", "1,,2", ""]) if faulty
                                  else self.r.choice(GROUP_LISTS))
        if kind == "user":
            return "--user=" + (self.r.choice(["bogususer", "4242:x", ""]) if faulty
                                else self.r.choice(USERS))
        if kind == "mode":
            return "--mode=" + (self.r.choice(["FOO", "hybrid", ""]) if faulty
                                else self.r.choice(MODES))
        return "--strict"

    def line(self):
        self.named_inh = []
        steps = []
        count = self.r.randint(1, 7)
        while len(steps) < count:
            step = self.step()
            steps.extend(step if isinstance(step, list) else [step])
        steps = steps[:7]
        roll = self.r.random()
        if roll < 0.09 and len(steps) >= 2:
            # run capsh again in the middle (exec or launch): after_exec applies twice.
            cut = self.r.randint(1, len(steps) - 1)
            steps = steps[:cut] + [self.r.choice(["==", "==", "=+"])] + steps[cut:]
        if roll > 0.9:
            return steps + ["--shell=" + TARGET_PROGRAM, "-+", TARGET_FILE]
        return steps + ["--shell=" + TARGET_PROGRAM, "--", TARGET_FILE]


def with_target(words):
    return words + ["--shell=" + TARGET_PROGRAM, "--", TARGET_FILE]


# --- the differential suite's lines -------------------------------------------------------------

TAG_RE = re.compile(r"^\[([A-Za-z0-9_,\- ]*)\]\s*")


def suite_lines(paths):
    """(where, words) for every usable `capsh ...` line of the case files."""
    found, seen = [], set()
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for lineno, raw in enumerate(f, 1):
                line = raw.strip()
                if not line or line.startswith("#"):
                    continue
                line = TAG_RE.sub("", line, count=1)
                if SHELL_META_RE.search(line):
                    continue
                try:
                    words = shlex.split(line)
                except ValueError:
                    continue
                # `unshare -Ur capsh X` is still the capsh line X; the mode decides where it runs.
                if words[:2] == ["unshare", "-Ur"]:
                    words = words[2:]
                if not words or words[0] != "capsh":
                    continue
                words = words[1:]
                if any(w in TERMINATORS or w.startswith(SUITE_EXCLUDED_PREFIXES) for w in words):
                    continue
                key = tuple(words)
                if key in seen:
                    continue
                seen.add(key)
                found.append(("%s:%d" % (os.path.relpath(path), lineno), with_target(words)))
    return found


# --- running ------------------------------------------------------------------------------------

class Run:
    def __init__(self, rc, out, err, timed_out):
        self.rc, self.out, self.err, self.timed_out = rc, out, err, timed_out


class Where:
    """How each command runs: the capsh binary, a command prefix (unshare -Ur, --wrap), the
    working directory and the environment."""

    def __init__(self, capsh, prefix, cwd, env):
        self.capsh, self.prefix, self.cwd, self.env = capsh, prefix, cwd, env

    def run(self, args):
        proc = subprocess.Popen(self.prefix + [self.capsh] + args, stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=self.cwd,
                                env=self.env, start_new_session=True)
        timed_out = False
        try:
            out, err = proc.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            timed_out = True
            out, err = b"", b""
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        if timed_out:
            out, err = proc.communicate()
        return Run(proc.returncode, out, err, timed_out)


def mask_of(names):
    mask = 0
    for name in names:
        n = CAP_NUMBER.get(name)
        if n is None:
            n = int(name, 0)  # a cap the table does not name prints as its number
        mask |= 1 << n
    return mask


def names_of(mask):
    return [CAP_NAMES[n] if n < len(CAP_NAMES) else str(n)
            for n in range(64) if mask >> n & 1]


def status_section(out):
    """The target's /proc/self/status text in stdout (after whatever steps printed), or None."""
    text = out.decode("utf-8", errors="replace")
    start = text.rfind("\nName:\t")
    if start >= 0:
        start += 1
    elif text.startswith("Name:\t"):
        start = 0
    else:
        return None
    fields = {}
    for line in text[start:].splitlines():
        key, sep, value = line.partition(":")
        if sep and key in STATUS_FIELDS:
            fields[key] = value.strip()
    return fields if all(k in fields for k in STATUS_FIELDS) else None


def target_ran(out):
    return b"\nCapInh:\t" in out or out.startswith(b"Name:\t")


def compare_state(state, status):
    """Differences between the plan's target state and the parsed /proc/self/status."""
    diffs = []
    for key, plan_key in (("Uid", "uid"), ("Gid", "gid")):
        real = [int(v) for v in status[key].split()]
        predicted = list(state[plan_key])
        predicted = predicted + [predicted[1]]  # fsuid/fsgid follow the effective id
        if real != predicted:
            diffs.append("%s: predicted %s, real %s (real, effective, saved, fs)"
                         % (key, predicted, real))
    real_groups = sorted(int(v) for v in status["Groups"].split())
    if real_groups != sorted(state["groups"]):
        diffs.append("Groups: predicted %s, real %s" % (sorted(state["groups"]), real_groups))
    for key, plan_key in PLAN_SETS:
        real = int(status[key], 16)
        predicted = mask_of(state[plan_key])
        if real != predicted:
            only_plan = names_of(predicted & ~real)
            only_real = names_of(real & ~predicted)
            diffs.append("%s: predicted %016x, real %016x (only predicted: %s; only real: %s)"
                         % (key, predicted, real, ",".join(only_plan) or "-",
                            ",".join(only_real) or "-"))
    real_nnp = status["NoNewPrivs"] == "1"
    if real_nnp != bool(state["no_new_privs"]):
        diffs.append("NoNewPrivs: predicted %d, real %d" % (state["no_new_privs"], real_nnp))
    return diffs


def show_bytes(data):
    return repr(data.decode("utf-8", errors="backslashreplace"))


# capsh treats these differently when they are the first argument (--help/-h exit 0 there,
# --quiet skips the max-cap check): --json goes after them, not before.
FIRST_ARGUMENT_OPTIONS = ("--help", "-h", "--quiet")
TARGET_WORDS = 3  # --shell=/bin/cat -- /proc/self/status (or -+) end every line


def with_json(words):
    """The line with --json added as its first option (the second, after a first-argument one)."""
    at = 1 if words and words[0] in FIRST_ARGUMENT_OPTIONS else 0
    return words[:at] + ["--json"] + words[at:]


def interleaved(words):
    """The line with --json first and after every capsh argument (not after == and =+, whose
    next argument starts a new capsh; not among the target's words)."""
    body, tail = words[:-TARGET_WORDS], words[-TARGET_WORDS:]
    out = []
    for word in body:
        out.append(word)
        if word not in ("==", "=+"):
            out.append("--json")
    return with_json(out) + tail


def load_plan(run):
    """The --plan --json object, or a disagreement text."""
    if run.timed_out:
        return None, "--plan timed out"
    try:
        plan = json.loads(run.out)
    except ValueError:
        return None, ("--plan --json printed no JSON (exit %s): stdout %s stderr %s"
                      % (run.rc, show_bytes(run.out[:300]), show_bytes(run.err[:300])))
    if run.err:
        return plan, "--plan wrote to stderr: %s" % show_bytes(run.err)
    if run.rc != (0 if plan["ok"] else 1):
        return plan, "--plan exit status %s, but ok=%s" % (run.rc, plan["ok"])
    return plan, None


def check_line(where, words):
    """The plan of `words` against the real run: (disagreements, outcome)."""
    plan, problem = load_plan(where.run(["--plan"] + with_json(words)))
    if plan is None:
        return [problem], "error"
    diffs = [problem] if problem else []
    real = where.run(words)
    if real.timed_out:
        return diffs + ["the real run timed out after %d s" % TIMEOUT], "error"
    steps = plan["steps"]
    failing = [s for s in steps if not s["ok"]]
    if failing and failing[0] is not steps[-1]:
        diffs.append("a failing step is not the last one listed: %s" % failing[0]["arg"])
    if failing:
        step = failing[0]
        text = step["error"].encode()
        on_stdout = STDOUT_ERROR_RE.match(step["error"]) is not None
        if real.rc != plan["exit"]:
            diffs.append("exit status: predicted %s (step %s fails), real %s"
                         % (plan["exit"], step["arg"], real.rc))
        if not on_stdout and real.err != text:
            diffs.append("stderr: predicted %s (step %s fails), real %s"
                         % (show_bytes(text), step["arg"], show_bytes(real.err)))
        if on_stdout and (not real.out.endswith(text) or real.err):
            diffs.append("stdout: predicted to end with %s (step %s fails), real stdout ends %s, "
                         "stderr %s" % (show_bytes(text), step["arg"],
                                        show_bytes(real.out[-200:]), show_bytes(real.err)))
        if target_ran(real.out):
            status = status_section(real.out)
            diffs.append("the target ran for real (predicted: step %s fails)%s"
                         % (step["arg"], "" if status is None else
                            ": Uid %s CapPrm %s" % (status["Uid"], status["CapPrm"])))
        return diffs, "fails"
    if plan["target"] is None:
        if real.rc != plan["exit"]:
            diffs.append("exit status: predicted %s (no target, last step %s), real %s, "
                         "stderr %s" % (plan["exit"], steps[-1]["arg"] if steps else "-",
                                        real.rc, show_bytes(real.err)))
        if target_ran(real.out):
            diffs.append("the target ran for real (predicted: capsh ends before it)")
        return diffs, "ends"
    if real.rc != 0 or plan["exit"] != 0:
        diffs.append("exit status: predicted %s, real %s, real stderr %s"
                     % (plan["exit"], real.rc, show_bytes(real.err)))
    elif real.err:
        diffs.append("real stderr not empty: %s" % show_bytes(real.err))
    status = status_section(real.out)
    if status is None:
        diffs.append("the target did not run for real (predicted: it does); stdout ends %s"
                     % show_bytes(real.out[-200:]))
    else:
        diffs.extend(compare_state(plan["target"]["state"], status))
    return diffs, "target"


def short(value):
    text = json.dumps(value)
    return text if len(text) <= 160 else text[:157] + "..."


def check_steps(where, words):
    """The state --plan predicts after every step against the real one: the line runs with
    --json after each argument (a step that only prints), under --plan and for real, and the
    states the real --json steps print must be the ones --plan predicts for them.
    Returns (disagreements, number of states compared)."""
    line = interleaved(words)
    plan, problem = load_plan(where.run(["--plan"] + line))
    if plan is None:
        return [problem], 0
    real = where.run(line)
    if real.timed_out:
        return ["the real run (with --json after each step) timed out"], 0
    predicted = [s["state"] for s in plan["steps"] if s["arg"] == "--json" and s["ok"]]
    actual = [json.loads(l) for l in real.out.decode("utf-8", "replace").splitlines()
              if l.startswith('{"uid":')]
    diffs = [problem] if problem else []
    for n, (want, got) in enumerate(zip(predicted, actual)):
        if want != got:
            fields = ["%s: predicted %s, real %s" % (key, short(want.get(key)), short(got.get(key)))
                      for key in sorted(set(want) | set(got)) if want.get(key) != got.get(key)]
            diffs.append("state after argument %d of %s differs: %s"
                         % (n, shlex.join(line[:-TARGET_WORDS]), "; ".join(fields)))
            return diffs, n + 1
    if len(predicted) != len(actual):
        diffs.append("--json states: %d predicted, %d printed for real (line %s)"
                     % (len(predicted), len(actual), shlex.join(line)))
    return diffs, min(len(predicted), len(actual))


def check(where, words):
    diffs, outcome = check_line(where, words)
    step_diffs, compared = check_steps(where, words)
    return diffs + step_diffs, outcome, compared


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--capsh", required=True, help="the capsh-ng binary")
    ap.add_argument("--count", type=int, default=800, help="generated lines (%(default)s)")
    ap.add_argument("--seed", type=int, default=7, help="generator seed (%(default)s)")
    ap.add_argument("--userns", action="store_true", help="run everything in `unshare -Ur`")
    ap.add_argument("--cases", nargs="*", default=[], metavar="FILE",
                    help="differential-suite case files whose capsh lines are added")
    ap.add_argument("--wrap", default="", metavar="COMMAND",
                    help="run both sides under this command prefix, e.g. 'setpriv --ruid=1000' "
                         "(another starting state)")
    ap.add_argument("-j", "--jobs", type=int, default=2 * (os.cpu_count() or 2))
    ap.add_argument("-v", "--verbose", action="store_true", help="print every line checked")
    args = ap.parse_args()
    label = "plan-agreement" + ("-userns" if args.userns else "")

    capsh = os.path.abspath(args.capsh)  # absolute, so == finds itself without PATH
    prefix = (["unshare", "-Ur"] if args.userns else []) + shlex.split(args.wrap)
    if args.userns and testenv.missing("userns"):
        if testenv.skip_is_failure("userns"):
            print("FAIL (skip not allowed: CAPSH_NG_NO_SKIP=1): " + testenv.missing("userns"))
            print("%s: 0 passed, 1 failed, 0 skipped" % label)
            return 1
        print("SKIP every line: " + testenv.missing("userns"))
        print("%s: 0 passed, 0 failed, 1 skipped" % label)
        return testenv.EXIT_SKIPPED

    gen = Gen(args.seed)
    lines = [("gen#%d" % n, gen.line()) for n in range(args.count)]
    suite = suite_lines(args.cases)
    lines += suite

    env = dict(os.environ)
    for name in SCRUBBED_ENV:
        env.pop(name, None)
    env["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
    started = time.monotonic()
    passed = failed = states = 0
    outcomes = {}
    with tempfile.TemporaryDirectory(prefix="capsh-plan-") as cwd:
        os.chmod(cwd, 0o755)
        where = Where(capsh, prefix, cwd, env)
        with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
            futures = [pool.submit(check, where, words) for _, words in lines]
            for (name, words), future in zip(lines, futures):
                diffs, outcome, compared = future.result()
                outcomes[outcome] = outcomes.get(outcome, 0) + 1
                states += compared
                shown = "capsh " + shlex.join(words)
                if diffs:
                    failed += 1
                    print("DISAGREE %s: %s" % (name, shown))
                    for diff in diffs:
                        print("    " + diff)
                else:
                    passed += 1
                    if args.verbose:
                        print("ok (%s) %s: %s" % (outcome, name, shown))
    print("%d generated lines (seed %d) and %d suite lines%s: %d reach the target, %d fail at "
          "a step, %d end before it; %d per-step states compared; %.1f s"
          % (args.count, args.seed, len(suite), " under " + args.wrap if args.wrap else "",
             outcomes.get("target", 0), outcomes.get("fails", 0), outcomes.get("ends", 0),
             states, time.monotonic() - started))
    print("%s: %d passed, %d failed" % (label, passed, failed))
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
