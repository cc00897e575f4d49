"""The command line for a new user: help, typos, exit codes as documented, docs that travel.

Each command's help lists exactly the exit codes it returns: the table below
runs one invocation per (command, code), and an output that cannot be
written (exit 3) is shown for every command in tests/test_output_errors.py.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from archcalc.cli import COMMANDS, main
from tests.conftest import ROOT
from tests.test_output_errors import COMMANDS as OUTPUT_ERROR_COMMANDS

WIDE = "specs/examples/seed_conv_wide.yaml"
SEED = "specs/seed_conv.yaml"
LLAMA = "specs/llm/llama3_8b/config.json"
RUNS: list[tuple[list[str], int]] = [
    ([], 0),
    (["sumary", SEED], 2),
    (["summary", SEED], 0),
    (["summary", SEED, "--bogus"], 2),
    (["summary", "missing.yaml"], 3),
    (["layers"], 0),
    (["layers", "--bogus"], 2),
    (["schema"], 0),
    (["schema", "--indent", "-1"], 2),
    (["convert", SEED], 0),
    (["convert", SEED, "--bogus"], 2),
    (["convert", "missing.yaml"], 3),
    (["plot", SEED], 0),
    (["plot", SEED, "-f", "nope"], 2),
    (["plot", "missing.yaml"], 3),
    (["diff", SEED, SEED], 0),
    (["diff", SEED, WIDE], 1),
    (["diff", SEED], 2),
    (["diff", SEED, "missing.yaml"], 3),
    (["lint", SEED], 0),
    (["lint", "tests/lint/cases/load_error.yaml"], 1),
    (["lint", "missing.yaml"], 2),
    (["report", SEED, "--no-graph"], 0),
    (["report", SEED, "--bogus"], 2),
    (["report", "missing.yaml"], 3),
    (["export", SEED], 0),
    (["export", SEED, "--to", "pytorch"], 2),
    (["export", "missing.yaml"], 3),
    (["docs"], 0),
    (["docs", "lint"], 0),
    (["docs", "no-such-topic"], 2),
    (["fit", LLAMA, "--memory", "80GB", "--seq-len", "8"], 0),
    (["fit", LLAMA, "--memory", "1GB", "--seq-len", "8"], 1),
    (["fit", LLAMA, "--memory", "lots"], 2),
    (["fit", "missing.yaml", "--memory", "1GB"], 3),
]


@pytest.mark.parametrize(("args", "code"), RUNS, ids=[" ".join(a) or "(none)" for a, _ in RUNS])
def test_exit_code(args: list[str], code: int, runner, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    r = runner.invoke(main, args)
    assert r.exit_code == code, (r.stdout[-500:], r.stderr)


def listed_codes(args: list[str], runner) -> set[int]:
    text = runner.invoke(main, [*args, "--help"]).stdout
    section = text.split("Exit codes:\n", 1)[1]
    return {int(m) for m in re.findall(r"^\s+(\d)  ", section, re.M)}


@pytest.mark.parametrize("command", ["", *sorted(COMMANDS)])
def test_help_lists_only_the_codes_the_command_returns(command: str, runner) -> None:
    if not command:  # the group lists every command's codes
        assert listed_codes([], runner) == {code for _, code in RUNS}
        return
    returned = {code for args, code in RUNS if args[:1] == [command]}
    if any(c[0] == command for c in OUTPUT_ERROR_COMMANDS):
        returned.add(3)  # stdout that cannot be written
    assert listed_codes([command], runner) == returned


@pytest.mark.parametrize(
    ("typo", "meant"), [("sumary", "summary"), ("difff", "diff"), ("lnt", "lint"), ("Plot", "plot")]
)
def test_mistyped_command_suggests_the_right_one(typo: str, meant: str, runner) -> None:
    r = runner.invoke(main, [typo])
    assert r.exit_code == 2
    assert f"no command '{typo}' (did you mean '{meant}'?)" in r.stderr


def test_no_arguments_prints_help_and_exits_0(runner) -> None:
    r = runner.invoke(main, [], prog_name="archcalc")
    assert r.exit_code == 0 and r.stderr == ""
    assert r.stdout.startswith("Usage: archcalc") and "Commands:" in r.stdout
    assert r.stdout == runner.invoke(main, ["--help"], prog_name="archcalc").stdout


def test_convert_stdin_is_named_like_the_other_commands(runner) -> None:
    spec = (ROOT / SEED).read_text(encoding="utf-8")
    r = runner.invoke(main, ["convert", "-"], input=spec)
    assert r.exit_code == 0, r.stderr
    assert r.stdout.startswith("# Converted by archcalc from <stdin>\n")
    broken = runner.invoke(main, ["summary", "-"], input="layers: [}")
    assert broken.stderr.startswith("<stdin>:")


# -- the documentation travels with the package ---------------------------------------


def _strings(path) -> list[tuple[int, str]]:
    """Every string a user can see: literals, and function/class docstrings (command help,
    API help); module docstrings and comments are notes for the source's readers."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    module_doc = ast.get_docstring(tree, clean=False)
    out = []
    for node in ast.walk(tree):
        is_text = isinstance(node, ast.Constant) and isinstance(node.value, str)
        if is_text and node.value != module_doc:
            out.append((node.lineno, node.value))
    return out


def test_no_message_points_at_a_repository_path() -> None:
    """A wheel has no docs/ folder at the repository's root: messages name `archcalc docs X`."""
    found = [
        f"{p.relative_to(ROOT)}:{line}"
        for p in sorted((ROOT / "archcalc").rglob("*.py"))
        for line, text in _strings(p)
        if re.search(r"(?<![\w/])docs/\w", text)
    ]
    assert found == []


def test_every_docs_topic_named_in_a_message_exists(runner) -> None:
    named = {
        m
        for p in sorted((ROOT / "archcalc").rglob("*.py"))
        for _, text in _strings(p)
        for m in re.findall(r"archcalc docs ([a-z][\w-]*)", text)
    }
    assert {"spec-format", "keras-files", "costs", "lint", "diff"} <= named
    for topic in named:
        r = runner.invoke(main, ["docs", topic])
        assert r.exit_code == 0 and r.stdout.startswith("# "), topic


def test_docs_topics_are_the_doc_pages(runner) -> None:
    pages = sorted(
        p.stem for p in (ROOT / "docs").glob("*.md") if not p.name.endswith(".readme-section.md")
    )
    listing = runner.invoke(main, ["docs"]).stdout
    assert [line.split()[0] for line in listing.splitlines()[1:]] == pages
    for page in pages:
        r = runner.invoke(main, ["docs", page])
        assert r.stdout == (ROOT / "docs" / f"{page}.md").read_text(encoding="utf-8")
    path = Path(runner.invoke(main, ["docs", "lint", "--path"]).stdout.strip())
    assert path.name == "lint.md" and path.read_text(encoding="utf-8").startswith("# ")
    r = runner.invoke(main, ["docs", "lnt"])
    assert r.exit_code == 2 and "(did you mean 'lint'?)" in r.stderr
