"""What the spec reader found wrong: errors collected (not just the first) and warnings.

Every piece of the reader reports into one :class:`Problems` per file, so a
user sees all independent mistakes of a spec in one run, each at its
file:line:column. Values quoted in messages are described by kind, or
quoted as a short excerpt, never in full.
"""

from __future__ import annotations

from typing import Any

from archcalc.diagnostics import ArchcalcError, Diagnostic, Pos, Severity
from archcalc.textsafe import quote


class Problems:
    """The diagnostics of one file; ``lenient`` (Keras imports) turns unknown arguments into
    warnings instead of errors, since Keras versions add config keys."""

    def __init__(self, path: str, lenient: bool = False) -> None:
        self.path = path
        self.lenient = lenient
        self.errors: list[Diagnostic] = []
        self.warnings: list[Diagnostic] = []

    def error(self, pos: Pos, code: str, message: str) -> None:
        self.errors.append(Diagnostic.at(self.path, pos, code, message))

    def warn(self, pos: Pos, code: str, message: str) -> None:
        self.warnings.append(Diagnostic.at(self.path, pos, code, message, Severity.WARNING))

    def check(self) -> None:
        """Raise the errors found so far, if any."""
        if self.errors:
            raise ArchcalcError(self.errors)


def kind_of(value: Any) -> str:
    """A value as a message names it: ``a mapping``, ``null``, ``the string 'x'``."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    return f"the string {quote(value)}"


def show_dim(value: Any) -> str:
    """A would-be dimension as a message shows it: numbers as written, the rest by kind."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return kind_of(value)
