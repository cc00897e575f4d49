"""Models that mix keras.ops nodes and layers print exactly what Keras printed.

tests/golden/keras/ops_models/name_counters.json holds twelve models built by real Keras
3.15.1 (tests/golden/keras/generators/gen_ops_name_counters.py): their ``to_json`` layers and
the summary Keras printed at COLUMNS=200. They show how op nodes and layers share Keras's
auto-name counters (``keras.ops.concatenate`` and ``layers.Concatenate`` both count
``concatenate``; ``keras.activations.relu`` makes the op class ``ReLU``, counted with the
``ReLU`` layer as ``re_lu``) and how ops take scalars, constants and model inputs. Every
``keras.applications`` ``preprocess_input`` is in the keras.ops cases with its summary.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import archcalc
from archcalc.reader.writer import spec_to_yaml
from archcalc.render.cells import TableOptions
from tests.catalog.ops_cases import keras_json, load_cases
from tests.conftest import KERAS

DATA = json.loads((KERAS / "ops_models" / "name_counters.json").read_text())
MODELS = {m["id"]: m for m in DATA["models"]}
PREPROCESS = [c for c in load_cases("idioms") if "summary" in c]


def config(model: dict[str, Any]) -> str:
    name = model["summary"].split('"')[1]
    return json.dumps(
        {
            "module": "keras",
            "class_name": "Functional",
            "config": {
                "name": name,
                "trainable": True,
                "layers": model["to_json_layers"],
                "input_layers": model["input_layers"],
                "output_layers": model["output_layers"],
            },
        }
    )


def lines(text: str) -> list[str]:
    return text.rstrip("\n").splitlines()


def summary(result: archcalc.InferenceResult) -> list[str]:  # type: ignore[name-defined]
    return lines(archcalc.render_summary(result, TableOptions(terminal_columns=200)))


def load_json(text: str, tmp_path: Path, name: str) -> archcalc.InferenceResult:  # type: ignore[name-defined]
    path = tmp_path / f"{name}.json"
    path.write_text(text, encoding="utf-8")
    return archcalc.infer(archcalc.load(str(path)))


@pytest.mark.parametrize("model", sorted(MODELS))
def test_keras_file_prints_keras_summary(model: str, tmp_path: Path) -> None:
    result = load_json(config(MODELS[model]), tmp_path, model)
    assert summary(result) == lines(MODELS[model]["summary"])


@pytest.mark.parametrize("model", sorted(MODELS))
def test_converted_spec_prints_keras_summary(model: str, tmp_path: Path) -> None:
    """convert writes the ops in the op syntax, leaving out the names Keras's shared counters
    give anyway; the spec reads back to Keras's table line for line."""
    path = tmp_path / f"{model}.json"
    path.write_text(config(MODELS[model]), encoding="utf-8")
    text = spec_to_yaml(archcalc.load(str(path)))
    assert summary(archcalc.infer(archcalc.load_text(text, f"{model}.yaml"))) == lines(
        MODELS[model]["summary"]
    )


def test_shared_counters_need_no_names(tmp_path: Path) -> None:
    """ops.concatenate and layers.Concatenate share one counter: the spec names none of them."""
    path = tmp_path / "c.json"
    path.write_text(config(MODELS["concat_ops_and_layer"]), encoding="utf-8")
    text = spec_to_yaml(archcalc.load(str(path)))
    entries = [x for x in text.splitlines() if x.startswith("  - ")]
    assert entries == [
        "  - {type: ops.Concatenate, axis: -1, inputs: [input_layer, input_layer_1]}",
        "  - {type: Concatenate, inputs: [input_layer, concatenate]}",
        "  - {type: ops.Concatenate, axis: -1, inputs: [concatenate_1, input_layer_1]}",
        "  - {name: my_cat, type: Concatenate, inputs: [concatenate_2, input_layer]}",
        "  - {type: Concatenate, inputs: [my_cat, input_layer_1]}",
        "  - {type: Dense, units: 2}",
    ]


def test_activations_relu_is_the_re_lu_op() -> None:
    """keras.activations.relu records the op class ReLU (ops.ReLU in a spec), named from the
    ReLU layer's counter; ops.relu is the class Relu with its own."""
    spec = archcalc.load_text(
        "inputs: {x: [8]}\nlayers:\n  - {type: ops.ReLU}\n  - {type: ReLU}\n  - {type: Relu}\n"
    )
    result = archcalc.infer(spec)
    assert [(x.name, x.type) for x in result.rows] == [
        ("x", "InputLayer"),
        ("re_lu", "ReLU"),
        ("re_lu_1", "ReLU"),
        ("relu", "Relu"),
    ]


@pytest.mark.parametrize("case", PREPROCESS, ids=[c["id"] for c in PREPROCESS])
def test_preprocess_input_prints_keras_summary(case: dict[str, Any], tmp_path: Path) -> None:
    """Every keras.applications preprocess_input that makes nodes (caffe: get_item x3, stack,
    add of the mean; tf: true_divide, subtract; torch: true_divide, add, true_divide)."""
    assert summary(load_json(keras_json(case), tmp_path, case["id"])) == lines(case["summary"])
