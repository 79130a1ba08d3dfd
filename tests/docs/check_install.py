#!/usr/bin/env python3
"""Checks what `meson install` puts where.

Usage: check_install.py --source DIR --build DIR

1. Runs the README's `install` blocks (`meson install -C build --destdir "$PWD/stage"`) in a
   temporary directory, against the build under test (`-C build` becomes `-C <build>`, and
   `--no-rebuild` is added: the test must not start ninja while meson test runs). The staged
   tree must hold exactly: the program, the getpcaps-ng link, the two manual pages (unless
   -Dman=disabled), the bash completion and its getpcaps-ng link, and with -Dcapsh_alias=true
   the capsh and getpcaps names of each (the program links in -Dalias_dir, by default sbindir;
   the manual page links unless -Dalias_man=false); the installed program must run under both
   names.
2. Configures three more build directories, with -Dcapsh_alias=true, with -Dcapsh_alias=true
   -Dalias_dir=bin -Dalias_man=false, and with -Dman=disabled,
   and installs them the same way without compiling anything (the program of the build under
   test is copied in: these options change what is installed, not what is built).
"""

import argparse
import json
import os
import shlex
import shutil
import subprocess
import tempfile

import check_readme
import docs_common as dc


def build_options(build):
    run = subprocess.run(["meson", "introspect", build, "--buildoptions"], capture_output=True,
                         text=True, check=True)
    return {option["name"]: option["value"] for option in json.loads(run.stdout)}


def expected_tree(options):
    """{path relative to the prefix's parent "/": kind} where kind is "file" or "link:TARGET"."""

    def under(option, *parts):
        base = options[option]
        base = base if os.path.isabs(base) else os.path.join(options["prefix"], base)
        return os.path.join(base, *parts)

    bindir = under("bindir")
    tree = {os.path.join(bindir, "capsh-ng"): "file"}
    for name in ("getpcaps-ng", "gosu-ng", "su-exec-ng"):
        tree[os.path.join(bindir, name)] = "link:capsh-ng"
    completions = under("datadir", "bash-completion", "completions")
    tree[os.path.join(completions, "capsh-ng")] = "file"
    tree[os.path.join(completions, "getpcaps-ng")] = "link:capsh-ng"
    tree[os.path.join(completions, "gosu-ng")] = "file"
    tree[os.path.join(completions, "su-exec-ng")] = "link:gosu-ng"
    man = options["man"] != "disabled"
    if man:
        tree[under("mandir", "man1", "capsh-ng.1")] = "file"
        tree[under("mandir", "man8", "getpcaps-ng.8")] = "file"
        tree[under("mandir", "man1", "gosu-ng.1")] = "file"
        tree[under("mandir", "man1", "su-exec-ng.1")] = "link:gosu-ng.1"
    if options["capsh_alias"]:
        # The links go to -Dalias_dir (sbindir when empty), relative to the program.
        alias_dir = under("alias_dir" if options.get("alias_dir") else "sbindir")
        program = os.path.relpath(os.path.join(bindir, "capsh-ng"), alias_dir)
        for name in ("capsh", "getpcaps", "gosu", "su-exec"):
            tree[os.path.join(alias_dir, name)] = f"link:{program}"
        tree[os.path.join(completions, "capsh")] = "link:capsh-ng"
        tree[os.path.join(completions, "getpcaps")] = "link:capsh-ng"
        tree[os.path.join(completions, "gosu")] = "link:gosu-ng"
        tree[os.path.join(completions, "su-exec")] = "link:gosu-ng"
        if man and options.get("alias_man", True):
            tree[under("mandir", "man1", "capsh.1")] = "link:capsh-ng.1"
            tree[under("mandir", "man8", "getpcaps.8")] = "link:getpcaps-ng.8"
    return tree


def staged_tree(stage):
    tree = {}
    for root, dirs, files in os.walk(stage):
        for name in files + [d for d in dirs if os.path.islink(os.path.join(root, d))]:
            path = os.path.join(root, name)
            inside = "/" + os.path.relpath(path, stage)
            tree[inside] = f"link:{os.readlink(path)}" if os.path.islink(path) else "file"
    return tree


def compare(report, name, want, got):
    missing = sorted(set(want) - set(got))
    extra = sorted(set(got) - set(want))
    wrong = sorted(p for p in set(want) & set(got) if want[p] != got[p])
    report.check(name, not missing and not extra and not wrong,
                 "\n".join([f"missing: {p}" for p in missing] + [f"unexpected: {p}" for p in extra]
                           + [f"{p}: want {want[p]}, got {got[p]}" for p in wrong]))


def readme_install(report, source, build, work):
    blocks = [b for page in check_readme.read_documents(source) for b in page
              if b.mode == "install"]
    report.check("README or docs/ have an install block", bool(blocks))
    stage = os.path.join(work, "stage")
    for block in blocks:
        for command in check_readme.commands(block.text):
            words = shlex.split(command)
            ok_form = words[:2] == ["meson", "install"] and "-C" in words
            if not report.check(f"{block.where()} is `meson install -C build ...`", ok_form,
                                command):
                continue
            command = command.replace("-C build", f"-C {shlex.quote(build)}") + " --no-rebuild"
            run = subprocess.run(["bash", "-e", "-c", command], cwd=work, capture_output=True,
                                 text=True)
            report.check(f"{block.where()} runs: {command}", run.returncode == 0,
                         run.stdout + run.stderr)
    options = build_options(build)
    compare(report, "meson install: the staged tree", expected_tree(options), staged_tree(stage))
    bindir = options["bindir"] if os.path.isabs(options["bindir"]) else os.path.join(
        options["prefix"], options["bindir"])
    program = stage + os.path.join(bindir, "capsh-ng")
    run = subprocess.run([program, "--decode=0x400"], capture_output=True, text=True)
    report.check("the installed capsh-ng runs", run.stdout ==
                 "0x0000000000000400=cap_net_bind_service\n", run.stdout + run.stderr)
    run = subprocess.run([stage + os.path.join(bindir, "getpcaps-ng"), "1"], capture_output=True,
                         text=True)
    report.check("the installed getpcaps-ng runs as getpcaps", run.stdout.startswith("1: "),
                 run.stdout + run.stderr)


def alternative_install(report, source, build, work, options):
    """Configures a build directory with `options` and installs it, nothing compiled: the
    options under test change what is installed, not what is compiled, so the program of the
    build under test is copied in where meson install expects it."""
    name = " ".join(options)
    other = os.path.join(work, "configure-" + "-".join(o.strip("-D").split("=")[0]
                                                        for o in options))
    run = subprocess.run(["meson", "setup", other, source, "--wrap-mode=nodownload",
                          "-Dtests=disabled"] + options, capture_output=True, text=True)
    if not report.check(f"meson setup {name}", run.returncode == 0, run.stdout + run.stderr):
        return
    os.makedirs(os.path.join(other, "src"), exist_ok=True)
    shutil.copy2(os.path.join(build, "src", "capsh-ng"), os.path.join(other, "src", "capsh-ng"))
    stage = os.path.join(work, "stage-" + os.path.basename(other))
    run = subprocess.run(["meson", "install", "-C", other, "--no-rebuild", "--quiet",
                          "--destdir", stage], capture_output=True, text=True)
    if report.check(f"meson install with {name}", run.returncode == 0, run.stdout + run.stderr):
        compare(report, f"meson install with {name}: the staged tree",
                expected_tree(build_options(other)), staged_tree(stage))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--source", required=True)
    parser.add_argument("--build", required=True)
    args = parser.parse_args()
    report = dc.Report("install")
    with tempfile.TemporaryDirectory(prefix="capsh-ng-install-") as work:
        readme_install(report, args.source, args.build, work)
        alternative_install(report, args.source, args.build, work, ["-Dcapsh_alias=true"])
        alternative_install(report, args.source, args.build, work,
                            ["-Dcapsh_alias=true", "-Dalias_dir=bin", "-Dalias_man=false"])
        alternative_install(report, args.source, args.build, work, ["-Dman=disabled"])
    return report.finish()


if __name__ == "__main__":
    raise SystemExit(main())
