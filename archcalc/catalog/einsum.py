"""EinsumDense and ReversibleEmbedding (keras/src/layers/core): the building blocks of
keras_hub's transformer backbones.

EinsumDense multiplies its input by a kernel along an einsum equation
(``"abc,cde->abde"``). Its shapes follow Keras's ``_analyze_einsum_string``
to the letter, quirks included, because that is what ``summary()`` shows:

- the output is ``(batch,) + output_shape``, with a ``None`` kept as ``None``
  even where the input knows the size (``"abc,cd->abd"`` with
  ``output_shape: [null, 64]`` on ``(None, 10, 32)`` gives ``(None, None, 64)``);
- a left ellipsis (``"...b,bc->...c"``) lists the elided axes in reverse
  order (``(None, 3, 4, 8)`` -> ``(None, 4, 3, 16)``) and a right one appends
  them after ``output_shape``, Nones included;
- the kernel takes, letter by letter, the output's size where the letter is in
  the output, else the input's; the bias one size per ``bias_axes`` letter from
  its first one to the end of the output (1 for the letters between).

ReversibleEmbedding is an Embedding that can also be called with
``reverse: true`` (a call argument: ``kwargs: {reverse: true}`` on the entry or
on a ``share:`` entry): then the last axis becomes ``input_dim``, projecting
through the transposed table (or its own ``reverse_embeddings`` when
``tie_weights`` is false). Keras does not check the input's last axis there.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from archcalc.catalog.activation_names import ACTIVATION
from archcalc.catalog.arg_shapes import shape_arg
from archcalc.catalog.args import BOOL, REQUIRED, Arg, ArgError, Float, Nullable, Str
from archcalc.catalog.base import Config, LayerKind, WeightSpec, register, require
from archcalc.catalog.core import LORA_ARGS, Embedding, lora_weights
from archcalc.catalog.dtypes import quantization
from archcalc.catalog.keras_objects import weight_args
from archcalc.catalog.quantize import (
    einsum_scale_shape,
    embedding_weights,
    kernel_weights,
    refuse_ellipsis,
)
from archcalc.shapes import Shape, ShapeError, format_shape
from archcalc.textsafe import quote

# Keras matches these at the start of the equation, "..." written as "0" (re.match).
_FORMS = (
    (re.compile("([a-zA-Z]+),([a-zA-Z]+)->([a-zA-Z]+)"), False),
    (re.compile("0([a-zA-Z]+),([a-zA-Z]+)->0([a-zA-Z]+)"), True),
    (re.compile("([a-zA-Z]{2,})0,([a-zA-Z]+)->([a-zA-Z]+)0"), False),
)
FORMS_TEXT = "[X],[Y]->[Z], ...[X],[Y]->...[Z] or [X]...,[Y]->[Z]..."


@dataclass(frozen=True)
class Equation:
    """An EinsumDense equation, split as Keras splits it."""

    input: str
    kernel: str
    output: str
    left_elided: bool


def parse_equation(equation: str) -> Equation:
    replaced = equation.replace("...", "0")
    for pattern, left in _FORMS:
        m = pattern.match(replaced)
        if m:
            return Equation(m.group(1), m.group(2), m.group(3), left)
    raise ArgError(
        f"equation must be an einsum equation of the form {FORMS_TEXT} (input, kernel -> "
        f"output), got {quote(equation)}",
        "equation",
    )


@dataclass(frozen=True)
class EinsumShapes:
    """What Keras's analysis gives: the output shape, and the kernel's and bias's."""

    output: Shape
    kernel: tuple[int | None, ...]
    bias: tuple[int | None, ...] | None
    elided: int


def _at(seq: Sequence[Any], index: int, why: str) -> Any:
    try:
        return seq[index]
    except IndexError:  # Keras: "IndexError: tuple index out of range"
        raise ShapeError(why) from None


def analyze(cfg: Config, shape: Shape) -> EinsumShapes:
    """Keras's ``_analyze_einsum_string`` for this input shape (batch included)."""
    eq = parse_equation(cfg["equation"])
    elided = len(shape) - len(eq.input)
    out: list[int | None] = [shape[0], *cfg["output_shape"]]
    if elided > 0 and eq.left_elided:
        for i in range(1, elided):
            out.insert(1, shape[i])  # one at a time at position 1: Keras reverses them
    elif elided > 0:
        out += shape[len(shape) - elided :]
    if eq.left_elided:
        in_at = {d: i + elided - len(shape) for i, d in enumerate(eq.input)}
        out_at = {d: i + elided for i, d in enumerate(eq.output)}
    else:
        in_at = {d: i for i, d in enumerate(eq.input)}
        out_at = {d: i for i, d in enumerate(eq.output)}
    rank_why = (
        f"the equation's input {quote(eq.input)} names {len(eq.input)} axes (batch included), "
        f"which the input {format_shape(shape)} does not have; write the equation for this "
        "input's rank (or use an ellipsis, '...')"
    )
    sizes_why = (
        f"output_shape {list(cfg['output_shape'])} gives {len(cfg['output_shape'])} size(s), "
        f"but the equation's output {quote(eq.output)} needs one per axis after the batch "
        f"({len(eq.output) - 1}); give output_shape that many sizes, null where unknown"
    )
    for d in eq.input:
        have = _at(shape, in_at[d], rank_why)
        if d in out_at:
            want = _at(out, out_at[d], sizes_why)
            if want is not None and want != have:
                raise ShapeError(
                    f"output_shape does not match the input at the shared axis {quote(d)} of "
                    f"{quote(cfg['equation'])}: the input {format_shape(shape)} has {have} there, "
                    f'output_shape gives {want} (Keras: "Input shape and output shape do not '
                    f"match at shared dimension '{d}'\"); give {have} or null"
                )
    for d in eq.output:
        if d not in eq.input and d not in eq.kernel:
            raise ShapeError(
                f"the output axis {quote(d)} of {quote(cfg['equation'])} is in neither the input "
                f"{quote(eq.input)} nor the kernel {quote(eq.kernel)}"
            )
    kernel: list[int | None] = []
    for d in eq.kernel:
        if d in out_at:
            kernel.append(_at(out, out_at[d], sizes_why))
        elif d in in_at:
            kernel.append(_at(shape, in_at[d], rank_why))
        else:
            raise ShapeError(
                f"the kernel axis {quote(d)} of {quote(cfg['equation'])} is in neither the input "
                f"{quote(eq.input)} nor the output {quote(eq.output)}: Keras needs every kernel "
                "axis sized by one of them"
            )
    bias = None
    if cfg["bias_axes"] is not None:
        skip = elided if eq.left_elided else 0
        sizes = {c: _at(out, i + skip, sizes_why) for i, c in enumerate(eq.output)}
        first = min(eq.output.find(c) for c in cfg["bias_axes"])
        bias = [sizes[c] if c in cfg["bias_axes"] else 1 for c in eq.output[first:]]
        if not eq.left_elided:
            bias += [1] * max(elided, 0)
    return EinsumShapes(tuple(out), tuple(kernel), None if bias is None else tuple(bias), elided)


def _known(shape: tuple[int | None, ...], what: str, cfg: Config, inp: Shape) -> tuple[int, ...]:
    if None in shape:
        raise ShapeError(
            f"the {what} of {quote(cfg['equation'])} on {format_shape(inp)} would be "
            f'{format_shape(shape)}, but weights need every size known (Keras: "Shapes used to '
            'initialize variables must be fully-defined"); give the input (or output_shape) a '
            f"size for each {what} axis"
        )
    return shape  # type: ignore[return-value]


@register("EinsumDense", family="core")
class EinsumDense(LayerKind):
    """A dense layer along an einsum equation; output ``(batch,) + output_shape`` (Keras's quirks)."""

    #: the equation analysis, for the cost rule (analysis/ asks the kind: no import of this family)
    parse_equation = staticmethod(parse_equation)
    equation_shapes = staticmethod(analyze)

    weights_doc = (
        "``kernel`` (one size per kernel letter), ``bias`` (one per ``bias_axes`` letter onwards)"
    )

    supports_masking = False
    takes_mask = False
    inference_identity = False
    data_movement = False
    trainable_lost_on_load = False

    ARGS = (
        Arg("equation", Str(), REQUIRED, "input,kernel->output, e.g. 'abc,cd->abd'"),
        Arg(
            "output_shape",
            shape_arg(),
            REQUIRED,
            "the output without the batch axis (and the ellipsis axes); null where unknown",
        ),
        Arg("activation", ACTIVATION, None, display=True),
        Arg("bias_axes", Nullable(Str()), None, "output letters that get a bias; null: no bias"),
        *weight_args("kernel", "bias"),
        *LORA_ARGS,
        Arg("gptq_unpacked_column_size", display=True),
        Arg("quantization_config", display=True),
    )

    def validate(self, cfg: Config) -> None:
        eq = parse_equation(cfg["equation"])
        bias_axes = cfg["bias_axes"]
        if bias_axes is not None:
            require(bias_axes != "", "bias_axes must name output letters, or be null", "bias_axes")
            for c in bias_axes:
                require(
                    c in eq.output,
                    f"bias_axes names {quote(c)}, which is not a letter of the output "
                    f"{quote(eq.output)} "
                    f"(Keras: \"Bias dimension '{c}' was requested, but is not part of the "
                    'output spec")',
                    "bias_axes",
                )
        require(
            not (cfg["lora_rank"] and cfg["kernel_constraint"] is not None),
            'lora_rank cannot be combined with kernel_constraint (Keras: "Lora is incompatible with '
            'kernel constraints"); remove one of them',
            "lora_rank",
        )

    def output_shape(self, cfg: Config, inputs: list[Shape]) -> Shape:
        return analyze(cfg, inputs[0]).output

    def weights(self, cfg: Config, inputs: list[Shape]) -> list[WeightSpec]:
        found = analyze(cfg, inputs[0])
        kernel = _known(found.kernel, "kernel", cfg, inputs[0])
        w = lora_weights(kernel, kernel[-1], cfg["lora_rank"])
        bias = None
        if found.bias is not None:
            bias = WeightSpec("bias", _known(found.bias, "bias", cfg, inputs[0]))
        q = quantization(cfg.get("dtype"))
        if q is not None:  # Keras's quantized variables (catalog/quantize.py)
            eq = parse_equation(cfg["equation"])
            refuse_ellipsis(cfg["equation"])
            sizes = dict(zip(eq.kernel, kernel, strict=True))
            contracted = math.prod(sizes[c] for c in eq.kernel if c not in eq.output)
            scale = einsum_scale_shape(eq.output, eq.kernel, sizes)
            return kernel_weights(q, kernel, contracted, scale, bias, w[1:])
        if bias is not None:
            w.insert(1, bias)
        return w


@register("ReversibleEmbedding", family="core")
class ReversibleEmbedding(Embedding):
    """An Embedding that also projects back: ``kwargs: {reverse: true}`` gives ``(..., input_dim)``.

    It does not support masking (Keras's ``compute_mask`` returns None, ``mask_zero`` or not), and
    its reverse call is a matmul, so it is not a pure lookup as Embedding is.
    """

    supports_masking = False
    data_movement = False

    weights_doc = (
        "``embeddings`` ``(input_dim, output_dim)``; ``reverse_embeddings`` "
        "``(output_dim, input_dim)`` unless ``tie_weights``"
    )

    ARGS = (
        *Embedding.ARGS[:2],
        Arg("tie_weights", BOOL, True, "reverse through the transposed table (no second table)"),
        *Embedding.ARGS[2:],
        Arg("reverse_dtype", Nullable(Str()), None, display=True),
        Arg("logit_soft_cap", Nullable(Float()), None, "reverse: cap * tanh(logits / cap)"),
    )
    CALL_ARGS = (Arg("reverse", BOOL, False, "project (..., output_dim) back to (..., input_dim)"),)

    def validate(self, cfg: Config) -> None:
        super().validate(cfg)
        require(
            not (cfg["lora_rank"] and not cfg["tie_weights"]),
            "lora_rank cannot be combined with tie_weights: false (Keras 3.15 fails to build it: "
            "enabling LoRA locks the layer before reverse_embeddings is made); remove one of them",
            "lora_rank",
        )

    def output_shape(self, cfg: Config, inputs: list[Shape]) -> Shape:
        if cfg.get("reverse"):
            return (*inputs[0][:-1], cfg["input_dim"])
        return super().output_shape(cfg, inputs)

    def weights(self, cfg: Config, inputs: list[Shape]) -> list[WeightSpec]:
        q = quantization(cfg.get("dtype"))
        if q is not None:
            return embedding_weights(q, cfg["input_dim"], cfg["output_dim"], cfg["tie_weights"])
        w = super().weights(cfg, inputs)
        if not cfg["tie_weights"]:
            w.append(WeightSpec("reverse_embeddings", (cfg["output_dim"], cfg["input_dim"])))
        return w
