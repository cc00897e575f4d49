"""Quantized dtype policies and the variables Keras makes for a quantized layer.

``layer.quantize(mode)`` (or building a layer whose ``dtype`` is a quantized
policy, as a saved quantized model does) replaces a Dense, EinsumDense,
Embedding or ReversibleEmbedding layer's float kernel by other variables.
Keras 3.15's shapes, checked in a scratch venv (tests/golden/keras/hub/):

- **int8** (``QuantizedDTypePolicy``, name ``int8_from_float32``): the kernel
  becomes int8 of the same shape and gains ``kernel_scale`` in the source
  dtype: ``(units,)`` for Dense, for EinsumDense one size per output letter
  (the kernel's size where the letter is a kernel axis, else 1). An
  embedding gets ``embeddings_scale (input_dim,)`` (and
  ``reverse_embeddings_scale (input_dim,)`` when untied). All non-trainable.
- **int4** (``Int4DTypePolicy``, ``int4/128_from_float32``: sub-channel
  blocks of 128): the kernel, as a 2-D ``(n_in, n_out)`` matrix (contracted
  axes, output axes), is packed two values a byte into int8
  ``(n_in, ceil(n_out / 2))``, with ``kernel_scale`` (source dtype) and
  ``kernel_zero`` (int8) of ``(ceil(n_in / block), n_out)`` and ``g_idx``
  (float32, ``(n_in,)``); block size -1 keeps one ``kernel_scale (n_out,)``.
  An embedding packs its rows: ``embeddings (input_dim, ceil(dim / 2))``,
  ``embeddings_scale``/``embeddings_zero`` ``(input_dim, blocks)``,
  ``g_idx (dim,)``; untied, ``reverse_embeddings (ceil(dim / 2), input_dim)``
  with scale and zero ``(blocks, input_dim)``, both in the source dtype.
- **float8** (``QuantizedFloat8DTypePolicy``): Dense and EinsumDense keep
  their kernel and add three scalar scales and three ``(1024,)`` amax
  histories (inputs, kernel, output gradients), float32, all trainable;
  an embedding refuses it (``quantize()`` leaves embeddings float).

Biases and LoRA factors are untouched; built from a config, Keras creates the
quantized variables after them (float8: the scales first).
"""

from __future__ import annotations

import math

from archcalc.catalog.args import ArgError
from archcalc.catalog.base import WeightSpec
from archcalc.catalog.dtypes import AMAX_HISTORY, Quantization
from archcalc.shapes import ShapeError


def _blocks(n: int, block: int) -> int:
    return math.ceil(n / block)


def _w(name: str, shape: tuple[int, ...], dtype: str, trainable: bool = False) -> WeightSpec:
    return WeightSpec(name, shape, trainable, dtype)


def kernel_weights(
    q: Quantization,
    kernel: tuple[int, ...],
    contracted: int,
    scale_shape: tuple[int, ...],
    bias: WeightSpec | None,
    lora: list[WeightSpec],
) -> list[WeightSpec]:
    """A quantized Dense's or EinsumDense's variables in Keras's order (built from a config):
    ``contracted`` = the product of the kernel's input axes, ``scale_shape`` = the int8
    scale's shape (Dense: ``(units,)``); ``bias`` and the LoRA factors as the layer makes them."""
    src = q.source
    extra = [x for x in (bias,) if x is not None]
    frozen = bool(lora)
    if q.mode == "float8":
        scalars = [
            _w(f"{what}_{part}", () if part == "scale" else (AMAX_HISTORY,), "float32", True)
            for what in ("inputs", "kernel", "outputs_grad")
            for part in ("scale", "amax_history")
        ]
        return [*scalars, _w("kernel", kernel, src, not frozen), *extra, *lora]
    if q.mode == "int8":
        replaced = [_w("kernel", kernel, "int8"), _w("kernel_scale", scale_shape, src)]
    else:
        n_out = math.prod(kernel) // contracted
        packed = _w("kernel", (contracted, math.ceil(n_out / 2)), "int8")
        if q.block == -1:
            replaced = [packed, _w("kernel_scale", (n_out,), src)]
        else:
            groups = (_blocks(contracted, q.block), n_out)
            replaced = [
                packed,
                _w("kernel_scale", groups, src),
                _w("kernel_zero", groups, "int8"),
                _w("g_idx", (contracted,), "float32"),
            ]
    return [*extra, *lora, *replaced]


def embedding_weights(q: Quantization, input_dim: int, dim: int, tied: bool) -> list[WeightSpec]:
    """An Embedding's (tied) or an untied ReversibleEmbedding's quantized tables."""
    src = q.source
    if q.mode == "float8":
        raise ArgError(
            'an embedding cannot take a float8 policy (Keras: "Invalid quantization mode. '
            "Expected one of ('int8', 'int4')\"); quantize it with int8 or int4, or leave it float"
        )
    if q.mode == "int8":
        out = [
            _w("embeddings", (input_dim, dim), "int8"),
            _w("embeddings_scale", (input_dim,), src),
        ]
        if not tied:
            out += [
                _w("reverse_embeddings", (dim, input_dim), "int8"),
                _w("reverse_embeddings_scale", (input_dim,), src),
            ]
        return out
    half = math.ceil(dim / 2)
    if q.block == -1:
        out = [
            _w("embeddings", (input_dim, half), "int8"),
            _w("embeddings_scale", (input_dim,), src),
        ]
        if not tied:
            out += [
                _w("reverse_embeddings", (half, input_dim), "int8"),
                _w("reverse_embeddings_scale", (input_dim,), src),
            ]
        return out
    groups = _blocks(dim, q.block)
    out = [
        _w("embeddings", (input_dim, half), "int8"),
        _w("embeddings_scale", (input_dim, groups), src),
        _w("embeddings_zero", (input_dim, groups), "int8"),
        _w("g_idx", (dim,), "float32"),
    ]
    if not tied:
        out += [
            _w("reverse_embeddings", (half, input_dim), "int8"),
            _w("reverse_embeddings_scale", (groups, input_dim), src),
            _w("reverse_embeddings_zero", (groups, input_dim), src),
        ]
    return out


def einsum_scale_shape(output: str, kernel_letters: str, sizes: dict[str, int]) -> tuple[int, ...]:
    """The int8 ``kernel_scale`` of an EinsumDense: per output letter, its size when the kernel
    has that axis, else 1 (``btd,dnh->btnh`` -> ``(1, 1, n, h)``)."""
    return tuple(sizes[c] if c in kernel_letters else 1 for c in output)


def refuse_ellipsis(equation: str) -> None:
    if "..." in equation:
        raise ShapeError(
            f"Keras cannot quantize an EinsumDense with an ellipsis equation ({equation!r}: "
            "its _analyze_quantization_info fails); write the equation's axes out"
        )
