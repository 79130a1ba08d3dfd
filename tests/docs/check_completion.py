#!/usr/bin/env python3
"""Checks the bash completion (completion/capsh-ng.bash) without an interactive shell.

Usage: check_completion.py --completion FILE --option-forms HELPER --capsh BINARY

Each case sources the file in a non-interactive bash, sets COMP_LINE, COMP_POINT, COMP_WORDS
and COMP_CWORD the way bash does for that line (words split at blanks and at the characters
of COMP_WORDBREAKS, such as "="), calls the completion function and compares COMPREPLY.
The option list must be exactly the parser's option table (plus --mode=, which the table's
--mode prefix covers, and docs_common.LANDING_CAPSH_OPTIONS), getpcaps-ng's exactly its
options, and the capability names exactly those capsh-ng prints for --decode.
"""

import argparse
import shlex
import subprocess

import docs_common as dc

WORDBREAKS = "\"'><=;|&(:"


def comp_words(line):
    """bash's COMP_WORDS for `line` with the cursor at its end."""
    words, current, kind = [], "", None
    for ch in line:
        if ch.isspace():
            if current:
                words.append(current)
            current, kind = "", None
            continue
        this = "break" if ch in WORDBREAKS else "word"
        if current and this != kind:
            words.append(current)
            current = ""
        current += ch
        kind = this
    words.append(current)
    return words


def complete(completion, function, line):
    words = comp_words(line)
    script = "\n".join([
        f"source {shlex.quote(completion)}",
        f"COMP_LINE={shlex.quote(line)}",
        f"COMP_POINT={len(line)}",
        "COMP_WORDS=(" + " ".join(shlex.quote(w) for w in words) + ")",
        f"COMP_CWORD={len(words) - 1}",
        function,
        'printf "%s\\n" "${COMPREPLY[@]}"',
    ])
    run = subprocess.run(["bash", "--norc", "--noprofile", "-c", script], capture_output=True,
                         text=True)
    return [word for word in run.stdout.split("\n") if word], run.stderr


class Cases:
    def __init__(self, report, completion):
        self.report = report
        self.completion = completion

    def expect(self, line, want, function="_capsh_ng", subset=False):
        got, errors = complete(self.completion, function, line)
        if subset:
            ok = set(want) <= set(got)
        else:
            ok = sorted(got) == sorted(want)
        detail = f"want {'at least ' if subset else ''}{sorted(want)}\ngot  {sorted(got)}"
        self.report.check(f"complete [{line}]", ok and not errors, detail + "\n" + errors)
        return got

    def absent(self, line, unwanted, function="_capsh_ng"):
        got, errors = complete(self.completion, function, line)
        bad = sorted(set(got) & set(unwanted))
        self.report.check(f"complete [{line}] offers no option", not bad and not errors,
                          " ".join(bad) + errors)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--completion", required=True)
    parser.add_argument("--option-forms", required=True)
    parser.add_argument("--capsh", required=True)
    args = parser.parse_args()
    report = dc.Report("completion")
    cases = Cases(report, args.completion)

    # Options: exactly the table's forms.
    forms = {form for form, _, _ in dc.option_table(args.option_forms)}
    offered, _ = complete(args.completion, "_capsh_ng", "capsh-ng ")
    want = forms | {"--mode="}
    missing = sorted(want - set(offered))
    report.check(f"all {len(forms)} forms of the option table are offered", not missing,
                 "missing: " + " ".join(missing))
    extra = sorted(set(offered) - want - dc.LANDING_CAPSH_OPTIONS)
    report.check("only options of the table are offered", not extra,
                 "not in src/plan/options.cpp: " + " ".join(extra))
    for name in sorted(dc.LANDING_CAPSH_OPTIONS & forms):
        report.note(f"{name} is in src/plan/options.cpp now: remove it from LANDING_CAPSH_OPTIONS")

    # Capability names: exactly what capsh-ng knows.
    decoded = subprocess.run([args.capsh, "--decode=0x1ffffffffff"], capture_output=True,
                             text=True, check=True).stdout
    names = decoded.strip().split("=", 1)[1].split(",")
    cases.expect("capsh-ng --inh=", ["=" + name for name in names])
    cases.expect("capsh-ng --drop=", ["=" + name for name in ["all"] + names])

    cases.expect("capsh-ng --ca", ["--cap-uid=", "--caps="])
    cases.expect("capsh-ng --has-n", ["--has-no-new-privs"])
    cases.expect("capsh-ng --drop=cap_net_r", ["cap_net_raw"])
    cases.expect("capsh-ng --drop=cap_chown,cap_k", ["cap_chown,cap_kill"])
    cases.expect("capsh-ng --caps=cap_setu", ["cap_setuid"])
    cases.expect("capsh-ng --addamb=cap_net_b", ["cap_net_bind_service", "cap_net_broadcast"])
    cases.expect("capsh-ng --iab=!cap_sys_ch", ["!cap_sys_chroot"])
    cases.expect("capsh-ng --iab=cap_chown,^cap_ki", ["cap_chown,^cap_kill"])
    cases.expect("capsh-ng --has-p=cap_syslo", ["cap_syslog"])
    cases.expect("capsh-ng --explain=cap_bp", ["cap_bpf"])
    cases.expect("capsh-ng --user=roo", ["root"])
    cases.expect("capsh-ng --groups=root,daem", ["root,daemon"])
    cases.expect("capsh-ng --mode=", ["=NOPRIV", "=PURE1E_INIT", "=PURE1E", "=HYBRID"])
    cases.expect("capsh-ng --inmode=U", ["UNCERTAIN"])
    cases.expect("capsh-ng --mode", ["--mode", "--mode=", "--modes"])
    cases.expect("capsh-ng --shell=/bin/sh", ["/bin/sh"], subset=True)
    cases.expect("capsh-ng --chroot=/tm", ["/tmp"])
    cases.expect("capsh-ng --print == --pri", ["--print"])
    cases.expect("capsh-ng ==", ["=="])
    cases.absent("capsh-ng --print -- --pr", forms)
    cases.absent("capsh-ng -+ -", forms)
    # --exec completes a command, then the command's arguments.
    cases.expect("capsh-ng --exec bas", ["bash"], subset=True)
    cases.absent("capsh-ng --exec ls --pr", forms)

    # getpcaps-ng: its options, then process ids.
    listed = dc.getpcaps_options(args.capsh)
    offered, _ = complete(args.completion, "_getpcaps_ng", "getpcaps-ng -")
    report.check("getpcaps-ng: exactly its options are offered", listed == set(offered),
                 f"usage: {sorted(listed)}\noffered: {sorted(offered)}")
    cases.expect("getpcaps-ng --ve", ["--verbose"], function="_getpcaps_ng")
    cases.expect("getpcaps-ng --iab 1", ["1"], function="_getpcaps_ng", subset=True)

    # Registration.
    run = subprocess.run(["bash", "--norc", "-c", f"source {shlex.quote(args.completion)}; "
                          "complete -p capsh-ng getpcaps-ng"], capture_output=True, text=True)
    report.check("registers capsh-ng and getpcaps-ng",
                 "_capsh_ng capsh-ng" in run.stdout and "_getpcaps_ng getpcaps-ng" in run.stdout,
                 run.stdout + run.stderr)
    return report.finish()


if __name__ == "__main__":
    raise SystemExit(main())
