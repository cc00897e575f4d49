"""An entry that is a keras.ops node: ``type: TrueDivide, args: [x, 127.5]``.

The syntax (``archcalc docs spec-format``, "keras.ops nodes")::

    - {type: TrueDivide, args: [image, 127.5]}          # x / 127.5
    - {type: Subtract, args: [true_divide, 1.0]}
    - {type: GetItem, args: [x, [{slice: [null, null, null]}, 0]]}   # x[:, 0]
    - {type: ops.Concatenate, axis: -1, inputs: [a, b]} # args: [[a, b]]
    - {type: Split, indices_or_sections: 3, axis: -1}   # reads the entry above; split[1]...

``args`` are the call's positional arguments as Keras records them,
``kwargs`` its keyword arguments; the op's constructor arguments (Keras's
op ``config``) are ordinary keys. Inside ``args``/``kwargs`` a string is a
tensor reference, numbers/booleans/null are constants, lists are lists,
``{slice: [start, stop, step]}`` a slice, ``{ellipsis: true}`` the
Ellipsis, ``{constant: [...], dtype: float32}`` a constant array and
``{string: "..."}`` a string. Tensors are numbered in the order Keras
flattens the call (args, then kwargs by name), which is the order of
``Connected to``.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

from archcalc.catalog import CANONICAL, CATALOG
from archcalc.catalog.naming import AutoNamer
from archcalc.catalog.ops_args import DTYPE_NAMES
from archcalc.catalog.ops_base import CONSTANT_MAX_VALUES, Constant, OpKind, SliceKey, Slot
from archcalc.catalog.ops_refused import refused
from archcalc.diagnostics import Pos, did_you_mean
from archcalc.reader.problems import Problems, kind_of
from archcalc.reader.values import parse_ref
from archcalc.reader.ynode import YNode
from archcalc.shapes import Shape
from archcalc.spec import CallSpec, TensorRef
from archcalc.textsafe import quote

#: the keys an op entry reads itself (its constructor arguments are the others)
OP_ENTRY_KEYS = ("name", "type", "args", "kwargs", "inputs")
#: value forms inside args/kwargs, by their one key
FORMS = ("slice", "ellipsis", "constant", "string")
#: the largest rank a constant may have (numpy's limit)
CONSTANT_MAX_RANK = 64


def op_kind(type_name: Any) -> OpKind | None:
    """The op kind a ``type`` names (``TrueDivide``, ``ops.TrueDivide``, ``ops.Concatenate``)."""
    if not isinstance(type_name, str):
        return None
    for name in (type_name, type_name.removeprefix("ops.")):
        if name in CATALOG:
            kind = CATALOG[CANONICAL.get(name, name)]
            if isinstance(kind, OpKind) and (name == type_name or kind.name == name):
                return kind
    return None


def refused_op(type_name: Any) -> str:
    """Why a ``type`` naming a keras.ops class archcalc does not model is refused ('' if not)."""
    if not isinstance(type_name, str):
        return ""
    return refused(type_name.removeprefix("ops."))


class _Args:
    """Reads args/kwargs into the structure a kind evaluates, collecting tensor references."""

    def __init__(self, p: Problems, label: str) -> None:
        self.p = p
        self.label = label
        self.refs: list[TensorRef] = []
        self.ok = True

    def fail(self, pos: Pos, message: str) -> None:
        self.p.error(pos, "invalid-argument", f"{self.label}: {message}")
        self.ok = False

    def ref(self, ref: TensorRef) -> Slot:
        self.refs.append(ref)
        return Slot(len(self.refs) - 1)

    def value(self, node: YNode) -> Any:
        if node.kind == "scalar":
            v = node.value
            if isinstance(v, str):
                if not v:
                    self.fail(
                        node.pos,
                        "an empty string is not a tensor reference; write {string: ''} for a string",
                    )
                    return None
                return self.ref(parse_ref(v, node.pos))
            return v
        if node.kind == "seq":
            return [self.value(item) for item in node.value]
        return self.form(node)

    def mapping(self, node: YNode, what: str) -> dict[str, Any]:
        """kwargs (or a dict argument): values by name, tensors numbered by sorted key."""
        return {k: self.value(node.value[k]) for k in sorted(node.value)}

    def form(self, node: YNode) -> Any:
        keys = list(node.value)
        head = next((k for k in keys if k in FORMS), None)
        allowed = {"constant": ("constant", "dtype")}.get(head or "", (head,))
        extra = [k for k in keys if k not in allowed]
        if head is None or extra:
            bad = extra[0] if head is not None else (keys[0] if keys else "")
            hint = did_you_mean(bad, FORMS) if bad else ""
            self.fail(
                node.key_pos(bad) if bad else node.pos,
                f"a mapping in args is one of {{slice: [start, stop, step]}}, {{ellipsis: true}}, "
                f"{{constant: [...], dtype: float32}} or {{string: '...'}}; got key "
                f"{quote(bad) if bad else 'none'}{hint}",
            )
            return None
        body = node.value[head]
        if head == "slice":
            return self.slice(body)
        if head == "ellipsis":
            if body.value is not True:
                self.fail(body.pos, "write the Ellipsis (...) as {ellipsis: true}")
            return Ellipsis
        if head == "string":
            if not isinstance(body.value, str) or body.kind != "scalar":
                self.fail(body.pos, f"{{string: ...}} holds a string, got {kind_of(body.plain())}")
                return None
            return body.value
        return self.constant(node, body)

    def slice(self, body: YNode) -> SliceKey | None:
        items = body.value if body.is_seq else None
        if items is None or not 1 <= len(items) <= 3:
            self.fail(
                body.pos, "a slice is {slice: [start, stop, step]}: up to three integers or null"
            )
            return None
        parts: list[int | None] = []
        for item in items:
            v = item.value
            if v is not None and (not isinstance(v, int) or isinstance(v, bool)):
                self.fail(
                    item.pos,
                    f"a slice's start, stop and step are integers or null, got {kind_of(item.plain())}",
                )
                return None
            parts.append(v)
        while len(parts) < 3:
            parts.append(None)
        if parts[2] == 0:
            self.fail(items[2].pos, "a slice's step cannot be 0")
            return None
        return SliceKey(*parts)

    def constant(self, node: YNode, body: YNode) -> Constant | None:
        dtype_node = node.get("dtype")
        dtype = "float32"
        if dtype_node is not None:
            if dtype_node.value not in DTYPE_NAMES:
                hint = (
                    did_you_mean(str(dtype_node.value), DTYPE_NAMES)
                    if isinstance(dtype_node.value, str)
                    else ""
                )
                self.fail(
                    dtype_node.pos,
                    f"a constant's dtype must be a Keras dtype such as 'float32', got {kind_of(dtype_node.plain())}{hint}",
                )
                return None
            dtype = dtype_node.value
        shape: list[int] = []
        level = [body]
        while True:
            if len(shape) > CONSTANT_MAX_RANK:
                self.fail(body.pos, f"a constant has at most {CONSTANT_MAX_RANK} axes")
                return None
            kinds = {n.kind for n in level}
            if kinds == {"scalar"}:
                break
            if kinds != {"seq"} or len({len(n.value) for n in level}) != 1:
                self.fail(
                    body.pos,
                    "a constant is a number or a rectangular nested list of numbers (every row the same length)",
                )
                return None
            shape.append(len(level[0].value))
            level = [child for n in level for child in n.value]
            if len(level) > CONSTANT_MAX_VALUES:
                self.fail(body.pos, f"a constant holds at most {CONSTANT_MAX_VALUES:,} values")
                return None
        if any(not isinstance(n.value, int | float) for n in level):
            self.fail(body.pos, "a constant's values are numbers or booleans")
            return None
        return Constant(tuple(shape), dtype, _frozen(body.plain()))


def _frozen(value: Any) -> Any:
    return tuple(_frozen(v) for v in value) if isinstance(value, list) else value


def op_entry(
    p: Problems,
    namer: AutoNamer,
    node: YNode,
    kind: OpKind,
    name: str | None,
    inputs: tuple[TensorRef, ...] | None,
    index: int,
) -> tuple[CallSpec, Shape | None] | None:
    """An op node entry as a call: its arguments read, its constructor arguments checked."""
    label = name or f"layer {index + 1}"
    if not _only_op_keys(p, node, kind, label):
        return None
    reader = _Args(p, label)
    call_args, call_kwargs = _call(reader, node, kind, inputs)
    got = _op_config(p, node, kind, label, call_args, call_kwargs)
    if got is None or not reader.ok:
        return None
    cfg, given, arg_pos = got
    problem = kind.call_problem(cfg)
    if problem:
        where = node.get("args") or node.value.get("inputs") or node.value["type"]
        p.error(where.pos, "invalid-argument", f"{label}: {problem}")
        return None
    for key in ("args", "kwargs"):
        if key in node.value:
            given[key] = node.value[key].plain()
    if inputs is not None:
        given["inputs"] = [str(r) for r in inputs]
    auto = name is None
    name = namer(kind.keras_class) if name is None else name
    spec = CallSpec(
        name=name,
        type=kind.keras_class,
        config=MappingProxyType(cfg),
        inputs=tuple(reader.refs),
        pos=node.pos,
        layer=name,
        auto_named=auto,
        given=MappingProxyType(given),
        arg_pos=MappingProxyType(arg_pos),
        explicit_inputs=True,
        kind=kind.name if kind.name != kind.keras_class else "",
    )
    return spec, None


def _only_op_keys(p: Problems, node: YNode, kind: OpKind, label: str) -> bool:
    """An op entry takes none of a layer entry's own keys (mask, trainable, share...)."""
    for key in ("mask", "trainable", "share", "custom", "input_shape", "input_dim"):
        if key in node.value:
            p.error(
                node.key_pos(key),
                "invalid-argument",
                f"{label}: {kind.keras_class} is a keras.ops node, which takes no {quote(key)}; "
                "an op entry has type, name, args, kwargs (or inputs) and the op's own arguments",
            )
            return False
    return True


def _call(
    reader: _Args, node: YNode, kind: OpKind, inputs: tuple[TensorRef, ...] | None
) -> tuple[Any, dict[str, Any]]:
    """The call's positional arguments (``args``, or ``inputs`` as their shorthand, or the
    entry above) and keyword arguments, their tensor references collected by ``reader``."""
    args_node, kwargs_node = node.get("args"), node.get("kwargs")
    if args_node is not None and inputs is not None:
        reader.fail(node.key_pos("inputs"), "give args or inputs (its shorthand), not both")
    call_args: Any = None
    if args_node is not None:
        if not args_node.is_seq:
            reader.fail(
                args_node.pos,
                f"args is the list of the call's positional arguments, got {kind_of(args_node.plain())}",
            )
        else:
            call_args = tuple(reader.value(item) for item in args_node.value)
    elif inputs is not None:
        slots = [reader.ref(r) for r in inputs]
        call_args = (slots,) if kind.list_input else tuple(slots)
    else:
        call_args = ([Slot(0)],) if kind.list_input else (Slot(0),)  # the entry above, wired later
    call_kwargs: dict[str, Any] = {}
    if kwargs_node is not None:
        if not kwargs_node.is_map:
            reader.fail(
                kwargs_node.pos,
                f"kwargs is a mapping of keyword arguments, got {kind_of(kwargs_node.plain())}",
            )
        else:
            call_kwargs = reader.mapping(kwargs_node, "kwargs")
    if reader.ok and (args_node is not None or inputs is not None) and not reader.refs:
        reader.fail(
            (args_node or node).pos,
            f"{kind.keras_class} is called on no tensor; Keras computes such a call at once "
            "(it is not a node): write the result as a constant in the call that uses it",
        )
    return call_args, call_kwargs


def _op_config(
    p: Problems,
    node: YNode,
    kind: OpKind,
    label: str,
    call_args: Any,
    call_kwargs: dict[str, Any],
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Pos]] | None:
    """The op's constructor arguments with its call, normalised: config, what the entry gave,
    and where each key is (None after reporting the errors)."""
    given = {k: v.plain() for k, v in node.value.items() if k not in OP_ENTRY_KEYS}
    arg_pos = {k: node.value[k].pos for k in node.value if k not in OP_ENTRY_KEYS}
    if p.lenient:
        for key in [k for k in given if k not in kind.args]:
            p.warn(
                node.key_pos(key),
                "ignored-argument",
                f"{label}: ignored the Keras config key {quote(key)}, which archcalc does not know "
                f"for {kind.keras_class}; it is assumed not to change shapes",
            )
            del given[key]
    cfg, errors = kind.normalize({**given, "args": call_args, "kwargs": call_kwargs or None})
    for err in errors:
        where = arg_pos.get(err.arg, node.key_pos(err.arg)) if err.arg else node.pos
        code = "unknown-argument" if "has no argument" in str(err) else "invalid-argument"
        p.error(where, code, f"{label}: {err}")
    return None if errors else (cfg, given, arg_pos)
