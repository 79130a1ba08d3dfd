"""What the fail-closed runners (run_failclosed.py, run_property.py, run_robustness.py) share:
whether privileged cases can run here, and capsh and capsh-ng side by side under one name."""
import os
import subprocess

UNSHARE = "/usr/bin/unshare"


def in_initial_userns():
    """True in the host's user namespace, where root's capabilities are real."""
    try:
        with open("/proc/self/uid_map", encoding="ascii") as f:
            return f.read().split()[:3] == ["0", "0", "4294967295"]
    except OSError:
        return False


def userns_works(timeout):
    """True when `unshare -Ur` can make a user namespace here."""
    try:
        return subprocess.run([UNSHARE, "-Ur", "true"], stdin=subprocess.DEVNULL,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              timeout=timeout).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def capsh_dirs(root, reference, ours):
    """Two directories under root, "ref" and "ng", each holding `capsh` (a link to reference
    or to ours), to put first in PATH: both programs then run under the same name."""
    dirs = {}
    for side, path in (("ref", reference), ("ng", os.path.abspath(ours))):
        bindir = os.path.join(root, side)
        os.mkdir(bindir)
        os.chmod(bindir, 0o755)
        os.symlink(path, os.path.join(bindir, "capsh"))
        dirs[side] = bindir
    return dirs
