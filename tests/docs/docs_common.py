"""Shared parts of the documentation checks in tests/docs/.

Each check script counts its checks with `Report` and ends with the line
`<label>: N passed, N failed, N skipped` that tests/summarize.py adds up.
"""

import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))
import testenv  # noqa: E402  (tests/testenv.py: what this environment can do)

# Options that the documentation (manual pages, bash completion) may describe before the parser
# knows them: extensions being implemented. Remove a name once its row is in src/plan/options.cpp
# (the checks print a reminder when that has happened). Empty when nothing is landing.
LANDING_CAPSH_OPTIONS = set()
# getpcaps' own extensions: accepted by getpcaps-ng but not in its usage text, which stays
# libcap's. The checks run `getpcaps-ng NAME 1` to make sure each is really an option.
GETPCAPS_EXTENSIONS = {"--json"}
# Meson options the example Dockerfiles use before they exist (E7: -Dstatic=true).
LANDING_MESON_OPTIONS = {"static"}


class Report:
    """Counts checks; a skip is a failure when CAPSH_NG_NO_SKIP=1 (as in CI), unless the run
    declares the missing feature in CAPSH_NG_KNOWN_MISSING (tests/testenv.py)."""

    def __init__(self, label):
        self.label = label
        self.passed = self.failed = self.skipped = 0

    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
            print(f"ok    {name}")
        else:
            self.failed += 1
            print(f"FAIL  {name}")
            for line in str(detail).rstrip("\n").split("\n"):
                if line:
                    print(f"      {line}")
        return ok

    def skip(self, name, reason, feature=None):
        """feature: what the environment lacks (a testenv name); None for a missing tool."""
        if testenv.skip_is_failure(feature):
            self.check(name, False, f"skipped ({reason}), and CAPSH_NG_NO_SKIP=1")
        else:
            self.skipped += 1
            print(f"skip  {name}: {reason}")

    def note(self, text):
        print(f"note  {text}")

    def finish(self):
        print(f"{self.label}: {self.passed} passed, {self.failed} failed, {self.skipped} skipped")
        return testenv.exit_status(self.passed, self.failed, self.skipped)


def option_table(option_forms):
    """Rows of the parser's option table, from the option-forms helper: (form, match, usage)."""
    out = subprocess.run([option_forms], check=True, capture_output=True, text=True).stdout
    rows = []
    for line in out.splitlines():
        form, match, usage = line.split("\t", 2)
        rows.append((form, match, usage.replace("\\n", "\n")))
    return rows


def option_token(text):
    """The option a documented form names: `--caps=TEXT` -> `--caps=`, `-- [arg]` -> `--`."""
    word = text.strip().split()[0] if text.strip() else ""
    match = re.match(r"^(--?[A-Za-z][\w-]*=)", word)
    return match.group(1) if match else word


def usage_aliases(usage):
    """Option names a usage text mentions: `  --help, -h     this message` -> --help, -h."""
    names = set()
    for line in usage.splitlines():
        match = re.match(r"^\s+([^\s,]+)((?:, -[^\s,]+)*)", line)
        if not match:
            continue
        names.add(option_token(match.group(1)))
        for alias in re.findall(r", (-\S+)", match.group(2)):
            names.add(option_token(alias))
    return names


def getpcaps_options(capsh_ng):
    """The options of getpcaps-ng: those its usage text (stderr of --help) lists, and the
    extensions of GETPCAPS_EXTENSIONS that it accepts (not taken for a process id)."""
    run = subprocess.run(["getpcaps-ng", "--help"], executable=capsh_ng, capture_output=True,
                         text=True)
    text = run.stderr.split("Optional arguments:", 1)[-1]
    names = set(re.findall(r"(?<![\w-])(--?[a-z][\w-]*)", text))
    for name in GETPCAPS_EXTENSIONS:
        run = subprocess.run(["getpcaps-ng", name, "1"], executable=capsh_ng,
                             capture_output=True, text=True)
        if run.returncode == 0 and "Cannot parse pid" not in run.stderr:
            names.add(name)
    return names


# ---- roff ------------------------------------------------------------------------------------

_ESCAPES = [
    (r"\-", "-"), (r"\(aq", "'"), (r"\(ga", "`"), (r"\(bu", "*"), (r"\(em", "--"),
    (r"\&", ""), (r"\%", ""), (r"\e", "\\"),
]


def roff_plain(text):
    """Roff text with font changes and the escapes these pages use turned into plain text."""
    text = re.sub(r"\\f(\[[^]]*\]|.)", "", text)
    for escape, plain in _ESCAPES:
        text = text.replace(escape, plain)
    return text


def _macro_args(rest):
    args, current, quoted, n = [], "", False, 0
    while n < len(rest):
        ch = rest[n]
        if quoted and ch == '"' and rest[n + 1:n + 2] == '"':
            current += '"'
            n += 1
        elif ch == '"':
            quoted = not quoted
        elif ch == " " and not quoted:
            if current:
                args.append(current)
            current = ""
        else:
            current += ch
        n += 1
    if current:
        args.append(current)
    return args


def roff_line_text(line):
    """The text a roff line shows: macro arguments joined as the font macros join them."""
    if not line.startswith("."):
        return roff_plain(line)
    macro, _, rest = line[1:].partition(" ")
    args = _macro_args(rest)
    if macro in ("B", "I", "SM", "SB"):
        return roff_plain(" ".join(args))
    if macro in ("BI", "IB", "BR", "RB", "IR", "RI"):
        return roff_plain("".join(args))
    return ""


def man_sections(path):
    """{section title: [lines]} of a manual page, comments dropped."""
    sections, title = {}, None
    with open(path, encoding="utf-8") as page:
        for line in page.read().split("\n"):
            if line.startswith('.\\"'):
                continue
            if line.startswith(".SH "):
                title = roff_plain(line[4:]).strip('"')
                sections[title] = []
            elif title is not None:
                sections[title].append(line)
    return sections


def tagged_options(lines):
    """Option names of the tags (the line after each .TP) in a list of roff lines."""
    names = []
    for n, line in enumerate(lines):
        if line.strip() != ".TP" or n + 1 >= len(lines):
            continue
        tag = roff_line_text(lines[n + 1])
        for alternative in tag.split(", "):
            token = option_token(alternative)
            if token.startswith(("-", "=")):
                names.append(token)
    return names


def fail_usage(message):
    print(message, file=sys.stderr)
    sys.exit(2)
