"""Keras's single-layer reference cases for layers with several outputs or nested layers.

Each ``keras_cases_<family>.json`` holds what real Keras did for one layer
built on ``keras.Input`` shapes: the output shape(s), the parameter split
and the weights (path below the layer, shape, trainable, dtype), or the
exception it raised. :func:`keras_tests` makes a family module's tests:

- Keras built the layer: a one-layer spec loaded with ``archcalc.load_text``
  and inferred with ``archcalc.infer`` gives Keras's auto-name, every output
  shape, the counts, the weights and the bytes;
- the config Keras serialised for it (``get_config()``, nested layers in the
  spec form a ``.keras`` import gives them) loads and gives the same result;
- Keras raised: archcalc raises ArchcalcError with positioned diagnostics
  (never another exception), whose text contains the module's phrase for
  that case, if it gives one.

``deviations`` are cases Keras builds that archcalc refuses on purpose, each
with the reason and a phrase its message must contain.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import archcalc
from archcalc.catalog.base import DTYPE_BYTES
from archcalc.engine import InferenceResult, variable_dtype

HERE = Path(__file__).resolve().parent
Case = dict[str, Any]


def load_cases(family: str) -> list[Case]:
    return json.loads((HERE / f"keras_cases_{family}.json").read_text())["cases"]


def spec_text(case: Case, config: dict[str, Any] | None = None) -> str:
    """A one-layer spec: inputs ``in0, in1, ...`` (as the Keras run named them), then the layer."""
    inputs = {f"in{i}": shape for i, shape in enumerate(case["inputs"])}
    entry = {"type": case["class"], **(case["config"] if config is None else config)}
    entry["inputs"] = list(inputs)
    if case.get("trainable") is False:
        entry["trainable"] = False
    return f"inputs: {json.dumps(inputs)}\nlayers:\n  - {json.dumps(entry)}\n"


def build(case: Case, config: dict[str, Any] | None = None) -> InferenceResult:
    return archcalc.infer(archcalc.load_text(spec_text(case, config), f"{case['id']}.yaml"))


def keras_shapes(shape: list[Any]) -> tuple[tuple[int | None, ...], ...]:
    """Keras's output: one shape ``[None, 4]`` or a list of them."""
    if shape and isinstance(shape[0], list):
        return tuple(tuple(s) for s in shape)
    return (tuple(shape),)


def check_result(case: Case, result: InferenceResult, name: str) -> None:
    keras = case["keras"]
    layer = result.layers[-1]
    assert layer.name == name
    assert layer.output_shapes == keras_shapes(keras["output_shape"])
    assert (layer.params, layer.trainable_params, layer.non_trainable_params) == (
        keras["params"],
        keras["trainable_params"],
        keras["non_trainable_params"],
    )
    dtype = variable_dtype(layer.config.get("dtype"))
    mine = [
        [w.name, list(w.shape), layer.trainable and w.trainable, w.dtype or dtype]
        for w in layer.weights
    ]
    assert mine == keras["weights"]
    size = {True: 0.0, False: 0.0}
    for _, shape, trainable, wdtype in keras["weights"]:
        n = 1
        for d in shape:
            n *= d
        size[trainable] += n * DTYPE_BYTES[wdtype]
    assert (layer.trainable_bytes, layer.non_trainable_bytes) == (size[True], size[False])


def check_rejected(case: Case, phrase: str | None) -> None:
    with pytest.raises(archcalc.ArchcalcError) as info:
        build(case)
    diagnostics = info.value.diagnostics
    assert diagnostics and all(d.line > 0 for d in diagnostics), diagnostics
    text = str(info.value)
    if phrase is not None:
        assert phrase.lower() in text.lower(), text


def keras_tests(
    family: str,
    *,
    deviations: dict[str, tuple[str, str]] | None = None,
    messages: dict[str, str] | None = None,
) -> tuple[Callable[..., None], Callable[..., None], Callable[[], None]]:
    """The tests of a family module: every case, Keras's serialised configs, the annotations."""
    deviations = deviations or {}
    messages = messages or {}
    cases = load_cases(family)

    @pytest.mark.parametrize("case", cases, ids=[c["id"] for c in cases])
    def test_case_matches_keras(case: Case) -> None:
        if case["id"] in deviations:
            check_rejected(case, deviations[case["id"]][1])
        elif "error" in case["keras"]:
            check_rejected(case, messages.get(case["id"]))
        else:
            check_result(case, build(case), case["keras"]["name"])

    built = [c for c in cases if "error" not in c["keras"] and c["id"] not in deviations]

    @pytest.mark.parametrize("case", built, ids=[c["id"] for c in built])
    def test_keras_config_matches(case: Case) -> None:
        """What Keras serialises (name, trainable, every argument) loads to the same layer."""
        config = dict(case["keras"]["get_config"])
        name = config["name"]
        check_result(case, build(case, config), name)

    def test_annotations_name_real_cases() -> None:
        by_id = {c["id"]: c for c in cases}
        assert set(deviations) | set(messages) <= set(by_id)
        assert not [i for i in deviations if "error" in by_id[i]["keras"]], "Keras refuses these"
        assert not [i for i in messages if "error" not in by_id[i]["keras"]], "Keras accepts these"

    return test_case_matches_keras, test_keras_config_matches, test_annotations_name_real_cases
