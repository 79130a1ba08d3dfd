#!/usr/bin/env python3
"""The README's container recipes and examples/ run in real containers, with runc.

Usage: run_containers.py --capsh BUILD/src/capsh-ng [--static-capsh STATIC/src/capsh-ng]
                         [--source DIR] [--jobs N]

Each case is one container: an OCI bundle made with `runc spec` and edited here (Docker's 14
default capabilities, or every capability as with `docker run --privileged`; no rlimits, no
terminal, no-new-privs off as in Docker). A capsh-ng that is not static runs in a Debian-like
image (the host's /usr bound read-only, /usr/local/bin holding what examples/Dockerfile.debian
copies there, an /etc/passwd with the user app); a static one runs in the images of
examples/Dockerfile.alpine (it and a static busybox, nothing else) and Dockerfile.scratch.

What is checked, and against what:
- README `run` blocks that change user (the quick start, numeric users): their stdout is the
  README's `output` block, and, where they use only capsh's options, stdout, stderr and exit
  status are those of /usr/sbin/capsh run the same way in the same image, byte for byte.
- README `docker run` lines: the image's ENTRYPOINT and CMD (from the Dockerfile the `docker
  build` line names) as PID 1; stdout is the README's `output` block, and the same image with
  capsh and getpcaps in place of capsh-ng and getpcaps-ng gives the same bytes.
- What the entrypoints' comments claim (nothing left; only CAP_NET_BIND_SERVICE left), read
  from the command's /proc/self/status, and the README's claim that the five capabilities it
  names are all an entrypoint needs.
- The recipe of a well-known post, `capsh --inh="" -- -c 'getpcaps $$'` as root: capsh-ng
  prints what capsh prints (the shell keeps the whole bounding set).

Needs root and runc; otherwise every case is skipped with the reason (exit 77), and with
CAPSH_NG_NO_SKIP=1 a skip is a failure. Last line: `containers: N passed, N failed, N skipped`.
"""

import argparse
import concurrent.futures
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "docs"))
sys.path.insert(0, os.path.join(HERE, ".."))
import docs_common as dc  # noqa: E402
import testenv  # noqa: E402  (tests/testenv.py: the skip rule)
from check_readme import Dockerfile, commands, normalize_output, read_documents  # noqa: E402

REFERENCE = "/usr/sbin/capsh"
REFERENCE_GETPCAPS = "/usr/sbin/getpcaps"
BUSYBOX = "/bin/busybox"
IMAGE_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
APP = 10001
TIMEOUT = 30

# What Docker gives a container by default (moby's defaults); --privileged gives every
# capability (all_capabilities). The inheritable and ambient sets are empty in both.
DOCKER_DEFAULT = ["chown", "dac_override", "fsetid", "fowner", "mknod", "net_raw", "setgid",
                  "setuid", "setfcap", "setpcap", "net_bind_service", "sys_chroot", "kill",
                  "audit_write"]
# The capabilities the README says an entrypoint needs ("The container must start with...").
README_NEEDS = ["setuid", "setgid", "setpcap", "chown", "net_bind_service"]

PASSWD = ("root:x:0:0:root:/root:/bin/sh\n"
          "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n"
          f"app:x:{APP}:{APP}::/nonexistent:/bin/sh\n")
GROUP = f"root:x:0:\nnogroup:x:65534:\napp:x:{APP}:\n"
NSSWITCH = "passwd: files\ngroup: files\nshadow: files\n"
BUSYBOX_APPLETS = ["sh", "mkdir", "chown", "id", "cat"]
# capsh-ng's own options and forms (README "Differences from capsh"): a line using one has
# nothing to compare with in capsh.
EXTENSIONS = re.compile(r"--exec\b|--plan\b|--json\b|--suggest\b|--user=\d")
POST_RECIPE = "capsh --inh=\"\" -- -c 'getpcaps $$'"
SETS = ("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb")
STATUS = ["cat", "/proc/self/status"]
# What the entrypoints leave to the command (their comments, and the README's quick start,
# which prints cap_net_bind_service=eip for the same steps). --drop=all empties the bounding
# set, CAP_NET_BIND_SERVICE included: it lives on in the ambient set, which the bounding set
# does not limit.
NOTHING = dict.fromkeys(SETS, [])
PORT80 = dict(dict.fromkeys(SETS, ["net_bind_service"]), CapBnd=[])
ENTRYPOINTS = (("entrypoint.sh", NOTHING), ("entrypoint-port80.sh", PORT80))


def is_static(path):
    headers = subprocess.run(["readelf", "-lW", path], capture_output=True, text=True).stdout
    return "LOAD" in headers and "INTERP" not in headers


def decode(mask):
    """Capability names of a hexadecimal mask, as /usr/sbin/capsh --decode prints them."""
    out = subprocess.run([REFERENCE, f"--decode=0x{mask}"], capture_output=True, text=True,
                         check=True).stdout.strip()
    names = out.partition("=")[2]
    return sorted(names.split(",")) if names else []


def all_capabilities():
    """What --privileged gives: every capability, as far as this process holds it (a runtime
    cannot give more; inside another container that may be fewer than the kernel has)."""
    with open("/proc/self/status", encoding="ascii") as f:
        mask = status_fields(f.read())["CapBnd"]
    return [name[len("cap_"):] for name in decode(mask)]


def status_fields(text):
    fields = {}
    for line in text.splitlines():
        key, _, value = line.partition(":")
        fields[key] = " ".join(value.split())
    return fields


# ---- images and bundles ----------------------------------------------------------------------

class Image:
    """A root file system (shared by the containers that use it, mounted read-only) and the
    binds that complete it: the host's /usr for the Debian-like image, a /usr/local of ours."""

    def __init__(self, name, rootfs, binds):
        self.name, self.rootfs, self.binds = name, rootfs, binds


def write(path, text, mode=0o644):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    os.chmod(path, mode)


def make_etc(root, names):
    if names:
        write(os.path.join(root, "etc/passwd"), PASSWD)
        write(os.path.join(root, "etc/group"), GROUP)
        write(os.path.join(root, "etc/nsswitch.conf"), NSSWITCH)
    for d in ("proc", "dev", "sys", "run", "tmp", "root"):
        os.makedirs(os.path.join(root, d), exist_ok=True)


def stage_local(top, files):
    """A /usr/local/bin with FILES: {name: source path or ('link', target)}."""
    bindir = os.path.join(top, "bin")
    os.makedirs(bindir, exist_ok=True)
    for name, source in files.items():
        target = os.path.join(bindir, name)
        if isinstance(source, tuple):
            os.symlink(source[1], target)
        else:
            shutil.copy2(source, target)
    return top


def image_copies(dockerfile, source):
    """examples/ files the image's final stage copies to /usr/local/bin (the entrypoints)."""
    out = {}
    for stage, sources, dest in Dockerfile(dockerfile).copies():
        if stage is None and dest.rstrip("/") == "/usr/local/bin":
            for path in sources:
                out[os.path.basename(path)] = os.path.join(source, path)
    return out


def debian_image(work, name, capsh, getpcaps, entrypoints):
    root = os.path.join(work, name, "rootfs")
    os.makedirs(os.path.join(root, "usr"))
    for d in ("bin", "sbin", "lib", "lib32", "lib64", "libx32"):
        if os.path.islink("/" + d):  # Debian 12 is merged-/usr: /bin -> usr/bin
            os.symlink(os.readlink("/" + d), os.path.join(root, d))
    make_etc(root, names=True)
    if os.path.exists("/etc/ld.so.cache"):
        shutil.copy2("/etc/ld.so.cache", os.path.join(root, "etc/ld.so.cache"))
    local = stage_local(os.path.join(work, name, "local"),
                        dict(entrypoints, **{"capsh-ng": capsh, "getpcaps-ng": getpcaps}))
    return Image(name, root, [("/usr", "/usr"), (local, "/usr/local")])


def busybox_image(work, name, capsh, entrypoints, shell):
    """The static capsh-ng, getpcaps-ng and, with SHELL, a static busybox as /bin/sh with the
    few applets the entrypoints use (Alpine's base); without it, nothing else (FROM scratch)."""
    root = os.path.join(work, name, "rootfs")
    files = dict(entrypoints, **{"capsh-ng": capsh})
    if shell:
        files["getpcaps-ng"] = ("link", "capsh-ng")
    stage_local(os.path.join(root, "usr/local"), files)
    os.makedirs(os.path.join(root, "bin"))
    shutil.copy2(BUSYBOX, os.path.join(root, "bin/busybox"))
    if shell:
        for applet in BUSYBOX_APPLETS:
            os.symlink("busybox", os.path.join(root, "bin", applet))
    make_etc(root, names=shell)
    return Image(name, root, [])


class Runtime:
    def __init__(self, work, runc):
        self.work, self.runc = work, runc
        self.state = os.path.join(work, "runc-state")
        self.template = os.path.join(work, "template")
        os.makedirs(self.template)
        subprocess.run([runc, "spec"], cwd=self.template, check=True, capture_output=True)
        with open(os.path.join(self.template, "config.json"), encoding="utf-8") as f:
            self.spec = json.load(f)
        self.count = 0
        self.lock = threading.Lock()  # containers start from several threads

    def config(self, image, argv, caps, privileged):
        spec = json.loads(json.dumps(self.spec))
        process = spec["process"]
        process.update(terminal=False, args=argv, cwd="/", noNewPrivileges=False,
                       env=[f"PATH={IMAGE_PATH}", "HOSTNAME=capsh-ng-test", "HOME=/root"])
        process.pop("rlimits", None)  # this machine may not raise RLIMIT_NOFILE
        names = ["CAP_" + c.upper() for c in caps]
        process["capabilities"] = {"bounding": names, "effective": names, "permitted": names}
        spec["root"] = {"path": image.rootfs, "readonly": True}
        spec["hostname"] = "capsh-ng-test"
        mounts = [m for m in spec["mounts"] if m["destination"] != "/sys" or not privileged]
        if privileged:  # Docker's --privileged: /sys writable, no masked or read-only paths
            mounts.append({"destination": "/sys", "type": "sysfs", "source": "sysfs",
                           "options": ["nosuid", "noexec", "nodev"]})
            spec["linux"].pop("maskedPaths", None)
            spec["linux"].pop("readonlyPaths", None)
        for source, dest in image.binds:
            mounts.append({"destination": dest, "type": "bind", "source": source,
                           "options": ["rbind", "ro", "nosuid", "nodev"]})
        mounts.append({"destination": "/run", "type": "tmpfs", "source": "tmpfs",
                       "options": ["nosuid", "nodev", "mode=755"]})
        spec["mounts"] = mounts
        return spec

    def run(self, image, argv, caps, privileged=False):
        """stdout, stderr and exit status (bytes, bytes, int) of ARGV as the container's PID 1."""
        with self.lock:
            self.count += 1
            cid = f"capsh-ng-{os.getpid()}-{self.count}"
        bundle = os.path.join(self.work, "bundles", cid)
        os.makedirs(bundle)
        with open(os.path.join(bundle, "config.json"), "w", encoding="utf-8") as f:
            json.dump(self.config(image, argv, caps, privileged), f)
        try:
            run = subprocess.run([self.runc, "--root", self.state, "run", "--bundle", bundle,
                                  cid], stdin=subprocess.DEVNULL, capture_output=True,
                                 timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            subprocess.run([self.runc, "--root", self.state, "delete", "--force", cid],
                           capture_output=True)
            return b"", b"timed out\n", -1
        return run.stdout, run.stderr, run.returncode


# ---- the cases -------------------------------------------------------------------------------

def show(result):
    out, err, status = result
    return f"exit {status}\nstdout: {out.decode(errors='replace')!r}\n" \
           f"stderr: {err.decode(errors='replace')!r}"


class Cases:
    def __init__(self, args, report, runtime):
        self.args, self.report, self.runtime = args, report, runtime
        # The README's blocks and those of docs/ (the example images), each page's in order.
        self.blocks = [block for page in read_documents(args.source) for block in page]
        self.images = {}  # docker build tag -> Dockerfile path
        self.post = {}  # what the post's recipe printed, for the report
        self.jobs = []  # (name, function) run in parallel, checked in order

    def add(self, name, function):
        self.jobs.append((name, function))

    def readme_runs(self):
        """README run blocks that change user, each with the output block after it."""
        for n, block in enumerate(self.blocks[:-1]):
            after = self.blocks[n + 1]
            if block.mode == "run" and after.mode == "output" and "--user=" in block.text:
                yield block, after

    def docker_runs(self):
        """(block, [argv words after `docker run`], output block) of the README's docker
        blocks, in order; the docker build lines map tags to Dockerfiles on the way."""
        for n, block in enumerate(self.blocks):
            if block.mode not in ("docker", "landing") or "docker " not in block.text:
                continue
            runs = []
            for command in commands(block.text):
                words = shlex.split(command)
                if words[:2] == ["docker", "build"]:
                    path = words[words.index("-f") + 1]
                    self.images[words[words.index("-t") + 1]] = os.path.join(self.args.source,
                                                                              path)
                elif words[:2] == ["docker", "run"]:
                    runs.append(words[2:])
            after = self.blocks[n + 1] if n + 1 < len(self.blocks) else None
            yield block, runs, after if after is not None and after.mode == "output" else None

    def container_argv(self, words):
        """The image tag and the argv `docker run [OPTIONS] TAG [ARGS]` starts as PID 1."""
        entrypoint = None
        while words and words[0].startswith("-"):
            option = words.pop(0)
            if option == "--entrypoint":
                entrypoint = [words.pop(0)]
            elif option in ("-p", "--publish", "-e", "--env", "--cap-add", "--cap-drop"):
                words.pop(0)
        tag, args = words[0], words[1:]
        dockerfile = Dockerfile(self.images[tag])
        return tag, (entrypoint or dockerfile.last("ENTRYPOINT")) + (args or dockerfile.last("CMD"))

    # -- one family of checks each --

    def expect_output(self, name, result, output_block, reference=None):
        out, err, status = result
        ok = status == 0 and normalize_output(out.decode(errors="replace")) == \
            normalize_output(output_block.text)
        self.report.check(f"{name}: prints {output_block.where()}", ok,
                          show(result) + f"\nREADME: {output_block.text!r}")
        if reference is not None:
            self.report.check(f"{name}: same bytes as capsh", result == reference,
                              "capsh-ng: " + show(result) + "\ncapsh: " + show(reference))

    def expect_status(self, name, result, uid, caps, reference=None, groups=None):
        """The command's /proc/self/status: uid and gid all UID (unless None), the
        supplementary groups GROUPS (default: UID, the named user's own group), the capability
        sets CAPS; and the same id and capability lines as under capsh."""
        out, err, status = result
        fields = status_fields(out.decode(errors="replace"))
        problems = [] if status == 0 else [show(result)]
        if uid is not None:
            ids = " ".join([str(uid)] * 4)
            groups = str(uid) if groups is None else groups
            for key, want in (("Uid", ids), ("Gid", ids), ("Groups", groups)):
                if fields.get(key) != want:
                    problems.append(f"{key}: {fields.get(key)!r}, want {want!r}")
        for key, want in caps.items():
            got = decode(fields.get(key, "0"))
            want = sorted("cap_" + c for c in want)
            if got != want:
                problems.append(f"{key}: {','.join(got) or '(none)'}, want "
                                f"{','.join(want) or '(none)'}")
        self.report.check(f"{name}: /proc/self/status", not problems, "\n".join(problems))
        if reference is not None:
            theirs = status_fields(reference[0].decode(errors="replace"))
            keys = ["Uid", "Gid", "Groups", "NoNewPrivs"] + list(SETS)
            differ = [f"{k}: capsh-ng {fields.get(k)!r}, capsh {theirs.get(k)!r}" for k in keys
                      if fields.get(k) != theirs.get(k)]
            self.report.check(f"{name}: /proc/self/status as under capsh",
                              reference[2] == status and not differ, "\n".join(differ))

    def all(self, capsh, static_capsh):
        work = self.runtime.work
        capsets = [("docker-default", DOCKER_DEFAULT, False),
                   ("privileged", all_capabilities(), True)]
        docker = list(self.docker_runs())
        debian = self.images.get("capsh-ng-demo")
        alpine = self.images.get("capsh-ng-alpine")
        scratch = os.path.join(self.args.source, "examples", "Dockerfile.scratch")
        if capsh:
            ours = debian_image(work, "debian", capsh, ("link", "capsh-ng"),
                                image_copies(debian, self.args.source))
            # The same image with libcap's programs under our names: what capsh does there.
            ref = debian_image(work, "debian-capsh", ("link", REFERENCE),
                               ("link", REFERENCE_GETPCAPS),
                               image_copies(debian, self.args.source))
            for label, caps, privileged in capsets:
                self.debian_cases(label, caps, privileged, ours, ref, docker)
        if static_capsh:
            if not (os.path.exists(BUSYBOX) and is_static(BUSYBOX)):
                self.report.skip("static images", f"no static {BUSYBOX} (Debian's busybox-static)")
            else:
                small = busybox_image(work, "alpine", static_capsh,
                                      image_copies(alpine, self.args.source), shell=True)
                bare = busybox_image(work, "scratch", static_capsh, {}, shell=False)
                for label, caps, privileged in capsets:
                    self.static_cases(label, caps, privileged, small, bare, docker, scratch)

    def run_later(self, image, argv, caps, privileged):
        return lambda: self.runtime.run(image, argv, caps, privileged)

    def debian_cases(self, label, caps, privileged, ours, ref, docker):
        tag = f"{label} debian"
        for block, output in self.readme_runs():
            argv = ["/bin/bash", "-e", "-o", "pipefail", "-c", block.text]
            name = f"{tag} {block.where()} {block.text.strip().splitlines()[0][:50]}"
            mine = self.run_later(ours, argv, caps, privileged)
            theirs = None if EXTENSIONS.search(block.text) else \
                self.run_later(ref, argv, caps, privileged)
            self.add(name, (mine, theirs, lambda n, r, ref_, o=output:
                            self.expect_output(n, r, o, ref_)))
        for block, runs, output in docker:
            for words in runs:
                image_tag, argv = self.container_argv(list(words))
                if image_tag != "capsh-ng-demo":
                    continue
                name = f"{tag} {block.where()} docker run {' '.join(words)[:50]}"
                mine = self.run_later(ours, argv, caps, privileged)
                theirs = self.run_later(ref, argv, caps, privileged)
                self.add(name, (mine, theirs, lambda n, r, ref_, o=output, b=block, w=words:
                                self.expect_docker_run(n, r, ref_, b, w, o)))
        for entrypoint, want in ENTRYPOINTS:
            argv = [f"/usr/local/bin/{entrypoint}"] + STATUS
            self.add(f"{tag} {entrypoint} cat /proc/self/status",
                     (self.run_later(ours, argv, caps, privileged),
                      self.run_later(ref, argv, caps, privileged),
                      lambda n, r, ref_, w=want: self.expect_status(n, r, APP, w, ref_)))
        if not privileged:
            # README: these five are all the entrypoints need (--cap-drop=ALL --cap-add ...).
            argv = ["/usr/local/bin/entrypoint-port80.sh"] + STATUS
            self.add(f"only the README's {len(README_NEEDS)} capabilities: entrypoint-port80.sh",
                     (self.run_later(ours, argv, README_NEEDS, False), None,
                      lambda n, r, _: self.expect_status(n, r, APP, PORT80)))
        # The post's recipe: root keeps the bounding set whatever --inh says. What getpcaps
        # prints, against capsh; then the same shell's /proc/self/status.
        words = shlex.split(POST_RECIPE)
        argv = ["capsh-ng"] + words[1:-1] + [words[-1].replace("getpcaps", "getpcaps-ng")]
        self.add(f"{tag} {POST_RECIPE}",
                 (self.run_later(ours, argv, caps, privileged),
                  self.run_later(ref, argv, caps, privileged),
                  lambda n, r, ref_, t=tag: self.expect_post(n, r, ref_, t)))
        argv = argv[:-1] + ["cat /proc/self/status"]
        kept = dict(dict.fromkeys(SETS, caps), CapInh=[], CapAmb=[])
        self.add(f"{tag} {POST_RECIPE} (cat /proc/self/status)",
                 (self.run_later(ours, argv, caps, privileged),
                  self.run_later(ref, argv, caps, privileged),
                  lambda n, r, ref_, k=kept: self.expect_status(n, r, None, k, ref_)))

    def expect_docker_run(self, name, result, reference, block, words, output):
        if output is None:
            self.report.check(f"{name}: exits 0", result[2] == 0, show(result))
        else:
            self.expect_output(name, result, self.output_slice(block, words, output), reference)

    @staticmethod
    def output_slice(block, words, output):
        """The part of OUTPUT that the run WORDS of BLOCK prints: the README's docker blocks
        print one line per run, in order (the whole block when they do not)."""
        runs = [shlex.split(c)[2:] for c in commands(block.text)
                if shlex.split(c)[:2] == ["docker", "run"]]
        lines = output.text.splitlines(keepends=True)
        if len(lines) != len(runs):
            return output
        return type(output)(output.line, output.lang, lines[runs.index(words)], output.mode,
                            output.arg)

    def expect_post(self, name, result, reference, tag):
        self.post[tag] = (result, reference)
        self.report.check(f"{name}: same bytes as capsh", result[2] == 0 and result == reference,
                          "capsh-ng: " + show(result) + "\ncapsh: " + show(reference))

    def static_cases(self, label, caps, privileged, small, bare, docker, scratch):
        tag = f"{label} static"
        for block, runs, output in docker:
            for words in runs:
                image_tag, argv = self.container_argv(list(words))
                if image_tag != "capsh-ng-alpine":
                    continue
                # The README says the Debian image's entrypoints work unchanged here: the
                # same command prints what the README shows for the Debian image.
                want = self.debian_output_for(argv)
                name = f"{tag} {block.where()} docker run {' '.join(words)[:50]}"
                self.add(name, (self.run_later(small, argv, caps, privileged), None,
                                lambda n, r, _, w=want: self.expect_output(n, r, w)
                                if w is not None else
                                self.report.check(f"{n}: exits 0", r[2] == 0, show(r))))
        for entrypoint, want in ENTRYPOINTS:
            self.add(f"{tag} {entrypoint} cat /proc/self/status",
                     (self.run_later(small, [f"/usr/local/bin/{entrypoint}"] + STATUS, caps,
                                     privileged), None,
                      lambda n, r, _, w=want: self.expect_status(n, r, APP, w)))
        # FROM scratch: the image's ENTRYPOINT with a static program as the service.
        entry = Dockerfile(scratch).last("ENTRYPOINT")
        uid = int(re.search(r"--user=(\d+)", " ".join(entry)).group(1))
        argv = entry + ["/bin/busybox", "cat", "/proc/self/status"]
        self.add(f"{tag} Dockerfile.scratch ENTRYPOINT /bin/busybox cat /proc/self/status",
                 (self.run_later(bare, argv, caps, privileged), None,
                  # capsh-ng(1): a numeric --user has no supplementary groups.
                  lambda n, r, _: self.expect_status(n, r, uid, NOTHING, groups="")))

    def debian_output_for(self, argv):
        """The README's output line for the same container command in the Debian image."""
        for block, runs, output in self.docker_runs():
            for words in runs:
                tag, other = self.container_argv(list(words))
                if tag == "capsh-ng-demo" and other == argv and output is not None:
                    return self.output_slice(block, words, output)
        return None

    def execute(self, jobs):
        with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
            started = [(name, pool.submit(mine), theirs and pool.submit(theirs), check)
                       for name, (mine, theirs, check) in self.jobs]
            for name, mine, theirs, check in started:
                check(name, mine.result(), theirs.result() if theirs else None)


def usable(runtime, report):
    """Why runc cannot run a container here, or None."""
    probe = debian_image(runtime.work, "probe", "/bin/true", "/bin/true", {})
    out, err, status = runtime.run(probe, ["/bin/true"], DOCKER_DEFAULT)
    if status != 0:
        return f"runc cannot start a container here: {err.decode(errors='replace').strip()}"
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--capsh", required=True, help="a built capsh-ng")
    parser.add_argument("--static-capsh", help="a -Dstatic=true capsh-ng too")
    parser.add_argument("--source", default=os.path.dirname(os.path.dirname(HERE)))
    parser.add_argument("--jobs", type=int, default=4)
    args = parser.parse_args()
    report = dc.Report("containers")
    start = time.monotonic()

    capsh, static_capsh = os.path.abspath(args.capsh), args.static_capsh
    if is_static(capsh):  # a -Dstatic=true build goes into the static images
        capsh, static_capsh = None, capsh
    elif static_capsh:
        static_capsh = os.path.abspath(static_capsh)

    runc = shutil.which("runc") or shutil.which("runc", path="/usr/sbin:/sbin")
    problem = feature = None
    if os.geteuid() != 0:
        problem, feature = "needs root (runc creates the containers)", "root"
    elif testenv.missing("containers"):
        problem, feature = testenv.missing("containers"), "containers"
    elif not os.path.exists(REFERENCE):
        problem = f"{REFERENCE} (libcap2-bin) is missing"
    work = tempfile.mkdtemp(prefix="capsh-ng-containers-")
    try:
        if problem is None:
            runtime = Runtime(work, runc)
            problem = usable(runtime, report)
            feature = "containers" if problem else None
        if problem is not None:
            report.skip("containers", problem, feature)
            status = report.finish()
            return 77 if status == 0 else status
        cases = Cases(args, report, runtime)
        cases.all(capsh, static_capsh)
        cases.execute(args.jobs)
        for tag, (mine, ref) in sorted(cases.post.items()):
            report.note(f"{tag}: {POST_RECIPE!r} as root: capsh-ng prints "
                        f"{mine[0].decode(errors='replace')!r}, capsh "
                        f"{ref[0].decode(errors='replace')!r}")
        report.note(f"{runtime.count} containers in {time.monotonic() - start:.1f} s")
        return report.finish()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
