"""The keras.ops catalog against Keras's own list of Operation classes.

tests/catalog/keras_ops_index.json lists every non-Layer ``Operation`` class of Keras 3.15.1
(keras/src/ops, plus keras.activations' ReLU and Mish and the quantizers' fake quantisation),
with its module, its auto-name prefix and its ``__init__`` parameters, and the names
``keras.layers`` exports (scratch: /work/scratch/kref_ops/gen_ops_index.py). Every class is
either an op kind of the catalog, with Keras's module, constructor arguments and auto-name, or
refused with a reason.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archcalc.catalog import CATALOG
from archcalc.catalog.naming import to_snake_case
from archcalc.catalog.ops_base import OpKind
from archcalc.catalog.ops_refused import REFUSED
from archcalc.reader.op_entries import op_kind

INDEX = json.loads((Path(__file__).parent / "keras_ops_index.json").read_text())
LAYERS = set(INDEX["keras_layers_exports"])
OPS = {o["class"]: o for o in INDEX["ops"]}
CATALOG.load_all()
KINDS = {k.keras_class: k for k in CATALOG.values() if isinstance(k, OpKind)}


def test_every_keras_op_class_is_modelled_or_refused() -> None:
    assert set(KINDS) | set(REFUSED) == set(OPS)
    assert not set(KINDS) & set(REFUSED)
    assert len(KINDS) == 324 and len(REFUSED) == 14


def test_refused_are_the_traced_and_the_never_recorded() -> None:
    traced = {c for c, o in OPS.items() if o["traces_user_function"]}
    never = {c for c, o in OPS.items() if o["note"].startswith("not instantiated")}
    # Mish: no function records it (keras.activations.mish converts to numpy), but its spec is
    # its input's shape, so a node of it is modelled like any activation
    assert traced | never - {"Mish"} | {"Arange"} == set(REFUSED)


@pytest.mark.parametrize("name", sorted(KINDS))
def test_kind_is_keras_class(name: str) -> None:
    kind, keras = KINDS[name], OPS[name]
    assert kind.module == keras["module"]
    assert to_snake_case(kind.keras_class) == keras["auto_name_prefix"]
    assert [a.name for a in kind.ARGS] == [p for p, _ in keras["init_params"]]
    required = {a.name for a in kind.ARGS if a.required}
    assert required == {p for p, d in keras["init_params"] if d == "<required>"}
    # an op class keras.layers also has is ops.X; the others keep Keras's name (and ops.X works)
    assert kind.shares_layer_name == (name in LAYERS)
    assert kind.name == (f"ops.{name}" if name in LAYERS else name)
    assert op_kind(f"ops.{name}") is kind


def test_the_eleven_shared_names() -> None:
    shared = sorted(n for n, k in KINDS.items() if k.shares_layer_name)
    assert shared == [
        "Add", "Average", "Concatenate", "Dot", "Maximum", "Minimum", "Multiply", "ReLU",
        "Reshape", "Softmax", "Subtract",
    ]  # fmt: skip


def test_every_op_that_computes_names_a_cost_rule() -> None:
    """A kind that is not data movement says which rule counts it (``counted_as``)."""
    from archcalc.analysis.ops_costs import OP_RULES

    missing = [n for n, k in KINDS.items() if not k.data_movement and k.counted_as not in OP_RULES]
    assert missing == []
