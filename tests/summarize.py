#!/usr/bin/env python3
"""Adds up the cases of every suite in a meson test log and prints one line:
`N passed, N failed, N skipped` (what CI reads as the test count).

Each suite reports its own count: the differential and fail-closed runners end with
`<label>: N passed, N failed[, N skipped]`, Catch2 with its test-case totals. A suite whose
output has neither counts as one case, passed, failed or skipped (exit 77) by its exit status.
A suite that exits 77 (every case skipped: meson shows SKIP) is added up from its own line too.
"""
import json
import re
import sys

RUNNER = re.compile(r"^(?:[\w-]+: )?(\d+) passed, (\d+) failed(?:, (\d+) skipped)?$", re.M)
CATCH_ALL = re.compile(r"All tests passed \(\d+ assertions? in (\d+) test cases?\)")
CATCH_SOME = re.compile(r"test cases:\s+(\d+) \|\s+(\d+) passed \|\s+(\d+) failed")


def counts(entry):
    out = entry.get("stdout") or ""
    found = RUNNER.findall(out)
    if found:
        passed, failed, skipped = found[-1]
        return int(passed), int(failed), int(skipped or 0)
    match = CATCH_ALL.search(out)
    if match:
        return int(match.group(1)), 0, 0
    match = CATCH_SOME.search(out)
    if match:
        return int(match.group(2)), int(match.group(3)), 0
    if entry.get("result") == "SKIP":  # exit 77 without a count: one skipped case
        return 0, 0, 1
    ok = entry.get("result") in ("OK", "EXPECTEDFAIL")
    return (1, 0, 0) if ok else (0, 1, 0)


def main(path):
    total = [0, 0, 0]
    with open(path, encoding="utf-8") as log:
        for line in log:
            if not line.strip():
                continue
            entry = json.loads(line)
            passed, failed, skipped = counts(entry)
            # A suite that failed as a whole (crash, timeout) must not read as all passed.
            if entry.get("result") not in ("OK", "EXPECTEDFAIL", "SKIP") and failed == 0:
                failed = 1
            print(f"  {entry['name']}: {passed} passed, {failed} failed, {skipped} skipped")
            for n, value in enumerate((passed, failed, skipped)):
                total[n] += value
    print(f"{total[0]} passed, {total[1]} failed, {total[2]} skipped")
    return 1 if total[1] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "build/meson-logs/testlog.json"))
