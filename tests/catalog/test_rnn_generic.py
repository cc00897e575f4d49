"""The generic RNN layer and its cells (tests/catalog/keras_cases_rnn_generic.json), and the
rnn_generic reference model written as a spec."""

from __future__ import annotations

import pytest

import archcalc
from archcalc.render.cells import TableOptions
from tests.catalog.keras_cases import keras_tests
from tests.test_keras_models import MODELS, read, table_lines

MESSAGES = {
    "rnn_stateful_nobatch_err": "stateful=true keeps one state per sample",
    "rnn_r2_input_err": "expects inputs of rank 3 or more (batch included), got (None, 4)",
    "rnn_not_cell_err": "cell.type: must be a recurrent cell (SimpleRNNCell, LSTMCell, GRUCell, "
    "StackedRNNCells), not Dense",
    "rnn_missing_cell_err": "RNN needs the argument 'cell'",
    "rnn_stacked_empty_err": "cell.cells must list at least one cell",
    "rnn_unknown_features_err": "the feature dimension (last axis) of the input (None, None) is unknown",
    "cell_simple_units0_err": "units must be a positive integer, got 0",
    "cell_lstm_missing_err": "LSTMCell needs the argument 'units'",
    "cell_simple_single_input_err": "SimpleRNNCell takes 2 inputs, got 1",
    "cell_gru_missing_err": "GRUCell needs the argument 'units'",
    "cell_lstm_units_neg_err": "units must be a positive integer, got -2",
    "cell_simple_r3_direct_err": "expects inputs of rank 2 (batch included), got (None, 5, 3)",
    "stacked_not_cell_err": "cells[0].type: must be a recurrent cell",
    "rnn_stacked_nested_err": "cell.cells[0] is a StackedRNNCells: Keras cannot run a stack inside",
    "cell_lstm_wrong_state_err": "state 0 must be (batch, 4), got (None, 5) (input 1)",
}
UNREPRESENTABLE = {
    "stacked_direct_flat_states_err": "a spec lists a call's inputs flat ([x, h1, c1, h2]); "
    "Keras's nesting of the states, which this case gets wrong, cannot be written",
}

test_case_matches_keras, test_keras_config_matches, test_annotations_name_real_cases = keras_tests(
    "rnn_generic", messages=MESSAGES, unrepresentable=UNREPRESENTABLE
)

#: tests/golden/keras/models/rnn_generic as a spec: cells named by Keras's counters
RNN_GENERIC = """\
name: functional
inputs:
  seq: [null, 8]
  short: [5, 2]
layers:
  - {type: RNN, cell: {type: LSTMCell, units: 16}, return_sequences: true, inputs: seq}
  - type: RNN
    cell: {type: StackedRNNCells, cells: [{type: GRUCell, units: 8}, {type: SimpleRNNCell, units: 4}]}
    return_sequences: true
    return_state: true
  - {type: RNN, cell: [{type: LSTMCell, units: 6}, {type: LSTMCell, units: 5}]}
  - {type: Dense, units: 2}
  - {type: Dense, units: 3, inputs: "rnn_1[1]"}
  - {type: Bidirectional, layer: {type: RNN, cell: {type: GRUCell, units: 6}}, inputs: rnn}
  - {type: RNN, cell: {type: SimpleRNNCell, units: 3}, unroll: true, inputs: short}
outputs: [dense, dense_1, bidirectional, rnn_4]
"""


@pytest.mark.parametrize(("variant", "columns"), [("wide", 200), ("80", 80)])
def test_rnn_generic_spec_equals_keras(variant: str, columns: int) -> None:
    result = archcalc.infer(archcalc.load_text(RNN_GENERIC, "rnn_generic.yaml"))
    got = archcalc.render_summary(result, TableOptions(terminal_columns=columns))
    assert table_lines(got) == table_lines(read("rnn_generic", f"summary-{variant}.txt"))


def test_cells_take_keras_names_and_weights() -> None:
    """Cells use up their classes' counters before the stack and the RNN (Keras constructs them
    first): the cell list of rnn_2 is lstm_cell_1 and lstm_cell_2 in stacked_rnn_cells_1."""
    result = archcalc.infer(archcalc.load_text(RNN_GENERIC, "rnn_generic.yaml"))
    assert [w.name for w in result.layer("rnn_2").weights][::3] == [
        "stacked_rnn_cells_1/lstm_cell_1/kernel",
        "stacked_rnn_cells_1/lstm_cell_2/kernel",
    ]
    weights = result.layer("rnn_1").weights
    # GRUCell(8) on 16 features, reset_after: two biases; SimpleRNNCell(4) on the GRU's 8
    assert [(w.name, w.shape) for w in weights] == [
        ("stacked_rnn_cells/gru_cell/kernel", (16, 24)),
        ("stacked_rnn_cells/gru_cell/recurrent_kernel", (8, 24)),
        ("stacked_rnn_cells/gru_cell/bias", (2, 24)),
        ("stacked_rnn_cells/simple_rnn_cell/kernel", (8, 4)),
        ("stacked_rnn_cells/simple_rnn_cell/recurrent_kernel", (4, 4)),
        ("stacked_rnn_cells/simple_rnn_cell/bias", (4,)),
    ]


def test_keras_archive() -> None:
    result = archcalc.infer(archcalc.load(str(MODELS / "rnn_generic" / "model.keras")))
    got = archcalc.render_summary(result, TableOptions(terminal_columns=200))
    assert table_lines(got) == table_lines(read("rnn_generic", "summary-wide.txt"))


@pytest.mark.parametrize(
    ("entry", "phrase"),
    [
        (
            "{type: RNN, cell: [{type: LSTMCell, units: 0}]}",
            "cell[0].units must be a positive integer",
        ),
        ("{type: RNN, cell: []}", "cell must list at least one cell"),
        ("{type: RNN, cell: [3]}", "cell[0] must be a recurrent cell"),
        ("{type: RNN, cell: {type: LSTM, units: 4}}", "cell.type: must be a recurrent cell"),
        ("{type: StackedRNNCells, cells: {type: GRUCell, units: 2}}", "cells must be a list"),
        ("{type: LSTMCell, units: 4, return_sequences: true}", "LSTMCell has no argument"),
    ],
)
def test_cell_argument_messages(entry: str, phrase: str) -> None:
    text = f"inputs: {{x: [5, 3]}}\nlayers:\n  - {entry}\n"
    with pytest.raises(archcalc.ArchcalcError) as info:
        archcalc.load_text(text, "m.yaml")
    assert all(d.line == 3 for d in info.value.diagnostics)
    assert phrase in str(info.value)


def test_a_cell_called_on_a_wrong_state() -> None:
    text = "inputs: {x: [3], h: [5], c: [4]}\nlayers:\n  - {type: LSTMCell, units: 4, inputs: [x, h, c]}\n"
    with pytest.raises(archcalc.ArchcalcError) as info:
        archcalc.infer(archcalc.load_text(text, "m.yaml"))
    assert "state 0 must be (batch, 4), got (None, 5) (input 1)" in str(info.value)


def test_convert_round_trips_cells() -> None:
    """convert writes the cells back trimmed (a list stays a list) and the spec loads the same."""
    from archcalc.reader.writer import spec_to_yaml

    written = spec_to_yaml(archcalc.load_text(RNN_GENERIC, "rnn_generic.yaml"))
    assert "cell: [{type: LSTMCell, units: 6}, {type: LSTMCell, units: 5}]" in written
    again = archcalc.infer(archcalc.load_text(written, "rnn_generic.yaml"))
    direct = archcalc.infer(archcalc.load_text(RNN_GENERIC, "rnn_generic.yaml"))
    assert archcalc.render_summary(again) == archcalc.render_summary(direct)
    assert [w.name for w in again.layer("rnn_2").weights] == [
        w.name for w in direct.layer("rnn_2").weights
    ]
