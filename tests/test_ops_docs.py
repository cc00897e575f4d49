"""docs/spec-format.md's keras.ops section runs as written: its example prints what Keras
printed, every entry in its tables loads, and every error it lists is the error archcalc
gives for that entry."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

import archcalc
from archcalc.cli import main
from archcalc.diagnostics import ArchcalcError
from tests.conftest import KERAS, ROOT

DOC = (ROOT / "docs" / "spec-format.md").read_text(encoding="utf-8")
SECTION = DOC.split("## keras.ops nodes", 1)[1].split("\n## ", 1)[0]
VALUES = SECTION.split("### Values in `args` and `kwargs`", 1)[1].split("\n### ", 1)[0]
ERRORS = SECTION.split("### Errors in op entries", 1)[1]
ROW = re.compile(r"^\| `(.+?)` \| `(.+?)`", re.M)
INPUTS = "inputs: {x: [4, 3], y: [4, 5], a: [4, 3], b: [4, 3]}\n"


def test_example_prints_what_keras_printed(monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    block = re.search(r"```console\n\$ archcalc (summary .*?)\n(.*?)\n```", SECTION, re.S)
    assert block is not None
    command, shown = block.groups()
    assert "In a terminal 100 columns wide" in SECTION
    r = CliRunner().invoke(main, command.split(), env={"COLUMNS": "100"})
    assert r.exit_code == 0, r.stderr
    assert r.stdout.rstrip("\n") == shown
    keras = (KERAS / "ops_models" / "preprocessed_classifier-100.txt").read_text()
    assert shown == keras.rstrip("\n")
    example = re.search(r"```yaml\n(.*?)```", SECTION, re.S)
    assert example is not None
    assert example.group(1) == (ROOT / command.split()[1]).read_text(encoding="utf-8")


VALUE_ENTRIES = [m.group(2) for m in ROW.finditer(VALUES)]


@pytest.mark.parametrize("entry", VALUE_ENTRIES)
def test_value_examples_load(entry: str) -> None:
    spec = archcalc.load_text(f"{INPUTS}layers:\n  - {entry}\noutputs: [x]\n")
    assert spec.layers[0].type in entry or f"ops.{spec.layers[0].type}" in entry


ERROR_ROWS = [(m.group(1), m.group(2)) for m in ROW.finditer(ERRORS)]


@pytest.mark.parametrize(("entry", "message"), ERROR_ROWS)
def test_listed_errors_are_archcalcs(entry: str, message: str) -> None:
    with pytest.raises(ArchcalcError) as info:
        archcalc.infer(archcalc.load_text(f"{INPUTS}layers:\n  - {entry}\n"))
    assert message in str(info.value)
    assert all(d.line > 0 for d in info.value.diagnostics)


def test_tables_are_not_empty() -> None:
    assert len(VALUE_ENTRIES) >= 12 and len(ERROR_ROWS) >= 20
