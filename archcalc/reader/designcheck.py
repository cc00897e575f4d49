"""Whether a spec is a design (variables, blocks, repeat, ``${...}``), told cheaply.

Every spec is asked this, so it lives apart from the design reader
(:mod:`archcalc.reader.design`), which only a design imports.
"""

from __future__ import annotations

from typing import Any

from archcalc.diagnostics import ArchcalcError
from archcalc.exitcodes import ExitCode
from archcalc.reader.files import STDIN, read_text
from archcalc.reader.limits import Limits
from archcalc.reader.ynode import YNode

#: the keys a design adds to a spec's top level
DESIGN_KEYS = ("variables", "blocks")


class SettingError(ArchcalcError):
    """A ``--set NAME=VALUE`` the spec cannot take: a usage error."""

    exit_code = ExitCode.USAGE


class Declared(dict):  # type: ignore[type-arg]
    """``--set`` values for whichever of them a spec declares (``lint`` over many specs):
    the others are left out instead of being errors; ``used`` collects those declared."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.used: set[str] = set()


def is_design(root: YNode | None, text: str) -> bool:
    """Whether a spec uses any of this (checked cheaply: a plain spec pays a text search)."""
    if root is None or not root.is_map:
        return False
    if any(k in root.value for k in DESIGN_KEYS):
        return True
    if "$" in text:
        return True
    if "repeat" not in text and "block" not in text and "if" not in text:
        return False
    layers = root.get("layers")
    return (
        layers is not None
        and layers.is_seq
        and any(
            e.is_map and ("repeat" in e.value or "block" in e.value or "if" in e.value)
            for e in layers.value
        )
    )


def spec_text(path: str, limits: Limits) -> str | None:
    """A spec file's text, read once for whoever loads it (a JSON summary looks in it for a
    ``repeat`` to fold before loading it); None for stdin and a ``.keras`` archive, which
    their loaders read themselves."""
    if path == STDIN or path.endswith(".keras"):
        return None
    return read_text(path, limits)
