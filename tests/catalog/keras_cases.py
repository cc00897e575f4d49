"""Keras's single-layer reference cases, run through archcalc's public path.

Each ``keras_cases_<family>.json`` holds what real Keras did for one layer
built on ``keras.Input`` shapes: the output shape(s), the parameter split and
the weights, or the exception it raised. Nested layers (Bidirectional's
``layer``) are written as a spec writes them, ``{"type": "LSTM", ...}``. A test module per family calls
:func:`keras_tests`, which checks every case through ``archcalc.load_text``
and ``archcalc.infer``:

- Keras built the layer: archcalc's auto-name, output shape, counts,
  weights (name, shape, trainable, dtype) and bytes equal Keras's;
- the config Keras serialised for the built layer (``get_config()``, what
  a ``.keras`` file or ``to_json()`` holds) normalises without error and
  gives the same shapes and weights through the kind's hooks;
- Keras raised: archcalc raises ArchcalcError (a positioned diagnostic,
  never another exception), whose message contains the phrase the module
  gives for that case, if any.

A module may list ``deviations`` (cases Keras builds but that fail as soon
as the layer runs, which archcalc refuses, with the reason and a phrase
its message must contain) and ``unrepresentable`` cases (calls a spec
cannot write, with the reason).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import archcalc
from archcalc.catalog import CATALOG
from archcalc.catalog.dtypes import DTYPE_BYTES, variable_dtype
from archcalc.results import InferenceResult

HERE = Path(__file__).resolve().parent
Case = dict[str, Any]


def load_cases(family: str) -> list[Case]:
    return json.loads((HERE / f"keras_cases_{family}.json").read_text())["cases"]


def spec_text(case: Case) -> str:
    """A one-layer spec: inputs ``in0, in1, ...`` (as the Keras run named them), then the layer."""
    inputs = {f"in{i}": shape for i, shape in enumerate(case["inputs"])}
    entry = {"type": case["class"], **case["config"], "inputs": list(inputs)}
    if case.get("trainable") is False:
        entry["trainable"] = False
    if call_args(case):  # keyword arguments of the call (ReversibleEmbedding's reverse)
        entry["kwargs"] = call_args(case)
    return f"inputs: {json.dumps(inputs)}\nlayers:\n  - {json.dumps(entry)}\n"


def call_args(case: Case) -> dict[str, Any]:
    """The case's call keyword arguments a spec writes under ``kwargs:`` (not ``training``)."""
    return {k: v for k, v in case.get("call_kwargs", {}).items() if k != "training"}


def build(case: Case) -> InferenceResult:
    return archcalc.infer(archcalc.load_text(spec_text(case), f"{case['id']}.yaml"))


def keras_shapes(shape: list[Any]) -> tuple[tuple[int | None, ...], ...]:
    """Keras's output: one shape ``[None, 4]``, or a (nested) list of them, flattened as
    ``summary()`` lists them (``return_state``; stacked cells' ``[out, [h1, c1], h2]``)."""
    if shape and isinstance(shape[0], list):
        return tuple(s for part in shape for s in keras_shapes(part))
    return (tuple(shape),)


def check_built(case: Case) -> None:
    keras = case["keras"]
    result = build(case)
    layer = result.layers[-1]
    assert layer.name == keras["name"]
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


def input_shapes(case: Case) -> list[tuple[int | None, ...]]:
    """The case's inputs as archcalc shapes: batch first (None unless the case fixed it)."""
    shapes = []
    for spec in case["inputs"]:
        if isinstance(spec, dict):
            shapes.append((spec.get("batch_size"), *spec["shape"]))
        else:
            shapes.append((None, *spec))
    return shapes


def check_keras_config(case: Case) -> None:
    keras = case["keras"]
    kind = CATALOG[case["class"]]
    given = {k: v for k, v in keras["get_config"].items() if k not in ("name", "trainable")}
    cfg, errors = kind.normalize(given)
    assert not errors, [str(e) for e in errors]
    shapes = input_shapes(case)
    assert kind.outputs({**cfg, **call_args(case)}, shapes) == keras_shapes(keras["output_shape"])
    mine = [[w.name, list(w.shape)] for w in kind.weights(dict(cfg), shapes)]
    assert mine == [w[:2] for w in keras["weights"]]
    # What the user wrote and what Keras serialised normalise to the same config, so a
    # saved model, its converted spec and a hand-written spec compare equal in ``diff``
    # (initializers, dtype policies and 'linear' included). Nested layers carry names
    # Keras gave them, so they are compared by their own cases.
    written, errors = kind.normalize({k: v for k, v in case["config"].items() if k != "trainable"})
    if not errors:
        skip = {"layer", "backward_layer", "cell", "cells", "layers"}
        skip.update(NOT_ROUND_TRIPPED.get(case["class"], ()))
        assert {k: v for k, v in written.items() if k not in skip} == {
            k: v for k, v in cfg.items() if k not in skip
        }


#: Arguments Keras serialises as it resolved them when the layer was built (from the input's
#: shape) or not as given, so a spec and a saved model can differ on them (docs/diff.md).
NOT_ROUND_TRIPPED = {
    "MultiHeadAttention": ("attention_axes", "flash_attention"),
    "GroupNormalization": ("groups",),
    "LSTM": ("implementation", "use_cudnn"),
    "GRU": ("use_cudnn",),
    "AdditiveAttention": ("score_mode",),
    "RandomCrop": ("seed",),  # an unseeded RandomCrop serialises the seed it drew
    # adapt() sets these (the spec's case config holds none), a vocabulary file's path is
    # not kept; CategoryEncoding drops sparse
    "StringLookup": ("vocabulary_size", "vocabulary"),
    "IntegerLookup": ("vocabulary_size", "vocabulary"),
    "TextVectorization": ("vocabulary_size", "vocabulary"),
    "Discretization": ("bin_boundaries",),
    "CategoryEncoding": ("sparse",),
}


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
    unrepresentable: dict[str, str] | None = None,
    messages: dict[str, str] | None = None,
    reloaded: dict[str, str] | None = None,
) -> tuple[Callable[..., None], Callable[..., None], Callable[[], None]]:
    """The tests of a family module: every case, Keras's serialised configs, the annotations.

    ``reloaded``: cases whose serialised config Keras itself reloads with another output
    shape (the module checks that shape), with the reason.
    """
    reloaded = reloaded or {}
    deviations = deviations or {}
    unrepresentable = unrepresentable or {}
    messages = messages or {}
    cases = load_cases(family)
    runnable = [c for c in cases if c["id"] not in unrepresentable]

    @pytest.mark.parametrize("case", runnable, ids=[c["id"] for c in runnable])
    def test_case_matches_keras(case: Case) -> None:
        if case["id"] in deviations:
            check_rejected(case, deviations[case["id"]][1])
        elif "error" in case["keras"]:
            check_rejected(case, messages.get(case["id"]))
        else:
            check_built(case)

    built = [
        c
        for c in runnable
        if "error" not in c["keras"] and c["id"] not in deviations and c["id"] not in reloaded
    ]

    @pytest.mark.parametrize("case", built, ids=[c["id"] for c in built])
    def test_keras_config_matches(case: Case) -> None:
        check_keras_config(case)

    def test_annotations_name_real_cases() -> None:
        by_id = {c["id"]: c for c in cases}
        assert set(deviations) | set(unrepresentable) | set(messages) | set(reloaded) <= set(by_id)
        assert not [i for i in deviations if "error" in by_id[i]["keras"]], "Keras refuses these"
        assert not [i for i in messages if "error" not in by_id[i]["keras"]], "Keras accepts these"

    return test_case_matches_keras, test_keras_config_matches, test_annotations_name_real_cases


def output_dtype_test(family: str, skip: dict[str, str] | None = None) -> Callable[..., None]:
    """A test that each built case's output dtype (``CallResult.output_dtype``, what memory
    and plots use) is the dtype of Keras's symbolic output (the case's ``output_dtype``)."""
    skip = skip or {}
    cases = [
        c
        for c in load_cases(family)
        if isinstance(c["keras"].get("output_dtype"), str) and c["id"] not in skip
    ]

    @pytest.mark.parametrize("case", cases, ids=[c["id"] for c in cases])
    def test_output_dtype_matches_keras(case: Case) -> None:
        assert build(case).layers[-1].calls[-1].output_dtype == case["keras"]["output_dtype"]

    return test_output_dtype_matches_keras
