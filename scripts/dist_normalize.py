#!/usr/bin/env python3
"""meson dist script: makes the tree meson archives the same on every run.

Every file and directory gets the time of the last commit (or SOURCE_DATE_EPOCH) as mtime,
and permissions 0755 (directories, executables) or 0644, whatever the clock and umask of the
run. With fixed entries, `meson dist --formats xztar` gives identical bytes every time (xz
stores no time); a .tar.gz is made from it with `gzip -n` (docs/packaging.md).
"""
import os
import stat
import subprocess

root = os.environ["MESON_DIST_ROOT"]
epoch = os.environ.get("SOURCE_DATE_EPOCH") or subprocess.run(
    ["git", "-C", os.environ["MESON_SOURCE_ROOT"], "log", "-1", "--format=%ct"],
    capture_output=True, text=True, check=True).stdout.strip()
epoch = int(epoch)


def normalize(path, directory):
    mode = os.lstat(path).st_mode
    if not stat.S_ISLNK(mode):
        executable = directory or mode & 0o111
        os.chmod(path, 0o755 if executable else 0o644)
    os.utime(path, (epoch, epoch), follow_symlinks=False)


for parent, dirs, files in os.walk(root, topdown=False):
    for name in files:
        normalize(os.path.join(parent, name), False)
    for name in dirs:
        normalize(os.path.join(parent, name), not os.path.islink(os.path.join(parent, name)))
normalize(root, True)
