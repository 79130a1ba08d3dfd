#!/usr/bin/env python3
"""Runs or checks every command block of README.md and docs/*.md, so that they cannot drift.

Usage: check_readme.py --source DIR --build DIR --capsh BINARY [--print-blocks MODE]

Every fenced block whose language is sh, bash, shell, console or dockerfile must follow an
annotation line `<!-- test: MODE [ARG] -->` (blank lines may come between). MODE says how
the block is tested:

  run        Run with bash (-e -o pipefail) in a sandbox: new mount, network and PID
             namespaces, capsh-ng and getpcaps-ng (the build under test) first in PATH,
             a user `app` (uid 10001) in /etc/passwd, a fresh /run, and a stand-in `server`
             command (it prints who it runs as and its capabilities). The working directory
             looks like the source tree after the quick start. Needs root.
  output     (a text block after a run or docker block) The stdout that block must print.
             Numbers before a colon at the start of a line are process ids and match any.
  docker     `docker build -f FILE -t TAG .` and `docker run ... TAG [ARGS]` lines, emulated
             without a container engine: the Dockerfile is checked (below); the run line
             executes the image's ENTRYPOINT (or --entrypoint) with ARGS (or CMD) as PID 1 of
             the sandbox, with /usr/local/bin holding what the Dockerfile copies there (the
             build's `meson install` for the build stage, files of the source tree otherwise).
  file PATH  The block is the content of PATH in the source tree (Dockerfiles and
             entrypoints live in examples/ and are tested as files).
  apt        The packages it installs are installed by .ci/run; and every package .ci/run
             installs is in an apt block or named as `code` in the prose (packages that are
             Essential in Debian aside).
  ci         Each command is run verbatim by .ci/run.
  dist       Run by tests/docs/check_dist.sh in an unpacked `meson dist` tarball (by hand
             before a release: it builds a second copy, too slow for the test run and CI).
  manual     A command run by hand, too slow for CI (the run as nobody, the fuzzers): valid
             shell, and every tests/ script it names exists.
  install    Run by check_install.py (with --destdir into a temporary directory).
  landing    Uses an extension that is being implemented: only its syntax is checked. Switch
             it to its real mode when the extension lands.

Every examples/Dockerfile.* is also checked: COPY sources exist (in the source tree, or among
the files the build's `meson install` produces), the apt packages of build stages are those of
.ci/run, the -D options of `meson setup` exist (or are landing), ENTRYPOINT is a copied file.

With --print-blocks MODE, prints the blocks of that mode (for check_dist.sh) and exits.
"""

import argparse
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

import docs_common as dc

SHELLISH = {"sh", "bash", "shell", "console", "dockerfile"}
MODES = {"run", "output", "docker", "file", "apt", "ci", "dist", "manual", "install", "landing"}
ESSENTIAL = {"util-linux", "coreutils"}
IMAGE_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
APP_UID = 10001
TIMEOUT = 60

SERVER_STUB = """#!/bin/sh
# Stand-in for "your service" in README examples.
echo "server running as $(id -un) with: $(getpcaps-ng $$ | cut -d' ' -f2-)"
"""


# ---- README parsing -------------------------------------------------------------------------

class Block:
    def __init__(self, line, lang, text, mode, arg):
        self.line, self.lang, self.text, self.mode, self.arg = line, lang, text, mode, arg
        self.doc = "README"  # the document it is in, set by read_documents

    def where(self):
        return f"{self.doc}:{self.line}"

    def name(self):
        first = next((l for l in self.text.splitlines() if l.strip()), "")
        return f"{self.where()} [{self.mode}] {first[:60]}"


def documents(source):
    """README.md, then docs/*.md: the pages whose command blocks are tested."""
    docs = os.path.join(source, "docs")
    pages = [os.path.join("docs", name) for name in sorted(os.listdir(docs))
             if name.endswith(".md")] if os.path.isdir(docs) else []
    return ["README.md"] + pages


def read_documents(source):
    """Every page's blocks, as one list of lists (an output block belongs to its own page)."""
    pages = []
    for page in documents(source):
        with open(os.path.join(source, page), encoding="utf-8") as file:
            blocks = parse_blocks(file.read())
        for block in blocks:
            block.doc = "README" if page == "README.md" else page
        pages.append(blocks)
    return pages


def parse_blocks(readme):
    blocks, pending = [], None
    lines = readme.split("\n")
    n = 0
    while n < len(lines):
        line = lines[n]
        annotation = re.match(r"^\s*<!--\s*test:\s*(\S+)\s*(.*?)\s*-->\s*$", line)
        fence = re.match(r"^(\s*)(```+|~~~+)\s*([\w-]*)", line)
        if annotation:
            pending = (annotation.group(1), annotation.group(2))
        elif fence:
            marker, lang, start = fence.group(2), fence.group(3).lower(), n + 1
            n += 1
            while n < len(lines) and not lines[n].strip().startswith(marker):
                n += 1
            text = "\n".join(lines[start:n]) + "\n"
            mode, arg = pending if pending else (None, "")
            blocks.append(Block(start, lang, text, mode, arg))
            pending = None
        elif line.strip():
            pending = None if not line.strip().startswith("<!--") else pending
        n += 1
    return blocks


def commands(text):
    """Lines of a shell block with backslash continuations joined, comments dropped."""
    joined, out = "", []
    for line in text.split("\n"):
        if line.rstrip().endswith("\\"):
            joined += line.rstrip()[:-1] + " "
            continue
        joined += line
        if joined.strip() and not joined.strip().startswith("#"):
            out.append(" ".join(joined.split()))
        joined = ""
    return out


def normalize_output(text):
    return re.sub(r"(?m)^\d+:", "PID:", text)


# ---- .ci/run ---------------------------------------------------------------------------------

def apt_packages(text):
    packages = set()
    for command in commands(text):
        for part in re.split(r"&&|\|\||;|\|", command):
            words = part.split()
            if "apt-get" in words and "install" in words:
                for word in words[words.index("install") + 1:]:
                    if word.startswith((">", "2>")):
                        break
                    if not word.startswith("-"):
                        packages.add(word)
    return packages


# ---- sandbox ---------------------------------------------------------------------------------

class Sandbox:
    """Runs scripts as root in new mount, network and PID namespaces (see the module doc)."""

    def __init__(self, source, build, capsh, workdir):
        self.source, self.build, self.capsh, self.workdir = source, build, capsh, workdir
        self.bin = os.path.join(workdir, "bin")
        os.makedirs(self.bin)
        for name in ("capsh-ng", "getpcaps-ng"):
            os.symlink(os.path.abspath(capsh), os.path.join(self.bin, name))
        with open(os.path.join(self.bin, "server"), "w") as stub:
            stub.write(SERVER_STUB)
        os.chmod(os.path.join(self.bin, "server"), 0o755)
        for name, line in (("passwd", f"app:x:{APP_UID}:{APP_UID}::/nonexistent:/bin/sh\n"),
                           ("group", f"app:x:{APP_UID}:\n")):
            with open(f"/etc/{name}") as system, open(os.path.join(workdir, name), "w") as copy:
                copy.write(system.read() + line)
        # A checkout after the quick start: the source tree, and build/src/capsh-ng.
        self.tree = os.path.join(workdir, "tree")
        os.makedirs(os.path.join(self.tree, "build", "src"))
        for entry in os.listdir(source):
            if entry != "build" and not entry.startswith("."):
                os.symlink(os.path.join(source, entry), os.path.join(self.tree, entry))
        os.symlink(os.path.abspath(capsh), os.path.join(self.tree, "build", "src", "capsh-ng"))

    @staticmethod
    def usable():
        """None, or (why the sandbox cannot be made here, the testenv feature missing)."""
        for feature in ("root", "mountns"):
            if dc.testenv.missing(feature):
                return (dc.testenv.missing(feature) + " (the examples change users and "
                        "capabilities in a sandbox of their own)", feature)
        return None

    def run(self, argv, image_bin=None, cwd=None, path=None):
        setup = [
            "set -e",
            f"mount --bind {shlex.quote(self.workdir)}/passwd /etc/passwd",
            f"mount --bind {shlex.quote(self.workdir)}/group /etc/group",
            "mount -t tmpfs tmpfs /run",
        ]
        if image_bin:
            setup.append(f"mount --bind {shlex.quote(image_bin)} /usr/local/bin")
        setup += [f"cd {shlex.quote(cwd or self.tree)}", 'exec "$@"']
        env = {"PATH": path or f"{self.bin}:/usr/sbin:/usr/bin:/sbin:/bin", "HOME": "/root",
               "LC_ALL": "C.UTF-8"}
        command = ["unshare", "--mount", "--net", "--pid", "--fork", "--mount-proc",
                   "--propagation", "private", "sh", "-c", "\n".join(setup), "sandbox"] + argv
        try:
            return subprocess.run(command, capture_output=True, text=True, env=env,
                                  stdin=subprocess.DEVNULL, timeout=TIMEOUT)
        except subprocess.TimeoutExpired as expired:
            return subprocess.CompletedProcess(command, -1, expired.stdout or "",
                                               f"timed out after {TIMEOUT} s")


# ---- Dockerfiles -----------------------------------------------------------------------------

def dockerfile_instructions(text):
    out = []
    for command in commands(text):
        keyword, _, rest = command.partition(" ")
        out.append((keyword.upper(), rest.strip()))
    return out


class Dockerfile:
    def __init__(self, path):
        self.path = path
        with open(path, encoding="utf-8") as file:
            self.instructions = dockerfile_instructions(file.read())
        self.stages, self.final, stage = {}, [], None
        for keyword, rest in self.instructions:
            if keyword == "FROM":
                words = rest.split()
                stage = words[2] if len(words) >= 3 and words[1].upper() == "AS" else None
                self.final = []
                if stage:
                    self.stages[stage] = self.final
            self.final.append((keyword, rest))

    def last(self, keyword):
        found = [rest for key, rest in self.final if key == keyword]
        return json.loads(found[-1]) if found else []

    def copies(self):
        """(from-stage or None, [sources], destination) of the final stage's COPY lines."""
        out = []
        for keyword, rest in self.final:
            if keyword != "COPY":
                continue
            words = shlex.split(rest)
            stage = None
            while words and words[0].startswith("--"):
                if words[0].startswith("--from="):
                    stage = words[0][len("--from="):]
                words.pop(0)
            out.append((stage, words[:-1], words[-1]))
        return out

    def stage_runs(self, stage):
        return " && ".join(rest for key, rest in self.stages.get(stage, []) if key == "RUN")

    def app_uid(self):
        for keyword, rest in self.final:
            match = keyword == "RUN" and re.search(r"(?:--uid|-u)\s+(\d+)\b.*\bapp\b", rest)
            if match:
                return int(match.group(1))
        return None


def installed_files(build):
    """Install destinations of the build, with its prefix written as /usr/local."""
    run = subprocess.run(["meson", "introspect", build, "--installed"], capture_output=True,
                         text=True, check=True)
    prefix = meson_option(build, "prefix")
    return [("/usr/local" + dest[len(prefix):]) if dest.startswith(prefix) else dest
            for dest in json.loads(run.stdout).values()]


def meson_options(build):
    run = subprocess.run(["meson", "introspect", build, "--buildoptions"], capture_output=True,
                         text=True, check=True)
    return {option["name"]: option["value"] for option in json.loads(run.stdout)}


def meson_option(build, name):
    return meson_options(build)[name]


def check_dockerfile(report, path, source, build, ci_packages):
    name = os.path.relpath(path, source)
    docker = Dockerfile(path)
    installed = installed_files(build)
    options = meson_options(build)
    for stage in docker.stages:
        runs = docker.stage_runs(stage)
        packages = apt_packages(runs)
        report.check(f"{name}: stage {stage} installs only packages .ci/run installs",
                     packages <= ci_packages, " ".join(sorted(packages - ci_packages)))
        for setup in re.findall(r"meson setup [^&;]*", runs):
            used = set(re.findall(r"-D(\w+)=", setup))
            unknown = sorted(used - set(options) - dc.LANDING_MESON_OPTIONS)
            report.check(f"{name}: stage {stage}: meson options exist", not unknown,
                         " ".join(unknown))
    destinations = []
    for stage, sources, dest in docker.copies():
        destinations.append(dest)
        for src in sources:
            if stage is None:
                ok = os.path.exists(os.path.join(source, src))
                report.check(f"{name}: COPY {src} is in the source tree", ok)
            elif stage in docker.stages:
                destdir = re.search(r"--destdir\s+(\S+)", docker.stage_runs(stage))
                inside = src[len(destdir.group(1)):] if destdir and src.startswith(
                    destdir.group(1)) else None
                ok = inside is not None and any(
                    f == inside or (inside.endswith("/") and f.startswith(inside))
                    for f in installed)
                report.check(f"{name}: COPY --from={stage} {src} is installed by meson",
                             ok, f"meson install puts: {sorted(installed)}")
    entrypoint = docker.last("ENTRYPOINT")
    ok = bool(entrypoint) and any(
        entrypoint[0] == d or (d.endswith("/") and os.path.dirname(entrypoint[0]) + "/" == d)
        for d in destinations)
    report.check(f"{name}: ENTRYPOINT {entrypoint[:1]} is a copied file", ok)
    return docker


# ---- the modes -------------------------------------------------------------------------------

class Checker:
    def __init__(self, report, args):
        self.report, self.source, self.build, self.capsh = report, args.source, args.build, \
            args.capsh
        with open(os.path.join(self.source, ".ci", "run"), encoding="utf-8") as ci:
            self.ci_text = ci.read()
        self.ci_packages = apt_packages(self.ci_text)
        self.workdir = tempfile.mkdtemp(prefix="capsh-ng-readme-")
        os.chmod(self.workdir, 0o755)  # the examples switch to app and nobody
        self.sandbox_problem = Sandbox.usable()
        self.sandbox = None if self.sandbox_problem else Sandbox(
            self.source, self.build, self.capsh, os.path.join(self.workdir, "sandbox"))
        self.images = {}  # docker tag -> Dockerfile path
        self.stage_dir = None

    def syntax(self, block):
        run = subprocess.run(["bash", "-n"], input=block.text, capture_output=True, text=True)
        return run.returncode == 0, run.stderr

    def compare(self, block, output_block, stdout):
        if output_block is None:
            return
        want, got = normalize_output(output_block.text), normalize_output(stdout)
        self.report.check(f"{block.name()}: prints {output_block.where()}", want == got,
                          f"want:\n{want}got:\n{got}")

    def mode_run(self, block, output_block):
        if self.sandbox is None:
            self.report.skip(block.name(), *self.sandbox_problem)
            return
        run = self.sandbox.run(["bash", "-e", "-o", "pipefail", "-c", block.text])
        if self.report.check(block.name(), run.returncode == 0,
                             f"exit {run.returncode}\n{run.stdout}{run.stderr}"):
            self.compare(block, output_block, run.stdout)

    def image_bin(self, dockerfile):
        """/usr/local/bin of the image, built on the host from the Dockerfile's COPY lines."""
        root = tempfile.mkdtemp(dir=self.workdir, prefix="image-bin-")
        for stage, sources, dest in dockerfile.copies():
            if not dest.startswith("/usr/local/bin"):
                raise RuntimeError(f"the emulation only copies into /usr/local/bin: {dest}")
            target = os.path.join(root, os.path.relpath(dest, "/usr/local/bin"))
            for src in sources:
                if stage is None:
                    host = os.path.join(self.source, src)
                else:
                    host = self.staged(dockerfile, stage, src)
                if os.path.isdir(host):
                    subprocess.run(["cp", "-a", host.rstrip("/") + "/.", target], check=True)
                else:
                    into = target if not dest.endswith("/") else os.path.join(
                        target, os.path.basename(src))
                    subprocess.run(["cp", "-a", host, into], check=True)
        return root

    def staged(self, dockerfile, stage, src):
        """The host path of `src` in the build stage's --destdir: this build's meson install."""
        destdir = re.search(r"--destdir\s+(\S+)", dockerfile.stage_runs(stage)).group(1)
        if self.stage_dir is None:
            self.stage_dir = os.path.join(self.workdir, "stage")
            subprocess.run(["meson", "install", "-C", self.build, "--no-rebuild", "--quiet",
                            "--destdir", self.stage_dir], check=True, capture_output=True)
        prefix = meson_option(self.build, "prefix")
        inside = src[len(destdir):]
        if inside.startswith("/usr/local"):
            inside = prefix + inside[len("/usr/local"):]
        return self.stage_dir + inside

    def mode_docker(self, block, output_block):
        stdout, problems = "", []
        for command in commands(block.text):
            words = shlex.split(command)
            if words[:2] == ["docker", "build"]:
                path = words[words.index("-f") + 1]
                tag = words[words.index("-t") + 1]
                self.images[tag] = os.path.join(self.source, path)
                self.report.check(f"{block.where()} docker build -f {path}",
                                  os.path.exists(self.images[tag]) and words[-1] == ".")
                continue
            if words[:2] != ["docker", "run"]:
                problems.append(f"not a docker build or run line: {command}")
                continue
            if self.sandbox is None:
                self.report.skip(f"{block.where()} {command[:60]}", *self.sandbox_problem)
                return
            words, entrypoint = words[2:], None
            while words and words[0].startswith("-"):
                option = words.pop(0)
                if option == "--entrypoint":
                    entrypoint = [words.pop(0)]
                elif option in ("-p", "--publish", "-e", "--env", "--cap-add", "--cap-drop"):
                    words.pop(0)
            tag, args = words[0], words[1:]
            dockerfile = Dockerfile(self.images[tag])
            argv = (entrypoint or dockerfile.last("ENTRYPOINT")) + (args or dockerfile.last("CMD"))
            uid = dockerfile.app_uid()
            if uid is not None and uid != APP_UID:
                problems.append(f"{tag}: the image's app has uid {uid}, the sandbox {APP_UID}")
            run = self.sandbox.run(argv, image_bin=self.image_bin(dockerfile), cwd="/",
                                   path=IMAGE_PATH)
            stdout += run.stdout
            if run.returncode != 0:
                problems.append(f"{command}\nexit {run.returncode}\n{run.stdout}{run.stderr}")
        if self.report.check(block.name(), not problems, "\n".join(problems)):
            self.compare(block, output_block, stdout)

    def mode_file(self, block):
        path = os.path.join(self.source, block.arg)
        ok = os.path.isfile(path)
        if ok:
            with open(path, encoding="utf-8") as file:
                ok = file.read() == block.text
        self.report.check(f"{block.name()}: is {block.arg}", ok,
                          f"copy {block.arg} into the README block (or the block into the file)")

    def mode_apt(self, block, readme_packages):
        packages = apt_packages(block.text)
        self.report.check(f"{block.name()}: packages are those of .ci/run",
                          packages <= self.ci_packages,
                          "not in .ci/run: " + " ".join(sorted(packages - self.ci_packages)))
        readme_packages |= packages

    def mode_ci(self, block):
        ci_lines = {" ".join(line.split()) for line in commands(self.ci_text)}
        missing = [c for c in commands(block.text) if not any(c in line for line in ci_lines)]
        self.report.check(f"{block.name()}: .ci/run runs it", not missing, "\n".join(missing))

    def mode_manual(self, block):
        self.mode_elsewhere(block, "hand")
        scripts = sorted(set(re.findall(r"(?<![\w/.-])tests/[\w./-]+", block.text)))
        missing = [path for path in scripts if not os.path.exists(os.path.join(self.source, path))]
        self.report.check(f"{block.name()}: the scripts it names exist", not missing,
                          " ".join(missing))

    def mode_elsewhere(self, block, runner):
        ok, errors = self.syntax(block)
        self.report.check(f"{block.name()}: valid shell, run by {runner}", ok, errors)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--source", required=True)
    parser.add_argument("--build")
    parser.add_argument("--capsh")
    parser.add_argument("--print-blocks")
    args = parser.parse_args()
    pages = read_documents(args.source)
    if args.print_blocks:
        for block in (block for blocks in pages for block in blocks):
            if block.mode == args.print_blocks:
                sys.stdout.write(block.text)
        return 0
    if not args.build or not args.capsh:
        dc.fail_usage("--build and --capsh are needed")

    report = dc.Report("readme")
    checker = Checker(report, args)
    try:
        readme_packages = set()
        for blocks in pages:
            check_page(report, checker, blocks, readme_packages)
        # Packages CI installs for one suite only (fuzzing's clang, say) may be named in the
        # prose, as `code`, instead of an apt block.
        named = set()
        for page in documents(args.source):
            with open(os.path.join(args.source, page), encoding="utf-8") as file:
                named |= set(re.findall(r"`([a-z0-9][a-z0-9.+-]*)`", file.read()))
        missing = checker.ci_packages - readme_packages - named - ESSENTIAL
        report.check("README or docs/ name every package .ci/run installs", not missing,
                     " ".join(sorted(missing)))
        for path in sorted(os.listdir(os.path.join(args.source, "examples"))):
            if path.startswith("Dockerfile"):
                check_dockerfile(report, os.path.join(args.source, "examples", path),
                                 args.source, args.build, checker.ci_packages)
    finally:
        shutil.rmtree(checker.workdir, ignore_errors=True)
    return report.finish()


def check_page(report, checker, blocks, readme_packages):
    """Tests each annotated block of one page."""
    elsewhere = {"dist": "tests/docs/check_dist.sh", "install": "tests/docs/check_install.py",
                 "landing": "nobody yet"}
    for n, block in enumerate(blocks):
        following = blocks[n + 1] if n + 1 < len(blocks) else None
        output_block = following if following and following.mode == "output" else None
        if block.mode is None:
            if block.lang in SHELLISH:
                report.check(f"{block.where()} ({block.lang}) has a test annotation", False,
                             "precede it with <!-- test: MODE --> (see tests/docs/check_readme.py)")
        elif block.mode not in MODES:
            report.check(f"{block.where()}: known mode {block.mode}", False)
        elif block.mode == "output":
            previous = blocks[n - 1].mode if n else None
            report.check(f"{block.where()}: output follows a run or docker block",
                         previous in ("run", "docker"))
        elif block.mode in ("run", "docker"):
            getattr(checker, "mode_" + block.mode)(block, output_block)
        elif block.mode == "apt":
            checker.mode_apt(block, readme_packages)
        elif block.mode in ("file", "ci", "manual"):
            getattr(checker, "mode_" + block.mode)(block)
        else:
            checker.mode_elsewhere(block, elsewhere[block.mode])
            if block.mode == "landing":
                report.note(f"{block.where()} waits for {block.arg or 'an extension'}")


if __name__ == "__main__":
    raise SystemExit(main())
