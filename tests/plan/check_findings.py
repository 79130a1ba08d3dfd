#!/usr/bin/env python3
"""The findings of --plan against real runs (issue 18).

Usage: check_findings.py --capsh PATH [--userns]

For every finding, command lines where it must fire and where it must not. Each line runs
twice: `capsh-ng --plan --json LINE` gives the findings, and `capsh-ng LINE` runs for real with
a target that prints its own /proc/self/status. A case passes when
  * the finding fires exactly when the case says it must, and
  * the real run shows the fact the finding states (e.g. root-regains-bounding-set: the real
    target is root and its permitted set holds the whole bounding set), or its absence, and
  * with CAPSH_NG_HINTS=1 the real run prints exactly the plan's warnings as `warning:` lines on
    stderr before the target's output, and without it nothing.
Then the two recipes of issue 18 (`--inh= -- -c 'getpcaps $$'` and `--inh=cap_sys_chroot
--user=nobody ...`): the verdict has at most 10 lines and names the sets getpcaps-ng reports in
the real run; and `--plan --check` fails and passes where the issue says.

As root the lines run directly; with --userns inside `unshare -Ur` (skipped, with the reason,
where that does not work; CAPSH_NG_NO_SKIP=1 makes a skip a failure). A case whose line cannot
run in the setting says why: `unshare -Ur` maps only uid 0, so the cases that become another
user run as root only (n/a, not a skip); setcap needs root (a skip).
Last line: `plan-findings[-userns]: N passed, N failed, N skipped`.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_plan import CAP_NUMBER, mask_of, status_section  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import testenv  # noqa: E402  (tests/testenv.py: the skip rule)

DANGEROUS = ["cap_sys_admin", "cap_sys_module", "cap_sys_rawio", "cap_sys_ptrace",
             "cap_dac_read_search", "cap_bpf", "cap_sys_boot", "cap_mac_admin"]
STATUS = ["--exec", "/bin/cat", "/proc/self/status"]
ENV_DROP = ("CAPSH_NG_HINTS", "LD_PRELOAD")
# Not a skip (CAPSH_NG_NO_SKIP does not turn it into a failure): the case has no meaning there,
# and it runs as root.
NOT_IN_USERNS = "`unshare -Ur` maps only uid 0, so there is no other user to become (runs as root)"


def ids(status, key):
    return [int(v) for v in status[key].split()]


def groups(status):
    return [int(v) for v in status["Groups"].split()]


def is_root(status):
    uid = ids(status, "Uid")
    return uid[0] == 0 or uid[1] == 0


# What each finding states, read from the real target's /proc/self/status.
def real_root_regains(status, case):
    bounding = int(status["CapBnd"], 16)
    return is_root(status) and bounding != 0 and int(status["CapPrm"], 16) & bounding == bounding


def real_dangerous(status, case):
    return is_root(status) and int(status["CapBnd"], 16) & mask_of(DANGEROUS) != 0


def real_root_group(status, case):
    return not is_root(status) and (0 in ids(status, "Gid") or 0 in groups(status))


def real_ambient_lost(status, case):
    return int(status["CapAmb"], 16) & mask_of(case["ambient"]) != mask_of(case["ambient"])


def real_setuid(status, case):
    uid, gid = ids(status, "Uid"), ids(status, "Gid")
    return uid[1] != uid[0] or gid[1] != gid[0]


def real_file_caps(status, case):
    return int(status["CapPrm"], 16) != 0 and not is_root(status)


def real_nnp_unset(status, case):
    return status["NoNewPrivs"] == "0" and not is_root(status)


REAL = {
    "root-regains-bounding-set": real_root_regains,
    "dangerous-bounding-set": real_dangerous,
    "root-group-kept": real_root_group,
    "ambient-lost": real_ambient_lost,
    "setuid-target": real_setuid,
    "file-caps-target": real_file_caps,
    "no-new-privs-unset": real_nnp_unset,
}


def cases(scratch):
    """(finding, fires, line, extra) for each case."""
    user = ["--user=nobody"]
    setuid_cat = os.path.join(scratch, "setuid-cat")
    caps_cat = os.path.join(scratch, "caps-cat")
    run_setuid = ["--exec", setuid_cat, "/proc/self/status"]
    run_caps = ["--exec", caps_cat, "/proc/self/status"]
    return [
        ("root-regains-bounding-set", True, ["--inh="] + STATUS, {}),
        ("root-regains-bounding-set", True, ["--caps=cap_chown=eip"] + STATUS, {}),
        ("root-regains-bounding-set", False, ["--inh=", "--drop=all"] + STATUS, {}),
        ("root-regains-bounding-set", False, user + STATUS, {}),
        ("dangerous-bounding-set", True, ["--drop=cap_sys_admin"] + STATUS, {}),
        ("dangerous-bounding-set", False, ["--drop=" + ",".join(DANGEROUS)] + STATUS, {}),
        ("dangerous-bounding-set", False, user + STATUS, {}),
        ("root-group-kept", True, ["--uid=65534"] + STATUS, {}),
        ("root-group-kept", False, user + STATUS, {}),
        ("root-group-kept", False, ["--inh="] + STATUS, {}),
        ("ambient-lost", True,
         ["--inh=cap_net_raw", "--addamb=cap_net_raw"] + user + STATUS,
         {"ambient": ["cap_net_raw"]}),
        ("ambient-lost", True,
         ["--inh=cap_net_raw,cap_kill", "--addamb=cap_net_raw", "--inh=cap_kill"] + STATUS,
         {"ambient": ["cap_net_raw"]}),
        ("ambient-lost", True,
         ["--inh=cap_net_raw", "--addamb=cap_net_raw", "--caps=cap_net_raw=i"] + STATUS,
         {"ambient": ["cap_net_raw"]}),
        ("ambient-lost", False,
         ["--inh=cap_net_raw"] + user + ["--addamb=cap_net_raw"] + STATUS,
         {"ambient": ["cap_net_raw"]}),
        ("ambient-lost", True,
         ["--inh=cap_net_raw"] + user + ["--addamb=cap_net_raw"] + run_setuid,
         {"ambient": ["cap_net_raw"], "needs": "setuid"}),
        ("setuid-target", True, user + run_setuid, {"needs": "setuid"}),
        ("setuid-target", False, user + ["--no-new-privs"] + run_setuid, {"needs": "setuid"}),
        ("setuid-target", False, user + STATUS, {}),
        ("file-caps-target", True, user + run_caps, {"needs": "setcap"}),
        ("file-caps-target", False, ["--drop=cap_net_raw,cap_chown"] + user + run_caps,
         {"needs": "setcap"}),
        ("file-caps-target", False, user + STATUS, {}),
        ("no-new-privs-unset", True, user + STATUS, {}),
        ("no-new-privs-unset", False, user + ["--no-new-privs"] + STATUS, {}),
        ("no-new-privs-unset", False, ["--inh="] + STATUS, {}),
    ]


class Ctx:
    def __init__(self, capsh, prefix):
        self.capsh, self.prefix = capsh, prefix
        self.env = {k: v for k, v in os.environ.items() if k not in ENV_DROP}
        self.passed = self.failed = self.skipped = 0

    def run(self, args, hints=False, prog=None):
        env = dict(self.env, CAPSH_NG_HINTS="1" if hints else "0")
        return subprocess.run(self.prefix + [prog or self.capsh] + args, env=env, timeout=30,
                              stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE)

    def result(self, name, problems):
        if problems:
            self.failed += 1
            print("FAIL  " + name)
            for problem in problems:
                print("      " + problem)
        else:
            self.passed += 1
            print("ok    " + name)

    def skip(self, name, why, feature=None):
        if testenv.skip_is_failure(feature):
            self.result(name, ["skipped (CAPSH_NG_NO_SKIP=1): " + why])
            return
        self.skipped += 1
        print("skip  %s: %s" % (name, why))


def check_case(ctx, finding, fires, line, extra):
    problems = []
    plan_run = ctx.run(["--plan", "--json"] + line)
    try:
        plan = json.loads(plan_run.stdout)
    except ValueError:
        return ["--plan --json printed no JSON: %r %r" % (plan_run.stdout[:200], plan_run.stderr)]
    if not plan["ok"] or plan["target"] is None:
        return ["the plan does not reach the target: %s" % json.dumps(plan["steps"][-1:])]
    fired = [f["id"] for f in plan["findings"]]
    if (finding in fired) != fires:
        problems.append("%s %s, but it must %s (findings: %s)"
                        % (finding, "fires" if finding in fired else "does not fire",
                           "fire" if fires else "not fire", fired))
    real = ctx.run(line)
    status = status_section(real.stdout)
    if real.returncode != 0 or status is None or real.stderr:
        return problems + ["the real run failed: exit %s, stderr %r"
                           % (real.returncode, real.stderr)]
    if REAL[finding](status, extra) != fires:
        problems.append("the real target does not agree: %s (%s)" % (
            {k: status[k] for k in ("Uid", "Gid", "Groups", "CapPrm", "CapBnd", "CapAmb",
                                    "NoNewPrivs")}, finding))
    # The same warnings at run time, with hints on, and nothing without them.
    warnings = [f for f in plan["findings"] if f["level"] == "warning"]
    loud = ctx.run(line, hints=True)
    expected = "".join("warning: %s; %s [%s]\n" % (f["message"], f["fix"], f["id"])
                       for f in warnings)
    if loud.stderr.decode() != expected:
        problems.append("CAPSH_NG_HINTS=1 stderr %r, expected %r" % (loud.stderr, expected))
    return problems


def verdict_sets(text):
    """{set name: mask} from the verdict's set lines."""
    found = {}
    for line in text.splitlines()[1:]:
        m = re.match(r"^  ([a-z, ]+): (.*)$", line)
        if not m:
            break
        value = m.group(2)
        if value == "none":
            mask = 0
        elif re.match(r"^all \d+ capabilit", value):
            mask = (1 << int(value.split()[1])) - 1
        else:
            count, _, names = value.partition(": ")
            if names.startswith("all but "):
                total = int(count.split()[0]) + len(names[8:].split(","))
                mask = ((1 << total) - 1) & ~mask_of(names[8:].split(","))
            else:
                mask = mask_of(names.split(","))
        for name in m.group(1).split(", "):
            found[name] = mask
    return found


def check_recipes(ctx, scratch, userns):
    getpcaps = os.path.join(scratch, "getpcaps-ng")
    recipes = [["--inh="], ["--inh=cap_sys_chroot", "--user=nobody"]]
    for recipe in recipes:
        name = "verdict of capsh-ng --plan %s -- -c 'getpcaps $$'" % " ".join(recipe)
        if userns and "--user=nobody" in recipe:
            print("n/a   %s: %s" % (name, NOT_IN_USERNS))
            continue
        line = recipe + ["--", "-c", getpcaps + " --json $$"]
        text = ctx.run(["--plan"] + line).stdout.decode()
        verdict = text.split("\n\n")[0].splitlines()
        real = ctx.run(line)
        problems = []
        if len(verdict) > 10:
            problems.append("the verdict has %d lines" % len(verdict))
        try:
            got = json.loads(real.stdout)
        except ValueError:
            ctx.result(name, ["getpcaps-ng printed %r %r" % (real.stdout, real.stderr)])
            continue
        sets = verdict_sets("\n".join(verdict))
        for key in ("effective", "permitted", "inheritable"):
            if sets.get(key) != mask_of(got[key]):
                problems.append("%s: the verdict says %s, getpcaps-ng %s"
                                % (key, sets.get(key), got[key]))
        print("\n".join("      | " + l for l in verdict))
        ctx.result(name, problems)
    for line, want in ((["--inh=", "--", "-c", "true"], 1),
                       (["--inh=", "--drop=all", "--user=nobody", "--", "-c", "true"], 0)):
        name = "--plan --check %s exits %d" % (" ".join(line), want)
        if userns and "--user=nobody" in line:
            print("n/a   %s: %s" % (name, NOT_IN_USERNS))
            continue
        rc = ctx.run(["--plan", "--check"] + line).returncode
        ctx.result(name, [] if rc == want else ["exit status %d" % rc])


def make_scratch(scratch, capsh):
    """Copies of cat: set-uid root, and with file capabilities; a getpcaps-ng link. Returns the
    setups that worked."""
    os.chmod(scratch, 0o755)
    os.symlink(capsh, os.path.join(scratch, "getpcaps-ng"))
    ready = set()
    setuid_cat = os.path.join(scratch, "setuid-cat")
    shutil.copy("/bin/cat", setuid_cat)
    os.chmod(setuid_cat, 0o4755)
    if os.stat(setuid_cat).st_mode & 0o4000:
        ready.add("setuid")
    caps_cat = os.path.join(scratch, "caps-cat")
    shutil.copy("/bin/cat", caps_cat)
    setcap = shutil.which("setcap") or "/usr/sbin/setcap"
    if os.path.exists(setcap) and subprocess.run(
            [setcap, "cap_net_raw,cap_chown=p", caps_cat], stderr=subprocess.DEVNULL).returncode == 0:
        ready.add("setcap")
    return ready


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--capsh", required=True)
    ap.add_argument("--userns", action="store_true")
    args = ap.parse_args()
    label = "plan-findings" + ("-userns" if args.userns else "")
    capsh = os.path.abspath(args.capsh)
    prefix = ["unshare", "-Ur"] if args.userns else []
    ctx = Ctx(capsh, prefix)
    if args.userns:
        probe = subprocess.run(["unshare", "-Ur", "true"], stderr=subprocess.DEVNULL)
        if probe.returncode != 0:
            ctx.skip("every case", "`unshare -Ur` does not work here", "userns")
    elif os.geteuid() != 0:
        ctx.skip("every case", "needs root (the cases start as root; --userns runs them in "
                 "`unshare -Ur`)", "root")
    if ctx.passed + ctx.failed + ctx.skipped == 0:
        with tempfile.TemporaryDirectory(prefix="capsh-findings-") as scratch:
            ready = make_scratch(scratch, capsh)
            for finding, fires, line, extra in cases(scratch):
                name = "%s %s: %s" % (finding, "fires" if fires else "quiet", " ".join(
                    os.path.basename(w) if w.startswith(scratch) else w for w in line))
                needs = extra.get("needs")
                if args.userns and any(w.startswith(("--user=", "--uid=")) for w in line):
                    print("n/a   %s: %s" % (name, NOT_IN_USERNS))
                    continue
                if needs and needs not in ready:
                    ctx.skip(name, "cannot make the %s file here" % needs)
                    continue
                ctx.result(name, check_case(ctx, finding, fires, line, extra))
            check_recipes(ctx, scratch, args.userns)
    print("%s: %d passed, %d failed, %d skipped" % (label, ctx.passed, ctx.failed, ctx.skipped))
    return testenv.exit_status(ctx.passed, ctx.failed, ctx.skipped)


if __name__ == "__main__":
    sys.exit(main())
