"""Adaptive pooling (keras/src/layers/pooling): AdaptiveAverage/AdaptiveMaxPooling1D-3D.

The output's spatial size is fixed by ``output_size``, whatever the input's
(``(B, *output_size, C)``, channels_first ``(B, C, *output_size)``), so an
unknown input size is fine, and so is one smaller than ``output_size``.
Keras sets no InputSpec: any rank is accepted symbolically, the channels read
from the last (channels_first: the second) axis, and the rest only fails when
the model runs; archcalc reports what ``summary()`` shows.
"""

from __future__ import annotations

from typing import Any, ClassVar

from archcalc.catalog.args import REQUIRED, Arg, ArgError, Custom, DataFormat
from archcalc.catalog.base import Config, LayerKind, register_ranks
from archcalc.catalog.convolutional import channel_axis, with_spatial
from archcalc.shapes import Shape
from archcalc.textsafe import quote

# Keras checks the data format itself here, without lower-casing it.
DATA_FORMAT = DataFormat(("channels_last", "channels_first"))


def output_size(rank: int) -> Custom:
    """An int (repeated per spatial axis) or ``rank`` positive ints, as Keras's constructors take."""

    def check(value: Any) -> tuple[int, ...]:
        if isinstance(value, int) and not isinstance(value, bool):
            sizes: tuple[Any, ...] = (value,) * rank
        elif isinstance(value, (list, tuple)):
            if len(value) != rank:
                one = "one integer" if rank == 1 else f"{rank} integers (one per spatial axis)"
                raise ArgError(f"must be an integer or a list of {one}, got a list of {len(value)}")
            sizes = tuple(value)
        else:
            raise ValueError
        if any(not isinstance(s, int) or isinstance(s, bool) or s < 0 for s in sizes):
            raise ArgError(f"must hold non-negative integers, got {quote(value)}")
        return sizes

    item = {"type": "integer", "minimum": 0}
    schema = {"anyOf": [item, {"type": "array", "items": item, "minItems": rank, "maxItems": rank}]}
    what = "a non-negative integer" + ("" if rank == 1 else f" or a list of {rank} of them")
    return Custom(check, what, schema)


class BaseAdaptivePooling(LayerKind):
    """Pools each spatial axis into exactly ``output_size`` windows (PyTorch's adaptive windows)."""

    supports_masking = False
    takes_mask = False
    inference_identity = False
    data_movement = False
    trainable_lost_on_load = False

    family = "pooling"
    rank: ClassVar[int] = 2

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        cls.ARGS = (
            Arg("output_size", output_size(cls.rank), REQUIRED, "the output's spatial size"),
            Arg("data_format", DATA_FORMAT, "channels_last", "channels_last or channels_first"),
        )

    def output_shape(self, cfg: Config, inputs: list[Shape]) -> Shape:
        shape = inputs[0]
        return with_spatial(cfg, shape, list(cfg["output_size"]), shape[channel_axis(cfg)])


register_ranks(
    BaseAdaptivePooling,
    ("AdaptiveAveragePooling1D",),
    ("AdaptiveAveragePooling2D",),
    ("AdaptiveAveragePooling3D",),
)
register_ranks(
    BaseAdaptivePooling,
    ("AdaptiveMaxPooling1D",),
    ("AdaptiveMaxPooling2D",),
    ("AdaptiveMaxPooling3D",),
)
