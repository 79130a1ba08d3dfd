#!/usr/bin/env bash
# Runs a command inside a root made by make_root.sh, as root or as an ordinary user of that
# root, with /proc mounted for the time of the command (and nothing else: no devpts, so no
# pseudo-terminal; no /sys, no /dev/shm). The environment is reset; CAPSH_NG_* variables pass through.
#   tests/chroot/run_in_chroot.sh ROOT [--user NAME] COMMAND [ARG...]
set -euo pipefail
root=${1:?usage: run_in_chroot.sh ROOT [--user NAME] COMMAND [ARG...]}
shift
user=root
if [ "${1:-}" = --user ]; then
    user=${2:?--user needs a name}
    shift 2
fi
[ $# -gt 0 ] || { echo "run_in_chroot.sh: no command" >&2; exit 2; }

# Mounts of our own, undone however the command ends; those already there (another run of
# this script) are left alone. ROOT is bound onto itself, private, so that it is a mount point,
# as in schroot or a container: the README's sandbox (unshare --mount) can then make its root
# private without touching this machine's mounts. User namespaces stay refused: the kernel
# refuses them to any process whose root is not its mount namespace's root.
mounted=()
if ! mountpoint -q "$root"; then
    mount --bind "$root" "$root"
    mount --make-private "$root"
    mounted=("$root" "${mounted[@]}")
fi
if ! mountpoint -q "$root/proc"; then
    mount -t proc proc "$root/proc"
    mounted=("$root/proc" "${mounted[@]}")
fi
cleanup() {
    local m
    for m in "${mounted[@]}"; do umount "$m" || umount -l "$m"; done
}
trap cleanup EXIT

home=/root
[ "$user" = root ] || home=/home/$user
env=(PATH=/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin HOME="$home"
     USER="$user" LOGNAME="$user" LC_ALL=C.UTF-8 TERM=dumb)
while IFS='=' read -r name value; do
    case $name in CAPSH_NG_*|DEB_BUILD_OPTIONS|CI) env+=("$name=$value") ;; esac
done < <(env)

if [ "$user" = root ]; then
    status=0
    chroot "$root" /usr/bin/env -i "${env[@]}" "$@" || status=$?
else
    # setpriv inside the root: that user's uid, gid and groups, no capabilities left.
    status=0
    chroot "$root" /usr/bin/env -i "${env[@]}" \
        setpriv --reuid="$user" --regid="$user" --init-groups --inh-caps=-all -- "$@" ||
        status=$?
fi
exit $status
