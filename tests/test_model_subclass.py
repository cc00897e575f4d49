"""keras.Model and keras.Sequential subclasses: their graph is read, their Python code is not.

The tables themselves are compared with Keras's by tests/test_keras_models.py (subclass_*);
here: the warning, the spec's ``subclass:`` and what is not a model.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import archcalc
from tests.test_keras_models import load_model, read


@pytest.mark.parametrize(
    ("model", "warnings"),
    [
        ("subclass_functional", [(3, "'TrainStepModel' is a subclass of keras.Functional")]),
        ("subclass_sequential", [(3, "'TrainStepSequential' is a subclass of keras.Sequential")]),
        (
            "subclass_nested",
            [
                (28, "inner_f: 'TrainStepModel' is a subclass of keras.Functional"),
                (166, "inner_s: 'TrainStepSequential' is a subclass of keras.Sequential"),
            ],
        ),
    ],
)
def test_a_warning_says_the_python_code_is_not_read(
    model: str, warnings: list[tuple[int, str]], tmp_path: Path
) -> None:
    result = load_model(model, tmp_path)
    notes = [d for d in result.warnings if d.code == "model-subclass"]
    assert [d.line for d in notes] == [line for line, _ in warnings]
    for d, (_, text) in zip(notes, warnings, strict=True):
        assert d.message.startswith(text)
        assert d.message.endswith(
            "the class's own Python code (a train_step, call or build override) is not in the "
            "file and is not read"
        )


def test_a_nested_subclass_row_shows_its_class(tmp_path: Path) -> None:
    keras = json.loads(read("subclass_nested", "layers.json"))
    result = load_model("subclass_nested", tmp_path)
    assert [(x.name, x.type) for x in result.rows] == [
        (x["name"], x["class"]) for x in keras["layers"]
    ]
    assert result.layer("inner_s").type == "TrainStepSequential"


SPEC = """
inputs: {x: [4]}
layers:
  - type: Functional
    subclass: CLS
    model:
      inputs: {xi: [4]}
      layers: [{type: Dense, units: 8}]
"""


def test_spec_subclass_names_and_shows_the_row() -> None:
    result = archcalc.infer(archcalc.load_text(SPEC.replace("CLS", "EDSRModel"), "m.yaml"))
    [row] = [x for x in result.rows if not x.is_input]
    assert (row.name, row.type, row.params) == ("edsr_model", "EDSRModel", 4 * 8 + 8)


@pytest.mark.parametrize("cls", ["'not a class'", "3", "'a.b'"])
def test_spec_subclass_must_be_a_class_name(cls: str) -> None:
    with pytest.raises(archcalc.ArchcalcError) as info:
        archcalc.load_text(SPEC.replace("CLS", cls), "m.yaml")
    [d] = info.value.diagnostics
    assert "subclass must be a Python class name" in d.message
    assert (d.line, d.column) == (5, 15)


def test_a_config_that_is_not_a_model_is_still_refused(tmp_path: Path) -> None:
    """A custom class whose config holds no graph of layers is not taken for a model."""
    path = tmp_path / "m.json"
    path.write_text(json.dumps({"class_name": "MyModel", "config": {"units": 3}}))
    with pytest.raises(archcalc.ArchcalcError) as info:
        archcalc.load(str(path))
    assert "the file describes a 'MyModel', not a model (Sequential or Functional" in str(
        info.value
    )
