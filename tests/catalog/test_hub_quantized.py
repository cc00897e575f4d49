"""Quantized layers: the variables Keras 3.15 builds for a Dense, EinsumDense, Embedding or
ReversibleEmbedding whose dtype is a quantized policy (int8, int4 with sub-channel blocks,
float8), name by name (tests/golden/keras/hub/quantized_layers.json, written by
generators/hub/gen_quantized_layers.py)."""

from __future__ import annotations

import json

import pytest

from archcalc.catalog import CATALOG
from archcalc.catalog.args import ArgError
from archcalc.catalog.dtypes import variable_dtype
from tests.conftest import KERAS

CASES = json.loads((KERAS / "hub" / "quantized_layers.json").read_text())["cases"]


def _id(case: dict) -> str:
    return f"{case['class']}-{case['policy']}-{'-'.join(map(str, case['input_shape']))}-{len(case['args'])}"


@pytest.mark.parametrize("case", CASES, ids=[_id(c) for c in CASES])
def test_quantized_variables_are_keras(case: dict) -> None:
    kind = CATALOG[case["class"]]
    cfg, errors = kind.normalize({**case["args"], "dtype": case["policy"]})
    assert errors == []
    shape = tuple(case["input_shape"])
    if "error" in case:
        with pytest.raises(ArgError, match="Invalid quantization mode"):
            kind.weights(cfg, [shape])
        return
    dtype = variable_dtype(cfg["dtype"])
    got = [
        [w.name, list(w.shape), w.dtype or dtype, w.trainable] for w in kind.weights(cfg, [shape])
    ]
    assert got == case["weights"]
    assert sum(w.size for w in kind.weights(cfg, [shape])) == case["params"]


def test_a_serialised_quantized_policy_is_its_keras_name() -> None:
    kind = CATALOG["Dense"]
    policy = {
        "module": "keras.dtype_policies",
        "class_name": "Int4DTypePolicy",
        "config": {"mode": "int4/128", "source_name": None},
        "registered_name": None,
    }
    cfg, errors = kind.normalize({"units": 4, "dtype": policy})
    assert (errors, cfg["dtype"]) == ([], "int4/128_from_float32")
    _, errors = kind.normalize(
        {"units": 4, "dtype": {"class_name": "QuantizedDTypePolicy", "config": {"mode": "int3"}}}
    )
    assert "mode int8, int4" in str(errors[0])
