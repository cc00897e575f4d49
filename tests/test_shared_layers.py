"""Shared layers: one layer (one set of weights) called at several places.

Expected tables are Keras 3's own (tests/golden/keras/models/<model>/);
counts are written out as arithmetic.
"""

from __future__ import annotations

import json

import pytest

import archcalc
from archcalc.render.cells import TableOptions
from archcalc.render.json import result_dict
from tests.conftest import KERAS, SPECS
from tests.test_keras_models import read, table_lines


def infer_text(text: str) -> archcalc.InferenceResult:  # type: ignore[name-defined]
    return archcalc.infer(archcalc.load_text(text, "model.yaml"))


def test_siamese_spec_equals_keras() -> None:
    result = archcalc.infer(archcalc.load(str(SPECS / "siamese.yaml")))
    for variant, columns in (("wide", 200), ("80", 80)):
        expected = read("siamese", f"summary-{variant}.txt")
        got = archcalc.render_summary(result, TableOptions(terminal_columns=columns))
        assert table_lines(got) == table_lines(expected)
    tower = result.layer("tower_conv")
    assert tower.params == 3 * 3 * 3 * 8 + 8 == 224  # counted once
    assert result.total_params == 224 + (14 * 14 * 16 + 1)  # + Dense on the flattened merge


def test_siamese_json_lists_calls() -> None:
    data = result_dict(archcalc.infer(archcalc.load(str(SPECS / "siamese.yaml"))))
    rows = {x["name"]: x for x in data["layers"]}
    assert "tower_conv_right" not in rows  # one entry per layer, not per call
    tower = rows["tower_conv"]
    assert tower["params"] == 224
    assert tower["inputs"] == ["left", "right"]
    assert tower["calls"] == [
        {"name": "tower_conv", "inputs": ["left"], "output_shape": [None, 14, 14, 8], "live": True},
        {
            "name": "tower_conv_right",
            "inputs": ["right"],
            "output_shape": [None, 14, 14, 8],
            "live": True,
        },
    ]
    assert rows["merge"]["inputs"] == ["tower_conv", "tower_conv_right"]
    assert data["total_params"] == sum(x["params"] for x in data["layers"])
    json.dumps(data)


CHAIN = """
name: shared_dense_chain
inputs: {x: [4]}
layers:
  - {name: shared, type: Dense, units: 4, inputs: x}
  - {name: again, share: shared}
  - {name: third, share: again}          # sharing is transitive
  - {name: head, type: Dense, units: 1}
"""


def test_chain_of_calls_equals_keras() -> None:
    """A Dense applied three times in a row: Keras's shared_dense_chain model."""
    result = infer_text(CHAIN)
    expected = read("shared_dense_chain", "summary-wide.txt")
    assert table_lines(archcalc.render_summary(result)) == table_lines(expected)
    assert result.layer("shared").params == 4 * 4 + 4
    assert [c.connections for c in result.layer("shared").calls] == [
        (("x", 0, 0),),
        (("shared", 0, 0),),
        (("shared", 1, 0),),
    ]


def test_last_call_shape_is_shown() -> None:
    """Keras's rule: a shared layer's row shows its last call's output shape."""
    spec = """
inputs: {small: [16, 16, 3], big: [20, 20, 3]}
layers:
  - {name: shared_flatten, type: Flatten, inputs: small}
  - {name: f2, share: shared_flatten, inputs: big}
  - {name: cat, type: Concatenate, inputs: [shared_flatten, f2]}
  - {type: Dense, units: 1}
outputs: [dense]
"""
    result = infer_text(spec)
    flat = result.layer("shared_flatten")
    assert [c.output_shapes for c in flat.calls] == [((None, 16 * 16 * 3),), ((None, 20 * 20 * 3),)]
    assert flat.output_shapes == ((None, 1200),)
    keras = json.loads(read("shared_flatten_diff_shapes", "layers.json"))
    keras_flat = next(x for x in keras["layers"] if x["name"] == "shared_flatten")
    assert keras_flat["output_shape"] == [None, 1200]


def test_incompatible_shared_call_names_both_calls() -> None:
    spec = """
inputs:
  left: [16, 16, 3]
  right: [16, 16, 1]
layers:
  - {name: tower_conv, type: Conv2D, filters: 8, kernel_size: 3, inputs: left}
  - {name: tower_conv_right, share: tower_conv, inputs: right}
  - {name: merge, type: Concatenate, inputs: [tower_conv, tower_conv_right]}
"""
    with pytest.raises(archcalc.ArchcalcError) as info:
        infer_text(spec)
    [d] = info.value.diagnostics
    assert (d.line, d.column, d.code) == (7, 5, "shape-error")
    assert d.message.startswith(
        "tower_conv_right: calls the shared layer 'tower_conv' (built by its first call, line 6"
    )
    assert (
        'Input 0 of layer "tower_conv" is incompatible with the layer: expected axis -1 of input shape '
        "to have value 3, but received input with shape (None, 16, 16, 1)"
    ) in d.message


def test_shared_dense_three_inputs_equals_keras() -> None:
    spec = """
inputs: {a: [8], b: [8], c: [8]}
layers:
  - {name: shared_dense, type: Dense, units: 4, inputs: a}
  - {name: sb, share: shared_dense, inputs: b}
  - {name: sc, share: shared_dense, inputs: c}
  - {type: Concatenate, inputs: [shared_dense, sb, sc]}
  - {type: Dense, units: 1}
"""
    result = infer_text(spec)
    keras = json.loads(read("shared_dense_x3", "layers.json"))
    assert [(x.name, x.params) for x in result.rows] == [
        (x["name"], x["params"]) for x in keras["layers"]
    ]
    assert result.total_params == (8 * 4 + 4) + (12 + 1) == keras["totals"]["total"]


def test_share_of_unknown_or_later_layer() -> None:
    spec = """
inputs: {a: [4], b: [4]}
layers:
  - {name: early, share: late, inputs: b}
  - {name: late, type: Dense, units: 2, inputs: a}
"""
    with pytest.raises(archcalc.ArchcalcError) as info:
        infer_text(spec)
    assert "share: 'late' is not a layer declared above" in str(info.value)


def test_keras_files_with_several_inbound_nodes() -> None:
    """A to_json() file expresses sharing as several inbound_nodes; it loads the same way."""
    config = json.loads(read("siamese", "config.json"))
    tower = next(x for x in config["config"]["layers"] if x["name"] == "tower_conv")
    assert len(tower["inbound_nodes"]) == 2
    from_file = archcalc.infer(archcalc.load(str(KERAS / "models" / "siamese" / "model.keras")))
    from_spec = archcalc.infer(archcalc.load(str(SPECS / "siamese.yaml")))
    assert archcalc.render_summary(from_file) == archcalc.render_summary(from_spec)


def test_shared_text_encoder_spec_equals_keras() -> None:
    """specs/shared_encoder.yaml is Keras's shared_text_encoder model, written as a spec."""
    result = archcalc.infer(archcalc.load(str(SPECS / "shared_encoder.yaml")))
    for variant, columns in (("wide", 200), ("80", 80)):
        expected = read("shared_text_encoder", f"summary-{variant}.txt")
        got = archcalc.render_summary(result, TableOptions(terminal_columns=columns))
        assert table_lines(got) == table_lines(expected)
    assert result.total_params == 1000 * 16 + 4 * 32 * (16 + 32 + 1) + (64 + 1)


def test_a_dead_call_of_a_live_shared_layer_is_named_as_a_call() -> None:
    """Keras drops the unused call only; the layer stays in the table through its other call."""
    spec = archcalc.load_text(
        "inputs: {x: [4]}\nlayers:\n  - {name: d, type: Dense, units: 3, inputs: x}\n"
        "  - {name: d_again, share: d, inputs: x}\n  - {name: out, type: Dropout, rate: 0.1}\n"
    )
    result = archcalc.infer(spec)
    assert [x.name for x in result.rows] == ["x", "d", "out"]
    assert result.total_params == (4 + 1) * 3
    (warning,) = result.warnings
    assert (warning.code, warning.line, warning.column) == ("dead-layer", 3, 5)
    assert warning.message == (
        "d: no model output depends on this call, so Keras leaves the call out of the model; "
        "shared layer 'd' and its weights stay, through its other calls"
    )
