"""``keras.ops.nn`` beyond activations, convolutions and pooling: one_hot/multi_hot,
losses, normalizations, attention, psnr, unfold/fold, depth_to_space...

These ops take their statistics or targets as call arguments (tensors or
constants); the output shape follows Keras's rules applied to those
arguments' shapes. Like every op, they have no weights.
"""

from __future__ import annotations

from typing import Any

from archcalc.catalog.args import BOOL
from archcalc.catalog.base import Config
from archcalc.catalog.ops_args import arg, axis_arg, dtype_arg
from archcalc.catalog.ops_base import OpKind, T, axis_index, integer, tensor
from archcalc.catalog.ops_define import define, define_all
from archcalc.catalog.ops_dtypes import FLOATX, result_type, strong
from archcalc.shapes import ShapeError, conv_output_length


class OneHot(OpKind):
    """``one_hot(x, num_classes, axis, dtype)``: a new axis of ``num_classes``."""

    data_movement = True

    module = "keras.src.ops.nn"
    doc = "a new axis of num_classes"

    def spec(self, cfg: Config, x: Any) -> T:
        shape = list(tensor(x).shape)
        axis, n = cfg["axis"], cfg["num_classes"]
        if axis == -1:
            shape.append(n)
        elif 0 <= axis < len(shape):
            shape.insert(axis, n)
        else:
            raise ShapeError(f"axis must be -1 or between [0, {len(shape)}), but received {axis}.")
        return T(tuple(shape), cfg.get("dtype") or FLOATX)


class MultiHot(OneHot):
    """``multi_hot(inputs, num_classes, axis)``: one-hot, then the second axis summed away."""

    counted_as = "read_once"

    doc = "num_classes per sample"
    data_movement = False  # the one-hot rows are summed

    def spec(self, cfg: Config, inputs: Any) -> T:
        x = tensor(inputs, "inputs")
        shape = list(super().spec(cfg, x).shape)
        shape = [shape[-1]] if len(shape) == 2 else [shape[0], *shape[2:]]
        return T(tuple(shape), x.dtype)


class Loss(OpKind):
    """``binary_crossentropy(target, output)`` and friends: per-sample losses."""

    counted_as = "loss"

    module = "keras.src.ops.nn"
    doc = "per-element or per-sample loss"

    def spec(self, cfg: Config, target: Any, output: Any) -> T:
        t, o = tensor(target, "target"), tensor(output, "output")
        name = self.keras_class
        if name == "SparseCategoricalCrossentropy":
            if not o.ndim:
                raise ShapeError(
                    f"Argument `output` must be at least rank 1. Received: output.shape={o}"
                )
            axis = axis_index(cfg["axis"], o.ndim)
            want = o.shape[:axis] + o.shape[axis + 1 :]
            got = t.shape[:-1] if t.ndim == o.ndim and t.shape[-1] == 1 else t.shape
            if got != want:
                raise ShapeError(
                    "Arguments `target` and `output` must have the same shape up until the last "
                    f"dimension: target.shape={t}, output.shape={o}"
                )
            return T(want, o.dtype)
        if t.shape != o.shape:
            raise ShapeError(
                f"Arguments `target` and `output` must have the same shape. Received: "
                f"target.shape={t}, output.shape={o}"
            )
        if name == "CategoricalCrossentropy":
            if not t.ndim:
                raise ShapeError("Arguments `target` and `output` must be at least rank 1.")
            return T(o.shape[:-1], o.dtype)
        return T(o.shape, o.dtype)


class CTCLoss(OpKind):
    """``ctc_loss(target, output, target_length, output_length)``: one loss per sample."""

    counted_as = "ctc"

    module = "keras.src.ops.nn"
    doc = "(batch,)"

    def spec(
        self, cfg: Config, target: Any, output: Any, target_length: Any, output_length: Any
    ) -> T:
        t, o = tensor(target, "target"), tensor(output, "output")
        return T((t.shape[0],), result_type((o.dtype, False), ("float32", False)))


class CTCDecode(OpKind):
    """``ctc_decode(inputs, sequence_lengths)``: decoded paths and their log-probabilities."""

    counted_as = "ctc"

    module = "keras.src.ops.nn"
    doc = "two outputs: (top_paths, batch, steps) and (batch, top_paths)"

    def spec(self, cfg: Config, inputs: Any, sequence_lengths: Any) -> list[T]:
        x = tensor(inputs, "inputs")
        paths = 1 if cfg["strategy"] == "greedy" else cfg["top_paths"]
        dtype = result_type((x.dtype, False), ("float32", False))
        return [T((paths, x.shape[0], x.shape[1]), "int32"), T((x.shape[0], paths), dtype)]


class SameAsFirst(OpKind):
    """``batch_normalization(x, mean, variance, ...)``, ``layer_normalization(x, ...)``,
    ``fake_quant...(inputs, min, max)``: the first tensor's shape and dtype."""

    counted_as = "normalization"

    module = "keras.src.ops.nn"
    doc = "the input's shape"

    def spec(self, cfg: Config, x: Any, *rest: Any, **kwargs: Any) -> T:
        x = tensor(x)
        if self.keras_class == "BatchNorm":
            want = (x.shape[axis_index(cfg["axis"], x.ndim)],)
            for what, v in zip(("mean", "variance", "offset", "scale"), rest, strict=False):
                if isinstance(v, T) and v.shape != want:
                    raise ShapeError(f"`{what}` must be a vector of length {want[0]}, got {v}")
        return T(x.shape, x.dtype)


class Attention(OpKind):
    """``dot_product_attention(query, key, value, bias, mask, scale)``: the query's shape."""

    counted_as = "attention"

    module = "keras.src.ops.nn"
    doc = "the query's shape"

    def spec(
        self,
        cfg: Config,
        query: Any,
        key: Any,
        value: Any,
        bias: Any = None,
        mask: Any = None,
        scale: Any = None,
    ) -> T:
        q, k, v = tensor(query, "query"), tensor(key, "key"), tensor(value, "value")
        return T(q.shape, strong(q.dtype, k.dtype, v.dtype))


class Scalar(OpKind):
    """``psnr(x1, x2, max_val)``: a float32 scalar; ``polar(abs_, angle)``: the shape."""

    counted_as = "elementwise"

    module = "keras.src.ops.nn"
    doc = "a scalar"

    def spec(self, cfg: Config, x1: Any, x2: Any) -> T:
        a, b = tensor(x1, "x1"), tensor(x2, "x2")
        if self.keras_class == "Polar":
            return T(a.shape, FLOATX)
        if a.ndim != b.ndim:
            raise ShapeError("Inputs must have the same rank")
        return T((), FLOATX)


class Unfold(OpKind):
    """``unfold(x, kernel_size, ...)``: ``(N, C*kH*kW, L)`` from ``(N, C, H, W)``."""

    data_movement = True

    module = "keras.src.ops.nn"
    doc = "(N, C*kH*kW, blocks)"

    def spec(self, cfg: Config, x: T) -> T:
        x = tensor(x)
        if x.ndim != 4:
            raise ShapeError(f"unfold needs a 4-D input (N, C, H, W), got {x}")
        n, c, h, w = x.shape
        kh, kw = _pair(cfg["kernel_size"])
        dh, dw = _pair(cfg["dilation"])
        ph, pw = _pair(cfg["padding"])
        sh, sw = _pair(cfg["stride"])

        # a valid convolution's windows over the zero-padded input
        oh = conv_output_length(None if h is None else h + 2 * ph, kh, sh, "valid", dh)
        ow = conv_output_length(None if w is None else w + 2 * pw, kw, sw, "valid", dw)
        blocks = None if oh is None or ow is None else oh * ow
        return T((n, None if c is None else c * kh * kw, blocks), x.dtype)


class Fold(OpKind):
    """``fold(x, output_size, kernel_size)``: ``(N, C, oH, oW)`` from ``(N, C*kH*kW, L)``."""

    counted_as = "read_once"

    module = "keras.src.ops.nn"
    doc = "(N, C, output_size)"

    def spec(self, cfg: Config, x: T) -> T:
        x = tensor(x)
        if x.ndim != 3:
            raise ShapeError(f"fold needs a 3-D input (N, C*kH*kW, L), got {x}")
        n, ckk, _ = x.shape
        kh, kw = _pair(cfg["kernel_size"])
        oh, ow = _pair(cfg["output_size"])
        if ckk is not None and ckk % (kh * kw):
            raise ShapeError(
                f"The second dimension of the input ({ckk}) must be divisible by kernel_size "
                f"product ({kh * kw})."
            )
        return T((n, None if ckk is None else ckk // (kh * kw), oh, ow), x.dtype)


def _pair(v: Any) -> tuple[int, int]:
    return (v, v) if isinstance(v, int) else (v[0], v[1])


class DepthSpace(OpKind):
    """``depth_to_space`` / ``space_to_depth(x, block_size, data_format)``."""

    data_movement = True

    module = "keras.src.ops.nn"
    doc = "channels to space, or back"

    def spec(self, cfg: Config, x: T) -> T:
        x = tensor(x)
        if x.ndim != 4:
            raise ShapeError(
                f"{self.keras_class} requires a 4D input tensor. Received: x.shape={x}"
            )
        last = cfg.get("data_format", "channels_last") == "channels_last"
        b, h, w, c = x.shape if last else (x.shape[0], x.shape[2], x.shape[3], x.shape[1])
        k = integer(cfg["block_size"], "block_size")
        if self.keras_class == "DepthToSpace":
            if c is not None and c % (k * k):
                raise ShapeError(
                    f"The number of channels ({c}) must be divisible by block_size**2 ({k * k})."
                )
            c, h, w = (_div(c, k * k), _mul(h, k), _mul(w, k))
        else:
            for what, v in (("Height", h), ("Width", w)):
                if v is not None and v % k:
                    raise ShapeError(f"{what} ({v}) must be divisible by block_size ({k}).")
            c, h, w = (_mul(c, k * k), _div(h, k), _div(w, k))
        return T((b, h, w, c) if last else (b, c, h, w), x.dtype)


def _mul(a: int | None, b: int) -> int | None:
    return None if a is None else a * b


def _div(a: int | None, b: int) -> int | None:
    return None if a is None else a // b


def _register() -> None:
    hot = (arg("num_classes"), axis_arg(-1), dtype_arg(), arg("sparse", False, BOOL))
    define(OneHot, "OneHot", "nn", hot)
    define(
        MultiHot,
        "MultiHot",
        "nn",
        (arg("num_classes", None), axis_arg(-1), dtype_arg(), arg("sparse", False, BOOL)),
    )
    logits = arg("from_logits", False, BOOL)
    define(Loss, "BinaryCrossentropy", "nn", (logits,))
    define(Loss, "CategoricalCrossentropy", "nn", (logits, axis_arg(-1)))
    define(Loss, "SparseCategoricalCrossentropy", "nn", (logits, axis_arg(-1)))
    define(CTCLoss, "CTCLoss", "nn", (arg("mask_index", 0),))
    define(CTCDecode, "CTCDecode", "nn",
           (arg("strategy", "greedy"), arg("beam_width", 100), arg("top_paths", 1),
            arg("merge_repeated", True, BOOL), arg("mask_index", 0)))  # fmt: skip
    define(SameAsFirst, "BatchNorm", "nn", (arg("axis"), arg("epsilon", 0.001)))
    define(
        SameAsFirst,
        "LayerNorm",
        "nn",
        (axis_arg(-1), arg("epsilon", None), arg("rms_scaling", False, BOOL)),
    )
    define(SameAsFirst, "RMSNorm", "nn", (axis_arg(-1), arg("epsilon", None)))
    define(SameAsFirst, "FakeQuantWithMinMaxVars", "quantizers",
           (arg("num_bits", 8), arg("narrow_range", False, BOOL), axis_arg(None)))  # fmt: skip
    define(Attention, "DotProductAttention", "nn",
           (arg("is_causal", False, BOOL), arg("flash_attention", None), arg("attn_logits_soft_cap", None)))  # fmt: skip
    define(Scalar, "PSNR", "nn", (arg("max_val"),))
    define(Scalar, "Polar", "nn", doc="the first input's shape, float32")
    define(
        Unfold,
        "Unfold",
        "nn",
        (arg("kernel_size"), arg("dilation", 1), arg("padding", 0), arg("stride", 1)),
    )
    define(Fold, "Fold", "nn",
           (arg("output_size"), arg("kernel_size"), arg("dilation", 1), arg("padding", 0), arg("stride", 1)))  # fmt: skip
    block = (arg("block_size"), arg("data_format", "channels_last"))
    define_all(DepthSpace, "DepthToSpace SpaceToDepth", "nn", block)


_register()
