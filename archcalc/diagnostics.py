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
    """One problem at a place in a file: loader errors, inference errors and lint findings alike."""

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
    """`` (did you mean 'x'?)`` for a choice that is really close to ``word``, or ``''``.

    Close means: the same but for case (``conv2d`` -> ``Conv2D``), a few typed characters off
    (one per five, at least one: ``filtres``, ``LSTN``, ``unitz``), or one whole word
    missing inside a name of several (``softmax-last`` -> ``softmax-not-last``). A name that
    merely shares words is not close: ``CTCLayer`` suggests no ``CustomScaleLayer``, nor
    ``Sampling`` ``UpSampling3D``, nor ``MultiHeadAttentionLSA`` (a custom layer)
    ``MultiHeadAttention``. Among equally close choices the one closer in case wins,
    so ``Relu`` (the keras.ops node) is matched to ``Relu``, not to the ``ReLU`` layer.
    """
    best = closest(word, choices)
    return f" (did you mean '{best}'?)" if best is not None else ""


#: longer words get no suggestion (bounded work on hostile input)
_MAX_WORD = 100


def closest(word: str, choices: list[str] | tuple[str, ...] | set[str]) -> str | None:
    """The choice :func:`did_you_mean` would suggest, or None."""
    if not word or len(word) > _MAX_WORD or word in choices:
        return None
    low = word.lower()
    allowed = max(1, len(word) // 5)
    ranked: list[tuple[int, int, str]] = []
    for choice in choices:
        if not isinstance(choice, str) or len(choice) > _MAX_WORD:
            continue
        if _end_words(word, choice):
            continue  # MultiHeadAttentionLSA is another layer than MultiHeadAttention
        if abs(len(choice) - len(word)) <= allowed:
            d = _distance(low, choice.lower(), allowed)
        elif _one_word_more(word, choice):
            d = allowed
        else:
            continue
        if d <= allowed:
            ranked.append((d, _distance(word, choice, _MAX_WORD), choice))
    return min(ranked)[2] if ranked else None


def _distance(a: str, b: str, limit: int) -> int:
    """Edit distance with adjacent transpositions (optimal string alignment), or ``limit + 1``
    once it exceeds ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i]
        for j, cb in enumerate(b, 1):
            cost = row[j - 1] + 1
            cost = min(cost, prev[j] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, prev2[j - 2] + 1)
            row.append(cost)
        if min(row) > limit:
            return limit + 1
        prev2, prev = prev, row
    return prev[-1]


def _words(name: str) -> list[str]:
    """``softmax-not-last`` -> softmax, not, last; ``UpSampling3D`` -> up, sampling, 3d."""
    import re

    parts = re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+[A-Za-z]?", name)
    return [p.lower() for p in parts]


def _end_words(word: str, choice: str) -> bool:
    """Whether one of the two is the other with whole words added before or after it."""
    a, b = _words(word), _words(choice)
    if len(a) > len(b):
        a, b = b, a
    return 0 < len(a) < len(b) and (b[: len(a)] == a or b[-len(a) :] == a)


def _one_word_more(word: str, choice: str) -> bool:
    """Whether one of the two is the other, a name of several words, with one word left out."""
    a, b = _words(word), _words(choice)
    if len(a) > len(b):
        a, b = b, a
    return (
        len(a) >= 2 and len(b) == len(a) + 1 and any(b[:k] + b[k + 1 :] == a for k in range(len(b)))
    )
