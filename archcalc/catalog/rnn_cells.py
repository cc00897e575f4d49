"""The generic RNN layer and its cells (keras/src/layers/rnn): RNN, SimpleRNNCell, LSTMCell,
GRUCell, StackedRNNCells.

``RNN(cell)`` runs a cell over the time axis; a spec writes the cell as a
nested layer, ``cell: {type: LSTMCell, units: 16}``, or a list of them, which
Keras wraps in a StackedRNNCells (``cell: [{type: GRUCell, units: 8}, ...]``).
Shapes follow ``RNN.compute_output_shape``: ``(B, units)`` of the last cell,
``(B, T, units)`` with ``return_sequences``, and with ``return_state`` every
state of every cell, flattened as ``summary()`` lists them (LSTMCell: h, c).
Weights are the cells', named as Keras names them: ``lstm_cell/kernel``,
``stacked_rnn_cells/gru_cell/kernel``; each cell's gate arithmetic is its
layer's (LSTMCell's is LSTM's, in ``rnn.py``). Keras builds the cell on the
last axis only, so a rank-4 input is accepted, as ``summary()`` accepts it.

A cell can also be called on its own, one step: ``inputs: [x, h]``
(LSTMCell ``[x, h, c]``, StackedRNNCells every cell's states in order) gives
``[output, *new states]``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from archcalc.catalog.args import REQUIRED, Arg, ArgError, ArgType
from archcalc.catalog.base import CATALOG, Config, LayerKind, WeightSpec, known_dim, register
from archcalc.catalog.nested import LayerArg, NestedLayer, name_nested
from archcalc.catalog.rnn import GRU, LSTM, RNN_ARGS, BaseRNN, SimpleRNN
from archcalc.shapes import Shape, ShapeError, format_shape

#: what a layer takes that its cell does not: RNN's arguments and cuDNN's switch
_LAYER_ONLY = {*(a.name for a in RNN_ARGS), "use_cudnn"}


def _cell_only(kind: LayerKind) -> str | None:
    if isinstance(kind, CellKind):
        return None
    return (
        f"must be a recurrent cell (SimpleRNNCell, LSTMCell, GRUCell, StackedRNNCells), not "
        f"{kind.name}: Keras needs a cell's state_size"
    )


CELL = LayerArg("a recurrent cell", "{type: LSTMCell, units: 64}", _cell_only)


def _item_error(i: int, exc: ArgError) -> ArgError:
    text = str(exc)
    return ArgError(f"[{i}]{text if text.startswith(('.', ':')) else ' ' + text}")


@dataclass(frozen=True)
class CellList(ArgType):
    """StackedRNNCells' ``cells``: a non-empty list of cells."""

    describe = "a list of recurrent cells, each a mapping such as {type: LSTMCell, units: 64}"

    def check(self, value: Any) -> tuple[NestedLayer, ...]:
        if not isinstance(value, (list, tuple)):
            raise self.fail(value)
        if not value:
            raise ArgError(
                "must list at least one cell (Keras fails on an empty stack when it runs)"
            )
        cells = []
        for i, item in enumerate(value):
            try:
                cells.append(CELL.check(item))
            except ArgError as exc:
                raise _item_error(i, exc) from None
            if cells[-1].type == "StackedRNNCells":
                raise ArgError(
                    f"[{i}] is a StackedRNNCells: Keras cannot run a stack inside a stack "
                    '("Undefined shapes are not supported"); list its cells here instead'
                )
        return tuple(cells)

    def schema(self) -> dict[str, Any]:
        return {"type": "array", "minItems": 1, "items": CELL.schema()}


@dataclass(frozen=True)
class CellOrList(ArgType):
    """RNN's ``cell``: a cell, or a list of cells that Keras wraps in a StackedRNNCells."""

    describe = "a recurrent cell (a mapping such as {type: LSTMCell, units: 64}) or a list of them"

    def check(self, value: Any) -> NestedLayer:
        if not isinstance(value, (list, tuple)):
            return CELL.check(value)
        cfg, errors = CATALOG["StackedRNNCells"].normalize({"cells": value})
        if errors:  # "cells[1].units must..." -> "[1].units must..." (the list is the cell)
            text = str(errors[0]).removeprefix("cells")
            raise ArgError(text if text.startswith("[") else text.lstrip())
        return NestedLayer("StackedRNNCells", cfg)

    def schema(self) -> dict[str, Any]:
        return {"anyOf": [CELL.schema(), CellList().schema()]}


class CellKind(LayerKind):
    """A recurrent cell, or a stack of them: one step, ``[x, *states] -> [output, *states]``."""

    supports_masking = False
    takes_mask = False
    inference_identity = False
    data_movement = False
    trainable_lost_on_load = False

    family = "rnn"
    ndim = 2
    min_inputs = 2

    def state_sizes(self, cfg: Config) -> list[int]:
        """Every state's size, flattened in Keras's order."""
        raise NotImplementedError

    def output_size(self, cfg: Config) -> int:
        raise NotImplementedError

    def output_shape(self, cfg: Config, inputs: list[Shape]) -> list[Shape]:
        sizes = self.state_sizes(cfg)
        if len(inputs) != 1 + len(sizes):
            raise ShapeError(
                f"{self.name} is called on [x, *states]: 1 + {len(sizes)} state(s) of sizes "
                f"{sizes}, got {len(inputs)} input(s)"
            )
        batch = inputs[0][0]
        for i, (shape, size) in enumerate(zip(inputs[1:], sizes, strict=True)):
            if shape[-1] != size:
                raise ShapeError(
                    f"state {i} must be (batch, {size}), got {format_shape(shape)} (input {i + 1})"
                )
        return [(batch, self.output_size(cfg)), *[(batch, s) for s in sizes]]


class RecurrentCell(CellKind):
    """SimpleRNNCell, LSTMCell, GRUCell: the cell of ``layer``, with its weights."""

    weights_doc = (
        "as its layer's (SimpleRNN, LSTM, GRU): ``kernel``, ``recurrent_kernel``, ``bias``"
    )

    layer: ClassVar[type[BaseRNN]]

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        cls.ARGS = tuple(a for a in cls.layer.ARGS if a.name not in _LAYER_ONLY)
        cls.min_inputs = cls.max_inputs = 1 + cls.layer.n_states

    def state_sizes(self, cfg: Config) -> list[int]:
        return [cfg["units"]] * self.layer.n_states

    def output_size(self, cfg: Config) -> int:
        return int(cfg["units"])

    def weights(self, cfg: Config, inputs: list[Shape]) -> list[WeightSpec]:
        d = known_dim(inputs[0], -1, "feature dimension (last axis)")
        return CATALOG[self.layer.name].cell_weights(cfg, d)


@register("SimpleRNNCell")
class SimpleRNNCell(RecurrentCell):
    """SimpleRNN's cell: one state."""

    layer = SimpleRNN


@register("LSTMCell")
class LSTMCell(RecurrentCell):
    """LSTM's cell: two states, h and c."""

    layer = LSTM


@register("GRUCell")
class GRUCell(RecurrentCell):
    """GRU's cell: one state; ``reset_after`` keeps two biases."""

    layer = GRU


@register("StackedRNNCells")
class StackedRNNCells(CellKind):
    """Cells run one after another in each step: cell i reads cell i-1's output."""

    weights_doc = "its cells', each under the cell's name"

    max_inputs = None
    ARGS = (Arg("cells", CellList(), REQUIRED, "the cells, first to last"),)

    def state_sizes(self, cfg: Config) -> list[int]:
        return [s for cell in cfg["cells"] for s in cell.kind.state_sizes(dict(cell.config))]

    def output_size(self, cfg: Config) -> int:
        last: NestedLayer = cfg["cells"][-1]
        return last.kind.output_size(dict(last.config))

    def weights(self, cfg: Config, inputs: list[Shape]) -> list[WeightSpec]:
        step, out = inputs[0], []
        for cell in cfg["cells"]:
            out += cell.weights([step], cell.label)
            step = (step[0], cell.kind.output_size(dict(cell.config)))
        return out

    def name_sublayers(self, cfg: Config, namer: Callable[[str], str]) -> Config:
        return {**cfg, "cells": tuple(cell.named(namer) for cell in cfg["cells"])}


@register("RNN")
class RNN(BaseRNN):
    """Runs ``cell`` over the time axis (Keras's generic recurrent layer)."""

    weights_doc = "its cell's, under the cell's name (``lstm_cell/kernel``...)"

    ndim = None
    min_ndim = 3
    ARGS = (Arg("cell", CellOrList(), REQUIRED, "the cell, or a list of cells"), *RNN_ARGS)

    def step_shape(self, cfg: Config, shape: Shape) -> Shape:
        cell: NestedLayer = cfg["cell"]
        return (shape[0], cell.kind.output_size(dict(cell.config)))

    def state_shapes(self, cfg: Config, shape: Shape) -> list[Shape]:
        cell: NestedLayer = cfg["cell"]
        return [(shape[0], s) for s in cell.kind.state_sizes(dict(cell.config))]

    def weights(self, cfg: Config, inputs: list[Shape]) -> list[WeightSpec]:
        cell: NestedLayer = cfg["cell"]
        shape = inputs[0]
        return cell.weights([(shape[0], *shape[2:])], cell.label)

    def children(self, cfg: Config) -> tuple[NestedLayer, ...]:
        """The cell (a StackedRNNCells holds the others)."""
        return (cfg["cell"],)

    def name_sublayers(self, cfg: Config, namer: Callable[[str], str]) -> Config:
        return name_nested(cfg, ("cell",), namer)
