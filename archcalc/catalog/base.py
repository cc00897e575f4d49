"""The layer-kind contract and the registry keyed by Keras class name.

A layer kind is a small stateless class, registered under its Keras class
name (first name canonical, the rest aliases, as ``keras_export`` does). It
declares its constructor arguments and answers two pure questions:

- ``output_shape(cfg, inputs)``: the output shape(s), batch dimension
  included, for the given input shapes;
- ``weights(cfg, inputs)``: the weights it would create, as
  :class:`WeightSpec` (name, shape, trainable), from which parameter counts
  follow exactly as Keras's ``count_params`` computes them.

Kinds never see YAML or positions: they raise :class:`ShapeError` or
:class:`ArgError` with a message, and the engine adds the layer name and the
file position.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, ClassVar, Protocol, TypeVar

from archcalc.catalog._index import KINDS
from archcalc.catalog.activation_names import activation_name
from archcalc.catalog.args import BOOL, Arg, ArgError, check_args, names
from archcalc.catalog.dtypes import DTYPE_POLICY, compute_dtype
from archcalc.catalog.keras_objects import KERAS_OBJECT
from archcalc.catalog.registry import Catalog
from archcalc.diagnostics import did_you_mean
from archcalc.shapes import Shape, ShapeError, format_shape, numel
from archcalc.textsafe import quote

Config = dict[str, Any]


@dataclass(frozen=True)
class WeightSpec:
    """One weight variable: its shape and whether training updates it.

    ``dtype`` is None for the layer's variable dtype (float32 unless the
    layer's ``dtype`` policy says otherwise).
    """

    name: str
    shape: tuple[int, ...]
    trainable: bool = True
    dtype: str | None = None

    @property
    def size(self) -> int:
        return numel(self.shape)


# Arguments every Keras layer accepts (keras/src/layers/layer.py Layer.__init__).
def _common_args() -> tuple[Arg, ...]:
    return (
        Arg(
            "dtype",
            DTYPE_POLICY,
            None,
            "dtype policy: 'float32' (default), 'bfloat16', 'mixed_float16'...",
            display=True,
        ),
        Arg("autocast", BOOL, True, display=True),
        Arg("activity_regularizer", KERAS_OBJECT, None, display=True),
    )


COMMON_ARGS = _common_args()


#: What Keras declares on each layer class, which the rest of archcalc asks the kind:
#:
#: - ``supports_masking``: Keras's ``Layer.supports_masking`` (set in ``__init__``, or
#:   implied by overriding ``compute_mask``): the layer computes its output's mask;
#: - ``takes_mask``: its ``call`` has a ``mask`` parameter, so Keras passes the input's
#:   mask as an argument (a graph connection, and a row for the op that made it);
#: - ``inference_identity``: at inference (``training=False``) it returns its input
#:   unchanged (Dropout, GaussianNoise, ActivityRegularization, Identity);
#: - ``data_movement``: it only moves, copies or looks up data: no arithmetic to count;
#: - ``trainable_lost_on_load``: Keras 3 creates its weights in sublayers of its own,
#:   which a ``trainable=False`` given to the constructor (as loading does) never reaches.
#:
#: No default on :class:`LayerKind`: each family base class declares them (and a kind
#: overrides where Keras overrides), and :func:`register` refuses a kind that leaves one
#: undeclared, so a new layer cannot be silently wrong.
TRAITS = (
    "supports_masking",
    "takes_mask",
    "inference_identity",
    "data_movement",
    "trainable_lost_on_load",
)


class MaskNotFollowed(Exception):
    """A mask reaches a layer whose Keras mask handling archcalc does not reproduce."""


class MaskUnfollowed:
    """A kind whose Keras ``compute_mask`` uses ops archcalc does not model (Concatenate's
    ones_like/expand_dims, a nested model's own layers): a mask reaching it is not followed."""

    name: ClassVar[str]

    def compute_mask(
        self, cfg: Config, inputs: Sequence[Any], masks: Sequence[Any], ops: MaskOps
    ) -> list[Any]:
        if any(m is not None for m in masks):
            raise MaskNotFollowed(self.name)
        return [None]


class MaskOps(Protocol):
    """What :meth:`LayerKind.compute_mask` may do: record a keras.ops call on tensors/masks."""

    def op(self, type_name: str, operands: tuple[Any, ...], config: tuple[Any, ...] = ()) -> Any:
        """A new keras.ops node (``NotEqual``...) on these tensors or masks; its output."""
        ...


class LayerKind:
    """Base of all layer kinds. Subclasses set ARGS, the TRAITS, and override the hooks."""

    supports_masking: ClassVar[bool]
    takes_mask: ClassVar[bool]
    inference_identity: ClassVar[bool]
    data_movement: ClassVar[bool]
    trainable_lost_on_load: ClassVar[bool]

    name: ClassVar[str] = ""
    aliases: ClassVar[tuple[str, ...]] = ()
    family: ClassVar[str] = ""
    ARGS: ClassVar[tuple[Arg, ...]] = ()
    #: the Layer keyword arguments the constructor passes on (a few Keras layers take fewer)
    common_args: ClassVar[tuple[Arg, ...]] = COMMON_ARGS
    #: how many input tensors a call takes (Keras merge layers take a list)
    min_inputs: ClassVar[int] = 1
    max_inputs: ClassVar[int | None] = 1
    #: how a call passes several inputs: one list (``Add()([a, b])``), or one positional
    #: argument each (``MultiHeadAttention()(query, value)``): the code export writes it
    call_inputs: ClassVar[str] = "list"
    #: where Keras's public API has the class (``keras.layers.Dense``); "" when it has none
    #: (a nested model, a custom or internal layer): the code export cannot write it
    keras_module: ClassVar[str] = "keras.layers"
    #: Keras classes of the layers this one makes when it is built, which take auto-names
    #: after it (MultiHeadAttention's Softmax and Dropout make the next Dropout ``dropout_1``)
    build_sublayers: ClassVar[tuple[str, ...]] = ()
    #: keyword arguments of Keras's ``call()`` that are not tensors and change the output
    #: (ReversibleEmbedding's ``reverse``): one call's, given under the entry's ``kwargs:``;
    #: the engine hands them to the hooks merged into the config
    CALL_ARGS: ClassVar[tuple[Arg, ...]] = ()
    #: its ``call`` has an ``initial_state`` parameter (Keras's recurrent layers); any other
    #: layer given one fails as in Keras ("got an unexpected keyword argument")
    takes_initial_state: ClassVar[bool] = False
    #: Keras InputSpec: exact rank / minimum rank of every input, batch included
    ndim: ClassVar[int | None] = None
    min_ndim: ClassVar[int | None] = None
    doc: ClassVar[str] = ""
    #: the weights it creates, in a few words (the catalog reference, docs/layers.md); a kind
    #: that creates weights must say which
    weights_doc: ClassVar[str] = ""

    @cached_property
    def args(self) -> dict[str, Arg]:
        return names(self.ARGS + self.common_args)

    @cached_property
    def defaults(self) -> dict[str, Any]:
        """Normalised default values (``strides: 1`` -> ``(1, 1)``), computed once."""
        return {
            a.name: a.type.check(a.default) if a.default is not None else None
            for a in self.args.values()
            if not a.required
        }

    def normalize(self, given: dict[str, Any]) -> tuple[Config, list[ArgError]]:
        """Validate the user's arguments: the complete config, or the errors (each naming its arg).

        Results are memoised per distinct argument set (models repeat layers a
        lot); callers must treat the returned config as read-only.
        """
        key = _freeze(given)
        if key is not None:
            hit = self._normalized.get(key)
            if hit is not None:
                return hit[0], list(hit[1])
        cfg, errors = check_args(self.args, given, self.name, self.defaults)
        if not errors:
            if cfg.get("lora_rank") and cfg.get("lora_alpha") is None and "lora_alpha" in cfg:
                cfg["lora_alpha"] = cfg["lora_rank"]  # Keras: alpha defaults to the rank
            try:
                self.validate(cfg)
            except ArgError as exc:
                errors.append(exc)
        if key is not None and len(self._normalized) < 4096:
            self._normalized[key] = (cfg, tuple(errors))
        return cfg, errors

    def check_call_args(self, given: dict[str, Any]) -> tuple[Config, list[ArgError]]:
        """One call's ``kwargs:`` checked against ``CALL_ARGS`` (only what was given)."""
        known = names(self.CALL_ARGS)
        for key in given:
            if key not in known:
                takes = f"; it takes {', '.join(known)}" if known else " that archcalc models"
                hint = did_you_mean(key, list(known)) if known else ""
                message = f"the call of {self.name} takes no keyword argument {quote(key)}{hint}"
                return {}, [ArgError(message + takes, key)]
        return check_args({k: known[k] for k in given}, given, self.name, {})

    @cached_property
    def _normalized(self) -> dict[Any, tuple[Config, tuple[ArgError, ...]]]:
        return {}

    # -- hooks --------------------------------------------------------------
    def validate(self, cfg: Config) -> None:
        """Checks across arguments, after each was normalised (raise ArgError)."""

    def output_shape(self, cfg: Config, inputs: list[Shape]) -> Shape | list[Shape]:
        """Output shape for these inputs (one input: ``inputs[0]``)."""
        return inputs[0]

    def weights(self, cfg: Config, inputs: list[Shape]) -> list[WeightSpec]:
        return []

    def build_axes(self, cfg: Config, inputs: list[Shape]) -> dict[int, int]:
        """Axes the built weights pin (Keras InputSpec ``axes``), for shared-layer checks."""
        return {}

    def compute_mask(
        self, cfg: Config, inputs: Sequence[Any], masks: Sequence[Any], ops: MaskOps
    ) -> list[Any]:
        """Keras's ``compute_mask``: the mask of each output, from the inputs' masks.

        Called only when ``supports_masking``. ``inputs`` and ``masks`` are opaque
        handles (None: no mask); ``ops`` records the keras.ops nodes Keras makes for
        a mask (``Embedding``'s ``not_equal``). The default, as in Keras, passes the
        first input's mask on; raise :class:`MaskNotFollowed` where archcalc does not
        reproduce Keras's mask ops.
        """
        return [masks[0] if masks else None]

    def output_dtype(self, cfg: Config, inputs: Sequence[str]) -> str:
        """The dtype of its outputs, from its inputs' dtypes: Keras's compute dtype (the policy's)
        unless the layer's ``compute_output_spec`` says otherwise (lookups give int64...)."""
        return compute_dtype(cfg.get("dtype"))

    def built_sublayers(self, cfg: Config, named: bool) -> tuple[str, ...]:
        """The classes of ``build_sublayers`` for this config; ``named``: the layer has a name
        of its own (a few layers hand it to the layers they make, which then take no auto-name)."""
        return self.build_sublayers

    def initial_state_groups(
        self, cfg: Config, inputs: list[Shape]
    ) -> list[tuple[str, list[Shape]]]:
        """The states a call's ``initial_state`` gives: (layer class, state shapes) per
        recurrent layer it runs.

        By default the layer's own final states, as ``return_state`` would output them
        (a kind that takes initial states has that argument); Bidirectional splits the
        list between its two directions and overrides this.
        """
        outs = self.outputs({**cfg, "return_state": True}, inputs)
        plain = self.outputs({**cfg, "return_state": False}, inputs)
        return [(self.name, list(outs[len(plain) :]))]

    def activation(self, cfg: Config) -> str:
        """The activation the layer applies, by Keras name (``linear`` for none)."""
        return activation_name(cfg.get("activation"))

    def children(self, cfg: Config) -> Sequence[Any]:
        """Nested layers (wrappers, nested models); empty for plain layers.

        Wrappers return :class:`archcalc.catalog.nested.NestedLayer` objects
        (see their ``children`` docstrings for which, in which order).
        """
        return ()

    def name_sublayers(self, cfg: Config, namer: Callable[[str], str]) -> Config:
        """Give unnamed nested layers Keras's auto-names; returns the config holding them.

        Keras names a layer from one global counter per class when it is
        constructed, and a layer handed to a wrapper is constructed first:
        ``Bidirectional(LSTM(8))`` names the LSTM ``lstm``, then the wrapper.
        The loader (and ``convert``, to stay in step) call this before naming
        the layer itself. Plain layers have nothing to name.
        """
        return cfg

    # -- engine entry point ---------------------------------------------------
    def check_rank(self, inputs: list[Shape]) -> None:
        for i, shape in enumerate(inputs):
            rank = len(shape)
            if self.ndim is not None and rank != self.ndim:
                raise ShapeError(
                    f"expects inputs of rank {self.ndim} (batch included), "
                    f"got {format_shape(shape)} of rank {rank}" + _input_suffix(i, inputs)
                )
            if self.min_ndim is not None and rank < self.min_ndim:
                raise ShapeError(
                    f"expects inputs of rank {self.min_ndim} or more (batch included), "
                    f"got {format_shape(shape)} of rank {rank}" + _input_suffix(i, inputs)
                )

    def outputs(self, cfg: Config, inputs: list[Shape]) -> tuple[Shape, ...]:
        """All output shapes as a tuple (one element for single-output layers)."""
        self.check_rank(inputs)
        out = self.output_shape(cfg, inputs)
        if isinstance(out, list):
            return tuple(tuple(s) for s in out)
        return (tuple(out),)

    def infer(
        self, cfg: Config, inputs: list[Shape], dtypes: list[str]
    ) -> tuple[tuple[Shape, ...], tuple[str, ...]]:
        """Output shapes and dtypes: a layer's outputs are all in :meth:`output_dtype` (keras.ops
        nodes override this: Keras's promotion rules, per output, from their inputs' dtypes)."""
        out = self.outputs(cfg, inputs)
        return out, (self.output_dtype(cfg, dtypes),) * len(out)


def _freeze(value: Any) -> Any:
    """A hashable twin of plain YAML data, or None when it holds anything else."""
    if isinstance(value, dict):
        items = []
        for k, v in value.items():
            fv = _freeze(v)
            if fv is None and v is not None:
                return None
            items.append((k, type(v).__name__, fv))
        return ("d", tuple(items))
    if isinstance(value, (list, tuple)):
        out = []
        for v in value:
            fv = _freeze(v)
            if fv is None and v is not None:
                return None
            out.append((type(v).__name__, fv))
        return ("l", tuple(out))
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return None


def _input_suffix(i: int, inputs: list[Shape]) -> str:
    return f" (input {i})" if len(inputs) > 1 else ""


#: Every kind by Keras class name (canonical or alias); a family's module is imported the
#: first time a model names one of its kinds (catalog/registry.py, catalog/_index.py).
CATALOG = Catalog(KINDS)
#: every accepted name -> its canonical Keras class name (known without importing a family)
CANONICAL: dict[str, str] = {name: canonical for name, (_, canonical) in KINDS.items()}

K = TypeVar("K", bound=type[LayerKind])


def register(*type_names: str, family: str = "") -> Callable[[K], K]:
    """Register a kind under its Keras class name (first) and aliases."""

    def wrap(cls: K) -> K:
        missing = [t for t in TRAITS if not hasattr(cls, t)]
        if missing:
            raise TypeError(
                f"layer kind {type_names[0]} does not declare {', '.join(missing)}: set them on "
                "its family base class or on the kind (catalog/base.py TRAITS says what each means)"
            )
        cls.name = type_names[0]
        cls.aliases = tuple(type_names[1:])
        if family:
            cls.family = family
        instance = cls()
        for n in type_names:
            CATALOG.add(n, instance)
            CANONICAL[n] = type_names[0]
        return cls

    return wrap


def register_ranks(base: type[LayerKind], *names: tuple[str, ...], **attrs: Any) -> None:
    """Register one subclass of ``base`` per rank: ``names[i]`` (canonical name first, then
    aliases) gets ``rank = i + 1``, plus ``attrs`` (e.g. a pooling ``mode``).

    Keras's rank families (Conv1D-3D, ZeroPadding1D-3D...) differ only in
    the rank, which the base class reads in ``__init_subclass__``.
    """
    for rank, type_names in enumerate(names, start=1):
        namespace = {"rank": rank, "__module__": base.__module__, "__qualname__": type_names[0]}
        register(*type_names)(type(type_names[0], (base,), {**namespace, **attrs}))


def require(condition: bool, message: str, arg: str | None = None) -> None:
    """Raise an ArgError unless ``condition``: the catalog's one-line validator."""
    if not condition:
        raise ArgError(message, arg)


def known_dim(shape: Shape, axis: int, what: str) -> int:
    """A dimension that must be known to build weights (Keras: "must be fully-defined")."""
    d = shape[axis]
    if d is None:
        raise ShapeError(
            f"the {what} of the input {format_shape(shape)} is unknown (None), but the weights "
            "need it; give that dimension a size"
        )
    return d
