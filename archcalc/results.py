"""What inference returns: a call's, a layer's and the model's results, frozen once made."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from archcalc.catalog.base import WeightSpec
from archcalc.catalog.dtypes import DTYPE_BYTES, variable_dtype
from archcalc.diagnostics import Diagnostic, Pos
from archcalc.graph import Graph
from archcalc.shapes import Shape


@dataclass(frozen=True, slots=True)
class CallResult:
    """One call of a layer: what it read and what it produced."""

    name: str
    inputs: tuple[str, ...]  # references as the spec writes them: "conv1", "lstm[1]"
    connections: tuple[tuple[str, int, int], ...]  # Keras's (layer, node_index, tensor_index)
    input_shapes: tuple[Shape, ...]
    output_shapes: tuple[Shape, ...]
    live: bool = True
    #: the dtype of each output (a keras.ops node's follows Keras's promotion rules)
    output_dtypes: tuple[str, ...] = ()
    pos: Pos = field(default=Pos(), compare=False)
    #: a nested model's own inference on this call's shapes (None for other layers),
    #: made once by the engine and read by every analysis
    nested: InferenceResult | None = field(default=None, compare=False, repr=False)

    @property
    def output_dtype(self) -> str:
        """The first output's dtype (a model input's own; a layer's, as its kind says)."""
        return self.output_dtypes[0] if self.output_dtypes else "float32"


@dataclass(frozen=True, slots=True)
class LayerResult:
    """One row of the summary: a layer, its calls and its weights."""

    name: str
    type: str
    calls: tuple[CallResult, ...]
    weights: tuple[WeightSpec, ...]
    trainable: bool
    params: int
    trainable_params: int
    non_trainable_params: int
    trainable_bytes: float
    non_trainable_bytes: float
    pos: Pos = field(default=Pos(), compare=False)
    config: Mapping[str, Any] = field(default_factory=dict, compare=False)
    given: Mapping[str, Any] = field(default_factory=dict, compare=False)
    #: a nested model's own rows (Keras's ``layer.layers``), for ``expand_nested``
    children: tuple[LayerResult, ...] = ()
    #: the catalog kind that computed it when that is not ``type`` (``ops.Concatenate``)
    kind: str = ""

    @property
    def is_input(self) -> bool:
        return self.type == "InputLayer"

    @property
    def live_calls(self) -> tuple[CallResult, ...]:
        return tuple(c for c in self.calls if c.live)

    @property
    def output_shapes(self) -> tuple[Shape, ...]:
        """The shapes Keras shows: those of the layer's *last* call."""
        return self.calls[-1].output_shapes


@dataclass(frozen=True, slots=True)
class Totals:
    """The footer's parameter counts and their bytes (exact: ints, or Fractions for sub-byte dtypes)."""

    total: int
    trainable: int
    non_trainable: int
    trainable_bytes: float
    non_trainable_bytes: float

    @property
    def total_bytes(self) -> float:
        return self.trainable_bytes + self.non_trainable_bytes


@dataclass(frozen=True)
class InferenceResult:
    """Everything a renderer or analysis needs; nothing here is mutated after inference."""

    name: str
    path: str
    layers: tuple[LayerResult, ...]  # Keras's row order, model inputs included
    sequential: bool  # a Keras Sequential model: no InputLayer rows
    sequential_like: bool  # no "Connected to" column
    outputs: tuple[tuple[str, int, int], ...]
    totals: Totals
    warnings: tuple[Diagnostic, ...] = ()
    output_shapes: tuple[Shape, ...] = ()
    graph: Graph | None = field(default=None, compare=False, repr=False)
    output_dtypes: tuple[str, ...] = ()

    @property
    def rows(self) -> tuple[LayerResult, ...]:
        """The layers Keras lists in ``summary()``."""
        if self.sequential:
            return tuple(x for x in self.layers if not x.is_input)
        return self.layers

    def layer(self, name: str) -> LayerResult:
        for x in self.layers:
            if x.name == name:
                return x
        raise KeyError(name)

    @property
    def total_params(self) -> int:
        return self.totals.total

    @property
    def trainable_params(self) -> int:
        return self.totals.trainable

    @property
    def non_trainable_params(self) -> int:
        return self.totals.non_trainable


def flatten_weights(result: InferenceResult) -> list[WeightSpec]:
    """A nested model's weights, each with its own trainable flag and variable dtype."""
    out = []
    for layer in result.layers:
        dtype = variable_dtype(layer.config.get("dtype"))
        for w in layer.weights:
            out.append(
                WeightSpec(
                    f"{layer.name}/{w.name}",
                    w.shape,
                    layer.trainable and w.trainable,
                    w.dtype or dtype,
                )
            )
    return out


def count_weights(
    weights: tuple[WeightSpec, ...], trainable: bool, dtype: str
) -> tuple[int, int, Any, Any]:
    """Trainable and non-trainable parameters and their bytes (exact: ints, or Fractions for
    sub-byte dtypes, never float)."""
    t = nt = 0
    tb = ntb = 0
    for w in weights:
        size = w.size
        nbytes = size * DTYPE_BYTES[w.dtype or dtype]
        if trainable and w.trainable:
            t, tb = t + size, tb + nbytes
        else:
            nt, ntb = nt + size, ntb + nbytes
    return t, nt, tb, ntb
