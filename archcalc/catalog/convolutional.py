"""Convolutions (keras/src/layers/convolutional), one base class per family with a rank.

Conv1D-3D (BaseConv), Conv1D-3DTranspose (BaseConvTranspose),
DepthwiseConv1D/2D (BaseDepthwiseConv) and SeparableConv1D/2D
(BaseSeparableConv). Lengths come from ``shapes.conv_output_length`` and
``shapes.conv_transpose_output_length`` only.
"""

from __future__ import annotations

from typing import ClassVar

from archcalc.catalog.activation_names import ACTIVATION
from archcalc.catalog.args import (
    BOOL,
    DATA_FORMAT,
    POS_INT,
    REQUIRED,
    Arg,
    Choice,
    IntTuple,
    Nullable,
)
from archcalc.catalog.base import (
    Config,
    LayerKind,
    WeightSpec,
    known_dim,
    register_ranks,
    require,
)
from archcalc.catalog.core import LORA_ARGS, lora_weights
from archcalc.catalog.keras_objects import weight_args
from archcalc.shapes import (
    Shape,
    ShapeError,
    conv_output_length,
    conv_transpose_output_length,
    format_shape,
)


def channel_axis(cfg: Config) -> int:
    return 1 if cfg.get("data_format") == "channels_first" else -1


def spatial_axes(cfg: Config, rank: int) -> range:
    """Indices of the spatial axes in a (batch, ...) shape of this rank."""
    return range(2, 2 + rank) if cfg.get("data_format") == "channels_first" else range(1, 1 + rank)


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
    if cfg.get("data_format") == "channels_first":
        return (shape[0], channels, *lengths)
    return (shape[0], *lengths, channels)


def conv_args(
    rank: int, filters: bool = True, transpose: bool = False, causal: bool | None = None
) -> tuple[Arg, ...]:
    """The arguments every convolution shares; ``causal`` padding is Conv1D's alone by default."""
    if causal is None:
        causal = rank == 1 and not transpose
    paddings = ("valid", "same", "causal") if causal else ("valid", "same")
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


DEPTH_MULTIPLIER = Arg(
    "depth_multiplier", POS_INT, 1, "output channels per input channel of the depthwise step"
)


def check_strides_dilation(cfg: Config) -> None:
    require(
        not (max(cfg["strides"]) > 1 and max(cfg["dilation_rate"]) > 1),
        f"strides {cfg['strides']} > 1 cannot be combined with dilation_rate "
        f"{cfg['dilation_rate']} > 1 (Keras refuses it); set one of them to 1",
        "strides",
    )


class ConvKind(LayerKind):
    """What every convolution shares: rank, data format, ``filters`` output channels (the
    depthwise convs override that), the channel axis its weights pin."""

    supports_masking = False
    takes_mask = False
    inference_identity = False
    data_movement = False
    trainable_lost_on_load = False

    rank: ClassVar[int] = 2
    family = "convolutional"

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        cls.ndim = cls.rank + 2

    def channels(self, cfg: Config, shape: Shape) -> int:
        return known_dim(shape, channel_axis(cfg), "channel dimension")

    def lengths(self, cfg: Config, shape: Shape) -> list[int | None]:
        return windowed_lengths(
            cfg,
            shape,
            self.rank,
            cfg["kernel_size"],
            cfg["strides"],
            cfg["padding"],
            cfg["dilation_rate"],
        )

    def output_shape(self, cfg: Config, inputs: list[Shape]) -> Shape:
        return with_spatial(cfg, inputs[0], self.lengths(cfg, inputs[0]), cfg["filters"])

    def build_axes(self, cfg: Config, inputs: list[Shape]) -> dict[int, int]:
        c = inputs[0][channel_axis(cfg)]
        return {channel_axis(cfg): c} if c is not None else {}


def with_bias(cfg: Config, weights: list[WeightSpec], size: int) -> list[WeightSpec]:
    if cfg["use_bias"]:
        weights.append(WeightSpec("bias", (size,)))
    return weights


class BaseConv(ConvKind):
    """Conv1D/2D/3D: kernel ``k + (C_in // groups, filters)`` plus a bias of ``filters``."""

    #: the weights it creates, for the catalog reference (docs/layers.md)
    weights_doc = "``kernel`` ``kernel_size + (C_in // groups, filters)``, ``bias`` ``(filters,)``"

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        cls.ARGS = (
            *conv_args(cls.rank),
            Arg("groups", POS_INT, 1),
            *weight_args("kernel", "bias"),
            *LORA_ARGS,
        )

    def validate(self, cfg: Config) -> None:
        super().validate(cfg)
        require(
            cfg["filters"] % cfg["groups"] == 0,
            f"filters ({cfg['filters']}) must be divisible by groups ({cfg['groups']})",
            "groups",
        )
        check_strides_dilation(cfg)

    def channels(self, cfg: Config, shape: Shape) -> int:
        c = super().channels(cfg, shape)
        if c % cfg["groups"]:
            raise ShapeError(
                f"the input has {c} channels, which groups={cfg['groups']} does not divide "
                f"(input shape {format_shape(shape)})"
            )
        return c

    def weights(self, cfg: Config, inputs: list[Shape]) -> list[WeightSpec]:
        c = self.channels(cfg, inputs[0])
        kernel = (*cfg["kernel_size"], c // cfg["groups"], cfg["filters"])
        w = lora_weights(kernel, cfg["filters"], cfg["lora_rank"])
        return [*with_bias(cfg, w[:1], cfg["filters"]), *w[1:]]  # LoRA factors come last


register_ranks(
    BaseConv, ("Conv1D", "Convolution1D"), ("Conv2D", "Convolution2D"), ("Conv3D", "Convolution3D")
)


class BaseConvTranspose(ConvKind):
    """Conv1D-3DTranspose: kernel ``k + (filters, C_in)`` plus a bias of ``filters``.

    Each length is ``conv_transpose_output_length``; an ``output_padding``
    must be smaller than the stride on its axis.
    """

    #: the weights it creates, for the catalog reference (docs/layers.md)
    weights_doc = "``kernel`` ``kernel_size + (filters, C_in)``, ``bias`` ``(filters,)``"

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        args = list(conv_args(cls.rank, transpose=True))
        args.insert(
            4,
            Arg(
                "output_padding",
                Nullable(IntTuple(cls.rank, min=0)),
                None,
                "extra length added to one side of each output axis; each < strides",
            ),
        )
        cls.ARGS = (*args, *weight_args("kernel", "bias"))

    def validate(self, cfg: Config) -> None:
        super().validate(cfg)
        if cfg["output_padding"] is not None:
            for i, (op, s) in enumerate(zip(cfg["output_padding"], cfg["strides"], strict=True)):
                require(
                    op < s,
                    f"output_padding must be smaller than strides on every axis, but on axis {i} "
                    f"it is {op} with strides {s}; use output_padding < {s} (or null)",
                    "output_padding",
                )
        check_strides_dilation(cfg)

    def lengths(self, cfg: Config, shape: Shape) -> list[int | None]:
        op = cfg["output_padding"]
        return [
            conv_transpose_output_length(
                shape[axis],
                cfg["kernel_size"][i],
                cfg["strides"][i],
                cfg["padding"],
                None if op is None else op[i],
                cfg["dilation_rate"][i],
            )
            for i, axis in enumerate(spatial_axes(cfg, self.rank))
        ]

    def weights(self, cfg: Config, inputs: list[Shape]) -> list[WeightSpec]:
        kernel = (*cfg["kernel_size"], cfg["filters"], self.channels(cfg, inputs[0]))
        return with_bias(cfg, [WeightSpec("kernel", kernel)], cfg["filters"])


register_ranks(
    BaseConvTranspose,
    ("Conv1DTranspose", "Convolution1DTranspose"),
    ("Conv2DTranspose", "Convolution2DTranspose"),
    ("Conv3DTranspose", "Convolution3DTranspose"),
)


class BaseDepthwiseConv(ConvKind):
    """DepthwiseConv1D/2D: one filter bank per channel, ``C_in * depth_multiplier`` outputs.

    Kernel ``k + (C_in, depth_multiplier)``; Keras allows strides and
    dilation together here, and no causal padding.
    """

    #: the weights it creates, for the catalog reference (docs/layers.md)
    weights_doc = "``kernel`` ``kernel_size + (C_in, depth_multiplier)``, ``bias`` ``(C_in * depth_multiplier,)``"

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        cls.ARGS = (
            *conv_args(cls.rank, filters=False, causal=False),
            DEPTH_MULTIPLIER,
            *weight_args("depthwise", "bias"),
        )

    def output_shape(self, cfg: Config, inputs: list[Shape]) -> Shape:
        c = self.channels(cfg, inputs[0])
        lengths = self.lengths(cfg, inputs[0])
        return with_spatial(cfg, inputs[0], lengths, c * cfg["depth_multiplier"])

    def weights(self, cfg: Config, inputs: list[Shape]) -> list[WeightSpec]:
        c, m = self.channels(cfg, inputs[0]), cfg["depth_multiplier"]
        return with_bias(cfg, [WeightSpec("kernel", (*cfg["kernel_size"], c, m))], c * m)


register_ranks(BaseDepthwiseConv, ("DepthwiseConv1D",), ("DepthwiseConv2D",))


class BaseSeparableConv(ConvKind):
    """SeparableConv1D/2D: a depthwise step, then a 1x1 pointwise conv to ``filters``.

    Depthwise kernel ``k + (C_in, dm)``, pointwise ``(1,)*rank + (C_in*dm,
    filters)``, bias ``(filters,)``.
    """

    #: the weights it creates, for the catalog reference (docs/layers.md)
    weights_doc = "``depthwise_kernel``, ``pointwise_kernel``, ``bias`` ``(filters,)``"

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        cls.ARGS = (
            *conv_args(cls.rank, causal=False),
            DEPTH_MULTIPLIER,
            *weight_args("depthwise", "pointwise", "bias"),
        )

    def weights(self, cfg: Config, inputs: list[Shape]) -> list[WeightSpec]:
        c, m, f = self.channels(cfg, inputs[0]), cfg["depth_multiplier"], cfg["filters"]
        w = [
            WeightSpec("depthwise_kernel", (*cfg["kernel_size"], c, m)),
            WeightSpec("pointwise_kernel", (*(1,) * self.rank, c * m, f)),
        ]
        return with_bias(cfg, w, f)


register_ranks(
    BaseSeparableConv,
    ("SeparableConv1D", "SeparableConvolution1D"),
    ("SeparableConv2D", "SeparableConvolution2D"),
)
