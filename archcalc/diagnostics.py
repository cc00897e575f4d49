"""One diagnostic type for loader errors, inference errors and lint findings.

Positions are 1-based (line, column) of the YAML node the problem is about,
as editors and ``file:line:col`` parsers expect; 0 means "no position"
(e.g. a missing file). Diagnostics sort by (path, line, column).

A layer that a block expanded is written once, in the block, but made once
per instance: its positions carry ``via``, the instantiations that produced
it (innermost first), and a diagnostic about it lists them under its
message, one line per level, like a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class Via:
    """One level of a block expansion: the entry that instantiated (or repeated) what a
    position belongs to, and what it made there (``conv2_block1 (block bottleneck)``)."""

    line: int
    column: int
    what: str


@dataclass(frozen=True, order=True, slots=True)
class Pos:
    """A 1-based source position; ``Pos()`` means unknown. ``via``: the block instances
    that expanded the node at this position, innermost first (not part of equality)."""

    line: int = 0
    column: int = 0
    via: tuple[Via, ...] = field(default=(), compare=False)

    def __bool__(self) -> bool:
        return self.line > 0


#: The longest message a diagnostic keeps (see Diagnostic.__post_init__).
MESSAGE_CHARS = 1000


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: str
    line: int
    column: int
    code: str = field(compare=False)
    message: str = field(compare=False)
    severity: Severity = field(default=Severity.ERROR, compare=False)
    #: the block instances that produced what the diagnostic is about, innermost first
    via: tuple[Via, ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        # A backstop under every message: values are quoted as short excerpts where the
        # message is made (textsafe.quote), and no message, whatever it names, carries
        # more of an input than this.
        if len(self.message) > MESSAGE_CHARS:
            cut = f"{self.message[:MESSAGE_CHARS]}… ({len(self.message):,} characters)"
            object.__setattr__(self, "message", cut)

    @classmethod
    def at(
        cls,
        path: str,
        pos: Pos | None,
        code: str,
        message: str,
        severity: Severity = Severity.ERROR,
    ) -> Diagnostic:
        pos = pos or Pos()
        return cls(path, pos.line, pos.column, code, message, severity, pos.via)

    @property
    def location(self) -> str:
        """``path:line:col`` (or less, when the position is unknown)."""
        if self.line:
            return f"{self.path}:{self.line}:{self.column}"
        return self.path

    def headline(self) -> str:
        """The first line of the human form: ``file:line:col: message`` for errors."""
        prefix = "" if self.severity is Severity.ERROR else f"{self.severity}: "
        return f"{self.location}: {prefix}{self.message}"

    def via_lines(self) -> list[str]:
        """One line per block level that produced the problem, innermost first:
        ``in conv2_block1 (block bottleneck) at model.yaml:40:5``."""
        return [
            f"in {v.what} at {self.path}:{v.line}:{v.column}" if v.line else f"in {v.what}"
            for v in self.via
        ]

    def format(self) -> str:
        """The human form: the headline, then (for a layer a block made) one indented line
        per level of the expansion."""
        return "\n".join([self.headline(), *("  " + line for line in self.via_lines())])

    def __str__(self) -> str:
        return self.format()


class ArchcalcError(Exception):
    """Raised with one or more diagnostics when an input cannot be processed."""

    def __init__(self, diagnostics: list[Diagnostic] | Diagnostic) -> None:
        if isinstance(diagnostics, Diagnostic):
            diagnostics = [diagnostics]
        self.diagnostics: list[Diagnostic] = sorted(diagnostics)
        super().__init__("\n".join(d.format() for d in self.diagnostics))


def did_you_mean(word: str, choices: list[str] | tuple[str, ...] | set[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest choice, or an empty string."""
    import difflib

    lowered = {c.lower(): c for c in choices}
    if word.lower() in lowered and lowered[word.lower()] != word:
        return f" (did you mean '{lowered[word.lower()]}'?)"
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    if not close:
        close = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
        close = [lowered[c] for c in close]
    return f" (did you mean '{close[0]}'?)" if close else ""
