"""The model zoo in specs/zoo/: each spec matches Keras to the parameter, layer by layer.

Totals are the figures Keras 3 prints (issue #3 lists those of
keras.applications); the per-layer comparison uses Keras's own layers.json
for the same model (tests/golden/keras/models/).
"""

from __future__ import annotations

import json

import pytest

import archcalc
from tests.conftest import SPECS
from tests.test_keras_models import read

ZOO = SPECS / "zoo"
# spec -> (Keras reference model, total, trainable, non-trainable)
CASES = {
    "lenet5": ("lenet5", 61_706, 61_706, 0),
    "vgg16": ("app_vgg16", 138_357_544, 138_357_544, 0),
}


@pytest.mark.parametrize("spec", sorted(CASES))
def test_zoo_totals(spec: str) -> None:
    _, total, trainable, non_trainable = CASES[spec]
    result = archcalc.infer(archcalc.load(str(ZOO / f"{spec}.yaml")))
    assert (result.total_params, result.trainable_params, result.non_trainable_params) == (
        total,
        trainable,
        non_trainable,
    )


@pytest.mark.parametrize("spec", sorted(CASES))
def test_zoo_layers_equal_keras(spec: str) -> None:
    keras = json.loads(read(CASES[spec][0], "layers.json"))
    result = archcalc.infer(archcalc.load(str(ZOO / f"{spec}.yaml")))
    got = [
        (x.name, x.type, [list(s) for s in x.output_shapes], x.params, x.non_trainable_params)
        for x in result.rows
    ]
    want = []
    for x in keras["layers"]:
        shape = x["output_shape"]
        shapes = shape if shape and isinstance(shape[0], list) else [shape]
        want.append((x["name"], x["class"], shapes, x["params"], x["non_trainable_params"]))
    assert got == want


def test_every_zoo_spec_is_tested() -> None:
    assert sorted(p.stem for p in ZOO.glob("*.yaml")) == sorted(CASES)
