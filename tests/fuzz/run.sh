#!/bin/sh
# Runs fuzz targets of a -Dfuzz=true build (README, "Fuzzing").
#
#   tests/fuzz/run.sh TARGET|all SECONDS [LIBFUZZER_OPTION...]
#
# TARGET is one of the targets with a seed corpus in tests/fuzz/corpus/ (all: every one); SECONDS 0 means no time limit
# (then give e.g. -runs=10000000). The build directory is $FUZZ_BUILD (default build-fuzz, set up
# as the README says). New corpus entries go to $FUZZ_BUILD/fuzz-corpus/TARGET, never into the
# committed seeds; a crashing input is written to $FUZZ_BUILD/fuzz-artifacts/TARGET/ and should
# be committed to tests/fuzz/regressions/TARGET/, where every build replays it.
# Ends with `fuzz: N passed, N failed` (one per target); exit status 0 iff all passed.
set -u
here=$(cd "$(dirname "$0")" && pwd)
build=${FUZZ_BUILD:-build-fuzz}
# Every target with a seed corpus: a new target is run as soon as its corpus is committed.
targets=$(cd "$here/corpus" && ls -d -- */ | tr -d / | tr '\n' ' ')
if [ $# -lt 2 ]; then
    echo "usage: $0 TARGET|all SECONDS [LIBFUZZER_OPTION...]" >&2
    exit 2
fi
which=$1
seconds=$2
shift 2
[ "$which" = all ] || targets=$which

# Any sanitizer report ends the run with the input that caused it.
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:abort_on_error=1:print_stacktrace=1}

passed=0
failed=0
for target in $targets; do
    exe=$build/tests/fuzz/fuzz-$target
    if [ ! -x "$exe" ]; then
        echo "$exe is missing: meson setup $build -Dfuzz=true ... (see README)" >&2
        failed=$((failed + 1))
        continue
    fi
    corpus=$build/fuzz-corpus/$target
    artifacts=$build/fuzz-artifacts/$target
    mkdir -p "$corpus" "$artifacts"
    seeds=$here/corpus/$target
    regressions=
    [ -d "$here/regressions/$target" ] && regressions=$here/regressions/$target
    log=$build/fuzz-$target.log
    echo "fuzz-$target: ${seconds}s $*"
    # shellcheck disable=SC2086 # $regressions is empty or one path
    "$exe" -max_total_time="$seconds" -print_final_stats=1 -timeout=10 -rss_limit_mb=2048 \
        -max_len=4096 -artifact_prefix="$artifacts/" "$@" "$corpus" "$seeds" $regressions \
        >"$log" 2>&1
    status=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    if [ $status -eq 0 ]; then
        passed=$((passed + 1))
        echo "  ok: ${runs:-?} executions, no crash, leak or sanitizer report ($log)"
    else
        failed=$((failed + 1))
        echo "  FAILED (exit $status) after ${runs:-?} executions; inputs in $artifacts/:"
        ls "$artifacts" | sed 's/^/    /'
        grep -E "ERROR|invariant failed|runtime error|SUMMARY" "$log" | head -5 | sed 's/^/    /'
    fi
done
echo "fuzz: $passed passed, $failed failed"
[ $failed -eq 0 ]
