"""``keras.ops.nn`` convolutions and pooling on a given kernel: conv, depthwise_conv,
separable_conv, conv_transpose, max_pool, average_pool, adaptive pools.

The kernel is a call argument (a tensor or a constant), so its shape sets the
window and the filters; the output size follows Keras's shape helpers (the
ones the layers use), errors included. Like every op, no weights.
"""

from __future__ import annotations

from typing import Any

from archcalc.catalog.base import Config
from archcalc.catalog.ops_args import DATA_FORMAT_ARG, arg
from archcalc.catalog.ops_base import OpKind, T, integer, tensor
from archcalc.catalog.ops_define import define, define_all
from archcalc.shapes import ShapeError, conv_output_length, conv_transpose_output_length


def _per_axis(value: Any, n: int, what: str) -> tuple[int, ...]:
    if isinstance(value, int) and not isinstance(value, bool):
        return (value,) * n
    if isinstance(value, list | tuple) and len(value) == n:
        return tuple(integer(v, what) for v in value)
    raise ShapeError(f"{what} must be an integer or a list of {n} integers, got {value!r}")


def _channels_last(cfg: Config) -> bool:
    return (cfg.get("data_format") or "channels_last") == "channels_last"


def _spatial(x: T, cfg: Config) -> tuple[int | None, ...]:
    return x.shape[1:-1] if _channels_last(cfg) else x.shape[2:]


def _assemble(x: T, cfg: Config, spatial: list[int | None], channels: int | None) -> tuple:
    if _channels_last(cfg):
        return (x.shape[0], *spatial, channels)
    return (x.shape[0], channels, *spatial)


def _windowed(
    x: T, cfg: Config, kernel: tuple[int, ...], strides: Any, dilation: Any = 1
) -> list[int | None]:
    spatial = _spatial(x, cfg)
    n = len(spatial)
    if len(kernel) != n:
        raise ShapeError(
            f"the window has {len(kernel)} axes but the input {x} has {n} spatial axes"
        )
    s = _per_axis(strides, n, "strides")
    d = _per_axis(dilation, n, "dilation_rate")
    padding = str(cfg.get("padding", "valid")).lower()
    if padding not in ("valid", "same", "causal"):
        raise ShapeError(f"padding must be 'valid' or 'same', got {padding!r}")
    out = [
        conv_output_length(L, k, st, padding, dl)
        for L, k, st, dl in zip(spatial, kernel, s, d, strict=True)
    ]
    if any(o is not None and o <= 0 for o in out):
        raise ShapeError(
            f"Computed output size would be zero or negative: input {x}, window {kernel}, "
            f"strides {s}, padding {padding!r}"
        )
    return out


def _check_channels(x: T, kernel: T, cfg: Config, at: int = -2) -> None:
    have = x.shape[-1] if _channels_last(cfg) else x.shape[1]
    want = kernel.shape[at]
    if have is not None and want is not None and have != want:
        raise ShapeError(
            "The number of input channels must match the kernel's input channels. Received: "
            f"input channels={have}, kernel input channels={want}, data_format="
            f"'{cfg.get('data_format') or 'channels_last'}'."
        )


class Conv(OpKind):
    """``conv(inputs, kernel, strides, padding)``: the kernel's spatial size and filters."""

    counted_as = "conv"

    module = "keras.src.ops.nn"
    doc = "a convolution with the given kernel"

    def spec(self, cfg: Config, inputs: Any, kernel: Any, pointwise_kernel: Any = None) -> T:
        x, k = tensor(inputs, "inputs"), tensor(kernel, "kernel")
        if k.ndim != x.ndim:
            raise ShapeError(
                f"Kernel shape must have the same length as input, but received kernel of "
                f"shape {k} and input of shape {x}."
            )
        _check_channels(x, k, cfg)
        window = tuple(integer(v, "kernel size") for v in k.shape[:-2])
        spatial = _windowed(x, cfg, window, cfg["strides"], cfg["dilation_rate"])
        name = self.keras_class
        if name == "DepthwiseConv":
            channels = (
                None if k.shape[-1] is None or k.shape[-2] is None else k.shape[-1] * k.shape[-2]
            )
        elif name == "SeparableConv":
            channels = tensor(pointwise_kernel, "pointwise_kernel").shape[-1]
        else:
            channels = k.shape[-1]
        return T(_assemble(x, cfg, spatial, channels), x.dtype)


class ConvTranspose(OpKind):
    """``conv_transpose(inputs, kernel, strides, padding, output_padding)``."""

    counted_as = "conv_transpose"

    module = "keras.src.ops.nn"
    doc = "a transposed convolution with the given kernel"

    def spec(self, cfg: Config, inputs: Any, kernel: Any) -> T:
        x, k = tensor(inputs, "inputs"), tensor(kernel, "kernel")
        _check_channels(x, k, cfg, at=-1)
        spatial = _spatial(x, cfg)
        n = len(spatial)
        window = tuple(integer(v, "kernel size") for v in k.shape[:-2])
        s = _per_axis(cfg["strides"], n, "strides")
        d = _per_axis(cfg["dilation_rate"], n, "dilation_rate")
        op = cfg.get("output_padding")
        ops = (None,) * n if op is None else _per_axis(op, n, "output_padding")
        padding = str(cfg["padding"]).lower()
        out = [
            conv_transpose_output_length(L, kk, st, padding, o, dl)
            for L, kk, st, o, dl in zip(spatial, window, s, ops, d, strict=True)
        ]
        return T(_assemble(x, cfg, out, k.shape[-2]), x.dtype)


class Pool(OpKind):
    """``max_pool(inputs, pool_size, strides, padding)``."""

    counted_as = "pool"

    module = "keras.src.ops.nn"
    doc = "pooling windows"

    def spec(self, cfg: Config, inputs: Any) -> T:
        x = tensor(inputs, "inputs")
        n = len(_spatial(x, cfg))
        window = _per_axis(cfg["pool_size"], n, "pool_size")
        strides = cfg.get("strides")
        spatial = _windowed(x, cfg, window, window if strides is None else strides)
        channels = x.shape[-1] if _channels_last(cfg) else x.shape[1]
        return T(_assemble(x, cfg, spatial, channels), x.dtype)


class AdaptivePool(OpKind):
    """``adaptive_average_pool(inputs, output_size)``: as Keras builds it, the output size
    replaces the last ``len(output_size)`` axes before the channels (channels_last)."""

    counted_as = "adaptive_pool"

    module = "keras.src.ops.nn"
    doc = "output_size spatial axes"

    def spec(self, cfg: Config, inputs: Any) -> T:
        x = tensor(inputs, "inputs")
        size = cfg["output_size"]
        size = (size,) if isinstance(size, int) else tuple(size)
        if _channels_last(cfg):
            return T((*x.shape[: -len(size)], *size, x.shape[-1]), x.dtype)
        return T((x.shape[0], x.shape[1], *size), x.dtype)


def _register() -> None:
    conv = (arg("strides", 1), arg("padding", "valid"), DATA_FORMAT_ARG, arg("dilation_rate", 1))
    define_all(Conv, "Conv DepthwiseConv SeparableConv", "nn", conv)
    define(ConvTranspose, "ConvTranspose", "nn",
           (arg("strides", 1), arg("padding", "valid"), arg("output_padding", None), DATA_FORMAT_ARG,
            arg("dilation_rate", 1)))  # fmt: skip
    pool = (arg("pool_size"), arg("strides", None), arg("padding", "valid"), DATA_FORMAT_ARG)
    define_all(Pool, "MaxPool AveragePool", "nn", pool)
    define_all(
        AdaptivePool,
        "AdaptiveMaxPool AdaptiveAveragePool",
        "nn",
        (arg("output_size"), DATA_FORMAT_ARG),
    )


_register()
