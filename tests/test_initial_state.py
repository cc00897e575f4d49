"""RNN ``initial_state`` in a spec: wired after the sequence, checked against the layer's states.

The specs below write, in archcalc's syntax, models whose Keras summaries are committed under
tests/golden/keras/models/state_* (generators/models.py); each must print what Keras printed.
"""

from __future__ import annotations

import pytest

import archcalc
from archcalc.render.cells import TableOptions
from tests.test_keras_models import read, table_lines

SPECS = {
    "state_bidi_seq2seq": """
inputs: {enc_in: [null, 6], dec_in: [null, 4]}
layers:
  - {type: Bidirectional, layer: {type: LSTM, units: 8, return_state: true}, inputs: enc_in}
  - type: Bidirectional
    layer: {type: LSTM, units: 8, return_sequences: true}
    inputs: dec_in
    initial_state: ['bidirectional[1]', 'bidirectional[2]', 'bidirectional[3]', 'bidirectional[4]']
  - {type: TimeDistributed, layer: {type: Dense, units: 3}}
""",
    "state_mask_order": """
inputs: {x: [5, 3], m: {shape: [5], dtype: bool}, h0: [8]}
layers:
  - {type: SimpleRNN, units: 8, inputs: x, initial_state: [h0], mask: m}
  - {type: SimpleRNN, units: 8, inputs: x, mask: m, initial_state: h0}
  - {type: Concatenate, inputs: [simple_rnn, simple_rnn_1]}
  - {type: Dense, units: 1}
""",
    "state_shared_decoder": """
inputs: {a: [null, 4], b: [null, 4], s1: [8], s2: [8]}
layers:
  - {name: dec, type: LSTM, units: 8, inputs: a, initial_state: [s1, s2]}
  - {share: dec, inputs: b, initial_state: [s2, s1]}
  - {type: Add, inputs: [dec, 'dec:1']}
""",
    "state_gru_single": """
inputs: {seq: [7, 5], ctx: [3]}
layers:
  - {name: init_h, type: Dense, units: 8, inputs: ctx}
  - {type: GRU, units: 8, inputs: seq, initial_state: init_h}
  - {type: Dense, units: 2}
""",
    "state_embedding_mask": """
inputs: {tok: {shape: [null], dtype: int32}, h: [8], c: [8]}
layers:
  - {type: Embedding, input_dim: 50, output_dim: 6, mask_zero: true, inputs: tok}
  - {type: LSTM, units: 8, return_sequences: true, initial_state: [h, c]}
  - {type: Dense, units: 2}
""",
}


@pytest.mark.parametrize("model", sorted(SPECS))
def test_spec_prints_what_keras_printed(model: str) -> None:
    result = archcalc.infer(archcalc.load_text(SPECS[model], "functional.yaml"))
    for variant, columns in (("wide", 200), ("80", 80)):
        got = archcalc.render_summary(result, TableOptions(terminal_columns=columns))
        assert table_lines(got) == table_lines(read(model, f"summary-{variant}.txt")), variant


LSTM = """
inputs: {x: [5, 3], h: [8], c: [8], h4: [4], s3: [1, 8], fixed: {shape: [5, 3], batch_size: 4},
         h2: {shape: [8], batch_size: 2}}
layers:
"""

# (entry, the error), each LSTM(8) on (None, 5, 3) unless it says otherwise
ERRORS = [
    (
        "{type: LSTM, units: 8, inputs: x, initial_state: [h]}",
        "lstm: initial_state gives 1 state, but LSTM keeps 2 states, of shapes (None, 8) and "
        "(None, 8); Keras builds such a model (it does not check initial_state) but fails when "
        "it runs it",
    ),
    (
        "{type: LSTM, units: 8, inputs: x, initial_state: [h, c, h]}",
        "lstm: initial_state gives 3 states, but LSTM keeps 2 states, of shapes (None, 8) and "
        "(None, 8); Keras builds such a model (it does not check initial_state); when it runs "
        "it, it fails or ignores the extra states, depending on the layer",
    ),
    (
        "{type: LSTM, units: 8, inputs: x, initial_state: [h, h4]}",
        "lstm: initial_state[1] (h4) has shape (None, 4), but the LSTM keeps 2 states",
    ),
    (
        "{type: LSTM, units: 8, inputs: x, initial_state: [s3, c]}",
        "lstm: initial_state[0] (s3) has shape (None, 1, 8)",
    ),
    (
        "{type: LSTM, units: 8, inputs: fixed, initial_state: [h2, c]}",
        "lstm: initial_state[0] (h2) has shape (2, 8), but the LSTM keeps 2 states, of shapes "
        "(4, 8) and (4, 8)",
    ),
    (
        "{type: GRU, units: 8, inputs: x, initial_state: h4}",
        "gru: initial_state[0] (h4) has shape (None, 4), but the GRU keeps one state of shape "
        "(None, 8)",
    ),
    (
        "{type: Bidirectional, layer: {type: LSTM, units: 8}, inputs: x, initial_state: [h, c]}",
        "bidirectional: initial_state gives 2 states; Keras gives the forward layer 1 of them "
        "(forward: the first half, backward: the rest), but it keeps 2 states",
    ),
    (
        "{type: Bidirectional, layer: {type: LSTM, units: 8}, inputs: x, "
        "initial_state: [h, c, h4, c]}",
        "bidirectional: initial_state[2] (h4) has shape (None, 4), but the backward LSTM keeps 2 "
        "states",
    ),
    (
        "{type: Bidirectional, layer: {type: GRU, units: 8}, "
        "backward_layer: {type: GRU, units: 4, go_backwards: true}, inputs: x, initial_state: [h, h]}",
        "bidirectional: initial_state[1] (h) has shape (None, 8), but the backward GRU keeps one "
        "state of shape (None, 4)",
    ),
    (
        "{type: Dense, units: 8, inputs: x, initial_state: [h]}",
        "dense: Dense takes no initial_state; only recurrent layers do (Keras: got an unexpected "
        "keyword argument 'initial_state')",
    ),
    (
        "{type: LSTM, units: 8, inputs: x, constants: [h]}",
        "layer 1: no Keras 3 layer takes constants (Keras 2's recurrent constants were removed; "
        "Keras: got an unexpected keyword argument 'constants')",
    ),
    (
        "{type: LSTM, units: 8, inputs: x, initial_state: [h, nope]}",
        "lstm: there is no layer or input named 'nope'",
    ),
    (
        "{type: LSTM, units: 8, inputs: x, initial_state: [h, 3]}",
        "initial_state must be a layer or input name, or a list of names; got a number",
    ),
]


@pytest.mark.parametrize(("entry", "message"), ERRORS)
def test_states_that_do_not_fit_are_refused(entry: str, message: str) -> None:
    with pytest.raises(archcalc.ArchcalcError) as info:
        archcalc.infer(archcalc.load_text(LSTM + f"  - {entry}\n", "m.yaml"))
    assert any(message in d.message for d in info.value.diagnostics), info.value
    assert all(d.line == 5 for d in info.value.diagnostics)


def test_states_that_fit_compute() -> None:
    """Asymmetric Bidirectional: each direction's own states; ConvLSTM states are feature maps."""
    text = (
        LSTM
        + "  - {type: Bidirectional, layer: {type: GRU, units: 8}, backward_layer: {type: GRU, "
        "units: 4, go_backwards: true}, inputs: x, initial_state: [h, h4]}\n"
    )
    result = archcalc.infer(archcalc.load_text(text, "m.yaml"))
    bidi = result.layer("bidirectional")
    assert bidi.calls[0].inputs == ("x", "h", "h4")
    # forward GRU(8) on 3 features: 3*8*(3+8) + 2*3*8 = 312; backward GRU(4): 3*4*(3+4) + 2*3*4 = 108
    assert bidi.params == 312 + 108
    conv = """
inputs: {seq: [2, 10, 10, 3], h: [8, 8, 4], c: [8, 8, 4]}
layers:
  - {type: ConvLSTM2D, filters: 4, kernel_size: 3, inputs: seq, initial_state: [h, c]}
"""
    result = archcalc.infer(archcalc.load_text(conv, "m.yaml"))
    assert result.layer("conv_lstm2d").output_shapes == ((None, 8, 8, 4),)


def _keras2_input(name: str, shape: list[int | None]) -> dict:
    config = {"batch_input_shape": [None, *shape], "dtype": "float32", "name": name}
    return {"class_name": "InputLayer", "config": config, "name": name, "inbound_nodes": []}


def test_tf_keras_states_are_extra_inputs(tmp_path) -> None:
    """tf.keras (Keras 2) records ``dec(a, initial_state=[s1, s2])`` as the inputs [a, s1, s2]:
    the same model as Keras 3's state_shared_decoder, so Keras 3's table."""
    import json

    lstm = {"name": "dec", "units": 8, "return_sequences": False, "return_state": False}
    config = {
        "class_name": "Functional",
        "config": {
            "name": "functional",
            "layers": [
                *(_keras2_input(n, [None, 4]) for n in ("a", "b")),
                *(_keras2_input(n, [8]) for n in ("s1", "s2")),
                {
                    "class_name": "LSTM",
                    "config": lstm,
                    "name": "dec",
                    "inbound_nodes": [
                        [["a", 0, 0, {}], ["s1", 0, 0, {}], ["s2", 0, 0, {}]],
                        [["b", 0, 0, {}], ["s2", 0, 0, {}], ["s1", 0, 0, {}]],
                    ],
                },
                {
                    "class_name": "Add",
                    "config": {"name": "add"},
                    "name": "add",
                    "inbound_nodes": [[["dec", 0, 0, {}], ["dec", 1, 0, {}]]],
                },
            ],
            "input_layers": [[n, 0, 0] for n in ("a", "b", "s1", "s2")],
            "output_layers": [["add", 0, 0]],
        },
        "keras_version": "2.15.0",
        "backend": "tensorflow",
    }
    path = tmp_path / "tf_keras.json"
    path.write_text(json.dumps(config), encoding="utf-8")
    result = archcalc.infer(archcalc.load(str(path)))
    got = archcalc.render_summary(result, TableOptions(terminal_columns=200))
    assert table_lines(got) == table_lines(read("state_shared_decoder", "summary-wide.txt"))


def test_the_documented_seq2seq_is_keras_io_s() -> None:
    """docs/sequence-layers.md's initial_state example prints what Keras printed for
    keras.io's lstm_seq2seq (tests/golden/keras/kio/lstm_seq2seq)."""
    import re

    from tests.conftest import KERAS, ROOT

    doc = (ROOT / "docs" / "sequence-layers.md").read_text(encoding="utf-8")
    section = doc.split("### Initial states", 1)[1]
    spec = re.search(r"```yaml\n(.*?)```", section, re.S).group(1)
    result = archcalc.infer(archcalc.load_text(spec, "functional.yaml"))  # Keras: "functional"
    for variant, columns in (("wide", 200), ("80", 80)):
        got = archcalc.render_summary(result, TableOptions(terminal_columns=columns))
        expected = (KERAS / "kio" / "lstm_seq2seq" / f"summary-{variant}.txt").read_text()
        assert table_lines(got) == table_lines(expected)


@pytest.mark.parametrize("model", sorted(SPECS))
def test_specs_with_initial_state_validate_against_the_schema(model: str) -> None:
    import yaml

    from archcalc.schema import spec_schema
    from tests.jsonschema_mini import errors

    assert errors(yaml.safe_load(SPECS[model]), spec_schema()) == []
    bad = yaml.safe_load(SPECS[model])
    first = next(e for e in bad["layers"] if "initial_state" in e or "share" in e)
    first["initial_state"] = [1]
    assert errors(bad, spec_schema())


def test_a_custom_layer_takes_states_unchecked() -> None:
    """A custom recurrent layer (declared, or opaque in a Keras file) may take initial states:
    they are wired (Connected to) but not checked."""
    text = (
        "inputs: {x: [5, 3], h: [8]}\nlayers:\n"
        "  - {name: rnn, type: MyRNN, custom: {output_shape: [8], params: 10}, inputs: x, "
        "initial_state: [h]}\n"
    )
    result = archcalc.infer(archcalc.load_text(text, "m.yaml"))
    assert result.layer("rnn").calls[0].inputs == ("x", "h")


def test_a_state_from_the_layer_itself_is_a_cycle() -> None:
    text = "inputs: {x: [5, 3]}\nlayers:\n  - {name: s, type: LSTM, units: 8, inputs: x, initial_state: [s, s]}\n"
    with pytest.raises(archcalc.ArchcalcError) as info:
        archcalc.infer(archcalc.load_text(text, "m.yaml"))
    assert "the layers form a cycle: s -> s" in str(info.value)
