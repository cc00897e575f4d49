"""The catalog's own reference, as Markdown: generated from the kinds, never kept by hand.

``docs/layers.md`` (every type: aliases, family, inputs, weights, masking,
what it does at inference) and the families table of ``docs/layer-catalog.md``
are this module's output; a test regenerates them and fails when the docs
are out of date, so adding a layer adds its docs row.
"""

from __future__ import annotations

from archcalc.catalog.base import CANONICAL, CATALOG, LayerKind

#: Families in the order the docs list them (Keras's folders); others follow, sorted.
FAMILY_ORDER = (
    "core", "convolutional", "pooling", "normalization", "activations", "regularization",
    "merging", "reshaping", "preprocessing", "rnn", "attention", "applications", "models", "ops",
)  # fmt: skip
#: Kinds the reader builds itself, which a spec does not name as a type.
NOT_LISTED = ("InputLayer", "Custom")


def _kinds() -> list[LayerKind]:
    names = sorted({c for c in CANONICAL.values() if c not in NOT_LISTED})
    return [CATALOG[n] for n in names]


def _family(kind: LayerKind) -> str:
    """A kind's family; keras.ops nodes by their Keras module (``ops (numpy)``)."""
    if kind.family == "ops":
        return f"ops ({getattr(kind, 'module', '').rsplit('.', 1)[-1]})"
    return kind.family or "other"


def _families() -> dict[str, list[LayerKind]]:
    by: dict[str, list[LayerKind]] = {}
    for kind in _kinds():
        by.setdefault(_family(kind), []).append(kind)
    order = {f: i for i, f in enumerate(FAMILY_ORDER)}

    def rank(family: str) -> tuple[int, str]:
        return order.get(family.split(" ")[0], len(order)), family

    return dict(sorted(by.items(), key=lambda fk: rank(fk[0])))


def _named(kind: LayerKind) -> str:
    aliases = ", ".join(f"`{a}`" for a in kind.aliases)
    return f"`{kind.name}`" + (f" ({aliases})" if aliases else "")


def families_table() -> str:
    """One row per family: its types, aliases in brackets."""
    rows = ["| family | types (aliases in brackets) |", "| --- | --- |"]
    for family, kinds in _families().items():
        rows.append(f"| {family} | {', '.join(_named(k) for k in kinds)} |")
    return "\n".join(rows) + "\n"


def _inputs(kind: LayerKind) -> str:
    if kind.max_inputs == kind.min_inputs:
        n = str(kind.min_inputs)
    elif kind.max_inputs is None:
        n = f"{kind.min_inputs} or more"
    else:
        n = f"{kind.min_inputs} to {kind.max_inputs}"
    if kind.ndim is not None:
        n += f", rank {kind.ndim}"
    elif kind.min_ndim is not None:
        n += f", rank {kind.min_ndim}+"
    if kind.takes_initial_state and kind.family != "custom":  # declared: unchecked
        n += "; initial_state"
    return n


def _masking(kind: LayerKind) -> str:
    parts = []
    if kind.supports_masking:
        parts.append("supports")
    if kind.takes_mask:
        parts.append("takes")
    return ", ".join(parts) or "-"


def _inference(kind: LayerKind) -> str:
    if kind.inference_identity:
        return "identity"
    if kind.data_movement:
        return "data movement"
    return "-"


def _op_args(kind: LayerKind) -> str:
    shown = [a.name if a.required else f"{a.name}={_default(a.default)}" for a in kind.ARGS]
    return ", ".join(shown) or "-"


def _default(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(list(value) if isinstance(value, tuple) else value).replace("'", "")


def _ops_table(kinds: list[LayerKind]) -> list[str]:
    out = [
        "| type | arguments (Keras's defaults) | output | at inference |",
        "| --- | --- | --- | --- |",
    ]
    for kind in kinds:
        out.append(f"| `{kind.name}` | {_op_args(kind)} | {kind.doc or '-'} | {_inference(kind)} |")
    return out


def layers_table() -> str:
    """Every type, by family: aliases, inputs, weights, masking and its inference behaviour
    (keras.ops nodes: their arguments and output)."""
    out = []
    for family, kinds in _families().items():
        if family.startswith("ops"):
            out += [f"## {family}", "", *_ops_table(kinds), ""]
            continue
        out += [
            f"## {family}",
            "",
            "| type | aliases | inputs | weights | masking | at inference |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for kind in kinds:
            aliases = ", ".join(f"`{a}`" for a in kind.aliases) or "-"
            weights = kind.weights_doc or "none"
            out.append(
                f"| `{kind.name}` | {aliases} | {_inputs(kind)} | {weights} | "
                f"{_masking(kind)} | {_inference(kind)} |"
            )
        out.append("")
    return "\n".join(out)


def layers_page() -> str:
    """The whole layers page of the docs (layers.md)."""
    return (
        "# Every layer type archcalc knows\n\n"
        "Generated from the catalog itself (`archcalc/catalog/reference.py`; a test "
        "regenerates it). `inputs` is how many tensors a call takes and the rank Keras's "
        "InputSpec asks for (batch included); `weights` the variables the layer creates; "
        "`masking`: *supports* = it computes its output's mask (Keras's "
        "`supports_masking`), *takes* = Keras passes it its input's mask; `at inference`: "
        "*identity* = returns its input unchanged (Dropout...), *data movement* = copies, "
        "views or lookups only (no arithmetic to count). The behaviours worth knowing are "
        "in `archcalc docs layer-catalog`. The `ops (...)` sections are the keras.ops nodes "
        "(`archcalc docs spec-format`, keras.ops nodes): their constructor arguments with "
        "Keras's defaults (the call's own arguments go under `args:`), and what they output; "
        "any of them may also be written `ops.<type>`.\n\n" + layers_table()
    )
