#!/usr/bin/env python3
"""End-to-end checks of what capsh-ng does beyond capsh (README: D1-D2, E1-E6).

capsh has no such behaviour to compare with, so each check states the documented behaviour
and derives expected values from the system (the passwd database, /proc), never from a
recording. Run: run_extensions.py --capsh build/src/capsh-ng
A check skips, with its reason, where the environment lacks what it needs (tests/testenv.py).
Last line: `extensions: N passed, N failed, N skipped`.
"""
import argparse
import json
import os
import pwd
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))
import testenv  # noqa: E402  (tests/testenv.py: what this environment can do)

CHECKS = []


def check(func):
    CHECKS.append(func)
    return func


class Skip:
    """What a check returns when the environment lacks `feature` (tests/testenv.py names;
    None: a missing tool, which no CAPSH_NG_KNOWN_MISSING excuses)."""

    def __init__(self, feature, reason):
        self.feature = feature
        self.reason = reason


def needs_root(why):
    return Skip("root", "needs root (%s); running as uid %d" % (why, os.geteuid())) \
        if os.geteuid() != 0 else None


class Context:
    def __init__(self, capsh, tmp):
        self.capsh = capsh
        self.tmp = tmp
        self.getpcaps = os.path.join(tmp, "getpcaps-ng")
        os.symlink(capsh, self.getpcaps)

    def run(self, *args, env=None, stdin=subprocess.DEVNULL, prog=None):
        return subprocess.run([prog or self.capsh, *args], stdin=stdin, capture_output=True,
                              env=env, timeout=20)


def expect(condition, what):
    if not condition:
        raise AssertionError(what)


@check
def d1_output_before_exec_is_kept(ctx):
    out = ctx.run("--decode=1", "--", "-c", "echo hi").stdout
    expect(out == b"0x0000000000000001=cap_chown\nhi\n", out)
    out = ctx.run("--decode=1", "-+", "-c", "echo hi").stdout
    expect(out == b"0x0000000000000001=cap_chown\nhi\n", out)
    out = ctx.run("--decode=1", "--forkfor=1", "--killit=0").stdout
    expect(out == b"0x0000000000000001=cap_chown\n", out)


def environment_of(ctx, *args, env):
    result = ctx.run(*args, "--shell=/usr/bin/env", "--", env=env)
    expect(result.returncode == 0, result)
    return dict(line.split("=", 1) for line in result.stdout.decode().splitlines())


@check
def d2_user_sets_home_user_logname(ctx):
    skip = needs_root("privileged steps")
    if skip:
        return skip
    nobody = pwd.getpwnam("nobody")
    seen = environment_of(ctx, "--user=nobody", env={})
    expect(seen == {"HOME": nobody.pw_dir, "USER": "nobody", "LOGNAME": "nobody"}, seen)
    kept = environment_of(ctx, "--noenv", "--user=nobody", env={"HOME": "/x", "USER": "me"})
    expect(kept == {"HOME": "/x", "USER": "me"}, kept)


@check
def e1_exec_runs_the_program_itself(ctx):
    skip = needs_root("--drop")
    if skip:
        return skip
    result = ctx.run("--exec", "echo", "--print", "$HOME")  # found on PATH, no shell
    expect(result.stdout == b"--print $HOME\n" and result.returncode == 0, result)
    result = ctx.run("--drop=cap_net_raw", "--exec", "/bin/sh", "-c", "exit 9")
    expect(result.returncode == 9, result)


@check
def e1_exec_reports_missing_and_unusable_programs(ctx):
    # A PATH of our own: a directory in the caller's PATH that this user cannot search would
    # turn "not found" (127) into "permission denied" (126), as execvp reports it.
    env = dict(os.environ, PATH="/usr/sbin:/usr/bin:/sbin:/bin")
    result = ctx.run("--exec", "no-such-program-here", env=env)
    expect(result.returncode == 127, result)
    expect(result.stderr == b"--exec: cannot run 'no-such-program-here': "
           b"No such file or directory\n", result.stderr)
    result = ctx.run("--exec", "/etc/passwd")
    expect(result.returncode == 126, result)
    expect(b"Permission denied" in result.stderr, result.stderr)
    result = ctx.run("--exec")
    expect(result.returncode == 1 and result.stderr == b"--exec needs a program to run\n",
           result)


def make_root_with_only_sh(tmp):
    """A directory tree holding dash as /bin/sh and the libraries it needs, and no bash."""
    root = os.path.join(tmp, "root")
    dash = shutil.which("dash") or "/bin/dash"
    files = [dash]
    ldd = subprocess.run(["ldd", dash], capture_output=True, text=True).stdout
    for line in ldd.splitlines():
        for word in line.split():
            if word.startswith("/"):
                files.append(word)
    for path in files:
        target = root + os.path.realpath(path) if path != dash else root + "/bin/sh"
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copy2(os.path.realpath(path), target)
        if path != dash and os.path.realpath(path) != path:  # keep the names ldd printed
            link = root + path
            os.makedirs(os.path.dirname(link), exist_ok=True)
            if not os.path.exists(link):
                os.symlink(os.path.realpath(path), link)
    return root


@check
def e2_falls_back_to_sh_without_bash(ctx):
    skip = needs_root("chroot")
    if skip:
        return skip
    root = make_root_with_only_sh(ctx.tmp)
    result = ctx.run(f"--chroot={root}", "--", "-c", "echo from sh")
    expect(result.returncode == 0 and result.stdout == b"from sh\n", result)
    result = ctx.run(f"--chroot={root}", "--shell=/bin/bash", "--", "-c", "true")
    expect(result.stderr == b"execve '/bin/bash' failed!\n", result)


def status_of(ctx, *args):
    result = ctx.run(*args, "--exec", "cat", "/proc/self/status")
    expect(result.returncode == 0, result)
    return dict(line.split(":\t", 1) for line in result.stdout.decode().splitlines()
                if ":\t" in line)


@check
def e3_numeric_user(ctx):
    skip = needs_root("privileged steps")
    if skip:
        return skip
    status = status_of(ctx, "--user=4242:4343")
    expect(status["Uid"].split() == ["4242"] * 4, status["Uid"])
    expect(status["Gid"].split() == ["4343"] * 4, status["Gid"])
    expect(status["Groups"].strip() == "", status["Groups"])
    env = environment_of(ctx, "--user=4242", env={"USER": "root", "LOGNAME": "root", "X": "1"})
    expect(env == {"HOME": "/", "X": "1"}, env)
    result = ctx.run("--user=4242:x")
    expect(result.stderr == b"User [4242:x] not known\n", result)


@check
def e4_json_matches_print(ctx):
    skip = needs_root("--drop")
    if skip:
        return skip
    state = json.loads(ctx.run("--json").stdout)
    current = ctx.run("--current").stdout.decode().splitlines()
    expect(current[0] == "Current: " + state["text"], (current, state["text"]))
    expect(current[1] == "Current IAB: " + state["iab"], (current, state["iab"]))
    status = dict(line.split(":\t", 1) for line in open("/proc/self/status").read().splitlines()
                  if ":\t" in line)
    expect(state["uid"] == [int(x) for x in status["Uid"].split()[:3]], state["uid"])
    expect(state["mode"] == ctx.run("--mode").stdout.decode().split()[-1], state["mode"])
    both = ctx.run("--json", "--drop=cap_chown", "--json").stdout.splitlines()
    expect(len(both) == 2 and "cap_chown" not in json.loads(both[1])["bounding"], both)


@check
def e4_getpcaps_json(ctx):
    pid = str(os.getpid())
    text = ctx.run(pid, prog=ctx.getpcaps).stdout.decode().strip()
    objects = [json.loads(line) for line in
               ctx.run("--json", pid, "1", prog=ctx.getpcaps).stdout.splitlines()]
    expect(len(objects) == 2 and objects[0]["pid"] == int(pid), objects)
    expect(text == f"{pid}: {objects[0]['text']}", (text, objects[0]["text"]))
    missing = ctx.run("--json", "999999999", prog=ctx.getpcaps)
    expect(missing.returncode == 1 and missing.stdout == b"", missing)


@check
def e5_plan_changes_nothing_and_predicts(ctx):
    skip = needs_root("a plan that succeeds")
    if skip:
        return skip
    line = ["--inh=cap_net_bind_service", "--drop=cap_net_raw", "--shell=/bin/cat", "--",
            "/proc/self/status"]
    plan = json.loads(ctx.run("--plan", "--json", *line).stdout)
    expect(plan["ok"] and plan["target"]["argv"] == ["/bin/cat", "/proc/self/status"], plan)
    expect("cap_net_raw" not in plan["target"]["state"]["bounding"], plan["target"])
    text = ctx.run("--plan", *line)
    expect(text.returncode == 0 and text.stdout.startswith(b"verdict: /bin/cat /proc/self/status "
                                                           b"runs as uid 0"), text)
    expect(b"changes: bounding -cap_net_raw" in text.stdout, text.stdout)
    bad = ctx.run("--plan", "--caps=cap_chown=p", "--addamb=cap_chown", "--", "-c", "true")
    expect(bad.returncode == 1 and b"FAILS: failed to raise ambient [cap_chown=0]" in bad.stdout,
           bad)
    expect(b"fix: " in bad.stdout, bad.stdout)


@check
def e6_hints_only_when_asked(ctx):
    skip = needs_root("--chroot's message")
    if skip:
        return skip
    quiet = ctx.run("--drop=cap_net_rwa")
    expect(quiet.stderr == b"capability [cap_net_rwa] is unknown to libcap\n", quiet.stderr)
    env = dict(os.environ, CAPSH_NG_HINTS="1")
    loud = ctx.run("--drop=cap_net_rwa", env=env)
    expect(loud.stderr.startswith(quiet.stderr), loud.stderr)
    expect(b"hint: did you mean cap_net_raw?" in loud.stderr, loud.stderr)
    chroot = ctx.run("--chroot=/no/such/dir", env=env)  # capsh's message has no newline
    expect(chroot.stderr.startswith(b"Unable to chroot/chdir to [/no/such/dir]\nhint: "),
           chroot.stderr)


@check
def e6_hints_on_a_terminal(ctx):
    if testenv.missing("pty"):
        return Skip("pty", testenv.missing("pty"))
    if not shutil.which("script"):
        return Skip(None, "script (util-linux) is not installed")
    tty = subprocess.run(["script", "-qec", f"{ctx.capsh} --drop=cap_net_rwa", "/dev/null"],
                         stdin=subprocess.DEVNULL, capture_output=True, timeout=20)
    expect(b"hint: did you mean cap_net_raw?" in tty.stdout, tty)



# --- issue 15: findings of the adversarial review, and what its mutation run showed no test
# would miss. Each check fails if the code forgets the behaviour.

@check
def e3_numeric_user_with_noenv(ctx):
    if os.geteuid() != 0:
        return "skip: needs root (--user)"
    before = {"HOME": "/root", "USER": "root", "LOGNAME": "root", "X": "1"}
    env = environment_of(ctx, "--noenv", "--user=4242", env=before)
    expect(env == before, env)
    env = environment_of(ctx, "--noenv", "--user=4242:4343", env=before)
    expect(env == before, env)


def proc_status(pid):
    with open(f"/proc/{pid}/status") as status:
        return dict(line.split(":\t", 1) for line in status.read().splitlines() if ":\t" in line)


@check
def e4_getpcaps_json_reads_the_other_process(ctx):
    """getpcaps --json on a process whose bounding, inheritable and ambient sets are not its own."""
    if os.geteuid() != 0:
        return "skip: needs root (--drop, --addamb)"
    child = subprocess.Popen([ctx.capsh, "--drop=cap_net_raw,cap_sys_admin", "--inh=cap_kill",
                              "--addamb=cap_kill", "--exec", "sleep", "20"],
                             stdin=subprocess.DEVNULL)
    try:
        for _ in range(200):  # until it has exec'd sleep (the ambient set is raised before)
            status = proc_status(child.pid)
            if status.get("Name", "").strip() == "sleep":
                break
            subprocess.run(["sleep", "0.02"])
        expect(status.get("Name", "").strip() == "sleep", status.get("Name"))
        state = json.loads(ctx.run("--json", str(child.pid), prog=ctx.getpcaps).stdout)
        expect(state["pid"] == child.pid, state)
        expect("cap_net_raw" not in state["bounding"] and "cap_sys_admin" not in state["bounding"],
               state["bounding"])
        expect("cap_chown" in state["bounding"], state["bounding"])
        expect(state["ambient"] == ["cap_kill"], state["ambient"])
        expect(state["inheritable"] == ["cap_kill"], state["inheritable"])
        expect(int(status["CapBnd"], 16) & (1 << 13) == 0, status["CapBnd"])  # as /proc says
        own = json.loads(ctx.run("--json", str(os.getpid()), prog=ctx.getpcaps).stdout)
        expect(own["bounding"] != state["bounding"] and own["ambient"] == [], own)
    finally:
        child.kill()
        child.wait()


@check
def plan_arguments_cannot_forge_lines(ctx):
    forged = "/bin/true\ntarget starts with: FORGED"
    result = ctx.run("--plan", "--exec", forged)
    lines = result.stdout.decode().splitlines()
    expect(not any(line.startswith("target starts with: FORGED") for line in lines), lines)
    expect(any("$'/bin/true\\ntarget starts with: FORGED'" in line for line in lines), lines)
    result = ctx.run("--plan", "--user=x\n   then: FORGED")
    lines = result.stdout.decode().splitlines()
    expect(not any(line.startswith("   then: FORGED") for line in lines), lines)


@check
def json_and_plan_keep_every_group_above_100(ctx):
    if os.geteuid() != 0:
        return "skip: needs root (--groups)"
    groups = [0, 6, 42] + list(range(1000, 1150))
    listed = "--groups=" + ",".join(map(str, groups))
    state = json.loads(ctx.run(listed, "--exec", ctx.capsh, "--json").stdout)
    expect(state["groups"] == groups, state["groups"])
    expect(len(state["group_names"]) == len(groups), state["group_names"])
    plan = ctx.run(listed, "--exec", ctx.capsh, "--plan", "--uid=65534", "--exec", "id", "-G")
    # The verdict names every group the target keeps ("groups 0(root),6(disk),...,1149").
    verdict = [line for line in plan.stdout.decode().splitlines() if line.startswith("verdict:")]
    listed_there = verdict[0].rsplit(" groups ", 1)[-1].split(",") if len(verdict) == 1 else []
    numbers = [int(item.split("(")[0]) for item in listed_there if item.split("(")[0].isdigit()]
    expect(numbers == groups, verdict)
    real = ctx.run(listed, "--uid=65534", "--exec", "id", "-G")
    expect(sorted(map(int, real.stdout.split())) == groups, real.stdout)


@check
def chroot_target_starts_in_the_new_root(ctx):
    """The target's working directory after --chroot into a directory other than /, as capsh."""
    if os.geteuid() != 0:
        return "skip: needs root (chroot)"
    root = make_root_with_only_sh(os.path.join(ctx.tmp, "cwd"))
    env = {k: v for k, v in os.environ.items() if k != "PWD"}  # dash would trust $PWD
    line = [f"--chroot={root}", "--shell=/bin/sh", "--", "-c",
            'pwd; cd .. 2>/dev/null; echo "up: $(pwd)"; test -x /bin/sh && echo inside']
    ours = subprocess.run([ctx.capsh, *line], capture_output=True, cwd=ctx.tmp, env=env,
                          timeout=20)
    expect(ours.returncode == 0 and ours.stdout == b"/\nup: /\ninside\n", ours)
    if os.path.exists("/usr/sbin/capsh"):
        theirs = subprocess.run(["/usr/sbin/capsh", *line], capture_output=True, cwd=ctx.tmp,
                                env=env, timeout=20)
        expect((theirs.returncode, theirs.stdout, theirs.stderr)
               == (ours.returncode, ours.stdout, ours.stderr), (theirs, ours))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--capsh", required=True)
    args = parser.parse_args()
    passed = failed = skipped = 0
    with tempfile.TemporaryDirectory() as tmp:
        os.chmod(tmp, 0o755)
        ctx = Context(os.path.abspath(args.capsh), tmp)
        for func in CHECKS:
            try:
                outcome = func(ctx)
            except Exception as error:  # a failed expectation or a crash of the check
                failed += 1
                print(f"FAIL {func.__name__}: {error}")
                continue
            if isinstance(outcome, Skip):
                if testenv.skip_is_failure(outcome.feature):
                    failed += 1
                    print(f"FAIL {func.__name__} (skip: {outcome.reason}; CAPSH_NG_NO_SKIP=1)")
                else:
                    skipped += 1
                    print(f"SKIP {func.__name__}: {outcome.reason}")
                continue
            passed += 1
            print(f"ok   {func.__name__}")
    print(f"extensions: {passed} passed, {failed} failed, {skipped} skipped")
    return testenv.exit_status(passed, failed, skipped)


if __name__ == "__main__":
    sys.exit(main())
