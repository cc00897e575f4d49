"""Layers given as arguments of other layers: Bidirectional's and TimeDistributed's ``layer``.

In a spec a nested layer is written like a layer entry without the graph
keys: ``layer: {type: LSTM, units: 64, return_sequences: true}``, with an
optional ``name`` and ``trainable`` (a ``.keras`` file's serialised layer is
translated to this form on import). :class:`LayerArg` normalises the mapping
through the catalog exactly as the loader normalises an entry, so unknown
types and arguments get the same did-you-mean messages, prefixed with where
they are (``layer.units must be a positive integer, got 0``), and the
error's ``path`` lets the loader point at the nested key. The wrapper's
config then holds a :class:`NestedLayer`: the resolved kind and its config.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from archcalc.catalog.args import ArgError, ArgType
from archcalc.catalog.base import CANONICAL, CATALOG, Config, LayerKind, WeightSpec
from archcalc.catalog.dtypes import variable_dtype
from archcalc.catalog.naming import to_snake_case
from archcalc.diagnostics import did_you_mean
from archcalc.shapes import Shape, ShapeError, format_shape
from archcalc.textsafe import quote

#: keys of a nested layer mapping that are not the layer's own arguments
NESTED_KEYS = ("type", "name", "trainable")
#: kinds whose config the loader itself builds (inputs, declared layers, nested models)
NOT_NESTABLE = ("InputLayer", "Custom", "Sequential", "Functional")


@dataclass(frozen=True)
class NestedLayer:
    """A layer inside another: its canonical Keras class, normalised config, name, trainable flag.

    ``config`` is the catalog's normalised config (shared and read-only, as
    every normalised config is). ``name`` is None when the spec gave none,
    until the loader gives it Keras's auto-name (:meth:`named`).
    """

    type: str
    config: Mapping[str, Any]
    name: str | None = None
    trainable: bool = True
    auto_named: bool = False

    def __hash__(self) -> int:  # the config is a dict; equal layers still hash alike
        return hash((self.type, self.name, self.trainable))

    @property
    def kind(self) -> LayerKind:
        return CATALOG[self.type]

    @property
    def label(self) -> str:
        """The layer's name, or the auto-name prefix Keras would start from (``lstm``)."""

        return self.name or to_snake_case(self.type)

    def outputs(self, inputs: list[Shape], where: str) -> tuple[Shape, ...]:
        """Its output shapes on these inputs; a shape error says it came from the nested layer."""
        try:
            return self.kind.outputs(dict(self.config), inputs)
        except ShapeError as exc:
            shown = ", ".join(format_shape(s) for s in inputs)
            raise ShapeError(f"the wrapped {self.type} {where} {shown}: {exc}") from None

    def weights(self, inputs: list[Shape], prefix: str) -> list[WeightSpec]:
        """Its weights named ``prefix/...``, frozen if it is, in its own dtype policy.

        The wrapper's ``dtype`` does not reach a layer Keras built before the
        wrapper, so each weight carries the nested layer's variable dtype.
        """

        dtype = variable_dtype(self.config.get("dtype"))
        return [
            WeightSpec(
                f"{prefix}/{w.name}", w.shape, self.trainable and w.trainable, w.dtype or dtype
            )
            for w in self.kind.weights(dict(self.config), inputs)
        ]

    def named(self, namer: Callable[[str], str]) -> NestedLayer:
        """This layer with Keras's auto-name if the spec gave none (layers it holds first).

        ``auto_named`` remembers that the name came from the counters, so
        ``convert`` can advance them again instead of writing the name out.
        """
        config = self.kind.name_sublayers(self.config, namer)
        auto = self.auto_named or self.name is None
        name = namer(self.type) if auto else self.name
        for sub in self.kind.built_sublayers(config, not auto):
            namer(sub)
        return replace(self, config=config, name=name, auto_named=auto)


def name_nested(cfg: Config, keys: tuple[str, ...], namer: Callable[[str], str]) -> Config:
    """A wrapper's ``name_sublayers``: a new config whose nested layers carry names."""
    named = {k: cfg[k].named(namer) for k in keys if cfg.get(k) is not None}
    return {**cfg, **named}


def _located(exc: ArgError, more: int) -> ArgError:
    """A nested error re-raised one level up: ``units must be...`` -> ``.units must be...``."""
    text = str(exc)
    if exc.arg and text.startswith(exc.arg) and text[len(exc.arg) : len(exc.arg) + 1] in " .:[":
        text = "." + text
        path: tuple[str, ...] = (exc.arg, *exc.path)
    else:
        text = ": " + text
        path = (exc.arg,) if exc.arg else ()
    if more:
        text += f" (and {more} more problem{'s' if more > 1 else ''} in this layer)"
    return ArgError(text, None, path)


@dataclass(frozen=True)
class LayerArg(ArgType):
    """A nested layer mapping, checked through the catalog; ``accepts`` says why a kind is refused."""

    what: str
    example: str
    accepts: Callable[[LayerKind], str | None]

    @property
    def describe(self) -> str:  # type: ignore[override]
        return f"{self.what}, a mapping such as {self.example}"

    def check(self, value: Any) -> NestedLayer:
        if isinstance(value, NestedLayer):
            return value
        if not isinstance(value, dict):
            raise self.fail(value)
        type_name = value.get("type")
        if type_name is None:
            raise ArgError(f": a nested layer needs 'type', e.g. {self.example}")
        if type_name in NOT_NESTABLE:
            raise ArgError(
                f".type: {type_name} cannot be a nested layer here; archcalc takes a plain Keras "
                "layer (not an input, a custom declaration or a model)",
                None,
                ("type",),
            )
        if not isinstance(type_name, str):
            raise ArgError(
                f".type must be a Keras layer class name such as LSTM, got {quote(type_name)}",
                None,
                ("type",),
            )
        if type_name not in CATALOG:
            known = [t for t in CATALOG if t not in NOT_NESTABLE]
            hint = did_you_mean(type_name, known)
            raise ArgError(f".type: unknown layer type {quote(type_name)}{hint}", None, ("type",))
        kind = CATALOG[CANONICAL[type_name]]
        why = self.accepts(kind)
        if why:
            raise ArgError(f".type: {why}", None, ("type",))
        name = value.get("name")
        if name is not None and (not isinstance(name, str) or not name or "/" in name):
            raise ArgError(
                f".name must be a non-empty string without '/', got {quote(name)}", None, ("name",)
            )
        trainable = value.get("trainable", True)
        if not isinstance(trainable, bool):
            raise ArgError(
                f".trainable must be true or false, got {quote(trainable)}", None, ("trainable",)
            )
        cfg, errors = kind.normalize({k: v for k, v in value.items() if k not in NESTED_KEYS})
        if errors:
            raise _located(errors[0], len(errors) - 1)
        return NestedLayer(kind.name, cfg, name, trainable)

    def schema(self) -> dict[str, Any]:
        return {
            "type": "object",
            "required": ["type"],
            "properties": {
                "type": {"type": "string"},
                "name": {"type": "string", "minLength": 1, "pattern": "^[^/]*$"},
                "trainable": {"type": "boolean"},
            },
        }


@dataclass(frozen=True)
class LayerListArg(ArgType):
    """A non-empty list of nested layer mappings (Pipeline's ``layers``), each checked as
    :class:`LayerArg` checks one; an error's path starts with the item's index."""

    item: LayerArg

    @property
    def describe(self) -> str:  # type: ignore[override]
        return f"a non-empty list of layers, each a mapping such as {self.item.example}"

    def check(self, value: Any) -> tuple[NestedLayer, ...]:
        if not isinstance(value, (list, tuple)) or not value:
            raise self.fail(value)
        out = []
        for i, v in enumerate(value):
            try:
                out.append(self.item.check(v))
            except ArgError as exc:
                text = str(exc)
                raise ArgError(
                    f"[{i}]{text if text.startswith(('.', ':')) else ': ' + text}",
                    None,
                    (str(i), *exc.path),
                ) from None
        return tuple(out)

    def schema(self) -> dict[str, Any]:
        return {"type": "array", "minItems": 1, "items": self.item.schema()}


def name_nested_list(cfg: Config, key: str, namer: Callable[[str], str]) -> Config:
    """``name_nested`` for a list of nested layers, named in order as Keras constructs them."""
    return {**cfg, key: tuple(layer.named(namer) for layer in cfg[key])}


def recurrent_only(kind: LayerKind) -> str | None:
    """Bidirectional copies its layer with ``go_backwards``: only recurrent layers have it."""
    if "go_backwards" in kind.args:
        return None
    return (
        f"Bidirectional wraps a recurrent layer (SimpleRNN, LSTM, GRU, RNN, ConvLSTM1D/2D/3D), "
        f"not {kind.name}: Keras copies it with go_backwards=True, which {kind.name} does not take"
    )


def one_input_only(kind: LayerKind) -> str | None:
    """TimeDistributed calls its layer on one tensor per timestep."""
    if kind.min_inputs == 1 and kind.max_inputs == 1:
        return None
    return f"TimeDistributed applies a layer to one tensor per timestep; {kind.name} takes a list of inputs"
