"""Variants of a model for a question: a sequence length and batch size, a quantization.

A keras_hub backbone (like any model read from its config) takes token ids
of any length, ``(None, None)``, so its costs need a length: the options
``--seq-len`` and ``--batch-size`` give every unknown input axis and the
batch axis a size (the names a spec variable would have). ``quantized``
is what Keras's ``model.quantize(mode)`` does: every layer that can be
quantized (Dense, EinsumDense, Embedding, ReversibleEmbedding, and those
inside keras_hub blocks) gets the quantized policy, so its variables are
exactly the ones Keras makes.
"""

from __future__ import annotations

from dataclasses import replace
from types import MappingProxyType
from typing import Any

from archcalc.catalog import CATALOG
from archcalc.catalog.dtypes import DTYPE_BITS, Quantization, parse_mode, policy_name
from archcalc.spec import CallSpec, InputSpec, Spec

#: Keras's quantizable layer classes (those with a ``quantize`` method); float8 skips embeddings
QUANTIZABLE = ("Dense", "EinsumDense", "Embedding", "ReversibleEmbedding")


def with_lengths(spec: Spec, seq_len: int | None = None, batch_size: int | None = None) -> Spec:
    """``spec`` with every unknown (None) non-batch input axis set to ``seq_len`` and the
    batch axis to ``batch_size`` (when given); known sizes are kept."""
    if seq_len is None and batch_size is None:
        return spec
    inputs = []
    for inp in spec.inputs:
        batch, *rest = inp.shape
        rest = [seq_len if d is None and seq_len is not None else d for d in rest]
        inputs.append(replace(inp, shape=(batch_size if batch_size is not None else batch, *rest)))
    return replace(spec, inputs=tuple(inputs))


def sequence_axes(spec: Spec) -> list[InputSpec]:
    """The inputs with an unknown non-batch axis (what ``--seq-len`` sizes)."""
    return [i for i in spec.inputs if None in i.shape[1:]]


def quantized(spec: Spec, mode: str) -> Spec:
    """``spec`` as Keras's ``model.quantize(mode)`` leaves it (``int8``, ``int4``, ``float8``)."""
    parsed = parse_mode(mode)
    if parsed is None:
        raise ValueError(f"unknown quantization mode {mode!r}; use int8, int4 or float8")
    configs: dict[int, Any] = {}  # one new config per distinct config: repeats stay shared
    return replace(spec, layers=tuple(_quantize_call(c, *parsed, configs) for c in spec.layers))


def _quantize_call(call: CallSpec, mode: str, block: int, configs: dict[int, Any]) -> CallSpec:
    kind = CATALOG.get(call.kind_name)
    if kind is None:
        return call
    dtype = call.config.get("dtype")
    if call.type in QUANTIZABLE:
        if mode == "float8" and call.type in ("Embedding", "ReversibleEmbedding"):
            return call
        new: Any = _policy(dtype, mode, block)
    elif hasattr(kind, "sublayers"):  # a keras_hub layer: each quantizable sublayer
        new = {"name": _source(dtype), "quantize": (mode, block)}
    else:
        return call
    key = id(call.config)
    if key not in configs:
        configs[key] = (call.config, MappingProxyType({**call.config, "dtype": new}))
    return replace(call, config=configs[key][1])


def _source(dtype: Any) -> str | None:
    name = dtype.get("name") if isinstance(dtype, dict) else policy_name(dtype)
    return name if name in DTYPE_BITS and name != "float32" else None


def _policy(dtype: Any, mode: str, block: int) -> str:
    return Quantization(mode, block, _source(dtype) or "float32").name
