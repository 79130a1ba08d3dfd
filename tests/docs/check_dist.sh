#!/bin/sh
# Checks `meson dist` (by hand before a release; it builds a second copy of capsh-ng, which is
# too slow for the test run and for CI):
#   1. `meson dist` makes a tarball of the committed tree (from a temporary clone, since it
#      needs a clean git tree);
#   2. the README's quick start (its blocks marked `test: dist`) builds the unpacked tarball
#      offline, in a new network namespace, with nothing but the Debian packages;
#   3. that build, configured with -Dcapsh_alias=true, installs the libcap names.
# Usage: tests/docs/check_dist.sh   (from anywhere; root for the offline network namespace)
set -eu
source=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/capsh-ng-dist.XXXXXX")
trap 'rm -rf "$work"' EXIT

step() { printf '\n== %s\n' "$*"; }

step "meson dist of $(git -C "$source" rev-parse --short HEAD)"
git clone --quiet "$source" "$work/clone"
meson setup "$work/clone/build" "$work/clone" --wrap-mode=nodownload -Dtests=disabled >/dev/null
meson dist -C "$work/clone/build" --no-tests --formats gztar
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
status=0
for path in bin/capsh bin/getpcaps share/man/man1/capsh.1 share/man/man8/getpcaps.8 \
    share/bash-completion/completions/capsh share/bash-completion/completions/getpcaps; do
    if [ -L "$work/stage/usr/local/$path" ]; then
        echo "ok    /usr/local/$path -> $(readlink "$work/stage/usr/local/$path")"
    else
        echo "FAIL  /usr/local/$path is not installed as a link"
        status=1
    fi
done
"$work/stage/usr/local/bin/getpcaps" 1 >/dev/null || status=1

if [ $status = 0 ]; then echo "dist: 1 passed, 0 failed"; else echo "dist: 0 passed, 1 failed"; fi
exit $status
