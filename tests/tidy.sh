#!/bin/sh
# The static-analysis gate: clang-tidy (checks in .clang-tidy) over every source file of the
# program, using the compile commands of a configured build directory (default: build).
# Prints "tidy: N passed, N failed" (files) and exits non-zero on any finding.
set -u
build=${1:-build}
top=$(cd "$(dirname "$0")/.." && pwd)
log=$(mktemp)
# The sources this build compiles (user_db_files.cpp belongs to the static build only).
files=$(python3 -c '
import json, os, sys
seen = {os.path.realpath(os.path.join(e["directory"], e["file"]))
        for e in json.load(open(sys.argv[1] + "/compile_commands.json"))}
src = os.path.realpath(sys.argv[2]) + "/src/"
print("\n".join(sorted(f for f in seen if f.startswith(src))))' "$build" "$top")
failed=0
passed=0
# Two at a time (TIDY_JOBS): each file pulls in fmt's headers, which is most of the cost.
for file in $files; do echo "$file"; done |
    xargs -P "${TIDY_JOBS:-2}" -I{} sh -c 'clang-tidy -p "$1" --quiet "$2" >"$3.$(basename "$2")" 2>&1 || echo "$2" >>"$3.failed"' _ "$build" {} "$log"
for file in $files; do
    if [ -f "$log.failed" ] && grep -qx "$file" "$log.failed"; then
        failed=$((failed + 1))
        grep -E "(warning|error):" "$log.$(basename "$file")"
    else
        passed=$((passed + 1))
    fi
    rm -f "$log.$(basename "$file")"
done
rm -f "$log" "$log.failed"
echo "tidy: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
