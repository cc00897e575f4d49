"""``--set NAME=VALUE`` (and ``--sweep NAME=V1,V2``): values for a spec's variables.

Every command that reads a model takes ``--set``; ``diff`` also takes
``--set-old`` / ``--set-new`` for one side. VALUE is read as a YAML scalar by
the bounded reader (``48``, ``0.1``, ``gelu``, ``true``, ``null``,
``[224, 224]``), so it has the type a spec would give it; whether the spec
declares the variable, and whether the value is of its kind, is checked when
the spec is read (a usage error, exit 2).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import click

SET_HELP = (
    "Set a variable the spec declares under 'variables:', e.g. --set width=48; VALUE is "
    "read as YAML (48, 0.1, gelu, true, null, [1, 2]). Repeat for several."
)


def set_option(
    flag: str = "--set", dest: str = "sets", help: str = SET_HELP
) -> Callable[[Any], Any]:
    return click.option(flag, dest, multiple=True, metavar="NAME=VALUE", help=help)


def read_value(raw: str) -> Any:
    """A command-line value as YAML reads it (bounded: it is short); text if it is not YAML."""
    from archcalc.diagnostics import ArchcalcError
    from archcalc.reader.limits import Limits
    from archcalc.reader.yamlnodes import parse_yaml

    if not raw.strip():
        return ""
    try:
        node = parse_yaml(
            raw, "<value>", Limits(max_file_bytes=len(raw.encode()) + 1, max_depth=20)
        )
    except ArchcalcError as exc:
        if exc.diagnostics[0].code == "yaml-syntax":
            return raw
        raise click.BadParameter(exc.diagnostics[0].message) from None
    return None if node is None else node.plain()


def split(text: str, flag: str) -> tuple[str, str]:
    """``NAME=VALUE`` -> (NAME, VALUE); a click usage error otherwise."""
    from archcalc.reader.design import IDENTIFIER

    name, eq, raw = text.partition("=")
    name = name.strip()
    if not eq or not IDENTIFIER.fullmatch(name):
        raise click.BadParameter(
            f"expected NAME=VALUE with NAME a variable of the spec, got {text!r}",
            param_hint=flag,
        )
    return name, raw.strip()


def variables(values: tuple[str, ...], flag: str = "--set") -> dict[str, Any]:
    """The ``--set`` values by name (a later one wins)."""
    out: dict[str, Any] = {}
    for text in values:
        name, raw = split(text, flag)
        out[name] = read_value(raw)
    return out


_COMMA = re.compile(r",(?![^\[]*\])")  # commas outside [ ]: 1,2,[3, 4]


def sweep(values: tuple[str, ...]) -> list[tuple[str, list[Any]]]:
    """``--sweep NAME=V1,V2,...`` (repeatable): each variable and its values, in order."""
    out: dict[str, list[Any]] = {}
    for text in values:
        name, raw = split(text, "--sweep")
        items = [read_value(v.strip()) for v in _COMMA.split(raw) if v.strip()]
        if not items:
            raise click.BadParameter(
                f"{name}: give at least one value, e.g. {name}=1,2,4", param_hint="--sweep"
            )
        out[name] = items
    return list(out.items())
