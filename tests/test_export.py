"""``archcalc export --to keras``: the module archcalc writes, and what Keras printed for it.

tests/golden/keras/export/NAME.py is what ``archcalc export`` wrote for each zoo and seed
spec, and NAME.summary.txt.gz what Keras 3 printed for ``build_model().summary()`` when
that file was run (generators/export_summaries.py, in the scratch venv). Here, without
Keras: archcalc still writes the same module, and its own table is Keras's.
"""

from __future__ import annotations

import ast
import gzip
from pathlib import Path

import pytest
from click.testing import CliRunner

import archcalc
from archcalc.cli import main
from archcalc.diagnostics import ArchcalcError
from archcalc.export import export
from archcalc.render.cells import TableOptions
from archcalc.render.table import render_table
from tests.conftest import KERAS, SPECS

EXPORTED = KERAS / "export"
SPEC_FILES = {
    p.stem: p for p in [*sorted((SPECS / "zoo").glob("*.yaml")), *sorted(SPECS.glob("*.yaml"))]
}


def test_every_spec_has_an_exported_golden() -> None:
    assert sorted(p.stem for p in EXPORTED.glob("*.py")) == sorted(SPEC_FILES)


@pytest.mark.parametrize("name", sorted(SPEC_FILES))
def test_export_is_the_module_keras_ran(name: str) -> None:
    path = SPEC_FILES[name]
    source = export(str(path.relative_to(SPECS.parent)))
    assert source == (EXPORTED / f"{name}.py").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(SPEC_FILES))
def test_archcalc_table_is_what_keras_printed_for_the_module(name: str) -> None:
    keras = gzip.decompress((EXPORTED / f"{name}.summary.txt.gz").read_bytes()).decode("utf-8")
    result = archcalc.infer(archcalc.load(str(SPEC_FILES[name])))
    assert render_table(result, TableOptions(terminal_columns=200)) + "\n" == keras


def test_set_becomes_the_default(runner: CliRunner) -> None:
    result = runner.invoke(
        main, ["export", str(SPECS / "zoo" / "gpt_decoder.yaml"), "--set", "num_layers=2"]
    )
    assert result.exit_code == 0
    assert "num_layers=2," in result.stdout
    assert "ff_dim=_COMPUTED" in result.stdout  # still computed from d_model
    assert "        ff_dim = 4 * d_model" in result.stdout


HOSTILE = [
    'quote"s',
    "single'quote",
    "new\nline",
    "back\\slash",
    "tab\there",
    "é ü 中文 🙂",
    "\u2028sep",
    '"); import os; os.system("x") #',
    "'''\"\"\"",
    "$${}",  # a dollar sign, written twice in a spec
]


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_names_are_quoted(tmp_path, name: str) -> None:  # type: ignore[no-untyped-def]
    import json

    q = json.dumps(name, ensure_ascii=False).replace("\u2028", "\\u2028")
    spec = f"""
name: {q}
variables: {{width: 4}}
blocks:
  b:
    params: [units]
    layers:
      - {{name: {q}, type: Dense, units: $units, activation: {json.dumps("relu")}}}
inputs:
  {q}: [$width]
layers:
  - {{block: b, name: {q}, units: 3}}
  - {{name: "{name.replace('"', "").replace(chr(10), "").replace(chr(92), "")}z", type: Dense, units: 2}}
"""
    path = tmp_path / "m.yaml"
    path.write_text(spec, encoding="utf-8")
    source = export(str(path))
    tree = ast.parse(source)
    # only the module's own statements at the top: docstring, imports, functions, the main guard
    kinds = [type(n).__name__ for n in tree.body]
    assert set(kinds) <= {"Expr", "Import", "ImportFrom", "FunctionDef", "ClassDef", "Assign", "If"}
    assert not [
        n
        for n in ast.walk(tree)
        if isinstance(n, (ast.Import, ast.ImportFrom)) and n not in tree.body
    ]
    calls = {ast.unparse(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
    allowed = {"layers.Dense", "keras.Input", "keras.Sequential", "model.add", "tuple", "b"}
    assert calls <= allowed | {"build_model().summary", "build_model"}
    spec_name = archcalc.load(str(path)).name
    strings = {
        n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    }
    assert spec_name in strings  # the name reaches Keras exactly, as a string


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        (
            "inputs: {x: [4]}\nlayers:\n  - {type: MyLayer, custom: {output_shape: [4], params: 0}}\n",
            "m.yaml:3:5: a custom layer has no Keras code for archcalc to write",
        ),
        (
            "inputs: {x: [4]}\nlayers:\n  - {type: Sequential, model: {layers: [{type: Dense, units: 2}]}}\n",
            "Sequential has no class in keras.layers for archcalc to write",
        ),
        (
            "blocks:\n  b:\n    layers: [{type: Dense, units: 2}]\ninputs: {x: [4]}\n"
            "layers:\n  - {block: b, trainable: false}\n",
            "trainable: on a block instance is not exported yet",
        ),
    ],
)
def test_what_cannot_be_exported_is_refused(tmp_path, spec: str, message: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "m.yaml"
    path.write_text(spec, encoding="utf-8")
    with pytest.raises(ArchcalcError) as exc:
        export(str(path))
    assert message in str(exc.value)
    assert exc.value.diagnostics[0].code == "not-exported"


def test_export_a_keras_file(runner: CliRunner, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    config = KERAS / "seed_functional.keras.json"
    data = json.loads(config.read_text(encoding="utf-8"))
    (tmp_path / "m.json").write_text(json.dumps(data), encoding="utf-8")
    result = runner.invoke(main, ["export", str(tmp_path / "m.json"), "-o", str(tmp_path / "m.py")])
    assert result.exit_code == 0, result.output
    ast.parse((tmp_path / "m.py").read_text(encoding="utf-8"))
    bad = runner.invoke(main, ["export", str(tmp_path / "nope.yaml")])
    assert bad.exit_code == 3


def test_a_keras_hub_layer_is_refused_by_name(tmp_path: Path) -> None:
    spec = tmp_path / "hub.yaml"
    spec.write_text(
        "inputs: {x: [8, 16]}\nlayers:\n  - {type: PositionEmbedding, sequence_length: 8}\n"
    )
    r = CliRunner().invoke(main, ["export", str(spec), "--to", "keras"])
    assert r.exit_code == 3
    assert r.stderr.strip() == (
        f"{spec}:3:12: PositionEmbedding is a keras_hub class; export writes keras.layers code only"
    )
