"""Lint settings: the layers (defaults, config files, command line, directives) and how they
combine, as plain frozen data."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from archcalc.diagnostics import ArchcalcError, Pos, Severity
from archcalc.lint.globs import glob_match
from archcalc.lint.registry import RULES

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
