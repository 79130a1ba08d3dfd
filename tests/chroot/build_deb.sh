#!/usr/bin/env bash
# Builds the Debian package from packaging/debian inside a root made by make_root.sh, as its
# ordinary users (no root, no user namespaces, no terminal: the suites skip what needs them),
# with the tests on (the first build). Then, on this machine: lintian, blhc and hardening-check (their output is
# printed; an error or a warning fails). Inside the root: the package installed beside
# libcap2-bin, with and without the libcap names (build profile pkg.capsh-ng.alias), and both
# tools run. Two builds by different users in different directories must give identical .debs.
#   tests/chroot/build_deb.sh ROOT OUTDIR      (as root; needs lintian, blhc, devscripts)
set -euo pipefail
root=${1:?usage: build_deb.sh ROOT OUTDIR}
out=${2:?usage: build_deb.sh ROOT OUTDIR}
here=$(cd "$(dirname "$0")" && pwd)
source_dir=$(cd "$here/../.." && pwd)
mkdir -p "$out"
out=$(cd "$out" && pwd)
version=$(sed -n '1s/.*(\(.*\)-[^-]*).*/\1/p' "$source_dir/packaging/debian/changelog")
in_root() { "$here/run_in_chroot.sh" "$root" "$@"; }

# The skips a build without root, user namespaces or a terminal cannot avoid are declared;
# any other skip still fails the build when the caller sets CAPSH_NG_NO_SKIP=1.
export CAPSH_NG_KNOWN_MISSING=root,mountns,userns,pty,gosu,containers

# build USER DIR NAME [DEB_BUILD_PROFILES]: the source tree and packaging/debian as debian/ in
# DIR/capsh-ng-VERSION, dpkg-buildpackage -b as USER; the .debs and the log go to OUTDIR/NAME.
build() {
    local user=$1 dir=$2 name=$3 profiles=${4:-}
    local tree=$dir/capsh-ng-$version
    rm -rf "${root:?}$dir"
    mkdir -p "$root$tree"
    git -C "$source_dir" ls-files -z --cached --others --exclude-standard |
        (cd "$source_dir" && tar --null --ignore-failed-read -T - -cf - 2>/dev/null) |
        tar -xf - -C "$root$tree"
    rm -rf "$root$tree/debian"
    cp -r "$source_dir/packaging/debian" "$root$tree/debian"
    chroot "$root" chown -R "$user:$user" "$dir"
    echo "build_deb.sh: $name: dpkg-buildpackage as $user in $tree${profiles:+ (profiles: $profiles)}"
    local status=0 start=$SECONDS
    DEB_BUILD_PROFILES=$profiles in_root --user "$user" sh -c '
        cd "$1" && DEB_BUILD_PROFILES=$2 dpkg-buildpackage -b -us -uc' sh "$tree" "$profiles" \
        >"$out/$name.build.log" 2>&1 || status=$?
    grep -E '^ *[^ ]+: [0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$|^[0-9]+ passed, [0-9]+ failed' \
        "$out/$name.build.log" | tail -n 1 | sed "s/^/build_deb.sh: $name: suite: /" || true
    if [ $status -ne 0 ]; then
        tail -n 80 "$out/$name.build.log"
        echo "build_deb.sh: $name: dpkg-buildpackage failed ($status)"
        return 1
    fi
    rm -rf "${out:?}/$name"
    mkdir -p "$out/$name"
    cp "$root$dir"/*.deb "$root$dir"/*.changes "$root$dir"/*.buildinfo "$out/$name/"
    echo "build_deb.sh: $name: built in $((SECONDS - start)) s: $(cd "$out/$name" && echo *.deb)"
}

build builder /home/builder/build a
# The second build only has to give the same bytes: its tests would repeat the first's
# (DEB_BUILD_OPTIONS=nocheck builds the same program; -Dtests=disabled only leaves out tests).
DEB_BUILD_OPTIONS=nocheck build builder2 /tmp/elsewhere/deep/er b
DEB_BUILD_OPTIONS=nocheck build builder /home/builder/alias alias pkg.capsh-ng.alias

failed=0
echo "== two builds, two users, two directories"
for deb in "$out"/a/*.deb; do
    if cmp "$deb" "$out/b/$(basename "$deb")"; then
        echo "identical: $(basename "$deb") ($(sha256sum <"$deb" | cut -c1-16))"
    else
        echo "DIFFERENT: $(basename "$deb")"
        failed=1
    fi
done

echo "== lintian"
lintian_log=$out/lintian.log
# The binary packages (the .changes of a first upload would add initial-upload-closes-no-bugs:
# a distribution's upload closes its own ITP bug).
# initial-upload-closes-no-bugs: the template's single changelog entry cannot close the ITP
# bug a distribution's first upload closes; a packager's changelog does.
lintian --display-info --pedantic --suppress-tags initial-upload-closes-no-bugs \
    "$out"/a/*.deb >"$lintian_log" 2>&1 || true
cat "$lintian_log"
if grep -Eq '^[EW]: ' "$lintian_log"; then
    echo "lintian: errors or warnings"; failed=1
else
    echo "lintian: no errors, no warnings ($(grep -c '^[IPX]: ' "$lintian_log" || true) info/pedantic tags)"
fi

echo "== blhc"
blhc_status=0
blhc "$out/a.build.log" || blhc_status=$?
if [ $blhc_status -ne 0 ]; then echo "blhc: exit $blhc_status"; failed=1; else echo "blhc: clean"; fi

echo "== hardening-check"
unpacked=$(mktemp -d)
dpkg-deb -x "$out"/a/capsh-ng_*.deb "$unpacked"
hardening_status=0
# --nocfprotection: hardening-check looks for the IBT/SHSTK property note, which the linker
# drops from every program whose C library start files lack it, as Debian 12's do; the
# project's own check (tests/hardening) reads the endbr64 markers of the unstripped build.
hardening-check --nocfprotection "$unpacked/usr/bin/capsh-ng" || hardening_status=$?
rm -rf "$unpacked"
if [ $hardening_status -ne 0 ]; then echo "hardening-check: exit $hardening_status"; failed=1; fi

# install NAME: the package of that build beside libcap2-bin; both tools must still work and
# print the same state. Removed again afterwards.
install_check() {
    local name=$1
    rm -rf "${root:?}/tmp/debs"
    mkdir -p "$root/tmp/debs"
    cp "$out/$name"/capsh-ng_*.deb "$root/tmp/debs/"
    echo "== install $name beside libcap2-bin"
    in_root bash -ec '
        export DEBIAN_FRONTEND=noninteractive
        dpkg -i /tmp/debs/capsh-ng_*.deb
        dpkg -s libcap2-bin | grep "^Status: install ok installed"
        dpkg -S /usr/sbin/capsh /sbin/capsh 2>/dev/null || true
        /usr/sbin/capsh --print >/tmp/ref.txt
        capsh-ng --print >/tmp/ng.txt
        cmp /tmp/ref.txt /tmp/ng.txt
        /usr/sbin/getpcaps 1 >/tmp/ref.txt 2>&1
        getpcaps-ng 1 >/tmp/ng.txt 2>&1
        cmp /tmp/ref.txt /tmp/ng.txt
        capsh-ng --drop=cap_net_raw --user=nobody -- -c "grep ^CapEff /proc/self/status"
        /usr/sbin/capsh --drop=cap_net_raw --user=nobody -- -c "grep ^CapEff /proc/self/status"
        if [ "$1" = alias ]; then
            # libcap names of ours in /usr/bin, libcap2-bin'"'"'s in /usr/sbin: both answer alike.
            [ "$(readlink -f /usr/bin/capsh)" = /usr/bin/capsh-ng ]
            [ "$(readlink -f /usr/bin/getpcaps)" = /usr/bin/capsh-ng ]
            /usr/bin/capsh --print | cmp - <(/usr/sbin/capsh --print)
            /usr/bin/getpcaps 1 2>&1 | cmp - <(/usr/sbin/getpcaps 1 2>&1)
            echo "the alias links answer as libcap'"'"'s tools"
        fi
        dpkg -r capsh-ng >/dev/null
        /usr/sbin/capsh --print >/dev/null
        echo "installed, run and removed beside libcap2-bin: ok"' sh "$name" || {
        echo "install $name: FAILED"; return 1; }
}
install_check a || failed=1
install_check alias || failed=1

[ $failed -eq 0 ] && echo "build_deb.sh: all checks passed" || echo "build_deb.sh: FAILED"
exit $failed
