"""``# archcalc: ...`` comments in a spec: per-layer disables and per-file settings.

Comments are not in the YAML tree, so the raw lines are scanned:

- ``# archcalc: disable=RULE[,RULE...]`` (or bare ``disable`` for every rule)
  on a line of a layer entry, or on comment lines directly above it, turns
  those rules off for that whole entry; elsewhere (under ``inputs:``, say) it
  covers the line it is on, or the next line for a comment on its own line.
- ``# archcalc: lint KEY=VALUE ...`` in the comment block at the top of the
  file sets rules and options for this spec only, with the command line's
  grammar: ``RULE=error|warning|off``, ``RULE.OPTION=VALUE``, or ``OPTION=VALUE``
  for an option only one rule has (``max_params=1.5M``).

A directive archcalc cannot read is a ``bad-directive`` finding, not silence.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from archcalc.diagnostics import Diagnostic, Pos, Severity, did_you_mean
from archcalc.spec import Spec

BAD = "bad-directive"
_DIRECTIVE = re.compile(r"(?:^|\s)#\s*archcalc:\s*(?P<body>.*?)\s*$")
_DISABLE = re.compile(r"^disable(?:\s*=\s*(?P<rules>.*))?$")
_TOKEN = re.compile(r"\S+")


@dataclass(frozen=True)
class Disable:
    line: int  # the comment's line
    rules: frozenset[str] | None  # None: every rule
    standalone: bool  # the comment is alone on its line


@dataclass
class Directives:
    settings: list[tuple[str, Pos]] = field(default_factory=list)
    disables: list[Disable] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)


def scan(text: str, path: str, known: set[str]) -> Directives:
    """Every directive in ``text``; ``known`` are the rule IDs a disable may name."""
    out = Directives()
    header = True
    for lineno, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        standalone = stripped.startswith("#")
        m = _DIRECTIVE.search(line) if "archcalc:" in line else None
        if m:
            body, col = m.group("body"), m.start("body") + 1
            problem = None
            if re.match(r"^lint(\s|$)", body):
                if header and standalone:
                    for tok in _TOKEN.finditer(body[4:]):
                        out.settings.append((tok.group(), Pos(lineno, col + 4 + tok.start())))
                else:
                    problem = "'# archcalc: lint' settings belong in the comment block at the top of the file"
            elif dm := _DISABLE.match(body):
                at = col + (dm.start("rules") if dm.group("rules") is not None else 0)
                rules = _rules(dm.group("rules"), path, lineno, at, known, out)
                out.disables.append(Disable(lineno, rules, standalone))
            else:
                problem = (
                    f"unknown archcalc directive {body!r}; use "
                    "'disable=RULE[,RULE]' or, at the top of the file, 'lint KEY=VALUE'"
                )
            if problem:
                out.problems.append(_bad(path, lineno, col, problem))
        if stripped and not standalone:
            header = False
    return out


def _rules(
    text: str | None, path: str, line: int, col: int, known: set[str], out: Directives
) -> frozenset[str] | None:
    """The rule names of ``disable=...``; ``col`` is the column of ``text``."""
    if text is None:
        return None
    names = []
    for m in re.finditer(r"[^\s,]+", text):
        name = m.group()
        names.append(name)
        if name not in known:
            out.problems.append(
                _bad(
                    path,
                    line,
                    col + m.start(),
                    f"unknown rule '{name}' in disable{did_you_mean(name, known)}",
                )
            )
    if not names:
        out.problems.append(_bad(path, line, col, "disable= names no rule"))
    return frozenset(names)


def _bad(path: str, line: int, col: int, message: str) -> Diagnostic:
    return Diagnostic(path, line, col, BAD, message, Severity.ERROR)


def suppressions(
    directives: Directives, spec: Spec, lines: list[str]
) -> list[tuple[frozenset[str] | None, range]]:
    """For each disable, the rules and the line range it covers."""
    starts = sorted({x.pos.line for x in spec.layers if x.pos})
    end = _layers_end(lines, starts[-1]) if starts else 0
    out = []
    for d in directives.disables:
        target = d.line
        if d.standalone:  # the next line that is neither blank nor a comment
            target = next(
                (
                    i
                    for i in range(d.line + 1, len(lines) + 1)
                    if lines[i - 1].strip() and not lines[i - 1].lstrip().startswith("#")
                ),
                d.line,
            )
        k = bisect.bisect_right(starts, target) - 1
        if starts and k >= 0 and target <= end:
            stop = starts[k + 1] - 1 if k + 1 < len(starts) else end
            out.append((d.rules, range(starts[k], stop + 1)))
        else:
            out.append((d.rules, range(target, target + 1)))
    return out


def _layers_end(lines: list[str], last_start: int) -> int:
    """The last line of the ``layers:`` list: before the next top-level key, or the file's end."""
    for i in range(last_start, len(lines)):
        text = lines[i]
        if text and text[0] not in " \t#-" and not text.startswith("..."):
            return i
    return len(lines)


def suppressed(d: Diagnostic, rules: list[tuple[frozenset[str] | None, range]]) -> bool:
    return any((names is None or d.code in names) and d.line in span for names, span in rules)
