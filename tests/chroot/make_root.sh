#!/usr/bin/env bash
# Makes a minimal Debian 12 root with what the build, the tests and the Debian package build
# need, for the restricted runs of docs/testing.md: inside a chroot the kernel refuses new
# user namespaces, and there is no pseudo-terminal (no devpts is mounted, on purpose).
#   tests/chroot/make_root.sh ROOT      (as root; ROOT must not exist yet; about 5 minutes)
# The mirror is the one this machine's apt uses. The root gets an ordinary user, `builder`
# (uid 2000), for the unprivileged package build; nothing is created on the host.
set -euo pipefail
root=${1:?usage: make_root.sh ROOT}
here=$(cd "$(dirname "$0")" && pwd)
[ "$(id -u)" = 0 ] || { echo "make_root.sh: needs root (debootstrap, chroot)" >&2; exit 2; }
[ ! -e "$root" ] || { echo "make_root.sh: $root exists" >&2; exit 2; }

# The first Debian archive this machine's apt sources name (deb822 or one-line format).
mirror=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null |
         awk '/^URIs:/ && $2 ~ /\/debian\/?$/ { print $2; exit }')
if [ -z "$mirror" ]; then
    mirror=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
             awk '$1 == "deb" && $2 ~ /\/debian\/?$/ { print $2; exit }')
fi
mirror=${mirror:-http://deb.debian.org/debian}
echo "make_root.sh: debootstrap bookworm from $mirror into $root"

command -v debootstrap >/dev/null || {
    echo "make_root.sh: debootstrap is not installed (apt-get install debootstrap)" >&2; exit 2; }
debootstrap --variant=minbase bookworm "$root" "$mirror" >"$root.debootstrap.log" 2>&1 || {
    tail -n 30 "$root.debootstrap.log" >&2; exit 1; }
rm -f "$root.debootstrap.log"

# The build and test dependencies (those of .ci/run's first apt-get line), and what
# dpkg-buildpackage needs for packaging/debian.
"$here/run_in_chroot.sh" "$root" sh -c '
    set -e
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends \
        g++ meson ninja-build pkg-config cmake libcap-ng-dev libfmt-dev catch2 \
        libcap2-bin python3 util-linux coreutils groff-base mandoc git \
        build-essential debhelper dpkg-dev >/dev/null
    apt-get clean
    useradd --create-home --uid 2000 --user-group --shell /bin/sh builder
    useradd --create-home --uid 2001 --user-group --shell /bin/sh builder2'
echo "make_root.sh: $root is ready ($(du -sm "$root" | cut -f1) MB)"
