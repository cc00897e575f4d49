"""``archcalc diff --format json``: the documented contract for tools (`archcalc docs diff`).

Fields are only ever added; an incompatible change bumps ``schema_version``.
Shapes are lists with ``null`` for unknown sizes, as in the summary JSON.
"""

from __future__ import annotations

from typing import Any

from archcalc.diff.model import FieldChange, LayerDiff, LayerSide, MetricDelta, ModelDiff
from archcalc.render.diff_common import DiffOptions, shown_layers
from archcalc.render.json_rows import dumps, shapes_value

DIFF_SCHEMA_VERSION = 1


def _metric(m: MetricDelta) -> dict[str, Any]:
    pct = m.percent
    return {
        "metric": m.key,
        "label": m.label,
        "old": m.old,
        "new": m.new,
        "delta": m.delta,
        "percent": None if pct is None else round(pct, 2),
    }


def _plain(v: Any) -> Any:
    if isinstance(v, tuple) and v and all(isinstance(s, tuple) for s in v):
        return shapes_value(v)  # output shapes
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    if isinstance(v, dict):
        return {str(k): _plain(x) for k, x in v.items()}
    return v


def _change(c: FieldChange) -> dict[str, Any]:
    out: dict[str, Any] = {
        "field": c.field,
        "kind": c.kind,
        "old": _plain(c.old),
        "new": _plain(c.new),
    }
    if c.old_default or c.new_default:
        out["old_default"] = c.old_default
        out["new_default"] = c.new_default
    return out


def _side(s: LayerSide | None) -> dict[str, Any] | None:
    if s is None:
        return None
    return {
        "name": s.name,
        "type": s.type,
        "output_shape": shapes_value(s.output_shapes),
        "params": s.params,
        "trainable_params": s.values.get("trainable_params", 0),
        "non_trainable_params": s.values.get("non_trainable_params", 0),
        "trainable": s.trainable,
        "inputs": list(s.inputs),
        "args": _plain(dict(s.given)),
        "line": s.line,
    }


def layer_diff_dict(d: LayerDiff) -> dict[str, Any]:
    return {
        "status": d.status,
        "cause": d.cause,
        "renamed": d.renamed,
        "matched_by": d.matched_by,
        "old": _side(d.old),
        "new": _side(d.new),
        "changes": [_change(c) for c in d.changes],
        "origin": list(d.origin),
        "metrics": [_metric(m) for m in d.metrics],
    }


def diff_dict(diff: ModelDiff, opts: DiffOptions | None = None) -> dict[str, Any]:
    opts = opts or DiffOptions()
    data: dict[str, Any] = {
        "schema_version": DIFF_SCHEMA_VERSION,
        "identical": diff.identical,
        "old": {
            "source": diff.old.source,
            "name": diff.old.name,
            "model_type": diff.old.model_type,
            "outputs": list(diff.old.outputs),
        },
        "new": {
            "source": diff.new.source,
            "name": diff.new.name,
            "model_type": diff.new.model_type,
            "outputs": list(diff.new.outputs),
        },
        "summary": {
            "changed": diff.count("changed", "own"),
            "changed_upstream": diff.count("changed", "upstream"),
            "added": diff.count("added"),
            "removed": diff.count("removed"),
            "unchanged": diff.count("unchanged"),
        },
        "model_changes": [_change(c) for c in diff.model_changes],
        "totals": [_metric(m) for m in diff.metrics],
        "layers": [layer_diff_dict(d) for d in shown_layers(diff, opts)],
    }
    if diff.blocks:  # specs with blocks: each change inside a block once
        data["blocks"] = [_block(b) for b in diff.blocks]
    return data


def _block(b: Any) -> dict[str, Any]:
    return {
        "block": b.block,
        "status": b.status,
        "instances": list(b.instances),
        "params": [_change(c) for c in b.params],
        "layers": [
            {"name": local, "changes": [_change(c) for c in changes]} for local, changes in b.layers
        ],
    }


def render_diff_json(diff: ModelDiff, opts: DiffOptions | None = None) -> str:
    return dumps(diff_dict(diff, opts))
