"""The op-node syntax of a spec (docs/spec-format.md, keras.ops nodes): each construct, its
round trip through ``archcalc convert``, the Keras file forms it comes from, and the schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import archcalc
from archcalc.diagnostics import ArchcalcError
from archcalc.reader.writer import spec_to_yaml
from archcalc.schema import spec_schema
from tests.jsonschema_mini import errors

INPUTS = "inputs: {x: [3, 4], y: [3, 4], v: [6]}\n"


def infer(*entries: str, outputs: str = "") -> archcalc.InferenceResult:  # type: ignore[name-defined]
    text = INPUTS + "layers:\n" + "".join(f"  - {e}\n" for e in entries) + outputs
    return archcalc.infer(archcalc.load_text(text, "ops.yaml"))


def rows(result: archcalc.InferenceResult) -> list[tuple]:  # type: ignore[name-defined]
    return [
        (x.name, x.type, x.output_shapes, [c.connections for c in x.calls]) for x in result.rows
    ]


# (entries, the op row: name, class, output shape, Connected to)
CONSTRUCTS = [
    (["{type: TrueDivide, args: [x, 127.5]}"], ("true_divide", "TrueDivide", (None, 3, 4))),
    (["{type: ops.TrueDivide, args: [2.0, x]}"], ("true_divide", "TrueDivide", (None, 3, 4))),
    (["{type: Negative, args: [x]}"], ("negative", "Negative", (None, 3, 4))),
    (["{type: Negative, inputs: x}"], ("negative", "Negative", (None, 3, 4))),
    (["{type: ops.Add, args: [x, y]}"], ("add", "Add", (None, 3, 4))),
    (["{type: GetItem, args: [x, [{slice: [null, null, null]}, 0]]}"], ("get_item", "GetItem", (None, 4))),
    (["{type: GetItem, args: [x, [{ellipsis: true}, null, {slice: [1, null, 2]}]]}"],
     ("get_item", "GetItem", (None, 3, 1, 2))),
    (["{type: GetItem, args: [x, 0]}"], ("get_item", "GetItem", (3, 4))),
    (["{type: ops.Concatenate, axis: -1, inputs: [x, y]}"], ("concatenate", "Concatenate", (None, 3, 8))),
    (["{type: ops.Concatenate, axis: -1, args: [[x, y]]}"], ("concatenate", "Concatenate", (None, 3, 8))),
    (["{type: Stack, axis: 1, inputs: [x, y]}"], ("stack", "Stack", (None, 2, 3, 4))),
    (["{type: Split, indices_or_sections: 2, axis: -1, inputs: x}", "{type: ops.Multiply, args: [\"split[1]\", 2]}"],
     ("multiply", "Multiply", (None, 3, 2))),
    (["{type: ops.Add, args: [x, {constant: [1.0, 2.0, 3.0, 4.0], dtype: float32}]}"], ("add", "Add", (None, 3, 4))),
    (["{type: Pad, pad_width: [[0, 0], [1, 1]], args: [v], kwargs: {constant_values: 3.0}}"], ("pad", "Pad", (None, 8))),
    (["{type: Einsum, subscripts: 'bij,bkj->bik', args: [x, y]}"], ("einsum", "Einsum", (None, 3, 3))),
    (["{type: Mean, axis: [1, 2], keepdims: true, args: [x]}"], ("mean", "Mean", (None, 1, 1))),
    (["{type: Dense, units: 4, inputs: x}", "{type: ops.Softmax}"], ("softmax", "Softmax", (None, 3, 4))),
    (["{type: Dense, units: 4, inputs: x}", "{type: ops.ReLU, max_value: 6.0}"], ("re_lu", "ReLU", (None, 3, 4))),
]  # fmt: skip


@pytest.mark.parametrize(("entries", "row"), CONSTRUCTS, ids=[c[0][-1][:50] for c in CONSTRUCTS])
def test_construct_and_its_round_trip(entries: list[str], row: tuple) -> None:
    result = infer(*entries)
    op = result.rows[-1]
    assert (op.name, op.type, op.output_shapes[0]) == row
    again = archcalc.infer(archcalc.load_text(spec_to_yaml(result.graph.spec), "again.yaml"))
    assert rows(again) == rows(result)
    assert [x.config for x in again.layers] == [x.config for x in result.layers]


def test_connected_to_is_args_then_kwargs_by_name() -> None:
    """A tensor under kwargs comes after the args' tensors; the same tensor twice twice."""
    result = infer(
        "{type: ops.Add, args: [x, x]}",
        "{type: Pad, pad_width: 1, args: [add], kwargs: {constant_values: y}}",
    )
    assert result.layer("add").calls[0].connections == (("x", 0, 0), ("x", 0, 0))
    assert result.layer("pad").calls[0].connections == (("add", 0, 0), ("y", 0, 0))


def test_an_op_reads_the_entry_above_and_makes_the_model_functional() -> None:
    result = infer("{type: Dense, units: 5, inputs: v}", "{type: Sigmoid}")
    assert result.layer("sigmoid").calls[0].connections == (("dense", 0, 0),)
    assert not result.sequential  # Keras's Sequential holds layers only: an InputLayer row


def test_op_names_share_the_layers_counters() -> None:
    result = infer(
        "{type: ops.Concatenate, axis: -1, inputs: [x, y]}",
        "{type: Concatenate, inputs: [concatenate, x]}",
        "{type: ops.Concatenate, axis: -1, inputs: [concatenate_1, y]}",
    )
    kinds = {x.name: x.kind for x in result.layers if x.type == "Concatenate"}
    assert kinds == {
        "concatenate": "ops.Concatenate",
        "concatenate_1": "",  # the layer
        "concatenate_2": "ops.Concatenate",
    }


def test_relu_is_the_op_and_relux_suggests_it() -> None:
    assert infer("{type: Relu, args: [x]}").rows[-1].type == "Relu"
    with pytest.raises(ArchcalcError) as info:
        infer("{type: Reluu, args: [x]}")
    assert "did you mean 'Relu'" in str(info.value)


def keras_config(*nodes: dict) -> str:
    inputs = [
        {
            "module": "keras.layers",
            "class_name": "InputLayer",
            "config": {"batch_shape": [None, 224, 224, 3], "dtype": "float32", "name": "image"},
            "registered_name": None,
            "name": "image",
            "inbound_nodes": [],
        }
    ]
    last = nodes[-1]["name"]
    config = {"name": "m", "layers": inputs + list(nodes), "input_layers": [["image", 0, 0]],
              "output_layers": [[last, 0, 0]]}  # fmt: skip
    return json.dumps({"module": "keras", "class_name": "Functional", "config": config})


def tensor(name: str) -> dict:
    return {"class_name": "__keras_tensor__", "config": {"keras_history": [name, 0, 0]}}


def node(cls: str, name: str, args: list, module: str = "keras.src.ops.numpy", **config) -> dict:
    return {"module": module, "class_name": cls, "config": {"name": name, **config},
            "registered_name": cls, "name": name,
            "inbound_nodes": [{"args": args, "kwargs": {}}]}  # fmt: skip


def load_json(tmp_path: Path, text: str) -> archcalc.InferenceResult:  # type: ignore[name-defined]
    path = tmp_path / "m.json"
    path.write_text(text, encoding="utf-8")
    return archcalc.infer(archcalc.load(str(path)))


def test_keras_x_over_127_5_minus_1_loads(tmp_path: Path) -> None:
    """What keras.applications' tf-mode preprocess_input records: once refused, now read."""
    text = keras_config(
        node("TrueDivide", "true_divide", [tensor("image"), 127.5]),
        node("Subtract", "subtract", [tensor("true_divide"), 1.0]),
    )
    result = load_json(tmp_path, text)
    assert [(x.name, x.type) for x in result.rows] == [
        ("image", "InputLayer"),
        ("true_divide", "TrueDivide"),
        ("subtract", "Subtract"),
    ]
    assert "args: [image, 127.5]" in spec_to_yaml(result.graph.spec)


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (node("Cond", "cond", [tensor("image")], "keras.src.ops.core"),
         "'Cond', which archcalc does not model: control flow (keras.ops.cond)"),
        (node("Frobnicate", "f", [tensor("image")]),
         "'Frobnicate', which archcalc does not know (not an operation class of Keras 3.15)"),
        ({**node("Negative", "n", [tensor("image")]),
          "inbound_nodes": [{"args": [tensor("image")]}, {"args": [tensor("image")]}]},
         "is called 2 times"),
        (node("Map", "m", [{"class_name": "__lambda__", "config": {"code": "x"}}, tensor("image")],
              "keras.src.ops.core"),
         "archcalc does not model: a loop (keras.ops.map)"),
        (node("ZerosLike", "z", [{"class_name": "__lambda__", "config": {}}]),
         "a call argument of kind '__lambda__', which archcalc does not read"),
    ],
)  # fmt: skip
def test_keras_op_nodes_archcalc_refuses(tmp_path: Path, bad: dict, message: str) -> None:
    with pytest.raises(ArchcalcError) as info:
        load_json(tmp_path, keras_config(bad))
    assert message in str(info.value)
    assert all(d.line > 0 for d in info.value.diagnostics)


def test_a_newer_keras_config_key_is_a_warning(tmp_path: Path) -> None:
    result = load_json(
        tmp_path, keras_config(node("Negative", "n", [tensor("image")], fancy_flag=True))
    )
    assert [d.code for d in result.warnings] == ["ignored-argument"]


def test_schema_takes_op_entries_and_refuses_bad_values() -> None:
    schema = spec_schema()
    good = {
        "inputs": {"x": [3, 4]},
        "layers": [
            {"type": "ops.TrueDivide", "args": ["x", 127.5]},
            {"type": "GetItem", "args": ["x", [{"slice": [None, None, 2]}, {"ellipsis": True}]]},
            {"type": "ops.Add", "args": ["x", {"constant": [1, 2, 3, 4], "dtype": "float32"}]},
            {"type": "Pad", "pad_width": 1, "inputs": "x", "kwargs": {"constant_values": 0}},
        ],
    }
    assert errors(good, schema) == []
    for bad in (
        {"type": "TrueDivide", "args": {"x": 1}},
        {"type": "GetItem", "args": ["x", {"slice": [1, 2, 3, 4]}]},
        {"type": "GetItem", "args": ["x", {"ellipsis": False}]},
        {"type": "Negative", "args": ["x"], "mask": "x"},
    ):
        assert errors({"inputs": {"x": [3]}, "layers": [bad]}, schema), bad


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("{type: Full, shape: [a, 2], args: [v]}", "the arguments give a string as a size"),
        ("{type: OneHot, num_classes: abc, args: [v]}", "the arguments give a string as a size"),
        ("{type: Tile, repeats: [1, -1], args: [v]}", "Negative dimensions are not allowed"),
        ("{type: Split, indices_or_sections: [2, 10], axis: -1, args: [v]}", "Negative dimensions"),
        ("{type: Rot90, axes: ab, args: [x]}", "axis must be an integer, got a string"),
    ],
)
def test_arguments_of_the_wrong_kind_are_positioned_errors(entry: str, message: str) -> None:
    with pytest.raises(ArchcalcError) as info:
        infer(entry)
    assert message in str(info.value)
    assert [d.code for d in info.value.diagnostics] == ["shape-error"]


def test_a_slice_of_a_huge_axis_is_exact() -> None:
    result = archcalc.infer(
        archcalc.load_text(
            "inputs: {x: [100000000000000000000000000000000000000]}\nlayers:\n"
            "  - {type: GetItem, args: [x, [{slice: [null, null, null]}, {slice: [1, null, 3]}]]}\n"
        )
    )
    assert result.rows[-1].output_shapes == ((None, (10**38 - 1 + 2) // 3),)
