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
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

from archcalc.catalog.args import ArgError
from archcalc.diagnostics import ArchcalcError, Diagnostic, Pos, Severity, did_you_mean
from archcalc.lint.codes import LOAD_CODES
from archcalc.lint.globs import GlobError, compile_glob, glob_match
from archcalc.lint.registry import RULES
from archcalc.lint.toml import TomlError, load_toml
from archcalc.reader.files import decode, read_bytes
from archcalc.reader.limits import Limits
from archcalc.reader.yamlnodes import parse_yaml
from archcalc.textsafe import quote

LINT_KEYS = ("extends", "rules", "exclude", "overrides")
OVERRIDE_KEYS = ("files", "rules")
EXTENDS = ("default", "none")
LEVEL_WORDS = ("error", "warning", "off", "enable", "disable")

Where = Callable[[tuple[Any, ...]], Pos]


class ConfigError(ArchcalcError):
    """Invalid configuration: a usage error (exit 2), with file:line diagnostics."""


@dataclass(frozen=True)
class RuleSetting:
    level: str | None = None  # "error" | "warning" | "off" | None (unchanged)
    options: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True)
class Override:
    files: tuple[str, ...]
    rules: Mapping[str, RuleSetting]


@dataclass(frozen=True)
class Patch:
    """One layer of settings, as one config file (or the command line) gives it."""

    origin: str = ""
    base: str = ""  # the directory globs are relative to
    extends: str | None = None
    rules: Mapping[str, RuleSetting] = field(default_factory=lambda: MappingProxyType({}))
    exclude: tuple[str, ...] = ()
    overrides: tuple[Override, ...] = ()


@dataclass(frozen=True)
class RuleConfig:
    level: Severity | None  # None: off
    options: Mapping[str, Any]


Settings = Mapping[str, RuleConfig]


def default_settings() -> Settings:

    return MappingProxyType(
        {
            rid: RuleConfig(Severity(rule.LEVEL) if rule.ENABLED else None, dict(rule.DEFAULT))
            for rid, rule in RULES.items()
        }
    )


def apply(settings: Settings, extends: str | None, rules: Mapping[str, RuleSetting]) -> Settings:
    """``settings`` with one layer on top."""

    out = dict(settings)
    if extends == "none":
        out = {rid: RuleConfig(None, rc.options) for rid, rc in out.items()}
    for rid, setting in rules.items():
        rc = out[rid]
        level = rc.level
        if setting.level == "off":
            level = None
        elif setting.level in ("error", "warning"):
            level = Severity(setting.level)
        elif setting.level == "enable" and level is None:
            level = Severity(RULES[rid].LEVEL)
        out[rid] = RuleConfig(level, {**rc.options, **setting.options})
    return MappingProxyType(out)


# -- parsing and validation ----------------------------------------------------
class _Checker:
    """Validates plain config data; every problem becomes a positioned Diagnostic."""

    def __init__(self, path: str, where: Where, code: str = "config") -> None:
        self.path = path
        self.where = where
        self.code = code
        self.diags: list[Diagnostic] = []

    def error(self, keypath: tuple[Any, ...], message: str) -> None:
        self.diags.append(Diagnostic.at(self.path, self.where(keypath), self.code, message))

    def section(self, data: Any, kp: tuple[Any, ...], base: str) -> Patch:
        if not isinstance(data, Mapping):
            self.error(kp, f"the lint settings must be a table/mapping, got {_kind(data)}")
            return Patch(self.path, base)
        for key in data:
            if key not in LINT_KEYS:
                self.error(
                    (*kp, key),
                    f"unknown lint setting {quote(str(key))}{did_you_mean(str(key), LINT_KEYS)}; "
                    f"use {', '.join(LINT_KEYS)}",
                )
        extends = data.get("extends")
        if extends is not None and extends not in EXTENDS:
            self.error(
                (*kp, "extends"), f"extends must be 'default' or 'none', got {quote(extends)}"
            )
            extends = None
        overrides = []
        raw = data.get("overrides", [])
        if not isinstance(raw, list):
            self.error((*kp, "overrides"), "overrides must be a list of {files, rules} entries")
            raw = []
        for i, item in enumerate(raw):
            o = self.override(item, (*kp, "overrides", i))
            if o is not None:
                overrides.append(o)
        return Patch(
            origin=self.path,
            base=base,
            extends=extends,
            rules=self.rules(data.get("rules", {}), (*kp, "rules")),
            exclude=self.globs(data.get("exclude", []), (*kp, "exclude"), "exclude"),
            overrides=tuple(overrides),
        )

    def override(self, item: Any, kp: tuple[Any, ...]) -> Override | None:
        if not isinstance(item, Mapping) or "files" not in item:
            self.error(kp, "an override is a mapping with 'files' (globs) and 'rules'")
            return None
        for key in item:
            if key not in OVERRIDE_KEYS:
                self.error(
                    (*kp, key),
                    f"unknown override key {quote(str(key))}{did_you_mean(str(key), OVERRIDE_KEYS)}; "
                    "an override has files and rules",
                )
        files = self.globs(item["files"], (*kp, "files"), "files")
        return Override(files, self.rules(item.get("rules", {}), (*kp, "rules")))

    def globs(self, value: Any, kp: tuple[Any, ...], what: str) -> tuple[str, ...]:
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(g, str) and g for g in items):
            self.error(kp, f"{what} must be a glob or a list of globs, got {_kind(value)}")
            return ()
        for i, pattern in enumerate(items):
            try:
                compile_glob(pattern)
            except GlobError as exc:
                self.error((*kp, i) if isinstance(value, list) else kp, f"{what}: {exc}")
        return tuple(items)

    def rules(self, value: Any, kp: tuple[Any, ...]) -> Mapping[str, RuleSetting]:

        if not isinstance(value, Mapping):
            self.error(kp, f"rules must map rule IDs to settings, got {_kind(value)}")
            return {}
        out: dict[str, RuleSetting] = {}
        for rid, setting in value.items():
            rkp = (*kp, rid)
            if rid not in RULES:
                if rid in LOAD_CODES:
                    self.error(
                        rkp,
                        f"{quote(str(rid))} is a load/inference error, not a lint rule: "
                        "a spec that cannot be loaded cannot be linted, so it cannot be turned off",
                    )
                else:
                    self.error(
                        rkp,
                        f"unknown rule {quote(str(rid))}{did_you_mean(str(rid), list(RULES))}; "
                        "`archcalc lint --list-rules` lists them",
                    )
                continue
            parsed = self.rule_setting(rid, setting, rkp)
            if parsed is not None:
                out[rid] = parsed
        return MappingProxyType(out)

    def rule_setting(self, rid: str, setting: Any, kp: tuple[Any, ...]) -> RuleSetting | None:

        if isinstance(setting, bool):
            setting = "enable" if setting else "disable"
        if isinstance(setting, str):
            level = self.level(setting, kp, rid)
            return RuleSetting(level) if level else None
        if not isinstance(setting, Mapping):
            self.error(
                kp,
                f"{rid}: a rule takes a level ({', '.join(LEVEL_WORDS)}) "
                f"or a mapping of options, got {_kind(setting)}",
            )
            return None
        rule = RULES[rid]
        level = "enable"
        options: dict[str, Any] = {}
        for key, value in setting.items():
            if key == "level":
                level = self.level(value, (*kp, key), rid) or "enable"
            elif key not in rule.CONF:
                known = ", ".join(rule.CONF) or "none"
                self.error(
                    (*kp, key),
                    f'unknown option "{key}" for rule "{rid}"{did_you_mean(str(key), list(rule.CONF))}'
                    f" (its options: {known})",
                )
            else:
                try:
                    options[key] = rule.CONF[key].check(value)
                except ArgError as exc:
                    self.error((*kp, key), f"{rid}: {key} {exc}")
        return RuleSetting(level, MappingProxyType(options))

    def level(self, value: Any, kp: tuple[Any, ...], rid: str) -> str | None:
        if value not in LEVEL_WORDS:
            self.error(
                kp, f"{rid}: level must be one of {', '.join(LEVEL_WORDS)}, got {quote(value)}"
            )
            return None
        return {"disable": "off"}.get(value, value)

    def done(self) -> None:
        if self.diags:
            raise ConfigError(self.diags)


def _kind(value: Any) -> str:
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return quote(value)


def parse_section(
    data: Mapping[str, Any], path: str, where: Where, base: str, kp: tuple[Any, ...] = ()
) -> Patch:
    """A validated Patch from one lint section; raises ConfigError."""
    checker = _Checker(path, where)
    patch = checker.section(data, kp, base)
    checker.done()
    return patch


def _pick_section(
    root: Mapping[str, Any], kp: tuple[Any, ...], path: str, where: Where
) -> tuple[Any, tuple[Any, ...]]:
    """The lint section of a config document: its ``lint`` table, or lint keys at its top."""
    checker = _Checker(path, where)
    flat = {k: v for k, v in root.items() if k in LINT_KEYS}
    if "lint" in root:
        if flat:
            checker.error(
                (*kp, next(iter(flat))), "lint settings are given twice: keep them under 'lint'"
            )
        checker.done()
        return root["lint"], (*kp, "lint")
    for key in root:  # the top level is shared with other commands; flag likely typos only
        if key not in LINT_KEYS and did_you_mean(str(key), [*LINT_KEYS, "lint"]):
            checker.error(
                (*kp, key),
                f"unknown setting {quote(str(key))}{did_you_mean(str(key), [*LINT_KEYS, 'lint'])}",
            )
    checker.done()
    return flat, kp


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
    section, kp = _pick_section(tool, prefix, path, where)
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

    section, kp = _pick_section(root.plain(), (), path, where)
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

    checker = _Checker(path, lambda kp: places.get(kp, places.get(kp[:1], Pos())), code)
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


def settings_for(spec_path: str | None, patches: Iterable[Patch]) -> Settings:
    """Defaults, then each patch and its overrides that match the spec."""
    settings = default_settings()
    for patch in patches:
        settings = apply(settings, patch.extends, patch.rules)
        if spec_path is None:
            continue
        for o in patch.overrides:
            if glob_match(o.files, spec_path, patch.base):
                settings = apply(settings, None, o.rules)
    return settings
