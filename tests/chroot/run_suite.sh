#!/usr/bin/env bash
# Builds this source tree inside a root made by make_root.sh and runs the whole suite there
# (tests/run), as root of the chroot or as its ordinary user `builder`. Prints the suite's
# summary line last. The tracked and untracked (not ignored) files of the tree are copied in.
#   tests/chroot/run_suite.sh ROOT [--user builder] [MESON_SETUP_OPTION...]
# A chroot has no user namespaces and no pseudo-terminal: with CAPSH_NG_NO_SKIP=1 this run
# declares them (CAPSH_NG_KNOWN_MISSING=userns,pty; gosu,containers, which the root does not
# install; and root,mountns for --user), so every skip for another reason still fails it.
set -euo pipefail
root=${1:?usage: run_suite.sh ROOT [--user NAME] [MESON_SETUP_OPTION...]}
shift
user=root
if [ "${1:-}" = --user ]; then
    user=${2:?--user needs a name}
    shift 2
fi
here=$(cd "$(dirname "$0")" && pwd)
source_dir=$(cd "$here/../.." && pwd)

known=userns,pty,gosu,containers
[ "$user" = root ] || known=$known,root,mountns
if [ -n "${CAPSH_NG_KNOWN_MISSING:-}" ]; then known=$known,$CAPSH_NG_KNOWN_MISSING; fi
export CAPSH_NG_KNOWN_MISSING=$known

# Not under /root (mode 0700): the suites run the build's capsh-ng as other users too.
inside=/home/$user/capsh-ng
[ "$user" = root ] && inside=/srv/capsh-ng
rm -rf "${root:?}$inside"
mkdir -p "$root$inside"
git -C "$source_dir" ls-files -z --cached --others --exclude-standard |
    (cd "$source_dir" && tar --null --ignore-failed-read -T - -cf - 2>/dev/null) | tar -xf - -C "$root$inside"
if [ "$user" != root ]; then
    chroot "$root" chown -R "$user:$user" "$inside"
fi

echo "run_suite.sh: building and testing as $user in $root (CAPSH_NG_KNOWN_MISSING=$known)"
"$here/run_in_chroot.sh" "$root" --user "$user" sh -c '
    cd "$1" && shift &&
    meson setup build --wrap-mode=nodownload "$@" >setup.log 2>&1 || { cat setup.log; exit 1; }
    tests/run build' sh "$inside" "$@"
