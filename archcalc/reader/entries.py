"""One entry of ``layers:`` into a :class:`CallSpec`: a layer, a shared call, a custom layer
or a nested model.

Arguments are normalised once, here, through the catalog kind (unknown keys
get a did-you-mean), and unnamed layers take Keras's auto-names in file
order, wrapped layers first. A nested model's ``model:`` is a whole document,
which the document loader reads (``load_nested``) with the same counters.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from types import MappingProxyType
from typing import Any

from archcalc.catalog import CANONICAL, CATALOG
from archcalc.catalog.args import BOOL, ArgError
from archcalc.catalog.base import LayerKind
from archcalc.catalog.models import NestedModel
from archcalc.catalog.naming import AutoNamer
from archcalc.catalog.nested import NESTED_KEYS
from archcalc.diagnostics import Pos, did_you_mean
from archcalc.reader.declared import ENTRY_KEYS, custom_entry, share_entry
from archcalc.reader.habits import python_tuple
from archcalc.reader.op_entries import op_entry, op_kind, refused_op
from archcalc.reader.problems import Problems, kind_of
from archcalc.reader.values import read_call_args, read_refs, read_shape
from archcalc.reader.ynode import YNode
from archcalc.shapes import Shape
from archcalc.spec import CallSpec, Spec, TensorRef
from archcalc.states import UNEXPECTED
from archcalc.textsafe import quote

#: types an entry cannot name: inputs are declared under ``inputs:``, custom layers by class
NOT_ENTRY_TYPES = ("InputLayer", "Custom")

Entry = tuple[CallSpec, Shape | None]  # the call, and an input_shape given on it
NestedLoader = Callable[[YNode, str, AutoNamer], Spec | None]


class Entries:
    """Reads the entries of one model in file order, with that model's (or the outermost
    model's) auto-name counters."""

    def __init__(self, p: Problems, namer: AutoNamer, load_nested: NestedLoader) -> None:
        self.p = p
        self.namer = namer
        self.load_nested = load_nested
        self.defined: dict[str, CallSpec] = {}
        self.calls: dict[str, int] = {}  # shared layer -> calls so far

    def read(self, node: YNode, index: int, first: bool) -> Entry | None:
        """One entry, or None after reporting why it cannot be read."""
        if not node.is_map:
            self.p.error(
                node.pos,
                "invalid-layer",
                f"layer {index + 1} must be a mapping such as {{type: Dense, units: 8}}; got {kind_of(node.plain())}",
            )
            return None
        ok, name = self._name(node)
        inputs = None
        if ok and node.get("inputs") is not None:
            inputs = read_refs(self.p, node.value["inputs"], "inputs")
            ok = inputs is not None
        if not ok:
            return None
        got = self._call(node, index, name, inputs, first)
        constants = node.get("constants")
        if constants is not None:  # Keras 2's RNN(constants=...): no Keras 3 layer takes them
            self.p.error(
                node.key_pos("constants"),
                "invalid-argument",
                f"{name or f'layer {index + 1}'}: no Keras 3 layer takes constants (Keras 2's "
                f"recurrent constants were removed; Keras: {UNEXPECTED} 'constants')",
            )
            return None
        for key, field in (("initial_state", "states"), ("mask", "masks")):
            ref_node = node.get(key)
            if got is None or ref_node is None:
                continue
            refs = read_refs(self.p, ref_node, key)
            got = None if refs is None else (replace_field(got[0], field, refs), got[1])
        return got

    def _call(
        self,
        node: YNode,
        index: int,
        name: str | None,
        inputs: tuple[TensorRef, ...] | None,
        first: bool,
    ) -> Entry | None:
        if node.get("share") is not None:
            return share_entry(self.p, self.defined, self.calls, node, name, inputs)
        type_node = self._type(node, index, name)
        if type_node is None:
            return None
        if node.get("custom") is not None:
            return custom_entry(self.p, self.namer, node, type_node, name, inputs, index)
        op = op_kind(type_node.value)
        if op is not None:
            return op_entry(self.p, self.namer, node, op, name, inputs, index)
        if not self._known_type(type_node):
            return None
        return self._layer(node, index, name, inputs, CANONICAL[type_node.value], first)

    # -- the pieces every entry has ---------------------------------------------------------
    def _name(self, node: YNode) -> tuple[bool, str | None]:
        name_node = node.get("name")
        if name_node is None:
            return True, None
        name = name_node.value
        if not isinstance(name, str) or not name:
            self.p.error(
                name_node.pos,
                "invalid-name",
                f"a layer name must be a non-empty string; got {kind_of(name_node.plain())}",
            )
            return False, None
        if "/" in name:
            self.p.error(
                name_node.pos,
                "invalid-name",
                f"layer name {quote(name)} contains '/', which Keras refuses in names",
            )
            return False, None
        return True, name

    def _type(self, node: YNode, index: int, name: str | None) -> YNode | None:
        type_node = node.get("type")
        if type_node is None:
            self.p.error(
                node.pos,
                "missing-type",
                f"layer {index + 1}{' ' + repr(name) if name else ''} has no 'type' "
                "(a Keras layer class such as Dense or Conv2D, or 'share: LAYER' to reuse one)",
            )
            return None
        if not isinstance(type_node.value, str):
            self.p.error(
                type_node.pos,
                "unknown-layer-type",
                f"type must be a Keras layer class name such as Dense or Conv2D; got {kind_of(type_node.plain())}",
            )
            return None
        return type_node

    def _known_type(self, type_node: YNode) -> bool:
        type_name = type_node.value
        if type_name in CATALOG and type_name not in NOT_ENTRY_TYPES:
            return True
        hint = did_you_mean(type_name, [t for t in CATALOG if t not in NOT_ENTRY_TYPES])
        if refused_op(type_name):
            self.p.error(
                type_node.pos,
                "unknown-layer-type",
                f"{quote(type_name)} is a keras.ops class archcalc does not model: "
                f"{refused_op(type_name)}; declare what it produces with custom: "
                "{output_shape: [...]} instead",
            )
            return False
        if type_name in ("InputLayer", "Input"):
            hint = ""
            extra = (
                "; inputs are declared under 'inputs:' at the top (e.g. inputs: {x: [28, 28, 1]})"
            )
        elif type_name == "Custom":
            extra = (
                "; a custom layer keeps its own class name as type and adds custom: "
                "{output_shape: [...], params: N}"
            )
        elif not hint:
            extra = (
                "; if it is a custom layer, declare what it produces, e.g. "
                "custom: {output_shape: [10, 64], params: 1234}"
            )
        else:
            extra = ""
        self.p.error(
            type_node.pos,
            "unknown-layer-type",
            f"unknown layer type {quote(type_name)}{hint}{extra}; `archcalc layers` lists the known types",
        )
        return False

    # -- a layer of the catalog ---------------------------------------------------------------
    def _layer(
        self,
        node: YNode,
        index: int,
        name: str | None,
        inputs: tuple[TensorRef, ...] | None,
        canonical: str,
        first: bool,
    ) -> Entry | None:
        kind = CATALOG[canonical]
        label = name or f"layer {index + 1}"
        got = self._arguments(node, kind, canonical, name, label)
        if got is None:
            return None
        args, given, arg_pos = got
        cfg, errors = kind.normalize(args)
        if f"ops.{canonical}" in CATALOG and ("args" in given or "kwargs" in given):
            errors = [e for e in errors if e.arg not in ("args", "kwargs")]
            self.p.error(
                node.key_pos("args" if "args" in given else "kwargs"),
                "invalid-argument",
                f"{label}: {canonical} is the keras.layers class, which takes no args/kwargs; "
                f"the keras.ops node of that name is type: ops.{canonical}",
            )
        self._argument_errors(errors, node, kind, arg_pos, label)
        self._ignored_arguments(given, node, kind, label)
        trainable = self._trainable(node)
        input_shape = self._input_shape(node, _entry_keys(kind.args), first)
        call_args = read_call_args(self.p, kind, node.get("kwargs"), label)
        if errors:
            return None
        auto = name is None
        cfg = kind.name_sublayers(cfg, self.namer)
        shown = cfg.get("subclass") or canonical  # a Model subclass shows (and names) itself
        name = self.namer(shown) if name is None else name
        for sub_class in kind.built_sublayers(cfg, not auto):
            self.namer(sub_class)
        if isinstance(kind, NestedModel):  # the sub-model is named by its entry
            cfg["model"] = replace(cfg["model"], name=name)
        spec = CallSpec(
            name=name,
            type=shown,
            kind=canonical if shown != canonical else "",
            config=MappingProxyType(cfg),
            inputs=inputs or (),
            pos=node.pos,
            layer=name,
            trainable=trainable,
            auto_named=auto,
            given=MappingProxyType(given),
            arg_pos=MappingProxyType(arg_pos),
            explicit_inputs=inputs is not None,
            call_args=MappingProxyType(call_args),
        )
        return spec, input_shape

    def _arguments(
        self, node: YNode, kind: LayerKind, canonical: str, name: str | None, label: str
    ) -> tuple[dict[str, Any], dict[str, Any], dict[str, Pos]] | None:
        """The constructor arguments an entry gives (a nested model's read as a document),
        what it wrote, and where; a Keras import drops the keys archcalc does not know."""
        nested = isinstance(kind, NestedModel)
        entry_keys = _entry_keys(kind.args)
        given = {
            k: v.plain()
            for k, v in node.value.items()
            if k not in entry_keys and not (nested and k == "model")
        }
        arg_pos = {k: node.value[k].pos for k in node.value if k not in entry_keys}
        args = dict(given)
        if nested:
            sub = self._nested_model(node, canonical, label)
            if sub is None:
                return None
            args["model"] = sub
        if self.p.lenient:
            self.drop_unknown(args, node, canonical, name or canonical)
            given = {k: v for k, v in given.items() if k in args}
        return args, given, arg_pos

    def _argument_errors(
        self,
        errors: list[ArgError],
        node: YNode,
        kind: LayerKind,
        arg_pos: Mapping[str, Pos],
        label: str,
    ) -> None:
        if not errors:  # the common case: nothing to say, no hint to look for
            return
        tuple_hint = python_tuple(node)
        said: set[str] = set()
        for err in errors:
            where = arg_pos.get(err.arg, node.key_pos(err.arg)) if err.arg else node.pos
            if err.arg and err.arg not in kind.args:
                where = node.key_pos(err.arg)
            elif err.arg and err.path:
                where = _nested_pos(node.value.get(err.arg), err.path, where)
            if err.arg in tuple_hint:  # one message for the tuple, however YAML split it
                if tuple_hint[err.arg] not in said:
                    said.add(tuple_hint[err.arg])
                    self.p.error(where, "invalid-argument", f"{label}: {tuple_hint[err.arg]}")
                continue
            unknown = "has no argument" in str(err)
            self.p.error(
                where, "unknown-argument" if unknown else "invalid-argument", f"{label}: {err}"
            )

    def _ignored_arguments(
        self, given: Mapping[str, Any], node: YNode, kind: LayerKind, label: str
    ) -> None:
        """Arguments Keras 3 accepts and ignores: say so, as Keras warns."""
        for key in given:
            arg = kind.args.get(key)
            if arg is not None and arg.ignored and given[key] is not None:
                self.p.warn(node.key_pos(key), "ignored-argument", f"{label}: {key} {arg.ignored}")

    def _trainable(self, node: YNode) -> bool:
        t_node = node.get("trainable")
        if t_node is None:
            return True
        try:
            return BOOL.check(t_node.plain())
        except ArgError as exc:
            self.p.error(t_node.pos, "invalid-argument", f"trainable {exc}")
            return True

    def _input_shape(self, node: YNode, entry_keys: tuple[str, ...], first: bool) -> Shape | None:
        """Keras 2's ``input_shape`` / ``input_dim`` on the first layer: the model's input."""
        input_shape = None
        for key in ("input_shape", "input_dim"):
            s_node = node.get(key) if key in entry_keys else None
            if s_node is None:
                continue
            if not first:
                self.p.error(
                    node.key_pos(key),
                    "misplaced-input-shape",
                    f"{key} is only read on the first layer (Keras ignores it elsewhere); "
                    "declare extra inputs under 'inputs:' instead",
                )
            elif key == "input_dim":
                v = s_node.value
                if not isinstance(v, int) or isinstance(v, bool) or v <= 0:
                    self.p.error(
                        s_node.pos, "invalid-shape", "input_dim must be a positive integer"
                    )
                else:
                    input_shape = (v,)
            else:
                input_shape = read_shape(self.p, s_node, "input_shape")
        return input_shape

    def _nested_model(self, node: YNode, canonical: str, label: str) -> Spec | None:
        """A nested model's ``model:``, read with the same namer (Keras's counters are global)."""
        model_node = node.get("model")
        if model_node is None:
            self.p.error(
                node.pos,
                "invalid-argument",
                f"{label}: a nested {canonical} needs 'model:', a mapping with its layers "
                "(and inputs/outputs for a Functional model)",
            )
            return None
        sub = self.load_nested(model_node, canonical, self.namer)
        if sub is not None and canonical == "Sequential" and not sub.sequential:
            self.p.error(
                model_node.pos,
                "invalid-argument",
                f"{label}: a nested Sequential is a plain chain with one input; "
                "use type: Functional for branches, several inputs or shared layers",
            )
            return None
        return None if sub is None else replace(sub, sequential=canonical == "Sequential")

    def drop_unknown(
        self, args: dict[str, Any], node: YNode, kind: str, label: str, own: tuple[str, ...] = ()
    ) -> None:
        """Keras imports: drop (with a warning) config keys archcalc does not know for ``kind``,
        in nested layers too (Bidirectional's ``layer``, whose ``own`` keys are type and name)."""
        known = CATALOG[kind].args
        for key in list(args):
            value, sub = args[key], node.value.get(key)
            if key not in known and key not in own:
                self.p.warn(
                    node.key_pos(key),
                    "ignored-argument",
                    f"{label}: ignored the Keras config key {quote(key)}, which archcalc "
                    f"does not know for {kind}; it is assumed not to change shapes or counts",
                )
                del args[key]
            elif isinstance(value, dict) and sub is not None and sub.is_map:
                inner = value.get("type")
                inner = CANONICAL.get(inner) if isinstance(inner, str) else None
                if inner is not None:
                    self.drop_unknown(value, sub, inner, f"{label} ({key})", NESTED_KEYS)


def _entry_keys(args: Mapping[str, Any]) -> tuple[str, ...]:
    """The keys an entry reads itself, less those this kind takes as arguments (Embedding's
    input_dim is its own argument, not Keras 2's input_dim= shorthand)."""
    return ENTRY_KEYS if "input_dim" not in args else _ENTRY_KEYS_NO_DIM


_ENTRY_KEYS_NO_DIM = tuple(k for k in ENTRY_KEYS if k != "input_dim")


def _nested_pos(node: YNode | None, path: tuple[str, ...], default: Pos) -> Pos:
    """The position of ``path`` inside a mapping argument (a nested layer's ``units``); a
    digit string indexes a list (a Pipeline's ``layers``)."""
    where = default
    for key in path:
        if node is not None and node.is_seq and key.isdigit() and int(key) < len(node.value):
            node = node.value[int(key)]
        elif node is None or not node.is_map or key not in node.value:
            break
        else:
            node = node.value[key]
        where = node.pos
    return where


def replace_field(obj: Any, name: str, value: Any, **more: Any) -> Any:
    """A copy of a frozen dataclass with fields changed: its slots (or instance dict) copied,
    which costs far less than ``replace`` or ``copy.copy`` over 100,000 calls."""
    if not hasattr(obj, "__dict__"):  # a slotted class: slot by slot
        set_ = object.__setattr__
        new = object.__new__(type(obj))
        for field_name in type(obj).__slots__:
            set_(new, field_name, getattr(obj, field_name))
        set_(new, name, value)
        for k, v in more.items():
            set_(new, k, v)
        return new
    new = object.__new__(type(obj))
    state = new.__dict__
    state.update(obj.__dict__)
    state[name] = value
    state.update(more)
    return new
