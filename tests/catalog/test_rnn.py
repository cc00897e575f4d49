"""Keras 3's recurrent layers and wrappers (tests/catalog/keras_cases_rnn.json), and models using them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import archcalc
from archcalc.catalog import CATALOG
from archcalc.render.cells import TableOptions
from tests.catalog.keras_cases import keras_tests
from tests.conftest import KERAS
from tests.test_keras_models import read

MESSAGES = {
    "simplernn_rank2_err": "expects inputs of rank 3 (batch included), got (None, 8)",
    "lstm_r4_err": "expects inputs of rank 3",
    "lstm_unknown_feat_err": "feature dimension (last axis) of the input (None, 5, None) is unknown",
    "gru_units0_err": "units must be a positive integer, got 0",
    "lstm_units_float_err": "units must be a positive integer, got 4.0",
    "lstm_units_missing_err": "LSTM needs the argument 'units'",
    "simplernn_use_cudnn_err": "SimpleRNN has no argument 'use_cudnn'",
    "lstm_use_cudnn_bad_err": "use_cudnn must be 'auto', true or false, got 'yes'",
    "lstm_stateful_none_batch_err": "needs a fixed batch size",
    "convlstm2d_stateful_none_batch_err": "give the input a batch_size",
    "bidi_bad_merge_err": "merge_mode must be one of 'sum', 'mul', 'ave', 'concat', or null",
    "bidi_merge_none_string_err": "write null, not a string",
    "bidi_dense_err": "Bidirectional wraps a recurrent layer",
    "bidi_td_err": "not TimeDistributed",
    "bidi_inner_units0_err": "layer.units must be a positive integer, got 0",
    "bidi_go_backwards_err": "layer has go_backwards: true",
    "bidi_backward_same_direction_err": "must run in different directions",
    "bidi_backward_seq_mismatch_err": "must agree on return_sequences",
    "bidi_backward_state_mismatch_err": "must agree on return_state",
    "bidi_stateful_none_batch_err": "the wrapped LSTM on (None, 5, 3): stateful=true",
    "bidi_rank2_err": "expects inputs of rank 3",
    "td_rank2_err": "rank 3 or more",
    "td_lstm_state": "needs a layer with one output, but this LSTM has 3; set return_state: false",
    "td_conv2d_rank_err": "the wrapped Conv2D on each timestep (None, 8, 3): expects inputs of rank 4",
    "td_conv2d_too_big_err": "kernel_size 9 is larger than the input (8)",
    "td_concat_err": "Concatenate takes a list of inputs",
    "td_inner_bad_units_err": "layer.units must be a positive integer",
    "convlstm2d_rank4_err": "expects inputs of rank 5",
    "convlstm1d_rank_err": "expects inputs of rank 4",
    "convlstm2d_spatial_none_err": "axis 2 of (None, 5, None, 8, 2) is None",
    "convlstm2d_channel_none_err": "channel dimension",
    "convlstm2d_too_big_err": "on each timestep (None, 8, 8, 2): kernel_size 10 is larger",
    "convlstm2d_stride_dilation_err": "cannot be combined with dilation_rate",
    "convlstm2d_causal_err": "padding must be one of 'valid', 'same', got 'causal'",
    "convlstm2d_kernel0_err": "kernel_size must be a positive integer",
}
DEVIATIONS = {
    "convlstm2d_filters0": (
        "Keras's ConvLSTM constructor does not check filters and builds a 0-channel output; "
        "archcalc wants a positive filters, as Keras's Conv2D does",
        "filters must be a positive integer, got 0",
    ),
}

test_case_matches_keras, test_keras_config_matches, test_annotations_name_real_cases = keras_tests(
    "rnn", deviations=DEVIATIONS, messages=MESSAGES
)

C4 = """\
name: multi
inputs:
  seq_in: [10, 8]
layers:
  - {name: lstm, type: LSTM, units: 16, return_sequences: true, return_state: true}
  - {name: head_a, type: Dense, units: 3, inputs: "lstm[1]"}
  - {name: head_b, type: Dense, units: 1, inputs: "lstm[2]"}
outputs: [head_a, head_b]
"""


def keras_block(title: str) -> list[str]:
    """One model's table from tests/golden/keras/more-summaries.txt (its ``######## <title>`` block)."""
    lines = (KERAS / "more-summaries.txt").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"######## {title} "))
    end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("########"))
    return [line for line in lines[start + 1 : end] if line.strip()]


def test_multi_output_lstm_model_equals_keras() -> None:
    """C4: an LSTM's states used through ``lstm[1]`` and ``lstm[2]``, line for line as Keras printed it."""
    result = archcalc.infer(archcalc.load_text(C4, "multi.yaml"))
    text = archcalc.render_summary(result, TableOptions(terminal_columns=200))
    assert text.rstrip("\n").splitlines() == keras_block("C4")


def spec(*entries: str, inputs: str = "x: [5, 3]", outputs: str = "") -> str:
    text = f"inputs: {{{inputs}}}\nlayers:\n" + "".join(f"  - {e}\n" for e in entries)
    return text + (f"outputs: {outputs}\n" if outputs else "")


def test_nested_layer_errors_point_into_the_nested_mapping() -> None:
    text = spec("{type: Bidirectional, layer: {type: LSTM, units: 0}}")
    with pytest.raises(archcalc.ArchcalcError) as info:
        archcalc.load_text(text, "m.yaml")
    (diag,) = info.value.diagnostics
    assert diag.line == 3
    assert text.splitlines()[2][diag.column - 1 :].startswith("0}}")  # the 0 of units: 0
    assert "layer.units must be a positive integer, got 0" in diag.message


@pytest.mark.parametrize(
    ("entry", "phrase"),
    [
        ("{type: Bidirectional, layer: {type: LSTN, units: 4}}", "did you mean 'LSTM'?"),
        ("{type: Bidirectional, layer: {type: LSTM, unitz: 4}}", "(did you mean 'units'?)"),
        ("{type: Bidirectional, layer: {units: 4}}", "layer: a nested layer needs 'type'"),
        ("{type: Bidirectional, layer: LSTM}", "layer must be a recurrent layer, a mapping such"),
        ("{type: TimeDistributed, layer: {type: Sequential}}", "cannot be a nested layer here"),
        ("{type: TimeDistributed, layer: {type: Dense, units: 2, name: 3}}", "layer.name must be"),
        (
            "{type: TimeDistributed, layer: {type: TimeDistributed, layer: {type: Dense, units: -1}}}",
            "layer.layer.units must be a positive integer, got -1",
        ),
        ("{type: Bidirectional}", "Bidirectional needs the argument 'layer'"),
        ("{type: Bidirectional, layer: {type: [1]}}", "layer.type must be a Keras layer class"),
        ("{type: TimeDistributed, layer: null}", "layer must be a layer, a mapping such as"),
        (
            "{type: TimeDistributed, layer: {type: Dense, units: 2, trainable: maybe}}",
            "layer.trainable must be true or false",
        ),
    ],
)
def test_nested_layer_messages(entry: str, phrase: str) -> None:
    with pytest.raises(archcalc.ArchcalcError) as info:
        archcalc.load_text(spec(entry, inputs="x: [2, 5, 3]"), "m.yaml")
    assert all(d.line > 0 for d in info.value.diagnostics)
    assert phrase in str(info.value)


def test_nested_layers_use_up_keras_auto_names() -> None:
    """Keras names the LSTM given to Bidirectional when it is made: a later LSTM is ``lstm_1``.

    (Keras case bidi_backward_forward_goes_back: the second LSTM made, the
    backward layer, is ``lstm_1``; td_td_dense: the outer wrapper is
    ``time_distributed_1``.)
    """
    text = spec(
        "{type: Bidirectional, layer: {type: LSTM, units: 4}}",
        "{type: LSTM, units: 2, inputs: x}",
        outputs="[bidirectional, lstm_1]",
    )
    result = archcalc.infer(archcalc.load_text(text, "m.yaml"))
    assert [x.name for x in result.rows] == ["x", "bidirectional", "lstm_1"]
    bi = result.layer("bidirectional")
    assert [w.name for w in bi.weights][::3] == [
        "forward_lstm/lstm_cell/kernel",
        "backward_lstm/lstm_cell/kernel",
    ]


def test_multi_head_attention_uses_up_softmax_and_dropout_names() -> None:
    """MHA makes a Dropout when built, so the next Dropout is ``dropout_1`` (transformer_encoder golden)."""
    if "Dropout" in CATALOG:
        dropout = "{type: Dropout, rate: 0.1}"
    else:  # declared, until the catalog has Dropout
        dropout = "{type: Dropout, custom: {output_shape: [5, 3]}}"
    text = spec("{type: MultiHeadAttention, num_heads: 2, key_dim: 4, inputs: [x, x]}", dropout)
    result = archcalc.infer(archcalc.load_text(text, "m.yaml"))
    assert [x.name for x in result.rows] == ["x", "multi_head_attention", "dropout_1"]


def test_convert_round_trips_nested_layers() -> None:
    from archcalc.reader.writer import spec_to_yaml

    text = spec(
        "{type: Bidirectional, layer: {type: GRU, units: 4, return_sequences: true}, merge_mode: null}",
        "{type: TimeDistributed, layer: {type: Dense, units: 2, trainable: false}, inputs: 'bidirectional[1]'}",
        "{type: LSTM, units: 3, inputs: x}",
        outputs="[time_distributed, lstm]",
    )
    direct = archcalc.infer(archcalc.load_text(text, "m.yaml"))
    converted = spec_to_yaml(archcalc.load_text(text, "m.yaml"))
    again = archcalc.infer(archcalc.load_text(converted, "m.yaml"))
    assert archcalc.render_summary(again) == archcalc.render_summary(direct)
    assert [x.name for x in again.rows] == ["x", "bidirectional", "time_distributed", "lstm"]
    assert again.layer("time_distributed").non_trainable_params == 4 * 2 + 2


def test_wrapper_children() -> None:
    text = spec(
        "{type: Bidirectional, layer: {type: LSTM, units: 4, name: enc}}",
        "{type: TimeDistributed, layer: {type: Dense, units: 2}, inputs: x}",
        outputs="[bidirectional, time_distributed]",
    )
    result = archcalc.infer(archcalc.load_text(text, "m.yaml"))
    bi, td = result.layer("bidirectional"), result.layer("time_distributed")
    forward, backward = CATALOG["Bidirectional"].children(bi.config)
    assert (forward.name, backward.name) == ("forward_enc", "backward_enc")
    assert (forward.config["go_backwards"], backward.config["go_backwards"]) == (False, True)
    (inner,) = CATALOG["TimeDistributed"].children(td.config)
    assert (inner.type, inner.name) == ("Dense", "dense")


def test_keras_import_drops_unknown_keys_of_nested_layers(tmp_path: Path) -> None:
    """A Keras file's nested LSTM config with a key archcalc does not know (Keras 2's time_major)
    loads with a positioned warning, as a top-level layer's would, and still gives Keras's table."""
    config = json.loads(read("lstm_text_classifier", "config.json"))
    for layer in config["config"]["layers"]:
        if layer["class_name"] == "Bidirectional":
            layer["config"]["layer"]["config"]["time_major"] = False
    path = tmp_path / "m.json"
    path.write_text(json.dumps(config, indent=1), encoding="utf-8")
    spec = archcalc.load(str(path))
    assert [w.message.split(":")[0] for w in spec.warnings] == [
        "bidirectional (layer)",
        "bidirectional_1 (layer)",
    ]
    assert all(w.line > 0 and "'time_major'" in w.message for w in spec.warnings)
    text = archcalc.render_summary(archcalc.infer(spec), TableOptions(terminal_columns=200))
    expected = read("lstm_text_classifier", "summary-wide.txt")
    assert text.rstrip("\n").splitlines() == expected.rstrip("\n").splitlines()
