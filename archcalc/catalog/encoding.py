"""Categorical encodings (keras/src/layers/preprocessing): Hashing, HashedCrossing,
CategoryEncoding, Discretization, and what the lookup layers share with them.

None has weights. Their cost is a lookup's, none (docs/costs.md): hashing, bucketing and
scattering ones into an encoding are not arithmetic archcalc counts. The output dtypes are
Keras's symbolic ones (``int`` modes give int64, Discretization's int32), which is what
memory estimates use; a string input has no fixed size, so a model with one gets no
activation total.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from archcalc.catalog.args import (
    BOOL,
    NONNEG_INT,
    POS_INT,
    REQUIRED,
    AnyValue,
    Arg,
    Choice,
    Custom,
    Float,
    Int,
    ListOf,
    Nullable,
)
from archcalc.catalog.base import COMMON_ARGS, Config, LayerKind, register, require
from archcalc.catalog.dtypes import compute_dtype
from archcalc.shapes import Dim, Shape, ShapeError, format_shape


class LookupKind(LayerKind):
    """A lookup or encoding layer: no weights, no masks, a lookup's cost."""

    supports_masking = False
    takes_mask = False
    inference_identity = False
    data_movement = True
    trainable_lost_on_load = False
    family = "lookup"


def encoded(mode: str, shape: Shape, depth: Dim) -> Shape:
    """Keras's ``compute_output_shape`` of the lookup layers: ``int`` keeps the shape;
    ``one_hot`` replaces a last axis of 1 with ``depth`` (else appends it); the others
    replace the last axis (the samples) with ``depth``, so ``(None,)`` becomes ``(depth,)``."""
    if mode == "int":
        return shape
    if mode == "one_hot":
        return (*shape[:-1], depth) if len(shape) > 1 and shape[-1] == 1 else (*shape, depth)
    return (*shape[:-1], depth)


def _salt(value: Any) -> tuple[int, int]:
    """A salt as Keras keeps it: one integer ``s`` is ``[s, s]``."""
    if isinstance(value, (list, tuple)) and len(value) == 2:
        return (Int().check(value[0]), Int().check(value[1]))
    s = Int().check(value)
    return (s, s)


SALT = Arg(
    "salt",
    Nullable(Custom(_salt, "an integer or a list of two", {})),
    None,
    display=True,
)


def int_mode_dtype(cfg: Config) -> None:
    """Hashing and HashedCrossing default to an int64 policy in int mode (and serialise it)."""
    if cfg["dtype"] is None and cfg["output_mode"] == "int":
        cfg["dtype"] = "int64"


@register("Hashing", family="lookup")
class Hashing(LookupKind):
    """Hashes values into ``num_bins`` bins (``mask_value`` takes bin 0).

    ``int`` keeps the shape; the encodings replace the last axis with ``num_bins`` (so a
    one_hot of ``(None, 3)`` reports ``(None, 5)``, although running it gives
    ``(batch, 3, 5)``). int mode needs an integer dtype policy (int64 by default).
    """

    ARGS = (
        Arg("num_bins", POS_INT, REQUIRED, "hash bins"),
        Arg("mask_value", AnyValue(), None, "a value hashed to bin 0"),
        SALT,
        Arg("output_mode", Choice(("int", "one_hot", "multi_hot", "count")), "int"),
        Arg("sparse", BOOL, False, display=True),
    )

    def validate(self, cfg: Config) -> None:
        int_mode_dtype(cfg)
        if cfg["output_mode"] == "int":
            require(
                cfg["dtype"] in ("int32", "int64"),
                f"output_mode int needs dtype int32 or int64, not {cfg['dtype'] or 'float32'}",
                "dtype",
            )
            require(not cfg["sparse"], "sparse needs an encoding output_mode, not int", "sparse")

    def output_shape(self, cfg: Config, inputs: list[Shape]) -> Shape:
        shape = inputs[0]
        return shape if cfg["output_mode"] == "int" else (*shape[:-1], cfg["num_bins"])


@register("HashedCrossing", family="lookup")
class HashedCrossing(LookupKind):
    """Hashes the pairs of two inputs' values into ``num_bins`` bins.

    Both inputs must have the same last axis; ``int`` gives the first input's shape,
    ``one_hot`` appends ``num_bins`` (replacing a last axis of 1). Keras reports shapes for
    inputs of rank 3 or more and then fails when the layer runs: archcalc refuses them.
    """

    min_inputs = 2
    max_inputs = 2
    ARGS = (
        Arg("num_bins", POS_INT, REQUIRED, "hash bins"),
        Arg("output_mode", Choice(("int", "one_hot")), "int"),
        Arg("sparse", BOOL, False, "sparse output (TensorFlow backend only)"),
    )

    def validate(self, cfg: Config) -> None:
        require(not cfg["sparse"], "sparse: true works only with the TensorFlow backend", "sparse")
        int_mode_dtype(cfg)

    def output_shape(self, cfg: Config, inputs: list[Shape]) -> Shape:
        first, second = inputs
        if first[-1] != second[-1]:
            raise ShapeError(
                f"HashedCrossing takes two inputs of the same shape, got {format_shape(first)} "
                f"and {format_shape(second)}"
            )
        if len(first) > 2 or (len(first) == 2 and first[-1] != 1):
            raise ShapeError(
                f"HashedCrossing takes inputs of shape (batch,) or (batch, 1), got "
                f"{format_shape(first)} (Keras reports a shape, then fails when it runs)"
            )
        if cfg["output_mode"] == "int":
            return first
        return encoded("one_hot", first, cfg["num_bins"])


@register("CategoryEncoding", family="lookup")
class CategoryEncoding(LookupKind):
    """Encodes integer indices below ``num_tokens``: one_hot appends ``num_tokens`` (replacing
    a last axis of 1), multi_hot and count replace the last axis."""

    ARGS = (
        Arg("num_tokens", Nullable(POS_INT), None, "how many categories"),
        Arg("output_mode", Choice(("multi_hot", "one_hot", "count", "binary")), "multi_hot"),
        Arg("sparse", BOOL, False, display=True),
    )

    def validate(self, cfg: Config) -> None:
        require(
            cfg["num_tokens"] is not None,
            "CategoryEncoding needs num_tokens (with an unknown number of categories, use "
            "IntegerLookup)",
            "num_tokens",
        )
        if cfg["output_mode"] == "binary":
            cfg["output_mode"] = "multi_hot"

    def output_shape(self, cfg: Config, inputs: list[Shape]) -> Shape:
        return encoded(cfg["output_mode"], inputs[0], cfg["num_tokens"])


@register("Discretization", family="lookup")
class Discretization(LookupKind):
    """Buckets numbers by ``bin_boundaries`` (or ``num_bins`` quantiles, from adapt).

    The depth is ``len(bin_boundaries) + 1``, else ``num_bins``. Keras's constructor refuses
    both, but the config of an adapted layer holds both (its from_config sets the
    boundaries after): archcalc reads them as a saved config, boundaries first. ``int``
    gives int32; multi_hot and count drop axis 1: ``(None, 2, 3)`` -> ``(None, 3, depth)``.
    """

    common_args = (COMMON_ARGS[0],)  # Keras's constructor takes dtype and name only
    ARGS = (
        Arg("bin_boundaries", Nullable(ListOf(Float())), None, "sorted boundaries"),
        Arg("num_bins", Nullable(NONNEG_INT), None, "bins, for adapt()"),
        Arg("epsilon", Float(), 0.01, display=True),
        Arg("output_mode", Choice(("int", "one_hot", "multi_hot", "count")), "int"),
        Arg("sparse", BOOL, False, "sparse output (TensorFlow backend only)"),
    )

    def validate(self, cfg: Config) -> None:
        require(not cfg["sparse"], "sparse: true works only with the TensorFlow backend", "sparse")
        require(
            cfg["bin_boundaries"] is not None or cfg["num_bins"] is not None,
            "Discretization needs bin_boundaries or num_bins",
        )

    def output_shape(self, cfg: Config, inputs: list[Shape]) -> Shape:
        shape, mode = inputs[0], cfg["output_mode"]
        bounds = cfg["bin_boundaries"]
        depth = len(bounds) + 1 if bounds is not None else cfg["num_bins"]
        if mode in ("int", "one_hot"):
            return encoded(mode, shape, depth)
        return (shape[0], *shape[2:], depth) if len(shape) >= 2 else (depth,)

    def output_dtype(self, cfg: Config, inputs: Sequence[str]) -> str:
        return "int32" if cfg["output_mode"] == "int" else compute_dtype(cfg.get("dtype"))
