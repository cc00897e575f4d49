"""The seed tutorial's models must print exactly what Keras 3 printed.

The golden files under tests/golden/keras/ were captured from real Keras
3.15.1 (``model.summary()``; ``-wide`` with COLUMNS=200, ``-80col`` with
stdout piped, i.e. line_length 76). They end with one blank line because
they were captured through ``print_fn=print``; the table itself is compared
line for line.
"""

from __future__ import annotations

import json

import pytest

import archcalc
from archcalc.render.cells import TableOptions
from tests.conftest import KERAS, SPECS

MODELS = ["seed_sequential", "seed_conv", "seed_functional"]


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize(("variant", "columns"), [("wide", 200), ("80col", 80)])
def test_summary_equals_keras(model: str, variant: str, columns: int) -> None:
    result = archcalc.infer(archcalc.load(str(SPECS / f"{model}.yaml")))
    text = archcalc.render_summary(result, TableOptions(terminal_columns=columns))
    expected = (KERAS / f"{model}.keras-{variant}.txt").read_text(encoding="utf-8")
    assert text.rstrip("\n").splitlines() == expected.rstrip("\n").splitlines()


@pytest.mark.parametrize("model", MODELS)
def test_json_matches_keras_config(model: str) -> None:
    """Layer names, classes and order match the model Keras serialised (to_json)."""
    config = json.loads((KERAS / f"{model}.keras.json").read_text())
    keras_layers = [(x["config"]["name"], x["class_name"]) for x in config["config"]["layers"]]
    result = archcalc.infer(archcalc.load(str(SPECS / f"{model}.yaml")))
    assert [(x.name, x.type) for x in result.layers] == keras_layers
    assert result.name == config["config"]["name"]


# Totals and per-layer counts stated by the seed tutorial (issue #2), with the arithmetic.
SEED_NUMBERS = {
    "seed_sequential": {"dense": (3 * 8, (None, 8)), "dense_1": (9 * 2, (None, 2)), "total": 42},
    "seed_conv": {
        "conv2d": (5 * 5 * 1 * 32 + 32, (None, 24, 24, 32)),
        "conv2d_1": (5 * 5 * 32 * 32 + 32, (None, 20, 20, 32)),
        "max_pooling2d": (0, (None, 10, 10, 32)),
        "flatten": (0, (None, 3200)),
        "dense": (3200 * 2 + 2, (None, 2)),
        "total": 32_866,
    },
    "seed_functional": {
        "conv1": (5 * 5 * 32 + 32, (None, 24, 24, 32)),
        "pool1": (0, (None, 12, 12, 32)),
        "flat1": (0, (None, 4608)),
        "conv2": (7 * 7 * 16 + 16, (None, 22, 22, 16)),
        "pool2": (0, (None, 11, 11, 16)),
        "flat2": (0, (None, 1936)),
        "concat": (0, (None, 6544)),
        "hidden1": (6544 * 10 + 10, (None, 10)),
        "output": (10 + 1, (None, 1)),
        "total": 67_093,
    },
}


@pytest.mark.parametrize("model", MODELS)
def test_seed_numbers(model: str) -> None:
    result = archcalc.infer(archcalc.load(str(SPECS / f"{model}.yaml")))
    expected = dict(SEED_NUMBERS[model])
    assert result.total_params == expected.pop("total") == result.trainable_params
    assert result.non_trainable_params == 0
    for name, (params, shape) in expected.items():
        layer = result.layer(name)
        assert (layer.params, layer.output_shapes) == (params, (shape,)), name
    # torchinfo's invariant: the Param # column sums to the total.
    assert sum(x.params for x in result.layers) == result.total_params
