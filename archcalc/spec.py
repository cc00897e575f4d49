"""The parsed spec: plain frozen data, independent of where it came from.

A YAML spec and a Keras file both load into a :class:`Spec`. Each entry of
``layers`` is one *call* of a layer (Keras's node): an ordinary entry
defines a layer and makes its first call; a ``share:`` entry calls an
earlier layer again with the same weights.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from archcalc.diagnostics import Diagnostic, Pos
from archcalc.shapes import Shape


@dataclass(frozen=True, slots=True)
class TensorRef:
    """A reference to an output tensor: the call's name and which of its outputs."""

    name: str
    index: int = 0
    pos: Pos = field(default=Pos(), compare=False, hash=False)

    def __str__(self) -> str:
        return self.name if self.index == 0 else f"{self.name}[{self.index}]"


@dataclass(frozen=True, slots=True)
class InputSpec:
    """A model input: its name, its shape (batch dimension included) and dtype."""

    name: str
    shape: Shape  # batch dimension included
    pos: Pos = field(default=Pos(), compare=False)
    dtype: str = "float32"
    #: False for a nested Sequential's implicit input: its shape comes from the call
    declared: bool = True


@dataclass(frozen=True, slots=True)
class CallSpec:
    """One entry of ``layers``: a call of a layer.

    ``layer`` names the layer whose weights this call uses: the entry's own
    name for an ordinary entry, the root of the ``share:`` chain otherwise.
    ``config`` is the complete, normalised argument set; ``given`` holds only
    what the spec wrote (for display, diff and convert).
    """

    name: str
    type: str
    config: MappingProxyType[str, Any]
    inputs: tuple[TensorRef, ...]
    pos: Pos = field(default=Pos(), compare=False)
    layer: str = ""
    call_index: int = 0
    trainable: bool = True
    auto_named: bool = False
    given: MappingProxyType[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    arg_pos: MappingProxyType[str, Pos] = field(
        default_factory=lambda: MappingProxyType({}), compare=False
    )
    share: str | None = None
    explicit_inputs: bool = False
    #: the catalog kind that computes this entry when it differs from ``type`` ("Custom")
    kind: str = ""
    #: mask tensors Keras passes to the call (``mask=``): wiring only, never shapes
    masks: tuple[TensorRef, ...] = ()
    #: the call's keyword arguments that are not tensors and change its output (the
    #: kind's ``CALL_ARGS``: ReversibleEmbedding's ``reverse``); the entry's ``kwargs:``
    call_args: MappingProxyType[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    #: a recurrent call's ``initial_state=`` tensors, checked against the states it keeps
    states: tuple[TensorRef, ...] = ()

    @property
    def kind_name(self) -> str:
        return self.kind or self.type

    @property
    def is_share(self) -> bool:
        return self.share is not None


@dataclass(frozen=True)
class Spec:
    """A whole model: named inputs, calls in file order, and outputs."""

    name: str
    path: str
    inputs: tuple[InputSpec, ...]
    layers: tuple[CallSpec, ...]
    outputs: tuple[TensorRef, ...]
    sequential: bool = False
    source: str = "yaml"
    outputs_pos: Pos = field(default=Pos(), compare=False)
    #: non-fatal diagnostics found while loading (e.g. ignored Keras config keys)
    warnings: tuple[Diagnostic, ...] = field(default=(), compare=False)
    #: a design spec's block instances and variables (reader/designload.py's Structure),
    #: for the renderers that show blocks; None for a spec written layer by layer
    structure: Any = field(default=None, compare=False, repr=False)
