"""Lint configuration: layered settings, validated with file:line messages.

Settings for one spec are built in layers, later ones winning:

1. the built-in defaults (each rule's ``ENABLED``, ``LEVEL`` and ``DEFAULT``);
2. the nearest ``pyproject.toml`` with a ``[tool.archcalc]`` table, walking up
   from the spec's directory: ``[tool.archcalc.lint]`` (or lint keys directly
   in ``[tool.archcalc]``), then its ``overrides`` whose ``files`` match;
3. the nearest ``.archcalc.yaml`` / ``.archcalc.yml``: its ``lint:`` section (or
   lint keys at the top), then its matching ``overrides``;
4. command-line options (``--enable``, ``--disable``, ``--set``);
5. the spec's own top-of-file ``# archcalc: lint KEY=VALUE ...`` comment.

A section holds ``extends`` (``default``: the built-in base, the default;
``none``: switch every rule off first), ``rules`` (rule ID -> ``error`` |
``warning`` | ``off`` | ``enable`` | ``disable`` | true | false, or a mapping
of options with an optional ``level``; a mapping turns the rule on),
``exclude`` (globs) and ``overrides`` (a list of ``{files: [globs], rules: {...}}``).
Globs are relative to the config file's directory; a glob without ``/``
matches a file name anywhere below it; ``**`` spans directories.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from archcalc.diagnostics import ArchcalcError, Diagnostic, Pos, did_you_mean
from archcalc.lint.checker import Checker, parse_section, pick_section
from archcalc.lint.codes import LOAD_CODES
from archcalc.lint.registry import RULES
from archcalc.lint.settings import (  # noqa: F401 - the settings API, from one place
    ConfigError,
    Patch,
    RuleSetting,
    Settings,
    apply,
    default_settings,
    settings_for,
)
from archcalc.lint.toml import TomlError, load_toml
from archcalc.reader.files import decode, read_bytes
from archcalc.reader.limits import Limits
from archcalc.reader.yamlnodes import parse_yaml
from archcalc.textsafe import quote


def read_config_file(path: str) -> Patch | None:
    """The lint Patch of a config file; None for a pyproject.toml without [tool.archcalc]."""
    base = os.path.dirname(os.path.abspath(path))

    try:  # a regular file within the size limit, as specs are
        text = decode(path, read_bytes(path, Limits.from_env()))
    except ArchcalcError as exc:
        raise ConfigError(
            [
                replace(d, code="config", message=f"cannot read the config file: {d.message}")
                for d in exc.diagnostics
            ]
        ) from None
    if os.path.basename(path) == "pyproject.toml" or path.endswith(".toml"):
        return _read_toml(path, text, base)
    return _read_yaml(path, text, base)


def _read_toml(path: str, text: str, base: str) -> Patch | None:

    try:
        data, lines = load_toml(text)
    except TomlError as exc:
        raise ConfigError(
            Diagnostic(path, exc.line, 1, "config", f"invalid TOML: {exc.message}")
        ) from None
    tool = data.get("tool", {}).get("archcalc") if isinstance(data.get("tool"), dict) else None
    if tool is None:
        return None

    def where(kp: tuple[Any, ...]) -> Pos:
        while kp:
            if kp in lines:
                return Pos(lines[kp], 1)
            kp = kp[:-1]
        return Pos()

    prefix = ("tool", "archcalc")
    if not isinstance(tool, dict):
        raise ConfigError(
            Diagnostic.at(path, where(prefix), "config", "tool.archcalc must be a table")
        )
    section, kp = pick_section(tool, prefix, path, where)
    return parse_section(section, path, where, base, kp)


def _read_yaml(path: str, text: str, base: str) -> Patch:

    try:
        root = parse_yaml(text, path)
    except ArchcalcError as exc:
        raise ConfigError([_as_config(d) for d in exc.diagnostics]) from None
    if root is None:
        return Patch(path, base)
    if not root.is_map:
        raise ConfigError(
            Diagnostic.at(path, root.pos, "config", "the config file must be a mapping")
        )

    def where(kp: tuple[Any, ...]) -> Pos:
        node, pos = root, root.pos
        for key in kp:
            if node.is_map and key in node.value:
                pos = node.key_pos(key)
                node = node.value[key]
            elif node.is_seq and isinstance(key, int) and key < len(node.value):
                node = node.value[key]
                pos = node.pos
            else:
                break
        return pos

    section, kp = pick_section(root.plain(), (), path, where)
    return parse_section(section, path, where, base, kp)


def _setting_value(raw: str) -> Any:
    """A KEY=VALUE value as YAML reads it (``1.5M`` stays text), through the bounded reader:
    a value is short, so 20 levels of nesting and Python's integer limit are plenty."""

    if not raw.strip():
        return ""
    try:
        node = parse_yaml(raw, "<value>", Limits(max_file_bytes=len(raw) + 1, max_depth=20))
    except ArchcalcError as exc:
        if exc.diagnostics[0].code == "yaml-syntax":
            return raw  # not YAML: the text itself (a rule level, a count like 1.5M)
        raise
    return None if node is None else node.plain()


def _as_config(d: Diagnostic) -> Diagnostic:
    return Diagnostic(d.path, d.line, d.column, "config", d.message)


# -- KEY=VALUE settings (command line and spec comments) -------------------------
def settings_from_pairs(
    pairs: Iterable[tuple[str, Pos]], path: str, code: str = "config"
) -> tuple[Mapping[str, RuleSetting], list[Diagnostic]]:
    """``rule=level``, ``rule.option=value`` or ``option=value`` (an option only one rule has)."""

    data: dict[str, Any] = {}
    places: dict[tuple[Any, ...], Pos] = {}
    bad: list[Diagnostic] = []
    owners: dict[str, list[str]] = {}
    for rid, rule in RULES.items():
        for opt in rule.CONF:
            owners.setdefault(opt, []).append(rid)
    for text, pos in pairs:
        key, eq, raw = text.partition("=")
        key = key.strip()
        if not eq or not key:
            bad.append(Diagnostic.at(path, pos, code, f"expected KEY=VALUE, got {quote(text)}"))
            continue
        try:
            value = _setting_value(raw)
        except ArchcalcError as exc:  # nested too deeply, an integer too long...
            bad.append(Diagnostic.at(path, pos, code, f"{key}: {exc.diagnostics[0].message}"))
            continue
        rid, dot, opt = key.partition(".")
        if not dot and rid not in RULES and key in owners:
            if len(owners[key]) > 1:
                bad.append(
                    Diagnostic.at(
                        path,
                        pos,
                        code,
                        f"option {quote(str(key))} belongs to several rules "
                        f"({', '.join(owners[key])}); write RULE.{key}=VALUE",
                    )
                )
                continue
            rid, opt = owners[key][0], key
        elif not dot and rid not in RULES and rid not in LOAD_CODES:
            near = did_you_mean(key, list(owners))  # a misspelt option: max_paramz=3
            if near and not did_you_mean(key, list(RULES)):
                bad.append(
                    Diagnostic.at(
                        path,
                        pos,
                        code,
                        f"unknown option {quote(str(key))}{near}; see `archcalc lint --list-rules`",
                    )
                )
                continue
        if isinstance(value, bool) and not opt:  # RULE=true/false; an option keeps its boolean
            value = "enable" if value else "disable"
        entry = data.setdefault(rid, {})
        entry[opt or "level"] = value
        places.setdefault((rid,), pos)
        places[(rid, opt or "level")] = pos

    checker = Checker(path, lambda kp: places.get(kp, places.get(kp[:1], Pos())), code)
    rules = checker.rules(data, ())
    return rules, bad + checker.diags


def cli_patch(enable: Iterable[str], disable: Iterable[str], sets: Iterable[str]) -> Patch:
    """The command-line layer; raises ConfigError."""
    pairs = [
        (f"{r.strip()}=enable", Pos()) for item in enable for r in item.split(",") if r.strip()
    ]
    pairs += [(f"{r.strip()}=off", Pos()) for item in disable for r in item.split(",") if r.strip()]
    pairs += [(s, Pos()) for s in sets]
    rules, diags = settings_from_pairs(pairs, "command line")
    if diags:
        raise ConfigError(diags)
    return Patch("command line", rules=rules)
