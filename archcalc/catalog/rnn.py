"""Recurrent layers (keras/src/layers/rnn): SimpleRNN, LSTM, GRU, ConvLSTM1D/2D/3D.

Keras runs a cell over the time axis of a (batch, timesteps, features...)
input; the cell's weights do not depend on the number of timesteps, which
may be unknown. Output: the last step ``(B, *step)``, or every step
``(B, T, *step)`` with ``return_sequences``; ``return_state`` adds the final
states, one per state of the cell, as further outputs (``lstm[1]``,
``lstm[2]`` in a spec). Shapes follow ``RNN.compute_output_shape``, which is
what a symbolic call (and so ``summary()``) uses: ``unroll`` with unknown
timesteps only fails when the model runs, so it is accepted here as well.
The wrappers Bidirectional and TimeDistributed are in ``wrappers.py``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any, ClassVar

from archcalc.catalog.activation_names import ACTIVATION
from archcalc.catalog.args import BOOL, POS_INT, REQUIRED, Arg, Choice, Custom, Either, Float, Int
from archcalc.catalog.base import (
    Config,
    LayerKind,
    MaskOps,
    WeightSpec,
    known_dim,
    register,
    register_ranks,
)
from archcalc.catalog.convolutional import (
    channel_axis,
    check_strides_dilation,
    conv_args,
    spatial_axes,
    windowed_lengths,
    with_spatial,
)
from archcalc.catalog.keras_objects import weight_args
from archcalc.shapes import Shape, ShapeError, format_shape

# Arguments of keras.layers.RNN that every recurrent layer passes on.
RNN_ARGS = (
    Arg("return_sequences", BOOL, False, "output every timestep (B, T, ...), not only the last"),
    Arg("return_state", BOOL, False, "also output the final state(s): [output, *states]"),
    Arg("go_backwards", BOOL, False, "process the sequence backwards", display=True),
    Arg("stateful", BOOL, False, "keep states across batches; needs a fixed batch size"),
    Arg("unroll", BOOL, False, display=True),
    Arg("zero_output_for_mask", BOOL, False, display=True),
)


# Keras clamps dropout rates into [0, 1] (min(1.0, max(0.0, rate))), so any number is accepted.
def _clamped(value: object) -> float:
    """Keras clamps RNN dropout rates into [0, 1] (and serialises the clamped value)."""
    rate = Float().check(value)
    return min(1.0, max(0.0, float(rate)))


CLAMPED_RATE = Custom(_clamped, "a number (Keras clamps it into [0, 1])", {"type": "number"})

DROPOUT_ARGS = (
    Arg("dropout", CLAMPED_RATE, 0.0, display=True),
    Arg("recurrent_dropout", CLAMPED_RATE, 0.0, display=True),
    Arg("seed", display=True),
)
# LSTM and GRU only (SimpleRNN refuses them).
CUDNN_ARGS = (
    Arg(
        "use_cudnn",
        Either((Choice(("auto",)), BOOL), "'auto', true or false"),
        "auto",
        display=True,
    ),
    Arg("implementation", Int(1, 2), 2, display=True),
)


GATE_ACTIVATIONS = (
    Arg("activation", ACTIVATION, "tanh", display=True),
    Arg("recurrent_activation", ACTIVATION, "sigmoid", display=True),
)


def cell_args(*, recurrent_activation: bool, cudnn: bool) -> tuple[Arg, ...]:
    """The constructor of SimpleRNN, LSTM or GRU: its cell's arguments, then RNN's."""
    args = [
        Arg("units", POS_INT, REQUIRED, "size of the output and of each state"),
        *GATE_ACTIVATIONS[: 2 if recurrent_activation else 1],
    ]
    args += [Arg("use_bias", BOOL, True), *weight_args("kernel", "recurrent", "bias")]
    args += [*DROPOUT_ARGS, *RNN_ARGS]
    if cudnn:
        args += CUDNN_ARGS
    return tuple(args)


class BaseRNN(LayerKind):
    """A cell with ``gates`` blocks of ``units`` per weight and ``n_states`` states of one shape."""

    #: the weights it creates, for the catalog reference (docs/layers.md)
    weights_doc = "``kernel`` ``(in, gates * units)``, ``recurrent_kernel`` ``(units, gates * units)``, ``bias`` (GRU with reset_after: ``(2, 3 * units)``)"

    supports_masking = True
    takes_mask = True
    inference_identity = False
    data_movement = False
    trainable_lost_on_load = False

    family = "rnn"
    takes_initial_state = True
    ndim: ClassVar[int | None] = 3
    gates: ClassVar[int] = 1
    n_states: ClassVar[int] = 1
    cell: ClassVar[str] = ""

    def step_shape(self, cfg: Config, shape: Shape) -> Shape:
        """The cell's output (= each state) for one timestep, batch first."""
        return (shape[0], cfg["units"])

    def compute_mask(
        self, cfg: Config, inputs: Sequence[Any], masks: Sequence[Any], ops: MaskOps
    ) -> list[Any]:
        """Keras's ``RNN.compute_mask``: the input's mask, for the sequence output only."""
        return [masks[0] if masks and cfg.get("return_sequences") else None]

    def state_shapes(self, cfg: Config, shape: Shape) -> list[Shape]:
        """The final states ``return_state`` adds, in Keras's flattened order."""
        return [self.step_shape(cfg, shape)] * self.n_states

    def output_shape(self, cfg: Config, inputs: list[Shape]) -> list[Shape]:
        shape = inputs[0]
        if cfg["stateful"] and shape[0] is None:
            raise ShapeError(
                f"stateful=true keeps one state per sample, so it needs a fixed batch size, but "
                f"the input {format_shape(shape)} has an unknown batch dimension; give the input "
                "a batch_size (inputs: {x: {shape: [...], batch_size: 32}}) or set stateful: false"
            )
        step = self.step_shape(cfg, shape)
        out = (shape[0], shape[1], *step[1:]) if cfg["return_sequences"] else step
        return [out, *self.state_shapes(cfg, shape)] if cfg["return_state"] else [out]

    def bias_shape(self, cfg: Config) -> tuple[int, ...]:
        return (self.gates * cfg["units"],)

    def cell_weights(self, cfg: Config, d: int) -> list[WeightSpec]:
        """The cell's own weights on ``d`` input features (SimpleRNNCell, LSTMCell, GRUCell too)."""
        width = self.gates * cfg["units"]
        w = [
            WeightSpec("kernel", (d, width)),
            WeightSpec("recurrent_kernel", (cfg["units"], width)),
        ]
        if cfg["use_bias"]:
            w.append(WeightSpec("bias", self.bias_shape(cfg)))
        return w

    def weights(self, cfg: Config, inputs: list[Shape]) -> list[WeightSpec]:
        d = known_dim(inputs[0], -1, "feature dimension (last axis)")
        return [replace(w, name=f"{self.cell}/{w.name}") for w in self.cell_weights(cfg, d)]


@register("SimpleRNN")
class SimpleRNN(BaseRNN):
    """A fully connected RNN: ``u(in + u + 1)`` parameters."""

    cell = "simple_rnn_cell"
    ARGS = cell_args(recurrent_activation=False, cudnn=False)


@register("LSTM")
class LSTM(BaseRNN):
    """Four gates, two states (h, c): ``4u(in + u + 1)`` parameters."""

    cell = "lstm_cell"
    gates = 4
    n_states = 2
    ARGS = (
        *cell_args(recurrent_activation=True, cudnn=True),
        Arg("unit_forget_bias", BOOL, True, display=True),
    )


@register("GRU")
class GRU(BaseRNN):
    """Three gates, one state; ``reset_after`` (Keras's default) keeps two biases: ``(2, 3u)``."""

    cell = "gru_cell"
    gates = 3
    ARGS = (
        *cell_args(recurrent_activation=True, cudnn=True),
        Arg("reset_after", BOOL, True, "true: bias of shape (2, 3*units); false: (3*units,)"),
    )

    def bias_shape(self, cfg: Config) -> tuple[int, ...]:
        width = 3 * cfg["units"]
        return (2, width) if cfg["reset_after"] else (width,)


CONV_ARG_NAMES = ("filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate")


class BaseConvLSTM(BaseRNN):
    """ConvLSTM1D/2D/3D: an LSTM whose gates are convolutions over (T, *spatial, C) inputs.

    The input convolution sets the state's spatial shape (the recurrent one
    keeps it, with 'same' padding): kernel ``k + (C, 4f)``, recurrent kernel
    ``k + (f, 4f)``, bias ``(4f,)``.
    """

    #: the weights it creates, for the catalog reference (docs/layers.md)
    weights_doc = "``kernel`` ``kernel_size + (C_in, 4 * filters)``, ``recurrent_kernel`` ``kernel_size + (filters, 4 * filters)``, ``bias`` ``(4 * filters,)``"

    trainable_lost_on_load = True

    rank: ClassVar[int] = 2
    cell = "conv_lstm_cell"
    gates = 4
    n_states = 2

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        cls.ndim = cls.rank + 3
        conv = {a.name: a for a in conv_args(cls.rank, causal=False)}
        cls.ARGS = (
            *(conv[n] for n in CONV_ARG_NAMES),
            *GATE_ACTIVATIONS,
            conv["use_bias"],
            *weight_args("kernel", "recurrent", "bias"),
            Arg("unit_forget_bias", BOOL, True, display=True),
            *DROPOUT_ARGS,
            *RNN_ARGS,
        )

    def validate(self, cfg: Config) -> None:
        check_strides_dilation(cfg)

    def frame(self, cfg: Config, shape: Shape) -> Shape:
        """One timestep of the input, ``(B, *spatial, C)``, whose sizes must all be known."""
        step = (shape[0], *shape[2:])
        unknown = [a + 1 for a in spatial_axes(cfg, self.rank) if step[a] is None]
        if unknown:
            raise ShapeError(
                f"{self.name} needs every spatial dimension of its input known, but axis "
                f"{unknown[0]} of {format_shape(shape)} is None; give the input its spatial sizes"
            )
        if step[channel_axis(cfg)] is None:
            raise ShapeError(
                f"{self.name} needs the channel dimension of its input known, but it is None in "
                f"{format_shape(shape)}"
            )
        return step

    def step_shape(self, cfg: Config, shape: Shape) -> Shape:
        step = self.frame(cfg, shape)
        try:
            lengths = windowed_lengths(
                cfg,
                step,
                self.rank,
                cfg["kernel_size"],
                cfg["strides"],
                cfg["padding"],
                cfg["dilation_rate"],
            )
        except ShapeError as exc:
            raise ShapeError(f"on each timestep {format_shape(step)}: {exc}") from None
        return with_spatial(cfg, step, lengths, cfg["filters"])

    def weights(self, cfg: Config, inputs: list[Shape]) -> list[WeightSpec]:
        step = self.frame(cfg, inputs[0])
        k, f = cfg["kernel_size"], cfg["filters"]
        w = [
            WeightSpec(f"{self.cell}/kernel", (*k, step[channel_axis(cfg)], 4 * f)),
            WeightSpec(f"{self.cell}/recurrent_kernel", (*k, f, 4 * f)),
        ]
        if cfg["use_bias"]:
            w.append(WeightSpec(f"{self.cell}/bias", (4 * f,)))
        return w


register_ranks(BaseConvLSTM, ("ConvLSTM1D",), ("ConvLSTM2D",), ("ConvLSTM3D",))
