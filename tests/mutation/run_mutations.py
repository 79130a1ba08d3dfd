#!/usr/bin/env python3
"""Mutation check: does the suite notice when src/ forgets a behaviour?

Each mutation below is one small semantic change to src/ (an exact text replacement). The
script copies the source tree into a scratch directory (never touching the working tree),
builds it once and checks that the chosen suites pass there, then for each mutation: applies
it, rebuilds, runs the suites named for it, and restores the file. A mutation is *killed* when
a suite fails, *survived* when all pass, and *invalid* when the mutated tree does not build (or
its text is no longer found: the list needs updating).

  tests/mutation/run_mutations.py [--scratch DIR] [--keep] [--only ID[,ID...]] [--full]

--full runs the whole `meson test` for every mutation instead of the named suites (slow).
Needs root for the suites that switch users (as the suites themselves do). Ends with
`mutation: N killed, N survived, N invalid (score K/N)`; exit status 0 iff none survived.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))

# Suites, as commands run in the scratch tree ({build}: its build directory).
UNIT = ["meson", "test", "-C", "{build}", "--no-rebuild", "unit"]
EXTENSIONS = ["meson", "test", "-C", "{build}", "--no-rebuild", "extensions"]


# What a mutation rebuilds: the programs the suites above run (the fuzz replays are not).
REBUILT = ["src/capsh-ng", "tests/unit/unit-tests"]


def diff(*case_files):
    return ["python3", "tests/diff/run_diff.py", "--ours", "{build}/src/capsh-ng",
            "--ours-getpcaps", "{build}/src/capsh-ng", "--label", "mutation",
            *[f"tests/diff/cases/{name}.cases" for name in case_files]]


# (id, what it forgets, [(file, old text, new text)], suites)
MUTATIONS = [
    # The five blind spots of issue 15's mutation run.
    ("user-no-initgroups", "--user forgets the user's supplementary groups",
     [("src/exec/exec_identity.cpp",
       "switch_user(ex, step.name, user->uid, user->gid, *groups)",
       "switch_user(ex, step.name, user->uid, user->gid, {user->gid})")],
     [UNIT, diff("identity")]),
    ("numeric-user-ignores-noenv", "a numeric --user changes the environment despite --noenv",
     [("src/exec/exec_identity.cpp",
       "    if (step.noenv) return std::nullopt;\n    if (int err = kernel.set_env(\"HOME\", \"/\"))",
       "    if (int err = kernel.set_env(\"HOME\", \"/\"))")],
     [UNIT, EXTENSIONS]),
    ("getpcaps-own-iab", "getpcaps --json reads bounding and ambient of itself",
     [("src/getpcaps/getpcaps.cpp",
       "write_cap_names(json, \"inheritable\", state.i, cap_count);\n"
       "    std::optional<Iab> iab = io.reader.read_iab(pid);",
       "write_cap_names(json, \"inheritable\", state.i, cap_count);\n"
       "    std::optional<Iab> iab = io.reader.read_iab(int(getpid()));"),
      ("src/getpcaps/getpcaps.cpp", '#include "getpcaps.hpp"\n',
       '#include "getpcaps.hpp"\n#include <unistd.h>\n')],
     [UNIT, EXTENSIONS]),
    ("nss-drops-unterminated-line", "the passwd/group reader drops a last line without newline",
     [("src/text/nss_files.cpp",
       "    end = end == npos ? text.size() : end + 1;\n",
       "    if (end == npos) {\n        text.remove_prefix(text.size());\n        return {};\n"
       "    }\n    end += 1;\n")],
     [UNIT]),
    ("chroot-no-chdir", "--chroot leaves the working directory outside the new root",
     [("src/exec/exec_security.cpp",
       "if (result == 0) result = kernel.change_dir_to_root();",
       "if (result == 0) result = 0;")],
     [UNIT, EXTENSIONS]),
    # Issue 15's findings 1-4, undone.
    ("groups-capped-at-100", "the kernel seam reads at most 100 groups again",
     [("src/kernel/linux_kernel_ids.cpp", "while (count < 0 && errno == EINVAL) {",
       "while (false) {")],
     [UNIT, EXTENSIONS]),
    ("print-lists-over-100", "--print lists more than 100 groups, unlike capsh",
     [("src/exec/report.cpp",
       "    if (groups.size() > std::size_t(k_max_listed_groups)) groups.clear();\n", "")],
     [UNIT, diff("identity")]),
    ("plan-group-names-uncached", "--plan looks every group name up after every step",
     [("src/simulate/sim_kernel.cpp",
       "    if (known != group_names_.end()) return known->second;\n", "")],
     [UNIT]),
    ("noprive-errno-eperm", "a failing NOPRIV reports the securebits call's EPERM",
     [("src/exec/modes.cpp", "    outcome.note(-read, false);\n", "")],
     [UNIT, diff("security")]),
    ("plan-newline-unescaped", "--plan prints a newline of an argument as it is",
     [("src/text/escape.cpp", """            case '\\n':
                out += "\\\\n";""",
       """            case '\\n':
                out += "\\n";""")],
     [UNIT, EXTENSIONS]),
    # Others, across the layers.
    ("user-no-logname", "--user forgets LOGNAME",
     [("src/exec/exec_identity.cpp",
       '    if (int err = kernel.set_env("LOGNAME", name)) return fail_errno("unable to set LOGNAME", err);\n',
       "")],
     [UNIT, diff("identity")]),
    ("sim-groups-unsorted", "the --plan model keeps groups in the order given",
     [("src/simulate/sim_kernel.cpp",
       "    std::sort(state_.groups->begin(), state_.groups->end());", "")],
     [UNIT]),
    ("sim-exec-effective-always", "the --plan model gives a non-root target an effective set",
     [("src/simulate/sim_kernel.cpp", "        if (next.ids.euid == 0) effective = true;\n",
       "        effective = true;\n")],
     [UNIT]),
    ("nss-compat-names-match", "getpwnam matches nss_compat '+name' entries",
     [("src/text/nss_files.cpp", "if (!passwd || is_compat_name(name)) return std::nullopt;",
       "if (!passwd) return std::nullopt;")],
     [UNIT]),
    ("status-bounding-not-complemented", "getpcaps reads CapBnd as the dropped set",
     [("src/kernel/proc_status.cpp", "if (complement) bits = ~bits & 0xffffffffu;",
       "if (complement) bits = bits & 0xffffffffu;")],
     [UNIT, diff("getpcaps")]),
    ("json-backslash-unescaped", "JSON strings keep backslashes unescaped",
     [("src/text/json.cpp", "if (c == '\"' || c == '\\\\') {", "if (c == '\"') {")],
     [UNIT]),
]


def run(command, cwd, log, timeout=1800):
    with open(log, "ab") as out:
        out.write(("$ " + " ".join(command) + "\n").encode())
        out.flush()
        try:
            return subprocess.run(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT,
                                  stdin=subprocess.DEVNULL, timeout=timeout).returncode
        except subprocess.TimeoutExpired:
            out.write(b"(timed out)\n")
            return 124


def copy_tree(scratch):
    """The working tree's files as git sees them (committed or not), without build dirs."""
    listed = subprocess.run(["git", "-C", SOURCE, "ls-files", "-z", "--cached", "--others",
                             "--exclude-standard"], capture_output=True, check=True).stdout
    for name in filter(None, listed.decode().split("\0")):
        source = os.path.join(SOURCE, name)
        if not os.path.isfile(source):
            continue  # deleted in the working tree
        target = os.path.join(scratch, name)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copy2(source, target, follow_symlinks=False)


def suites_pass(suites, tree, build, log, full):
    if full:
        suites = [["meson", "test", "-C", "{build}", "--no-rebuild"]]
    for suite in suites:
        command = [word.replace("{build}", build) for word in suite]
        if run(command, tree, log) != 0:
            return False, " ".join(suite[-1:] if suite[0] == "meson" else suite[-1:])
    return True, ""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("--scratch", help="directory for the copy (default: a new temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch copy")
    parser.add_argument("--only", help="comma-separated mutation ids")
    parser.add_argument("--full", action="store_true", help="run every suite per mutation")
    args = parser.parse_args()

    chosen = MUTATIONS
    if args.only:
        wanted = set(args.only.split(","))
        chosen = [m for m in MUTATIONS if m[0] in wanted]
        unknown = wanted - {m[0] for m in chosen}
        if unknown:
            sys.exit(f"unknown mutation ids: {', '.join(sorted(unknown))}")

    scratch = args.scratch or tempfile.mkdtemp(prefix="capsh-ng-mutation-")
    tree = os.path.join(scratch, "tree")
    build = os.path.join(tree, "build-mutation")
    log = os.path.join(scratch, "mutation.log")
    print(f"scratch copy: {tree} (log: {log})")
    if os.path.exists(tree):
        shutil.rmtree(tree)
    copy_tree(tree)

    start = time.monotonic()
    # Unoptimised, without debug info: the fastest to build, and the behaviour is the same.
    setup = ["meson", "setup", build, "--wrap-mode=nodownload", "-Doptimization=0",
             "-Ddebug=false"]
    if run(setup, tree, log) != 0 or run(["ninja", "-C", build, *REBUILT], tree, log) != 0:
        sys.exit(f"the unmutated copy does not build: see {log}")
    all_suites = []
    for _, _, _, suites in chosen:
        for suite in suites:
            if suite not in all_suites:
                all_suites.append(suite)
    ok, which = suites_pass(all_suites, tree, build, log, args.full)
    if not ok:
        sys.exit(f"the unmutated copy fails {which}: see {log}")
    print(f"baseline: builds and passes ({time.monotonic() - start:.0f} s)")

    killed = survived = invalid = 0
    for ident, what, edits, suites in chosen:
        began = time.monotonic()
        originals = {}
        applied = True
        for path, old, new in edits:
            full_path = os.path.join(tree, path)
            text = originals.get(path) or open(full_path).read()
            originals.setdefault(path, text)
            current = open(full_path).read()
            if current.count(old) != 1:
                applied = False
                break
            with open(full_path, "w") as out:
                out.write(current.replace(old, new))
        if not applied:
            verdict = "invalid (text not found)"
            invalid += 1
        elif run(["ninja", "-C", build, *REBUILT], tree, log) != 0:
            verdict = "invalid (does not build)"
            invalid += 1
        else:
            ok, which = suites_pass(suites, tree, build, log, args.full)
            if ok:
                verdict = "SURVIVED"
                survived += 1
            else:
                verdict = f"killed by {which}"
                killed += 1
        for path, text in originals.items():
            with open(os.path.join(tree, path), "w") as out:
                out.write(text)
        print(f"{ident:34} {verdict:28} {time.monotonic() - began:5.0f} s  ({what})", flush=True)

    run(["ninja", "-C", build, *REBUILT], tree, log)  # leave the copy built unmutated
    if not args.keep:
        shutil.rmtree(tree)  # the log stays
    valid = killed + survived
    print(f"mutation: {killed} killed, {survived} survived, {invalid} invalid "
          f"(score {killed}/{valid}) in {time.monotonic() - start:.0f} s")
    return 0 if survived == 0 and invalid == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
