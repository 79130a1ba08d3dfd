#!/usr/bin/env python3
"""The static build (meson setup -Dstatic=true) in an image that holds nothing else (E7).

Copies the executable alone into an empty directory and runs it there with chroot(2): --print,
--decode, getpcaps (the same file under that name), and capsh-ng's own --chroot handing over to
the copy inside (--shell=/capsh-ng --). With an /etc/passwd and /etc/group added, --user and
--groups are looked up in them. Expected output comes from /usr/sbin/capsh run outside: the
same bytes, except that names the empty image cannot know read "???".

Needs root for chroot; otherwise it runs itself inside `unshare -Ur`. It is skipped (exit 77)
when the executable is not static or neither works, and a skip fails with CAPSH_NG_NO_SKIP=1
(unless CAPSH_NG_KNOWN_MISSING names what is missing: tests/testenv.py).
Run: run_static.py --capsh build-static/src/capsh-ng. Last line: `static: N passed, N failed`.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))
import testenv  # noqa: E402  (tests/testenv.py: what this environment can do)

REFERENCE = "/usr/sbin/capsh"
REFERENCE_GETPCAPS = "/usr/sbin/getpcaps"
PASSWD = "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n"
GROUP = "root:x:0:\nstaff:x:50:nobody\nnogroup:x:65534:\n"


def skip(reason, feature=None):
    """Skips the whole test (feature: what the environment lacks, a testenv name)."""
    print(f"skip: {reason}")
    if testenv.skip_is_failure(feature):
        print("static: 0 passed, 1 failed (CAPSH_NG_NO_SKIP=1: a skip is a failure)")
        sys.exit(1)
    print("static: 0 passed, 0 failed, 1 skipped")
    sys.exit(testenv.EXIT_SKIPPED)


def is_static(path):
    """A static or static-pie executable: no program interpreter, no shared library needed."""
    headers = subprocess.run(["readelf", "-lW", path], capture_output=True, text=True).stdout
    dynamic = subprocess.run(["readelf", "-dW", path], capture_output=True, text=True).stdout
    return "LOAD" in headers and "INTERP" not in headers and "(NEEDED)" not in dynamic


def run(*argv):
    return subprocess.run(list(argv), stdin=subprocess.DEVNULL, capture_output=True, timeout=30)


def id_lines(result):
    """Only the uid=, gid= and groups= lines of a --print."""
    lines = [line for line in result.stdout.split(b"\n") if re.match(rb"^(uid|gid|groups)=", line)]
    result.stdout = b"".join(line + b"\n" for line in lines)
    return result


def unknown_names(text):
    """capsh --print's id lines as they read where no user or group can be looked up."""
    lines = []
    for line in text.split(b"\n"):
        if re.match(rb"^(uid|gid|groups)=", line):
            line = re.sub(rb"\(([^()]*)\)", b"(???)", line)
        lines.append(line)
    return b"\n".join(lines)


class Checks:
    def __init__(self, capsh, root):
        self.capsh = capsh
        self.root = root  # the empty image: /capsh-ng and /getpcaps, nothing else
        self.passed = 0
        self.failed = 0
        self.skipped = 0

    def expect(self, name, got, want):
        if (got.returncode, got.stdout, got.stderr) == want:
            self.passed += 1
            print(f"ok: {name}")
        else:
            self.failed += 1
            print(f"FAIL: {name}\n  got:  {got.returncode} {got.stdout!r} {got.stderr!r}\n"
                  f"  want: {want[0]} {want[1]!r} {want[2]!r}")

    def all(self):
        inside = ["chroot", self.root]
        reference = run(REFERENCE, "--print")
        printed = (0, unknown_names(reference.stdout), b"")
        self.expect("--print in an empty root", run(*inside, "/capsh-ng", "--print"), printed)

        decode = run(REFERENCE, "--decode=0x3fffffffff")
        self.expect("--decode in an empty root",
                    run(*inside, "/capsh-ng", "--decode=0x3fffffffff"),
                    (0, decode.stdout, decode.stderr))

        pcaps = run(REFERENCE_GETPCAPS, "1")
        self.expect("getpcaps in an empty root", run(*inside, "/getpcaps", "1"),
                    (0, pcaps.stdout, pcaps.stderr))

        # capsh-ng's own --chroot, then the copy inside runs and prints.
        self.expect("--chroot then --shell=/capsh-ng --",
                    run(self.capsh, f"--chroot={self.root}", "--shell=/capsh-ng", "--",
                        "--print"), printed)

        # With a passwd and group file the image's names are used: --user takes nobody's
        # uid, gid and groups (50 from /etc/group), --groups looks names up. Real root only:
        # a user namespace of our own maps no other uid and may not call setgroups.
        etc = os.path.join(self.root, "etc")
        os.mkdir(etc)
        with open(os.path.join(etc, "passwd"), "w") as f:
            f.write(PASSWD)
        with open(os.path.join(etc, "group"), "w") as f:
            f.write(GROUP)
        if os.environ.get("CAPSH_NG_STATIC_IN_USERNS") == "1":
            self.skipped += 2
            print("skip: --user and --groups in the image need real root")
        else:
            then_print = ["--shell=/capsh-ng", "--", "--print"]
            self.expect("--user with the image's /etc files",
                        id_lines(run(*inside, "/capsh-ng", "--user=nobody", *then_print)),
                        (0, b"uid=65534(nobody) euid=65534(nobody)\ngid=65534(nogroup)\n"
                            b"groups=50(staff),65534(nogroup)\n", b""))
            self.expect("--groups with the image's /etc/group",
                        id_lines(run(*inside, "/capsh-ng", "--groups=staff,nogroup,0",
                                     *then_print)),
                        (0, b"uid=0(root) euid=0(root)\ngid=0(root)\n"
                            b"groups=0(root),50(staff),65534(nogroup)\n", b""))

        self.expect("an unknown user", run(*inside, "/capsh-ng", "--user=nosuchuser"),
                    (1, b"", b"User [nosuchuser] not known\n"))


# The files backend against glibc's own (through /usr/sbin/capsh) on odd databases: each case's
# /etc/passwd and /etc/group are bind-mounted over the real ones in a private mount namespace,
# and both programs must print the same. (capsh-ng's unit tests, tests/unit/test_nss_files.cpp,
# check the same rules piece by piece.)
BASE_PASSWD = "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534::/nonexistent:/bin/false\n"
BASE_GROUP = "root:x:0:\nnogroup:x:65534:\n"
MEMBERS = ",".join(f"user{n:02d}" for n in range(100))  # too many for a 1024-byte buffer
NSS_CASES = [
    # (what, passwd, group, setpriv arguments, capsh arguments)
    ("getpwuid: the real uid shows the name the euid lookup left behind",
     BASE_PASSWD + "daemon:x:1:1::/:/bin/sh\nlast:x:999:999::/:/bin/sh\n", BASE_GROUP,
     ["--ruid=1", "--euid=12345"], ["--print"]),
    ("getpwuid: ... a comment line, newline and all",
     BASE_PASSWD + "daemon:x:1:1::/:/bin/sh\n  # the end\n", BASE_GROUP,
     ["--ruid=1", "--euid=12345"], ["--print"]),
    ("getpwuid: ... an unterminated, indented last line",
     BASE_PASSWD + "daemon:x:1:1::/:/bin/sh\n  tail:x:5:5::/x", BASE_GROUP,
     ["--ruid=1", "--euid=12345"], ["--print"]),
    ("getpwuid: both found",
     BASE_PASSWD + "daemon:x:1:1::/:/bin/sh\nbin:x:2:2::/:/bin/sh\n", BASE_GROUP,
     ["--ruid=1", "--euid=2"], ["--print"]),
    ("getgrnam_r: a long line before the group",
     BASE_PASSWD, BASE_GROUP + "#" + "x" * 1100 + "\nstaff:x:50:\n", [],
     ["--groups=staff", "--print"]),
    ("getgrnam_r: too many members before the group",
     BASE_PASSWD, BASE_GROUP + f"big:x:60:{MEMBERS}\nstaff:x:50:\n", [],
     ["--groups=staff", "--print"]),
    ("getgrnam_r: members that fit",
     BASE_PASSWD, BASE_GROUP + f"big:x:60:{MEMBERS[:300]}\nstaff:x:50:\n", [],
     ["--groups=big,staff", "--print"]),
    ("getgrouplist: comments, repeats, blanks and odd numbers",
     BASE_PASSWD + "alice:x:1000:1000::/home/alice:/bin/sh\n",
     BASE_GROUP + "alice:x:1000:alice\nadm:x:4:syslog, alice\n  staff:x:50:alice\n"
     "#old:x:60:alice\nagain:x:4:alice\nother:x:70:alice ,bob\nbad:x:oops:alice\n"
     "+:x:80:alice\nhuge:x:99999999999:alice\n",
     [], ["--user=alice", "--print"]),
    ("getgrouplist: more than 100 groups",
     BASE_PASSWD + "alice:x:1000:1000::/home/alice:/bin/sh\n",
     BASE_GROUP + "".join(f"g{n}:x:{2000 + n}:alice\n" for n in range(100)), [],
     ["--user=alice", "--print"]),
]


def with_databases(passwd, group, setpriv, program, args, tmp):
    paths = []
    for name, text in (("passwd", passwd), ("group", group)):
        path = os.path.join(tmp, name)
        with open(path, "w") as f:
            f.write(text)
        os.chmod(path, 0o644)
        paths.append(path)
    script = 'mount --bind "$1" /etc/passwd && mount --bind "$2" /etc/group && shift 2 && exec "$@"'
    prefix = ["setpriv", *setpriv] if setpriv else []
    return run("unshare", "-m", "sh", "-c", script, "sh", *paths, *prefix, program, *args)


def nss_cases(checks, capsh, tmp):
    if os.environ.get("CAPSH_NG_STATIC_IN_USERNS") == "1":
        checks.skipped += len(NSS_CASES)
        print("skip: the files backend against glibc needs real root (setpriv, setgroups)")
        return
    for what, passwd, group, setpriv, args in NSS_CASES:
        want = with_databases(passwd, group, setpriv, REFERENCE, args, tmp)
        got = with_databases(passwd, group, setpriv, capsh, args, tmp)
        # capsh's perror here shows whatever errno NSS left (capsh-ng: always EINVAL).
        for result in (want, got):
            result.stderr = re.sub(rb"(Unable to get group list for user): .*", rb"\1: ...",
                                   result.stderr)
        checks.expect(what, got, (want.returncode, want.stdout, want.stderr))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--capsh", required=True, help="the static capsh-ng executable")
    args = parser.parse_args()
    capsh = os.path.abspath(args.capsh)

    if not is_static(capsh):
        skip(f"{capsh} is not a static executable (meson setup -Dstatic=true)")
    for tool in (REFERENCE, REFERENCE_GETPCAPS):
        if not os.access(tool, os.X_OK):
            skip(f"{tool} not found (libcap2-bin)")
    if os.geteuid() != 0:
        # chroot needs CAP_SYS_CHROOT: be root in a user namespace of our own.
        if os.environ.get("CAPSH_NG_STATIC_IN_USERNS") != "1":
            env = dict(os.environ, CAPSH_NG_STATIC_IN_USERNS="1")
            if testenv.missing("userns"):
                skip("not root, and " + testenv.missing("userns"), "userns")
            sys.exit(subprocess.run(["unshare", "-Ur", sys.executable, *sys.argv],
                                    env=env).returncode)

    with tempfile.TemporaryDirectory(prefix="capsh-ng-static-") as root:
        os.chmod(root, 0o755)
        shutil.copy2(capsh, os.path.join(root, "capsh-ng"))
        os.symlink("capsh-ng", os.path.join(root, "getpcaps"))
        checks = Checks(capsh, root)
        checks.all()
    with tempfile.TemporaryDirectory(prefix="capsh-ng-nss-") as tmp:
        nss_cases(checks, capsh, tmp)
    print(f"static: {checks.passed} passed, {checks.failed} failed, {checks.skipped} skipped")
    # Those skips are for lack of real root (this run is in a user namespace of its own).
    if checks.skipped and testenv.skip_is_failure("root"):
        print("CAPSH_NG_NO_SKIP=1: a skip is a failure")
        return 1
    return testenv.exit_status(checks.passed, checks.failed, checks.skipped)


if __name__ == "__main__":
    sys.exit(main())
