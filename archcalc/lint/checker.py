"""A lint config section validated: every problem a positioned diagnostic (file:line)."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from archcalc.catalog.args import ArgError
from archcalc.diagnostics import Diagnostic, did_you_mean
from archcalc.lint.codes import LOAD_CODES
from archcalc.lint.globs import GlobError, compile_glob
from archcalc.lint.registry import RULES
from archcalc.lint.settings import (
    EXTENDS,
    LEVEL_WORDS,
    LINT_KEYS,
    OVERRIDE_KEYS,
    ConfigError,
    Override,
    Patch,
    RuleSetting,
    Where,
)
from archcalc.textsafe import quote


class Checker:
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
    checker = Checker(path, where)
    patch = checker.section(data, kp, base)
    checker.done()
    return patch


def pick_section(
    root: Mapping[str, Any], kp: tuple[Any, ...], path: str, where: Where
) -> tuple[Any, tuple[Any, ...]]:
    """The lint section of a config document: its ``lint`` table, or lint keys at its top."""
    checker = Checker(path, where)
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
