#!/usr/bin/env python3
"""What this environment lets the end-to-end suites do, and the one rule for skipping.

Every suite asks `missing(FEATURE)` before a case that needs something of the environment and
skips the case with the reason it returns. Features:

  root     uid 0 in the initial user namespace (real capabilities, other ids, setgroups)
  userns   `unshare -Ur` makes a user namespace (refused in a chroot, by Docker's default
           seccomp profile, by many build daemons)
  mountns  as root, `unshare --mount --net --pid --fork` makes new namespaces (the README's
           sandbox)
  pty      a pseudo-terminal can be opened (none without a devpts mount, e.g. in a chroot)
  proc     /proc is mounted
  gosu     Debian's gosu, the reference of the gosu-ng suites, is installed
  containers  runc is installed and the cgroup file system is mounted (the container tests)

A skip is a failure when CAPSH_NG_NO_SKIP=1 (CI), except for the features listed in
CAPSH_NG_KNOWN_MISSING (comma-separated): a restricted run declares there what it lacks on
purpose (the chroot run: `userns,pty,gosu,containers`; the unprivileged run: `root,mountns`),
and every other skip still fails it.

Run as a program, it prints what this environment has and exits 1 when a feature declared
missing is in fact present (the declaration would hide skips that should not happen).
"""
import functools
import os
import shutil
import subprocess
import sys

FEATURES = ("root", "userns", "mountns", "pty", "proc", "gosu", "containers")
GOSU = "/usr/sbin/gosu"
TIMEOUT = 20
# Exit status of a suite whose cases were all skipped: meson reports the test as SKIP.
EXIT_SKIPPED = 77


def _run(argv):
    try:
        result = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, timeout=TIMEOUT)
    except (OSError, subprocess.TimeoutExpired) as error:
        return str(error)
    if result.returncode == 0:
        return None
    return result.stderr.decode(errors="replace").strip() or "exit %d" % result.returncode


def in_initial_userns():
    """True in the host's user namespace, where root's capabilities are real."""
    try:
        with open("/proc/self/uid_map", encoding="ascii") as f:
            return f.read().split()[:3] == ["0", "0", "4294967295"]
    except OSError:
        return False


@functools.lru_cache(maxsize=None)
def missing(feature):
    """None when the environment has the feature, else why it has not (for the skip line)."""
    if feature == "proc":
        return None if os.path.exists("/proc/self/status") else "/proc is not mounted"
    if feature == "root":
        if os.geteuid() != 0:
            return "needs root (uid 0 in the initial user namespace); running as uid %d" \
                % os.geteuid()
        if not in_initial_userns():
            return "needs root in the initial user namespace; this is a user namespace" \
                + ("" if os.path.exists("/proc/self/uid_map") else " or /proc is missing")
        return None
    if feature == "userns":
        if shutil.which("unshare") is None:
            return "unshare (util-linux) is not installed"
        error = _run(["unshare", "-Ur", "true"])
        return None if error is None else "`unshare -Ur` does not work here (%s)" % error
    if feature == "mountns":
        if os.geteuid() != 0:
            return "needs root to make mount, network and pid namespaces"
        if shutil.which("unshare") is None:
            return "unshare (util-linux) is not installed"
        error = _run(["unshare", "--mount", "--net", "--pid", "--fork", "true"])
        return None if error is None else "cannot make namespaces (%s)" % error
    if feature == "pty":
        try:
            primary, secondary = os.openpty()
        except OSError as error:
            return "no pseudo-terminal can be opened (%s)" % error
        os.close(primary)
        os.close(secondary)
        return None
    if feature == "gosu":
        return None if os.path.exists(GOSU) else "%s is not installed (Debian's gosu)" % GOSU
    if feature == "containers":
        if (shutil.which("runc") or shutil.which("runc", path="/usr/sbin:/sbin")) is None:
            return "runc is not installed (Debian's runc)"
        if not os.path.exists("/sys/fs/cgroup/cgroup.controllers") and \
                not os.path.isdir("/sys/fs/cgroup/memory"):
            return "no cgroup file system is mounted at /sys/fs/cgroup (runc needs one)"
        return None
    raise ValueError("unknown feature %r" % feature)


def known_missing():
    """The features this run declares missing on purpose (CAPSH_NG_KNOWN_MISSING)."""
    names = {n.strip() for n in os.environ.get("CAPSH_NG_KNOWN_MISSING", "").split(",")}
    names.discard("")
    unknown = names - set(FEATURES)
    if unknown:
        raise SystemExit("CAPSH_NG_KNOWN_MISSING names unknown features: %s (known: %s)"
                         % (", ".join(sorted(unknown)), ", ".join(FEATURES)))
    return names


def skip_is_failure(feature=None):
    """True when a skip for lack of `feature` must count as a failure: CAPSH_NG_NO_SKIP=1 and
    the run has not declared the feature missing (feature None: a missing tool or file, which
    no declaration excuses)."""
    if os.environ.get("CAPSH_NG_NO_SKIP") != "1":
        return False
    return feature is None or feature not in known_missing()


def exit_status(passed, failed, skipped):
    """A suite's exit status: 1 on a failure, 77 when every case was skipped, else 0."""
    if failed:
        return 1
    return EXIT_SKIPPED if skipped and not passed else 0


def main():
    declared = known_missing()
    wrong = []
    words = []
    for feature in FEATURES:
        reason = missing(feature)
        words.append("%s %s" % (feature, "yes" if reason is None else "no"))
        if reason is not None:
            print("environment: no %s: %s" % (feature, reason))
        elif feature in declared:
            wrong.append(feature)
    policy = "skips fail" if os.environ.get("CAPSH_NG_NO_SKIP") == "1" else "skips allowed"
    if declared and policy == "skips fail":
        policy += " except for lack of " + ", ".join(sorted(declared))
    print("environment: %s (%s)" % (", ".join(words), policy))
    if wrong:
        print("environment: CAPSH_NG_KNOWN_MISSING names %s, which this environment has"
              % ", ".join(wrong))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
