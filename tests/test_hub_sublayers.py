"""Every keras_hub layer's inner view (``sublayers``) against the layers keras_hub built.

layers.json (tests/golden/keras/hub/<family>/<config>/) records each
backbone's layer tree from ``_flatten_layers``: every sublayer's name,
class, own variables (shape, trainable, dtype), how often one call of the
block called it, and its output shape in one eager call with batch 2 and 8
tokens. archcalc's description of the same layer, for the same input
shapes, must list the same sublayers in the same order with the same
variables; output shapes where Keras called the sublayer. The rows'
variables are compared in Keras's ``weights`` order.
"""

from __future__ import annotations

import gzip
import json
import re
from typing import Any

import pytest

from archcalc.catalog import CATALOG
from archcalc.catalog.dtypes import variable_dtype
from archcalc.catalog.hub_base import HubLayer, Sublayer, flatten
from archcalc.reader.hub import hub_tree
from archcalc.reader.jsonnodes import parse_json
from archcalc.reader.limits import Limits
from tests.conftest import KERAS
from tests.test_keras_hub import CONFIGS, NOT_MODELLED

HUB = KERAS / "hub"
CASES = [c for c in CONFIGS if c.split("/")[0] not in NOT_MODELLED]


def layers_json(config: str) -> dict[str, Any]:
    return json.loads(gzip.decompress((HUB / config / "layers.json.gz").read_bytes()))


def entries(config: str) -> dict[str, dict[str, Any]]:
    """The spec entries archcalc builds for the config, by layer name (ops nodes left out)."""
    text = (HUB / config / "config.json").read_text()
    tree, _ = hub_tree(parse_json(text, "config.json", Limits()), "config.json")
    return {e["name"]: e for e in tree.plain()["layers"] if "type" in e}


def input_shapes(data: dict[str, Any], row: dict[str, Any]) -> list[tuple[int, ...]]:
    """The shapes one eager call of ``row`` received (an op node's: the row's own output)."""
    eager = {e["name"]: e.get("eager_output_shape") for e in data["tree"]}
    eager.update(data["eager_input_shapes"])
    if row["class"] == "ViTPatchingAndEmbedding":
        eager["images"] = [2, *data["rows"][0]["output_shape"][1:]]
    own = eager[row["name"]]
    return [tuple(eager.get(src) or own) for src, _, _ in row["inbound"][0]]


def named(mine: str, keras: str) -> bool:
    """Sublayers keras_hub leaves unnamed take Keras's per-process auto-names: the second
    block's softmax is ``softmax_1``; the inner view names each as the first block's."""
    return keras == mine or re.fullmatch(re.escape(mine) + r"_[0-9]+", keras) is not None


def same(part: Sublayer, keras: dict[str, Any], where: str, block_calls: int = 1) -> None:
    assert named(part.name, keras["name"]) and part.type == keras["class"], where
    dtype = lambda w: w.dtype or "float32"  # noqa: E731
    mine = [[w.name, list(w.shape), w.trainable, dtype(w)] for w in part.weights]
    theirs = [[w[0].rsplit("/", 1)[-1], w[1], w[2], w[3]] for w in keras["own_weights"]]
    if any("amax" in w[0] for w in theirs):  # float8: quantize() made the scales after the kernel
        mine, theirs = sorted(mine), sorted(theirs)
    assert mine == theirs, f"{where}/{part.name}"
    shape = keras.get("eager_output_shape")
    if shape is not None and not isinstance(shape[0], list):
        assert list(part.output_shape) == shape, f"{where}/{part.name}"  # type: ignore[arg-type]
    if "n_calls" in keras:  # over the whole forward: a shared block (ALBERT) runs several times
        assert part.calls * block_calls == keras["n_calls"], f"{where}/{part.name}"
    kids = keras.get("sublayers", [])
    assert len(part.children) == len(kids), f"{where}/{part.name}"
    for c, k in zip(part.children, kids, strict=True):
        same(c, k, f"{where}/{part.name}", block_calls)


@pytest.mark.parametrize("config", CASES)
def test_sublayers_are_what_keras_hub_builds(config: str) -> None:
    data = layers_json(config)
    built = entries(config)
    tree = {e["name"]: e for e in data["tree"]}
    checked = 0
    for row in data["rows"]:
        kind = CATALOG.get(row["class"])
        if not isinstance(kind, HubLayer) or row["name"] not in built:
            continue
        entry = built[row["name"]]
        args = {k: v for k, v in entry.items() if k not in ("name", "type", "inputs")}
        cfg, errors = kind.normalize(args)
        assert errors == [], row["name"]
        shapes = input_shapes(data, row)
        parts = kind.described(cfg, shapes)
        keras = tree[row["name"]]
        assert len(parts) == len(keras.get("sublayers", [])), row["name"]
        for part, k in zip(parts, keras.get("sublayers", []), strict=True):
            same(part, k, row["name"], keras.get("n_calls", 1))
        default = variable_dtype(cfg.get("dtype"))
        mine = [
            [f"{row['name']}/{w.name}", list(w.shape), w.trainable, w.dtype or default]
            for w in kind.own_weights(cfg, shapes) + flatten(parts)
        ]
        theirs = [list(w) for w in row["weights"]]
        if "float8" in config:  # quantize() made them after the kernel; a config, before it
            mine, theirs = sorted(mine), sorted(theirs)
        assert len(mine) == len(theirs), row["name"]
        for m, t in zip(mine, theirs, strict=True):
            if t[0] in ("o_proj/kernel", "rotary_emb/inv_freq") and m[0].endswith("/" + t[0]):
                # SmolLM3 creates these in __init__, before the layer is attached: Keras's
                # path for them starts at the sublayer's own name
                t = [m[0], *t[1:]]
            segments = zip(m[0].split("/"), t[0].split("/"), strict=True)
            assert all(named(a, b) for a, b in segments) and m[1:] == t[1:], (m, t)
        checked += 1
    assert checked
