#!/usr/bin/env python3
"""Checks the manual pages: they lint clean and document exactly the options there are.

Usage: check_man.py --capsh-page PAGE --getpcaps-page PAGE --option-forms HELPER --capsh BINARY

* Lint: `groff -man -ww -z`, `mandoc -T lint` and, when man-db is installed,
  `man --warnings -l` must print nothing for either page.
* capsh-ng(1): every form of the parser's option table (src/plan/options.cpp, printed by the
  option-forms helper) is the tag of a paragraph in OPTIONS, and every option tagged there is
  a form of the table or a name its usage text gives (such as -h and --mode=).
* getpcaps-ng(8): the options tagged in OPTIONS are exactly those `getpcaps-ng --help` lists
  and the extensions of docs_common.GETPCAPS_EXTENSIONS (checked to be accepted).
* Neither page has a placeholder meson did not fill in (@NAME@).

Names in docs_common.LANDING_CAPSH_OPTIONS are documented before the parser knows them
(extensions being implemented); they are allowed in the page, and a note says when one can
leave the list.
"""

import argparse
import os
import re
import shutil
import subprocess

import docs_common as dc


def lint(report, pages):
    env = dict(os.environ, LC_ALL="C.UTF-8", MANWIDTH="80")
    # groff (groff-base) and mandoc are required (CI installs both); man (man-db) is used
    # when it is there.
    tools = [
        ("groff", True, lambda page: ["groff", "-man", "-ww", "-z", "-Tutf8", page]),
        ("mandoc", True, lambda page: ["mandoc", "-T", "lint", "-W", "all", page]),
        ("man", False, lambda page: ["man", "--warnings", "-l", page]),
    ]
    for tool, required, command in tools:
        for page in pages:
            name = f"lint {os.path.basename(page)} with {tool}"
            if shutil.which(tool) is None:
                if required:
                    report.skip(name, f"{tool} is not installed")
                else:
                    report.note(f"{name}: not installed, not used")
                continue
            run = subprocess.run(command(page), capture_output=True, text=True, env=env)
            # man writes the page to stdout; only its warnings (stderr) count.
            messages = run.stderr if tool == "man" else run.stdout + run.stderr
            report.check(name, run.returncode == 0 and not messages.strip(), messages)


def placeholders(report, pages):
    for page in pages:
        with open(page, encoding="utf-8") as text:
            left = sorted(set(re.findall(r"@[A-Z_]+@", text.read())))
        report.check(f"{os.path.basename(page)}: no unfilled placeholder", not left,
                     " ".join(left))


def capsh_options(report, page, option_forms):
    table = dc.option_table(option_forms)
    forms = {form for form, _, _ in table}
    known = set(forms)
    for _, _, usage in table:
        known |= dc.usage_aliases(usage)
    sections = dc.man_sections(page)
    report.check("capsh-ng.1 has an OPTIONS section", "OPTIONS" in sections)
    tagged = dc.tagged_options(sections.get("OPTIONS", []))
    tagged_set = set(tagged)

    missing = sorted(forms - tagged_set)
    report.check(f"capsh-ng.1 documents all {len(forms)} forms of the option table",
                 not missing, "not tagged in OPTIONS: " + " ".join(missing))
    unknown = sorted(tagged_set - known - dc.LANDING_CAPSH_OPTIONS)
    report.check(f"capsh-ng.1 documents only options the parser knows ({len(tagged_set)} tags)",
                 not unknown, "tagged in OPTIONS but not in src/plan/options.cpp: " + " ".join(unknown))
    twice = sorted({name for name in tagged if tagged.count(name) > 1})
    report.check("capsh-ng.1 documents each option once", not twice, " ".join(twice))
    undocumented_landing = sorted(dc.LANDING_CAPSH_OPTIONS - tagged_set)
    report.check("capsh-ng.1 documents every landing option", not undocumented_landing,
                 " ".join(undocumented_landing))
    for name in sorted(dc.LANDING_CAPSH_OPTIONS & forms):
        report.note(f"{name} is in src/plan/options.cpp now: remove it from "
                    "LANDING_CAPSH_OPTIONS in tests/docs/docs_common.py")


def getpcaps_options(report, page, capsh):
    listed = dc.getpcaps_options(capsh)
    report.check("getpcaps-ng --help lists options", len(listed) >= 5, " ".join(sorted(listed)))
    sections = dc.man_sections(page)
    tagged = set(dc.tagged_options(sections.get("OPTIONS", [])))
    missing = sorted(listed - tagged)
    report.check(f"getpcaps-ng.8 documents all {len(listed)} options of getpcaps-ng",
                 not missing, "not tagged in OPTIONS: " + " ".join(missing))
    unknown = sorted(tagged - listed)
    report.check("getpcaps-ng.8 documents only options getpcaps-ng has", not unknown,
                 " ".join(unknown))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--capsh-page", required=True)
    parser.add_argument("--getpcaps-page", required=True)
    parser.add_argument("--option-forms", required=True)
    parser.add_argument("--capsh", required=True)
    args = parser.parse_args()

    report = dc.Report("man")
    pages = [args.capsh_page, args.getpcaps_page]
    placeholders(report, pages)
    lint(report, pages)
    capsh_options(report, args.capsh_page, args.option_forms)
    getpcaps_options(report, args.getpcaps_page, args.capsh)
    return report.finish()


if __name__ == "__main__":
    raise SystemExit(main())
