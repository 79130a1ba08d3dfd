#!/usr/bin/env python3
"""Checks the one skip rule (tests/testenv.py) and how tests/summarize.py adds up suites that
skipped: CAPSH_NG_NO_SKIP and CAPSH_NG_KNOWN_MISSING, exit 77 when every case skipped, and a
meson SKIP counted as skipped, never as passed or failed.
Last line: `skip-rule: N passed, N failed`."""
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import testenv  # noqa: E402

passed = failed = 0


def expect(name, got, want):
    global passed, failed
    if got == want:
        passed += 1
        print("ok   " + name)
    else:
        failed += 1
        print("FAIL %s: got %r, want %r" % (name, got, want))


def with_env(**values):
    for name in ("CAPSH_NG_NO_SKIP", "CAPSH_NG_KNOWN_MISSING"):
        os.environ.pop(name, None)
    os.environ.update(values)


with_env()
expect("skips allowed without CAPSH_NG_NO_SKIP", testenv.skip_is_failure("userns"), False)
with_env(CAPSH_NG_NO_SKIP="1")
expect("CAPSH_NG_NO_SKIP=1: a skip fails", testenv.skip_is_failure("userns"), True)
with_env(CAPSH_NG_NO_SKIP="1", CAPSH_NG_KNOWN_MISSING="userns, pty")
expect("a declared feature's skip is allowed", testenv.skip_is_failure("pty"), False)
expect("an undeclared feature's skip still fails", testenv.skip_is_failure("root"), True)
expect("a missing tool is never excused", testenv.skip_is_failure(None), True)
with_env(CAPSH_NG_NO_SKIP="1", CAPSH_NG_KNOWN_MISSING="userns,nosuch")
try:
    testenv.skip_is_failure("userns")
    expect("an unknown declared feature is refused", "accepted", "refused")
except SystemExit:
    expect("an unknown declared feature is refused", "refused", "refused")
with_env()
expect("all skipped: exit 77", testenv.exit_status(0, 0, 3), 77)
expect("some passed: exit 0", testenv.exit_status(2, 0, 3), 0)
expect("a failure: exit 1", testenv.exit_status(2, 1, 3), 1)
expect("nothing at all: exit 0", testenv.exit_status(0, 0, 0), 0)

# A feature this machine has cannot be declared missing (testenv.py as a program).
present = [f for f in testenv.FEATURES if testenv.missing(f) is None]
if present:
    env = dict(os.environ, CAPSH_NG_KNOWN_MISSING=present[0])
    status = subprocess.run([sys.executable, os.path.join(HERE, "testenv.py")], env=env,
                            stdout=subprocess.DEVNULL).returncode
    expect("declaring a present feature (%s) missing fails" % present[0], status, 1)

entries = [
    {"name": "all-skipped", "result": "SKIP", "stdout": "x: 0 passed, 0 failed, 4 skipped\n"},
    {"name": "no-count", "result": "SKIP", "stdout": "nothing to say\n"},
    {"name": "some", "result": "OK", "stdout": "y: 5 passed, 0 failed, 2 skipped\n"},
    {"name": "crashed", "result": "TIMEOUT", "stdout": "z: 3 passed, 0 failed\n"},
]
with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as log:
    log.write("".join(json.dumps(e) + "\n" for e in entries))
out = subprocess.run([sys.executable, os.path.join(HERE, "summarize.py"), log.name],
                     capture_output=True, text=True)
os.unlink(log.name)
expect("summarize adds skipped suites up", out.stdout.splitlines()[-1],
       "8 passed, 1 failed, 7 skipped")
expect("summarize fails on the timed-out suite", out.returncode, 1)

print("skip-rule: %d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
