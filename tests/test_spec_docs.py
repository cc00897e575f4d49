"""docs/spec-format.md's examples of blocks, variables and repeats are real: the specs load,
the names it promises are the names made, and the errors shown are one real run."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import archcalc
from archcalc.cli import main
from tests.conftest import ROOT

DOC = (ROOT / "docs" / "spec-format.md").read_text(encoding="utf-8")
SECTION = DOC.split("## Variables, blocks and repeats", 1)[1].split("\n## ", 1)[0]
SPECS = [b for b in re.findall(r"```yaml\n(.*?)```", DOC, re.S) if re.search(r"^layers:", b, re.M)]


def test_the_section_has_examples() -> None:
    assert len(SPECS) >= 4
    assert "### Errors inside blocks" in SECTION and "### Limits" in SECTION


@pytest.mark.parametrize("text", [s for s in SPECS if "bad_widths" not in s])
def test_every_complete_example_loads_and_infers(text: str) -> None:
    archcalc.infer(archcalc.load_text(text, "example.yaml"))


def test_the_first_example_makes_the_names_it_says() -> None:
    (text,) = [s for s in SPECS if "residual_mlp" in s]
    result = archcalc.infer(archcalc.load_text(text, "example.yaml"))
    names = [layer.name for layer in result.layers]
    assert names == [
        "features",
        "dense",
        "res1_dense",
        "res1_add",
        "res2_dense",
        "res2_add",
        "res3_dense",
        "res3_add",
        "dense_1",
    ]
    shallow = archcalc.load_text(text, "example.yaml", variables={"depth": 1})
    assert [c.name for c in shallow.layers] == ["dense", "res1_dense", "res1_add", "dense_1"]


def test_the_error_example_is_one_real_run(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    section = SECTION.split("### Errors inside blocks", 1)[1]
    spec = re.search(r"```yaml\n(.*?)```", section, re.S).group(1)  # type: ignore[union-attr]
    shown = re.search(r"```text\n(.*?)```", section, re.S).group(1)  # type: ignore[union-attr]
    (tmp_path / "spec.yaml").write_text(spec, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    r = CliRunner().invoke(main, ["summary", "spec.yaml"])
    assert (r.exit_code, r.stdout, r.stderr) == (3, "", shown)
    # the one-line example under "Expressions" is the first of them
    expressions = SECTION.split("### Expressions", 1)[1].split("### ", 1)[0]
    (line,) = re.findall(r"```text\n(.*?)\n```", expressions, re.S)
    assert line == shown.splitlines()[0]


def test_every_limit_is_documented() -> None:
    """Each ARCHCALC_MAX_* the design reader reads is in the limits table."""
    sources = "".join(
        (ROOT / "archcalc" / p).read_text(encoding="utf-8")
        for p in ("reader/expr.py", "reader/design.py", "sweep.py")
    )
    names = set(re.findall(r'"(ARCHCALC_MAX_\w+)"', sources))
    assert names >= {"ARCHCALC_MAX_EXPR_CHARS", "ARCHCALC_MAX_REPEAT", "ARCHCALC_MAX_LAYERS"}
    limits = SECTION.split("### Limits", 1)[1].split("### ", 1)[0]
    assert {n for n in names if f"`{n}`" in limits} == names


def test_every_design_code_is_in_the_error_table() -> None:
    from archcalc.lint.codes import LOAD_CODES

    table = SECTION.split("### Error codes", 1)[1].split("### ", 1)[0]
    design = [
        "invalid-expression",
        "invalid-variable",
        "unknown-variable",
        "invalid-block",
        "unknown-block",
        "block-argument",
        "block-cycle",
        "invalid-repeat",
        "invalid-condition",
        "too-many-layers",
    ]
    assert set(design) <= set(LOAD_CODES)
    assert all(f"`{code}`" in table for code in design)
