"""What the fail-closed runners (run_failclosed.py, run_property.py, run_robustness.py) share:
tests/testenv.py (whether privileged cases can run here), and capsh and capsh-ng side by side
under one name."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))
import testenv  # noqa: E402,F401  (tests/testenv.py: what this environment can do)

UNSHARE = "/usr/bin/unshare"


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
