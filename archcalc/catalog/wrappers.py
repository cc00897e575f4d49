"""Wrappers (keras/src/layers/rnn): Bidirectional and TimeDistributed.

Each takes another layer as its ``layer`` argument, written in a spec as a
nested mapping (``layer: {type: LSTM, units: 64}``, see ``nested.py``).
Their shapes follow the wrappers' ``compute_output_shape``, which is what a
symbolic call (and so ``summary()``) reports; their weights are those of
the layers they hold.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from archcalc.catalog.args import REQUIRED, Arg, ArgError, Custom, Nullable
from archcalc.catalog.base import Config, LayerKind, MaskOps, WeightSpec, register, require
from archcalc.catalog.nested import (
    LayerArg,
    NestedLayer,
    name_nested,
    one_input_only,
    recurrent_only,
)
from archcalc.diagnostics import did_you_mean
from archcalc.shapes import Shape, ShapeError
from archcalc.textsafe import quote

RECURRENT = LayerArg(
    "a recurrent layer", "{type: LSTM, units: 64, return_sequences: true}", recurrent_only
)
MERGE_MODES = ("sum", "mul", "ave", "concat")


def _merge_mode(value: Any) -> str | None:
    if value is None or value in MERGE_MODES:
        return value  # type: ignore[no-any-return]

    hint = (
        " (write null, not a string, for both outputs)"
        if str(value).lower() == "none"
        else did_you_mean(str(value), MERGE_MODES)
    )
    raise ArgError(
        f"must be one of 'sum', 'mul', 'ave', 'concat', or null (both outputs), got {quote(value)}{hint}"
    )


MERGE_MODE = Custom(
    _merge_mode,
    "one of 'sum', 'mul', 'ave', 'concat', or null",
    {"enum": [*MERGE_MODES, None]},
)
COMMON = ("stateful", "return_sequences", "return_state")


def directions(cfg: Config) -> tuple[NestedLayer, NestedLayer]:
    """The forward and backward layers Keras builds, named as Keras names them.

    Keras copies ``layer`` as ``forward_<name>``, and, unless a
    ``backward_layer`` is given, again as ``backward_<name>`` with
    ``go_backwards`` flipped on.
    """
    layer: NestedLayer = cfg["layer"]
    label = layer.label.removeprefix("forward_")
    forward = replace(layer, name=f"forward_{label}")
    backward = cfg["backward_layer"]
    if backward is None:
        backward = replace(
            layer,
            config={**layer.config, "go_backwards": True},
            name=f"backward_{label}",
        )
    return forward, backward


def _zero_output_for_mask(layer: NestedLayer) -> NestedLayer:
    config = layer.config
    if (
        "zero_output_for_mask" not in config
        or config["zero_output_for_mask"] == config["return_sequences"]
    ):
        return layer
    return replace(layer, config={**config, "zero_output_for_mask": config["return_sequences"]})


@register("Bidirectional", family="rnn")
class Bidirectional(LayerKind):
    """Runs a recurrent layer forwards and backwards and merges the two outputs.

    ``concat`` doubles the last axis, ``sum``/``mul``/``ave`` keep it, and
    ``null`` returns both outputs; with ``return_state`` the forward states
    and then the backward states follow. Keras computes the shape from the
    forward layer alone (a different backward layer does not change it).
    Parameters: forward + backward.
    """

    #: the weights it creates, for the catalog reference (docs/layers.md)
    weights_doc = "the wrapped layer's, once per direction (``forward_*``, ``backward_*``)"

    supports_masking = True
    takes_mask = True
    inference_identity = False
    data_movement = False
    trainable_lost_on_load = False

    takes_initial_state = True
    ARGS = (
        Arg("layer", RECURRENT, REQUIRED, "the recurrent layer to run in both directions"),
        Arg("merge_mode", MERGE_MODE, "concat", "how to merge the two directions"),
        Arg("backward_layer", Nullable(RECURRENT), None, "a different layer for the backward pass"),
        Arg("weights", display=True),
    )

    def validate(self, cfg: Config) -> None:
        # Keras forces zero_output_for_mask = return_sequences on both copies (and
        # serialises it so): normalise it here so a saved model equals its spec.
        cfg["layer"] = _zero_output_for_mask(cfg["layer"])
        if cfg["backward_layer"] is not None:
            cfg["backward_layer"] = _zero_output_for_mask(cfg["backward_layer"])
        layer: NestedLayer = cfg["layer"]
        backward: NestedLayer | None = cfg["backward_layer"]
        if backward is None:
            require(
                not layer.config["go_backwards"],
                "layer has go_backwards: true, so its backward copy would run the same way; "
                "remove go_backwards or give a backward_layer with go_backwards: false",
                "layer",
            )
            return
        require(
            layer.config["go_backwards"] != backward.config["go_backwards"],
            "layer and backward_layer must run in different directions: give backward_layer "
            "go_backwards: true (and layer go_backwards: false)",
            "backward_layer",
        )
        for attr in COMMON:
            mine, theirs = layer.config[attr], backward.config[attr]
            require(
                mine == theirs,
                f"layer and backward_layer must agree on {attr} (layer: {mine}, "
                f"backward_layer: {theirs})",
                "backward_layer",
            )
        mirror = {**layer.config, "go_backwards": not layer.config["go_backwards"]}
        label = layer.label.removeprefix("forward_") if layer.name else None
        if (
            label is not None
            and backward.name == f"backward_{label}"
            and backward.type == layer.type
            and dict(backward.config) == mirror
            and backward.trainable == layer.trainable
            and not layer.config["go_backwards"]
        ):
            # Keras serialises the backward copy it makes itself; it is the default.
            cfg["backward_layer"] = None

    def compute_mask(
        self, cfg: Config, inputs: Sequence[Any], masks: Sequence[Any], ops: MaskOps
    ) -> list[Any]:
        """The wrapped layer's sequence mask, for each direction's output unless they are merged."""
        seq = masks[0] if masks and cfg["layer"].config.get("return_sequences") else None
        return [seq, seq] if cfg.get("merge_mode") is None else [seq]

    def output_shape(self, cfg: Config, inputs: list[Shape]) -> list[Shape]:
        forward, backward = directions(cfg)
        forward.kind.check_rank(inputs)
        outs = forward.outputs(inputs, "on")
        backward.outputs(inputs, "(backward) on")
        out, states = outs[0], list(outs[1:])
        mode = cfg["merge_mode"]
        if mode == "concat":
            out = (*out[:-1], 2 * out[-1])  # type: ignore[operator]
        merged = [out, out] if mode is None else [out]
        return [*merged, *states, *states]

    def initial_state_groups(
        self, cfg: Config, inputs: list[Shape]
    ) -> list[tuple[str, list[Shape]]]:
        """The forward layer's states, then the backward layer's: Keras gives each direction
        one half of ``initial_state`` (the first ``len // 2`` states go forward)."""
        return [
            layer.kind.initial_state_groups(dict(layer.config), inputs)[0]
            for layer in directions(cfg)
        ]

    def weights(self, cfg: Config, inputs: list[Shape]) -> list[WeightSpec]:
        forward, backward = directions(cfg)
        return [*forward.weights(inputs, forward.label), *backward.weights(inputs, backward.label)]

    def children(self, cfg: Config) -> tuple[NestedLayer, NestedLayer]:
        """The forward and the backward layer, as Keras builds and names them (``directions``)."""
        return directions(cfg)

    def name_sublayers(self, cfg: Config, namer: Callable[[str], str]) -> Config:
        return name_nested(cfg, ("layer", "backward_layer"), namer)


@register("TimeDistributed", family="rnn")
class TimeDistributed(LayerKind):
    """Applies a layer to every timestep: ``(B, T) + inner_output[1:]``; the inner layer's weights."""

    #: the weights it creates, for the catalog reference (docs/layers.md)
    weights_doc = "the wrapped layer's"

    supports_masking = True
    takes_mask = True
    inference_identity = False
    data_movement = False
    trainable_lost_on_load = False

    min_ndim = 3
    ARGS = (
        Arg(
            "layer",
            LayerArg("a layer", "{type: Dense, units: 8}", one_input_only),
            REQUIRED,
            "the layer applied to each timestep",
        ),
    )

    @staticmethod
    def step(shape: Shape) -> Shape:
        return (shape[0], *shape[2:])

    def output_shape(self, cfg: Config, inputs: list[Shape]) -> Shape:
        layer: NestedLayer = cfg["layer"]
        shape = inputs[0]
        outs = layer.outputs([self.step(shape)], "on each timestep")
        if len(outs) != 1:
            why = "; set return_state: false" if layer.config.get("return_state") else ""
            raise ShapeError(
                f"TimeDistributed needs a layer with one output, but this {layer.type} has "
                f"{len(outs)}{why}"
            )
        return (outs[0][0], shape[1], *outs[0][1:])

    def weights(self, cfg: Config, inputs: list[Shape]) -> list[WeightSpec]:
        layer: NestedLayer = cfg["layer"]
        return layer.weights([self.step(inputs[0])], layer.label)

    def build_axes(self, cfg: Config, inputs: list[Shape]) -> dict[int, int]:
        """The inner layer's pinned axes, moved past the time axis."""
        layer: NestedLayer = cfg["layer"]
        axes = layer.kind.build_axes(dict(layer.config), [self.step(inputs[0])])
        return {a + 1 if a > 0 else a: v for a, v in axes.items()}

    def children(self, cfg: Config) -> tuple[Any, ...]:
        """The wrapped layer."""
        return (cfg["layer"],)

    def name_sublayers(self, cfg: Config, namer: Callable[[str], str]) -> Config:
        return name_nested(cfg, ("layer",), namer)
