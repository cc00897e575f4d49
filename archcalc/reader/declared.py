"""Entries that are not a new catalog layer: a custom layer declared by what it produces,
and a ``share:`` call of a layer defined above."""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

from archcalc.catalog import CATALOG
from archcalc.catalog.naming import AutoNamer
from archcalc.catalog.ops_base import OpKind
from archcalc.diagnostics import Pos, did_you_mean
from archcalc.reader.problems import Problems, kind_of
from archcalc.reader.values import read_call_args
from archcalc.reader.ynode import YNode
from archcalc.spec import CallSpec, TensorRef
from archcalc.textsafe import quote

Declared = tuple[CallSpec, None]
#: what ``convert`` writes for a shape a Keras file does not record: the one field to fill in
FILL_IN = "FILL_IN"

ENTRY_KEYS = (
    "name", "type", "share", "inputs", "initial_state", "constants", "mask", "kwargs",
    "trainable", "input_shape", "input_dim",
)  # fmt: skip
SHARE_KEYS = ("name", "share", "inputs", "initial_state", "constants", "mask", "kwargs")


def custom_entry(
    p: Problems,
    namer: AutoNamer,
    node: YNode,
    type_node: YNode,
    name: str | None,
    inputs: tuple[TensorRef, ...] | None,
    index: int,
) -> Declared | None:
    """An entry archcalc cannot compute, declared by its output shape and parameter count.

    ``type: ops.X`` declares a keras.ops node X (its row shows X), so an op that shares its
    class name with a layer (Subtract) can be declared.
    """
    type_name, custom_node = type_node.value, node.value["custom"]
    shown = type_name.removeprefix("ops.")
    label = name or f"layer {index + 1}"
    if not _declarable(p, node, type_node, custom_node, label):
        return None
    cfg = _custom_config(p, custom_node, label, name or namer.peek(shown))
    if cfg is None:
        return None
    name = name or namer(shown)
    spec = CallSpec(
        name=name,
        type=shown,
        config=MappingProxyType(cfg),
        inputs=inputs or (),
        pos=node.pos,
        layer=name,
        auto_named=node.get("name") is None,
        given=MappingProxyType(
            {k: v.plain() for k, v in node.value.items() if k not in ENTRY_KEYS}
        ),
        arg_pos=MappingProxyType({k: v.pos for k, v in node.value.items()}),
        explicit_inputs=inputs is not None,
        kind="Custom",
    )
    return spec, None


def _declarable(p: Problems, node: YNode, type_node: YNode, custom_node: YNode, label: str) -> bool:
    """Whether this type may be declared as a custom layer (a class archcalc does not compute)."""
    type_name = type_node.value
    if type_name == "Custom":
        p.error(
            type_node.pos,
            "unknown-layer-type",
            f"{label}: a custom layer keeps its own class name as type (type: MyAttention) "
            "and declares what it produces under custom:",
        )
        return False
    if type_name in CATALOG and _builtin(CATALOG[type_name]):
        # (a custom layer may share its class name with a keras.ops class, DepthToSpace, or
        # with a keras_hub one, a keras.io example's own TokenAndPositionEmbedding)
        p.error(
            node.key_pos("custom"),
            "invalid-argument",
            f"{label}: {type_name} is a layer archcalc computes itself; remove 'custom:'",
        )
        return False
    if not custom_node.is_map:
        p.error(
            custom_node.pos,
            "invalid-argument",
            f"{label}: custom must be a mapping such as {{output_shape: [10, 64], params: 1234}}",
        )
        return False
    return True


def _custom_config(
    p: Problems, custom_node: YNode, label: str, shown_name: str
) -> dict[str, Any] | None:
    """The declaration, normalised; ``FILL_IN`` marks are errors, except when ``convert``
    writes them out (a lenient read of a Keras file) for the user to complete."""
    marks = _fill_in_marks(custom_node)
    if marks and not p.lenient:
        for pos in marks:
            p.error(
                pos,
                "fill-in",
                f"{shown_name}: fill in this output shape: {FILL_IN} marks what the Keras file does "
                "not record (write the shape the layer returns, without the batch dimension, "
                "e.g. [10, 64])",
            )
        return None
    if marks:
        return dict(custom_node.plain())
    cfg, errors = CATALOG["Custom"].normalize(custom_node.plain())
    for err in errors:
        where = custom_node.value[err.arg].pos if err.arg in custom_node.value else custom_node.pos
        message = str(err).replace("Custom has no argument", "custom has no key")
        p.error(where, "invalid-argument", f"{label}: {message}")
    return None if errors else cfg


def _fill_in_marks(custom: YNode) -> list[Pos]:
    """Where a custom mapping still says FILL_IN (convert's mark for a shape to fill in)."""
    if not custom.is_map:
        return []
    marks = []
    for key in ("output_shape", "output_shapes"):
        value = custom.get(key)
        if value is None:
            continue
        items = value.value if value.is_seq and key == "output_shapes" else [value]
        marks += [item.pos for item in items if item.value == FILL_IN]
    return marks


def share_entry(
    p: Problems,
    defined: dict[str, CallSpec],
    calls: dict[str, int],
    node: YNode,
    name: str | None,
    inputs: tuple[TensorRef, ...] | None,
) -> Declared | None:
    share_node = node.value["share"]
    target = share_node.value
    extra = [key for key in node.value if key not in SHARE_KEYS]
    owner_text = quote(target) if isinstance(target, str) else "the shared layer"
    for key in extra:
        p.error(
            node.key_pos(key),
            "share-argument",
            f"{quote(key)} cannot be set on a share entry: arguments belong to the shared layer {owner_text}; "
            "a share entry takes only name, share, inputs, initial_state and mask (and the call's kwargs)",
        )
    if not isinstance(target, str) or target not in defined:
        hint = did_you_mean(str(target), list(defined)) if isinstance(target, str) else ""
        p.error(
            share_node.pos,
            "unknown-reference",
            f"share: {quote(target) if isinstance(target, str) else kind_of(share_node.plain())} "
            f"is not a layer declared above{hint}; "
            "share re-applies an earlier layer with the same weights",
        )
        return None
    if extra:
        return None
    root = defined[target]
    owner = defined.get(root.layer, root)
    label = name or f"share: {target}"
    call_args = read_call_args(p, CATALOG[owner.kind_name], node.get("kwargs"), label)
    call = calls[owner.name] = calls.get(owner.name, 0) + 1
    spec = CallSpec(
        name=name or f"{owner.name}:{call}",
        type=owner.type,
        config=owner.config,
        inputs=inputs or (),
        pos=node.pos,
        layer=owner.name,
        call_index=call,
        trainable=owner.trainable,
        share=target,
        kind=owner.kind,
        explicit_inputs=inputs is not None,
        call_args=MappingProxyType(call_args),
    )
    return spec, None


def _builtin(kind: object) -> bool:
    """A keras.layers class: no custom layer of the same name can be meant."""
    return not isinstance(kind, OpKind) and getattr(kind, "keras_module", "") != "keras_hub.layers"
