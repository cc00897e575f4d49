"""Pooling (keras/src/layers/pooling): one BasePooling(rank) for Max/Average 1D-3D."""

from __future__ import annotations

from typing import ClassVar

from archcalc.catalog.args import DATA_FORMAT, REQUIRED, Arg, Choice, IntTuple, Nullable
from archcalc.catalog.base import Config, LayerKind, register
from archcalc.catalog.convolutional import channel_axis, windowed_lengths, with_spatial
from archcalc.shapes import Shape


class BasePooling(LayerKind):
    """A window reduced to one value; ``strides`` default to ``pool_size``.

    Keras's pooling ``padding`` is case-sensitive ('SAME' is refused), unlike
    the convolutions'.
    """

    rank: ClassVar[int] = 2
    mode: ClassVar[str] = "max"
    family = "pooling"

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        cls.ndim = cls.rank + 2
        # MaxPooling has a default pool size of 2; AveragePooling has none.
        default = 2 if cls.mode == "max" else REQUIRED
        cls.ARGS = (
            Arg(
                "pool_size",
                IntTuple(cls.rank),
                default,
                "window size: an int or one per spatial axis",
            ),
            Arg("strides", Nullable(IntTuple(cls.rank)), None, "defaults to pool_size"),
            Arg("padding", Choice(("valid", "same")), "valid"),
            Arg("data_format", DATA_FORMAT, "channels_last"),
        )

    def validate(self, cfg: Config) -> None:
        cfg["strides"] = cfg["strides"] or cfg["pool_size"]

    def output_shape(self, cfg: Config, inputs: list[Shape]) -> Shape:
        shape = inputs[0]
        lengths = windowed_lengths(
            cfg,
            shape,
            self.rank,
            cfg["pool_size"],
            cfg["strides"],
            cfg["padding"],
            what="pool_size",
        )
        return with_spatial(cfg, shape, lengths, shape[channel_axis(cfg)])


@register("MaxPooling1D", "MaxPool1D")
class MaxPooling1D(BasePooling):
    rank, mode = 1, "max"


@register("MaxPooling2D", "MaxPool2D")
class MaxPooling2D(BasePooling):
    rank, mode = 2, "max"


@register("MaxPooling3D", "MaxPool3D")
class MaxPooling3D(BasePooling):
    rank, mode = 3, "max"


@register("AveragePooling1D", "AvgPool1D")
class AveragePooling1D(BasePooling):
    rank, mode = 1, "average"


@register("AveragePooling2D", "AvgPool2D")
class AveragePooling2D(BasePooling):
    rank, mode = 2, "average"


@register("AveragePooling3D", "AvgPool3D")
class AveragePooling3D(BasePooling):
    rank, mode = 3, "average"
