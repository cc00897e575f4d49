"""``archcalc lint`` end to end: exit codes, streams, stdin, formats, many files."""

from __future__ import annotations

import io
import json
import re
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from archcalc.cli import main
from archcalc.lint import RULES

CLEAN = "layers:\n  - {type: Dense, units: 2, input_shape: [2]}\n"
WARNS = "inputs: {x: [2], spare: [3]}\nlayers:\n  - {type: Dense, units: 2, inputs: x}\n"
BROKEN = "layers:\n  - {type: Dense, unitz: 2, input_shape: [2]}\n"


def run(runner: CliRunner, *args: str, **kw):  # type: ignore[no-untyped-def]
    return runner.invoke(main, ["lint", "--isolated", *args], **kw)


@pytest.mark.parametrize(
    ("text", "args", "code"),
    [
        (CLEAN, (), 0),
        (WARNS, (), 0),
        (WARNS, ("--fail-on", "warning"), 1),
        (BROKEN, (), 1),  # a spec that cannot be loaded is an error finding
        (BROKEN, ("--fail-on", "never"), 0),
        (CLEAN, ("--set", "max_params=1"), 1),
        (WARNS, ("--disable", "unused-input", "--fail-on", "warning"), 0),
    ],
)
def test_exit_codes(runner: CliRunner, write, text: str, args: tuple[str, ...], code: int) -> None:  # type: ignore[no-untyped-def]
    result = run(runner, write(text), *args)
    assert result.exit_code == code, result.output


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        ((), "give at least one spec file"),
        (("no/such/file.yaml",), "no/such/file.yaml: no such file or directory"),
        (("nothing/*.yaml",), "the pattern matches no file"),
        (("--format", "xml", "x"), "'xml' is not one of"),
        (
            ("--set", "nope=1", "specs/seed_sequential.yaml"),
            "unknown rule, option or variable 'nope'",
        ),
        (
            ("--set", "max_paramz=1", "x"),
            "unknown option 'max_paramz' (did you mean 'max_params'?)",
        ),
        (
            ("--explain", "softmax-last"),
            "unknown rule 'softmax-last' (did you mean 'softmax-not-last'?)",
        ),
    ],
)
def test_usage_errors_exit_2(runner: CliRunner, args: tuple[str, ...], fragment: str) -> None:
    result = run(runner, *args)
    assert result.exit_code == 2
    assert fragment in result.output
    assert "Traceback" not in result.output


def test_config_error_is_usage_error_with_position(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / ".archcalc.yaml").write_text("rules:\n  budget: {max_params: -5}\n")
    (tmp_path / "m.yaml").write_text(CLEAN)
    result = runner.invoke(main, ["lint", str(tmp_path / "m.yaml")])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(
        f"{tmp_path / '.archcalc.yaml'}:2:12: budget: max_params must be a count"
    )


def test_explicit_config_without_archcalc_table(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.ruff]\nline-length = 100\n")
    (tmp_path / "m.yaml").write_text(CLEAN)
    result = runner.invoke(
        main, ["lint", "--config", str(tmp_path / "pyproject.toml"), str(tmp_path / "m.yaml")]
    )
    assert result.exit_code == 2
    assert result.stderr == f"{tmp_path / 'pyproject.toml'}: has no [tool.archcalc] table\n"


def test_findings_on_stdout_human_format(runner: CliRunner, write) -> None:  # type: ignore[no-untyped-def]
    path = write(WARNS)
    result = run(runner, path, "--format", "human")
    assert result.stdout == (
        f"{path}:1:18: warning unused-input input 'spare' is not read by any layer that reaches "
        "an output; connect it or remove it (Keras would still require it when calling the model)\n"
        "Found 0 errors and 1 warning in 1 file.\n"
    )
    assert result.stderr == ""


def test_color_only_when_asked(runner: CliRunner, write) -> None:  # type: ignore[no-untyped-def]
    path = write(WARNS)
    assert "\x1b[" not in run(runner, path, "-f", "human").stdout
    assert "\x1b[" in run(runner, path, "-f", "human", "--color", "always").stdout


def test_stdin(runner: CliRunner) -> None:
    result = run(runner, "-", "--stdin-filename", "models/m.yaml", "-f", "json", input=WARNS)
    data = json.loads(result.stdout)
    assert [(f["path"], f["line"], f["rule"]) for f in data["findings"]] == [
        ("models/m.yaml", 1, "unused-input")
    ]


def test_auto_format_under_github_actions(runner: CliRunner, write) -> None:  # type: ignore[no-untyped-def]
    path = write(WARNS)
    result = run(runner, path, env={"GITHUB_ACTIONS": "true"})
    assert result.stdout.startswith(
        f"::warning file={path},line=1,col=18,title=archcalc (unused-input)::"
    )
    result = run(runner, path, env={"GITHUB_ACTIONS": ""})
    assert result.stdout.startswith(f"{path}:1:18: warning unused-input")


def test_list_and_explain(runner: CliRunner) -> None:
    listing = runner.invoke(main, ["lint", "--list-rules"])
    assert listing.exit_code == 0
    assert "param-share" in listing.stdout and "shape-error" in listing.stdout
    explained = runner.invoke(main, ["lint", "--explain", "budget"])
    assert (
        explained.exit_code == 0
        and "PASS:\n" in explained.stdout
        and "max_trainable_params" in explained.stdout
    )


@pytest.mark.parametrize("rule", sorted(RULES))
def test_explain_is_plain_text(runner: CliRunner, rule: str) -> None:
    """--explain prints words, not reStructuredText: no ``literals``, :roles:, ``::`` blocks."""
    text = runner.invoke(main, ["lint", "--explain", rule]).stdout
    assert text.startswith(f"{rule}\n\n")
    for markup in ("``", "::", "**", ":mod:", ":class:", ":func:"):
        assert markup not in text, (rule, markup)
    assert re.search(r"(?<![\w*])\*\w[^*\n]*\*(?![\w*])", text) is None  # *emphasis*
    if "PASS" in (RULES[rule].__doc__ or ""):
        assert "\nPASS:\n\n    " in text and "\nFAIL:\n\n    " in text


def test_directory_recursion_and_file_kinds(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(CLEAN)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.yml").write_text(CLEAN)
    (tmp_path / "sub" / "package.json").write_text('{"name": "not a model"}')
    (tmp_path / "sub" / "model.json").write_text('{"class_name": "Sequential", "config": {}}')
    (tmp_path / "sub" / "spec.json").write_text(
        '{"layers": [{"type": "Dense", "units": 2, "input_shape": [2]}]}'
    )
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "c.yaml").write_text(BROKEN)
    (tmp_path / ".archcalc.yaml").write_text("rules: {}\n")
    (tmp_path / "notes.txt").write_text("not a spec")
    result = run(runner, str(tmp_path), "-f", "json")
    paths = {f["path"] for f in json.loads(result.stdout)["findings"]}
    summary = json.loads(result.stdout)["summary"]
    # a.yaml, b.yml, the Keras-looking model.json and the JSON spec are linted; the rest is skipped
    assert summary["files"] == 4
    assert paths <= {str(tmp_path / "sub" / "model.json")}


def test_many_specs_in_one_run(runner: CliRunner, tmp_path: Path) -> None:
    """200 generated specs: every fifth has a dead branch; one run, correct counts, no progress noise."""
    dead = "inputs: {x: [4]}\nlayers:\n  - {name: a, type: Dense, units: 2, inputs: x}\n  - {name: b, type: Dense, units: 2, inputs: x}\noutputs: [a]\n"
    for i in range(200):
        sub = tmp_path / f"group{i % 7}"
        sub.mkdir(exist_ok=True)
        (sub / f"model_{i:03}.yaml").write_text(dead if i % 5 == 0 else CLEAN)
    start = time.perf_counter()
    result = run(runner, str(tmp_path), "-f", "human", "--fail-on", "warning")
    elapsed = time.perf_counter() - start
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[-1] == "Found 0 errors and 40 warnings in 200 files."
    assert sum(" warning dead-layer b: " in line for line in lines) == 40
    assert result.stderr == ""  # no progress bar when stderr is not a terminal
    assert elapsed < 30


def test_progress_bar_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from archcalc.cli import lint as cli_lint

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    with cli_lint._progress(cli_lint.PROGRESS_MIN_FILES - 1) as step:
        assert step is None
    tty = Tty()
    monkeypatch.setattr("sys.stderr", tty)
    monkeypatch.setenv("TERM", "xterm")
    with cli_lint._progress(cli_lint.PROGRESS_MIN_FILES) as step:
        assert step is not None
        for i in range(cli_lint.PROGRESS_MIN_FILES):
            step(f"spec{i}.yaml")
    assert "linting" in tty.getvalue()
    monkeypatch.setattr("sys.stderr", io.StringIO())
    with cli_lint._progress(1000) as step:
        assert step is None


def test_pre_commit_hook_manifest() -> None:
    import re

    import yaml

    from tests.conftest import ROOT

    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert {"id", "name", "entry", "language"} <= set(hook)
    assert (hook["id"], hook["entry"], hook["language"]) == (
        "archcalc-lint",
        "archcalc lint",
        "python",
    )
    assert hook["types_or"] == ["yaml", "json"]

    def selected(path: str) -> bool:
        return bool(re.search(hook["files"], path)) and not re.search(hook["exclude"], path)

    assert [
        p
        for p in (
            "specs/a.yaml",
            "x/models/b.json",
            "archs/c.yml",
            "src/conf.yaml",
            "specs/.archcalc.yaml",
        )
        if selected(p)
    ] == [
        "specs/a.yaml",
        "x/models/b.json",
        "archs/c.yml",
    ]


def test_hostile_inputs_are_error_findings_and_the_run_goes_on() -> None:
    """Every hostile file (tests/hostile) is one or more error findings; one run, no crash, no hang."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    hostile = sorted(p for p in (ROOT / "tests" / "hostile").iterdir() if p.name != "README.md")
    r = subprocess.run(
        [sys.executable, "-m", "archcalc", "lint", "--isolated", "-f", "json", *map(str, hostile)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert r.returncode == 1, r.stderr
    assert "Traceback" not in r.stderr
    data = json.loads(r.stdout)
    assert data["summary"]["files"] == len(hostile)
    by_file: dict[str, set[str]] = {}
    for f in data["findings"]:
        assert f["level"] == "error" and f["rule"] != "internal-error", f
        by_file.setdefault(f["path"], set()).add(f["rule"])
    assert set(by_file) == set(map(str, hostile))
    assert by_file[str(ROOT / "tests" / "hostile" / "not_a_zip.keras")] == {"keras-archive"}
    assert by_file[str(ROOT / "tests" / "hostile" / "custom_tag.yaml")] == {"yaml-tag"}


def test_keras_model_file_is_linted(runner: CliRunner, tmp_path: Path) -> None:
    """The Keras reference model 'unused_input' (tests/golden/keras) was built with an unused Input b."""
    import gzip

    from tests.conftest import KERAS

    config = gzip.decompress((KERAS / "models" / "unused_input" / "config.json.gz").read_bytes())
    path = tmp_path / "unused_input.json"
    path.write_bytes(config)
    result = run(runner, str(tmp_path), "-f", "json")
    (finding,) = json.loads(result.stdout)["findings"]
    assert (finding["path"], finding["rule"]) == (str(path), "unused-input")
    assert "input 'b'" in finding["message"] and finding["line"] > 0
