"""Lint configuration: layering, discovery, overrides, globs, errors with positions."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from archcalc.diagnostics import Severity
from archcalc.lint.config import ConfigError, cli_patch, read_config_file, settings_for
from archcalc.lint.files import ConfigFinder, collect, compile_glob, glob_match, glob_matches

SPEC = "layers:\n  - {type: Dense, units: 2, input_shape: [2]}\n"


def project(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def effective(spec: Path, sets: tuple[str, ...] = (), finder: ConfigFinder | None = None):
    from archcalc.lint.config import apply

    finder = finder or ConfigFinder()
    settings = settings_for(str(spec), finder.patches_for(str(spec)))
    cli = cli_patch((), (), sets)
    return apply(settings, cli.extends, cli.rules)


PYPROJECT = """\
[project]
name = "demo"

[tool.archcalc.lint]
rules = { dead-layer = "error", budget = { max_params = 100, max_trainable_params = 50 } }
"""
ARCHCALC_YAML = """\
lint:
  rules:
    budget: {max_params: 200}
"""

# (files in the project, --set options) -> (dead-layer level, budget max_params, max_trainable_params)
LAYERS = [
    ({}, (), ("warning", None, None)),
    ({"pyproject.toml": PYPROJECT}, (), ("error", 100, 50)),
    ({"pyproject.toml": PYPROJECT, "specs/.archcalc.yaml": ARCHCALC_YAML}, (), ("error", 200, 50)),
    (
        {"pyproject.toml": PYPROJECT, ".archcalc.yaml": ARCHCALC_YAML},
        ("max_params=300",),
        ("error", 300, 50),
    ),
    ({".archcalc.yml": ARCHCALC_YAML}, ("dead-layer=off",), (None, 200, None)),
    (
        {"pyproject.toml": PYPROJECT, ".archcalc.yaml": "lint: {extends: none}\n"},
        (),
        (None, 100, 50),
    ),
    # a pyproject.toml without [tool.archcalc] does not stop the search
    (
        {"pyproject.toml": PYPROJECT, "specs/pyproject.toml": "[tool.ruff]\nline-length = 100\n"},
        (),
        ("error", 100, 50),
    ),
    # lint keys directly in [tool.archcalc]; other commands' keys there are left alone
    (
        {"pyproject.toml": '[tool.archcalc]\nwidth = 120\nrules = { dead-layer = "error" }\n'},
        (),
        ("error", None, None),
    ),
]


@pytest.mark.parametrize(("files", "sets", "expected"), LAYERS)
def test_layering(
    tmp_path: Path, files: dict[str, str], sets: tuple[str, ...], expected: tuple
) -> None:
    root = project(tmp_path, {**files, "specs/model.yaml": SPEC})
    s = effective(root / "specs" / "model.yaml", sets)
    level = s["dead-layer"].level
    got = (
        str(level) if level else None,
        s["budget"].options["max_params"],
        s["budget"].options["max_trainable_params"],
    )
    assert got == expected


def test_extends_none_keeps_only_listed_rules(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        {".archcalc.yaml": "extends: none\nrules: {budget: {max_params: 5}}\n", "m.yaml": SPEC},
    )
    s = effective(root / "m.yaml")
    assert [rid for rid, rc in s.items() if rc.level is not None] == ["budget"]


def test_explicit_and_isolated(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        {
            ".archcalc.yaml": "rules: {dead-layer: error}\n",
            "other.yaml": "rules: {dead-layer: off}\n",
            "m.yaml": SPEC,
        },
    )
    spec = root / "m.yaml"
    assert (
        effective(spec, finder=ConfigFinder(str(root / "other.yaml")))["dead-layer"].level is None
    )
    assert (
        effective(spec, finder=ConfigFinder(isolated=True))["dead-layer"].level is Severity.WARNING
    )


def test_overrides_by_glob(tmp_path: Path) -> None:
    config = """\
rules:
  budget: {max_params: 1000}
overrides:
  - files: ["big/**/*.yaml"]
    rules:
      budget: {max_params: 5M}
  - files: legacy.yaml
    rules: {softmax-not-last: off}
"""
    root = project(
        tmp_path,
        {".archcalc.yaml": config, "big/a/m.yaml": SPEC, "m.yaml": SPEC, "x/legacy.yaml": SPEC},
    )
    assert effective(root / "big" / "a" / "m.yaml")["budget"].options["max_params"] == 5_000_000
    assert effective(root / "m.yaml")["budget"].options["max_params"] == 1000
    assert effective(root / "x" / "legacy.yaml")["softmax-not-last"].level is None
    assert effective(root / "m.yaml")["softmax-not-last"].level is Severity.WARNING


def test_pyproject_overrides_array_of_tables(tmp_path: Path) -> None:
    text = """\
[tool.archcalc.lint.rules]
budget = { max_params = "250k" }

[[tool.archcalc.lint.overrides]]
files = ["generated/*"]
rules = { budget = "off" }
"""
    root = project(tmp_path, {"pyproject.toml": text, "generated/m.yaml": SPEC, "m.yaml": SPEC})
    assert effective(root / "m.yaml")["budget"].options["max_params"] == 250_000
    assert effective(root / "generated" / "m.yaml")["budget"].level is None


def test_exclude_applies_to_found_and_named_files(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        {
            ".archcalc.yaml": "exclude: [generated/, '*.draft.yaml']\n",
            "a.yaml": SPEC,
            "b.draft.yaml": SPEC,
            "generated/c.yaml": SPEC,
            "sub/d.yaml": SPEC,
        },
    )
    finder = ConfigFinder()
    assert collect([str(root)], finder) == [str(root / "a.yaml"), str(root / "sub" / "d.yaml")]
    assert collect([str(root / "generated" / "c.yaml")], finder) == []


@pytest.mark.parametrize(
    ("pattern", "path", "match"),
    [
        ("*.yaml", "a.yaml", True),
        ("*.yaml", "deep/dir/a.yaml", True),  # no '/': the file name anywhere
        ("specs/*.yaml", "specs/a.yaml", True),
        ("specs/*.yaml", "specs/sub/a.yaml", False),
        ("specs/**/*.yaml", "specs/a.yaml", True),
        ("specs/**/*.yaml", "specs/x/y/a.yaml", True),
        ("specs/", "specs/x/a.yaml", True),
        ("generated", "generated/a.yaml", True),  # a directory name anywhere
        ("m?.yml", "m1.yml", True),
        ("m[!0-9].yml", "m1.yml", False),
        ("./a.yaml", "a.yaml", True),
        ("*.yaml", "a.yml", False),
    ],
)
def test_glob_match(tmp_path: Path, pattern: str, path: str, match: bool) -> None:
    assert glob_match([pattern], str(tmp_path / path), str(tmp_path)) is match


def test_glob_has_no_regex_syntax() -> None:
    tokens = compile_glob("a.b+c")
    assert glob_matches(tokens, "a.b+c") and not glob_matches(tokens, "aXb+c")


#: bad config files: name, text, and the line, column and message fragment of the first error
BAD_CONFIGS = yaml.safe_load(
    (Path(__file__).parent / "bad_configs.yaml").read_text(encoding="utf-8")
)


@pytest.mark.parametrize("case", BAD_CONFIGS, ids=lambda c: c["message"][:40])
def test_config_errors_have_positions(tmp_path: Path, case: dict) -> None:
    path = tmp_path / case["file"]
    path.write_text(case["text"], encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        read_config_file(str(path))
    first = info.value.diagnostics[0]
    assert (first.path, first.line, first.column) == (str(path), case["line"], case["column"])
    assert case["message"] in first.message


@pytest.mark.parametrize(
    ("sets", "fragment"),
    [
        (("nope=off",), "unknown rule 'nope'"),
        (("max_params",), "expected KEY=VALUE"),
        (("budget.max_params=x",), "max_params must be a count"),
        (("dead-layer=loud",), "level must be one of"),
    ],
)
def test_cli_settings_errors(sets: tuple[str, ...], fragment: str) -> None:
    with pytest.raises(ConfigError) as info:
        cli_patch((), (), sets)
    assert fragment in str(info.value)


def test_cli_enable_disable_and_levels() -> None:
    from archcalc.lint.config import apply, default_settings

    cli = cli_patch(
        ("param-share",),
        ("dead-layer,unused-input",),
        ("budget=warning", "param-share.max_share=0.25"),
    )
    s = apply(default_settings(), cli.extends, cli.rules)
    assert (
        s["param-share"].level is Severity.WARNING and s["param-share"].options["max_share"] == 0.25
    )
    assert s["dead-layer"].level is None and s["unused-input"].level is None
    assert s["budget"].level is Severity.WARNING


def test_spec_directive_beats_cli(tmp_path: Path) -> None:
    from archcalc.lint import LintOptions, lint_file

    text = "# archcalc: lint max_params=100\n" + SPEC  # 2 * 2 + 2 = 6 parameters
    options = LintOptions(ConfigFinder(isolated=True), cli_patch((), (), ("max_params=1",)))
    assert lint_file(str(tmp_path / "m.yaml"), options, text) == []
    options = LintOptions(ConfigFinder(isolated=True), cli_patch((), (), ("max_params=5",)))
    assert [d.code for d in lint_file(str(tmp_path / "m.yaml"), options, SPEC)] == ["budget"]
