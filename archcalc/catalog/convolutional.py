"""Convolutions (keras/src/layers/convolutional): one BaseConv(rank) for Conv1D/2D/3D."""

from __future__ import annotations

from typing import ClassVar

from archcalc.catalog.args import (
    ACTIVATION,
    BOOL,
    DATA_FORMAT,
    POS_INT,
    REQUIRED,
    Arg,
    Choice,
    IntTuple,
    weight_args,
)
from archcalc.catalog.base import Config, LayerKind, WeightSpec, known_dim, register, require
from archcalc.catalog.core import LORA_ARGS, lora_weights
from archcalc.shapes import Shape, ShapeError, conv_output_length, format_shape


def channel_axis(cfg: Config) -> int:
    return 1 if cfg["data_format"] == "channels_first" else -1


def spatial_axes(cfg: Config, rank: int) -> range:
    """Indices of the spatial axes in a (batch, ...) shape of this rank."""
    return range(2, 2 + rank) if cfg["data_format"] == "channels_first" else range(1, 1 + rank)


def windowed_lengths(
    cfg: Config,
    shape: Shape,
    rank: int,
    kernel: tuple[int, ...],
    strides: tuple[int, ...],
    padding: str,
    dilation: tuple[int, ...] | None = None,
    what: str = "kernel_size",
) -> list[int | None]:
    """Output spatial lengths of a conv or pooling window; errors name the axis.

    Shared by every convolution and pooling kind, so "larger than the input"
    reads the same everywhere.
    """
    out = []
    for i, axis in enumerate(spatial_axes(cfg, rank)):
        d = dilation[i] if dilation else 1
        n = shape[axis]
        length = conv_output_length(n, kernel[i], strides[i], padding, d)
        if length is not None and length <= 0:
            k_eff = (kernel[i] - 1) * d + 1
            size = f"{kernel[i]}" if d == 1 else f"{kernel[i]} (dilated to {k_eff})"
            raise ShapeError(
                f"{what} {size} is larger than the input ({n}) on axis {axis} with padding "
                f"'{padding}'; use a smaller {what}, padding 'same', or a larger input "
                f"(input shape {format_shape(shape)})"
            )
        out.append(length)
    return out


def with_spatial(
    cfg: Config, shape: Shape, lengths: list[int | None], channels: int | None
) -> Shape:
    """Rebuild a (batch, spatial..., channels) shape in the layer's data format."""
    if cfg["data_format"] == "channels_first":
        return (shape[0], channels, *lengths)
    return (shape[0], *lengths, channels)


def conv_args(rank: int, filters: bool = True, transpose: bool = False) -> tuple[Arg, ...]:
    paddings = ("valid", "same", "causal") if rank == 1 and not transpose else ("valid", "same")
    args = [
        Arg("kernel_size", IntTuple(rank), REQUIRED, "window size: an int or one per spatial axis"),
        Arg("strides", IntTuple(rank), 1),
        Arg("padding", Choice(paddings, lower=True), "valid"),
        Arg(
            "data_format", DATA_FORMAT, "channels_last", "channels_last (default) or channels_first"
        ),
        Arg("dilation_rate", IntTuple(rank), 1),
        Arg("activation", ACTIVATION, None, display=True),
        Arg("use_bias", BOOL, True),
    ]
    if filters:
        args.insert(0, Arg("filters", POS_INT, REQUIRED, "number of output channels"))
    return tuple(args)


class BaseConv(LayerKind):
    """Conv1D/2D/3D: kernel ``k + (C_in // groups, filters)`` plus a bias of ``filters``."""

    rank: ClassVar[int] = 2
    family = "convolutional"

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        cls.ndim = cls.rank + 2
        cls.ARGS = (
            *conv_args(cls.rank),
            Arg("groups", POS_INT, 1),
            *weight_args("kernel", "bias"),
            *LORA_ARGS,
        )

    def validate(self, cfg: Config) -> None:
        require(
            cfg["filters"] % cfg["groups"] == 0,
            f"filters ({cfg['filters']}) must be divisible by groups ({cfg['groups']})",
            "groups",
        )
        require(
            not (max(cfg["strides"]) > 1 and max(cfg["dilation_rate"]) > 1),
            f"strides {cfg['strides']} > 1 cannot be combined with dilation_rate "
            f"{cfg['dilation_rate']} > 1 (Keras refuses it); set one of them to 1",
            "strides",
        )

    def in_channels(self, cfg: Config, shape: Shape) -> int:
        c = known_dim(shape, channel_axis(cfg), "channel dimension")
        if c % cfg["groups"]:
            raise ShapeError(
                f"the input has {c} channels, which groups={cfg['groups']} does not divide "
                f"(input shape {format_shape(shape)})"
            )
        return c

    def output_shape(self, cfg: Config, inputs: list[Shape]) -> Shape:
        shape = inputs[0]
        lengths = windowed_lengths(
            cfg,
            shape,
            self.rank,
            cfg["kernel_size"],
            cfg["strides"],
            cfg["padding"],
            cfg["dilation_rate"],
        )
        return with_spatial(cfg, shape, lengths, cfg["filters"])

    def weights(self, cfg: Config, inputs: list[Shape]) -> list[WeightSpec]:
        c = self.in_channels(cfg, inputs[0])
        kernel = (*cfg["kernel_size"], c // cfg["groups"], cfg["filters"])
        w = lora_weights(kernel, cfg["filters"], cfg["lora_rank"])
        if cfg["use_bias"]:
            w.append(WeightSpec("bias", (cfg["filters"],)))
        return w

    def build_axes(self, cfg: Config, inputs: list[Shape]) -> dict[int, int]:
        c = inputs[0][channel_axis(cfg)]
        return {channel_axis(cfg): c} if c is not None else {}


@register("Conv1D", "Convolution1D")
class Conv1D(BaseConv):
    rank = 1


@register("Conv2D", "Convolution2D")
class Conv2D(BaseConv):
    rank = 2


@register("Conv3D", "Convolution3D")
class Conv3D(BaseConv):
    rank = 3
