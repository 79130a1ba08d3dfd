#!/bin/sh
# Checks `meson dist` (by hand before a release, or in CI; the whole check builds a second copy
# of capsh-ng):
#   1. `meson dist` (from a temporary clone, since it needs a clean git tree) is reproducible:
#      two runs, in two clones at different paths and times, give the same .tar.xz bytes, and
#      the .tar.gz made from each with `gzip -n` (docs/packaging.md) is identical too;
#   2. the README's quick start (its blocks marked `test: dist`) builds the unpacked tarball
#      offline, in a new network namespace, with nothing but the Debian packages;
#   3. that build, configured with -Dcapsh_alias=true, installs the libcap names.
# Usage: tests/docs/check_dist.sh [--tarball-only]   (from anywhere; root for the offline
# network namespace; --tarball-only: step 1 alone, which builds nothing)
set -eu
source=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/capsh-ng-dist.XXXXXX")
trap 'rm -rf "$work"' EXIT

step() { printf '\n== %s\n' "$*"; }

# make_dist NAME: a clone of the committed tree in $work/NAME, and its tarballs.
make_dist() {
    git clone --quiet "$source" "$work/$1"
    meson setup "$work/$1/build" "$work/$1" --wrap-mode=nodownload -Dtests=disabled >/dev/null
    meson dist -C "$work/$1/build" --no-tests --formats xztar >/dev/null
    for xz in "$work/$1"/build/meson-dist/*.tar.xz; do
        xz -dc "$xz" | gzip -n -9 >"${xz%.xz}.gz"
    done
}

step "meson dist of $(git -C "$source" rev-parse --short HEAD), twice"
make_dist clone
sleep 1  # a second later: a time that leaked into the archive would show
(umask 077 && make_dist clone-again)
status=0
for format in tar.xz tar.gz; do
    first=$(ls "$work"/clone/build/meson-dist/*.$format)
    second=$(ls "$work"/clone-again/build/meson-dist/*.$format)
    if cmp -s "$first" "$second"; then
        echo "ok    $(basename "$first"): identical ($(sha256sum <"$first" | cut -c1-16)...)"
    else
        echo "FAIL  $(basename "$first") differs between two runs"
        status=1
    fi
done
if [ "${1:-}" = --tarball-only ]; then
    if [ $status = 0 ]; then echo "dist: 1 passed, 0 failed"; else echo "dist: 0 passed, 1 failed"; fi
    exit $status
fi
tarball=$(ls "$work"/clone/build/meson-dist/*.tar.gz)
mkdir "$work/unpacked"
tar -xf "$tarball" -C "$work/unpacked"
tree=$(ls -d "$work"/unpacked/*)

step "README quick start in $(basename "$tree"), offline"
python3 "$source/tests/docs/check_readme.py" --source "$tree" --print-blocks dist \
    >"$work/quickstart.sh"
cat "$work/quickstart.sh"
offline=""
if [ "$(id -u)" = 0 ] && unshare --net true 2>/dev/null; then
    offline="unshare --net"
else
    echo "(not root: building with the network reachable)"
fi
(cd "$tree" && $offline bash -e -o pipefail "$work/quickstart.sh")

step "install with -Dcapsh_alias=true"
meson configure "$tree/build" -Dcapsh_alias=true
meson install -C "$tree/build" --quiet --destdir "$work/stage"
for path in sbin/capsh sbin/getpcaps share/man/man1/capsh.1 share/man/man8/getpcaps.8 \
    share/bash-completion/completions/capsh share/bash-completion/completions/getpcaps; do
    if [ -L "$work/stage/usr/local/$path" ]; then
        echo "ok    /usr/local/$path -> $(readlink "$work/stage/usr/local/$path")"
    else
        echo "FAIL  /usr/local/$path is not installed as a link"
        status=1
    fi
done
"$work/stage/usr/local/sbin/getpcaps" 1 >/dev/null || status=1

if [ $status = 0 ]; then echo "dist: 1 passed, 0 failed"; else echo "dist: 0 passed, 1 failed"; fi
exit $status
