"""EinsumDense and ReversibleEmbedding (tests/catalog/keras_cases_einsum.json), and the
call keyword arguments (``kwargs:``) that ReversibleEmbedding's reverse call needs."""

from __future__ import annotations

import pytest

import archcalc
from archcalc.reader.writer import spec_to_yaml
from archcalc.render.cells import TableOptions
from tests.catalog.keras_cases import keras_tests
from tests.test_keras_models import read, table_lines

MESSAGES = {
    "einsum_abc_cd_seq_mismatch_err": "at the shared axis 'b' of 'abc,cd->abd': the input "
    "(None, 10, 32) has 10 there, output_shape gives 7",
    "einsum_kernel_first_err": "shared axis 'c' of 'bc,ab->ac'",
    "einsum_int_out_for_rank3_err": "output_shape gives 64",
    "einsum_bias_input_axis_err": "bias_axes names 'b', which is not a letter of the output 'ac'",
    "einsum_bias_unknown_axis_err": "bias_axes names 'z'",
    "einsum_bad_equation_err": "equation must be an einsum equation of the form [X],[Y]->[Z]",
    "einsum_rank_mismatch_err": "the equation's input 'abc' names 3 axes (batch included), "
    "which the input (None, 4) does not have",
    "einsum_unknown_contracted_err": "the kernel of 'ab,bc->ac' on (None, None) would be "
    "(None, 8), but weights need every size known",
    "einsum_missing_output_err": "EinsumDense needs the argument 'output_shape'",
    "revemb_dim0_err": "input_dim must be a positive integer, got 0",
    "revemb_missing_err": "ReversibleEmbedding needs the argument 'output_dim'",
    "einsum_lora_constraint_err": "lora_rank cannot be combined with kernel_constraint",
    "einsum_bias_unknown_size_err": "the bias of 'abc,cd->abd' on (None, 10, 32) would be (None, 16)",
    "einsum_kernel_from_output_none_err": "the kernel of 'ab,bc->ac' on (None, 4) would be (4, None)",
    "einsum_output_letter_missing_err": "the output axis 'd' of 'ab,bc->ad' is in neither the input",
    "einsum_kernel_letter_missing_err": "the kernel axis 'z' of 'ab,bz->ab' is in neither",
    "einsum_bias_empty_err": "bias_axes must name output letters, or be null",
    "revemb_lora_untied_err": "lora_rank cannot be combined with tie_weights: false",
}

test_case_matches_keras, test_keras_config_matches, test_annotations_name_real_cases = keras_tests(
    "einsum", messages=MESSAGES
)

LM = """\
inputs:
  tokens: {shape: [null], dtype: int32}
layers:
  - {name: emb, type: ReversibleEmbedding, input_dim: 1000, output_dim: 32}
  - {type: EinsumDense, equation: "abc,cd->abd", output_shape: [null, 32], bias_axes: d}
  - {name: logits, share: emb, kwargs: {reverse: true}}
outputs: [logits]
"""


def test_reverse_call_of_a_shared_embedding() -> None:
    """The reverse call shows (batch, seq, input_dim); the table keeps the last call's shape."""
    result = archcalc.infer(archcalc.load_text(LM, "lm.yaml"))
    emb = result.layer("emb")
    assert [c.output_shapes for c in emb.calls] == [((None, None, 32),), ((None, None, 1000),)]
    assert emb.output_shapes == ((None, None, 1000),)
    assert emb.params == 1000 * 32  # tied: the reverse projection is the transposed table
    written = spec_to_yaml(archcalc.load_text(LM, "lm.yaml"))
    assert "{name: logits, share: emb, kwargs: {reverse: true}}" in written
    again = archcalc.infer(archcalc.load_text(written, "lm.yaml"))
    assert archcalc.render_summary(again) == archcalc.render_summary(result)


@pytest.mark.parametrize(
    ("entry", "phrase"),
    [
        (
            "{type: ReversibleEmbedding, input_dim: 9, output_dim: 2, kwargs: {revers: true}}",
            "kwargs: the call of ReversibleEmbedding takes no keyword argument 'revers' "
            "(did you mean 'reverse'?); it takes reverse",
        ),
        (
            "{type: ReversibleEmbedding, input_dim: 9, output_dim: 2, kwargs: {reverse: 1}}",
            "kwargs: reverse must be true or false, got 1",
        ),
        (
            "{type: Dense, units: 2, kwargs: {reverse: true}}",
            "the call of Dense takes no keyword argument 'reverse' that archcalc models",
        ),
        ("{type: Dense, units: 2, kwargs: [1]}", "kwargs must be a mapping"),
    ],
)
def test_call_kwargs_are_checked(entry: str, phrase: str) -> None:
    text = f"inputs: {{x: [4]}}\nlayers:\n  - {entry}\n"
    with pytest.raises(archcalc.ArchcalcError) as info:
        archcalc.load_text(text, "m.yaml")
    (diag,) = info.value.diagnostics
    assert diag.line == 3 and diag.column > 5
    assert phrase in diag.message


def test_einsum_output_keeps_none_where_the_input_knows_the_size() -> None:
    """Keras's quirk, as summary() shows it: output_shape's null stays None."""
    text = (
        "inputs: {x: [10, 32]}\nlayers:\n"
        "  - {type: EinsumDense, equation: 'abc,cd->abd', output_shape: [null, 64]}\n"
    )
    result = archcalc.infer(archcalc.load_text(text, "m.yaml"))
    assert result.layer("einsum_dense").output_shapes == ((None, None, 64),)


#: tests/golden/keras/models/einsum_revemb_lm as a spec: a toy LM whose ReversibleEmbedding is
#: called again with reverse=True for the logits (Keras shows that last call's shape)
EINSUM_REVEMB_LM = """\
name: functional
inputs:
  tokens: {shape: [null], dtype: int32}
  aux: {shape: [6], dtype: int32}
layers:
  - {type: ReversibleEmbedding, input_dim: 1000, output_dim: 32, inputs: tokens}
  - {type: EinsumDense, equation: "abc,cde->abde", output_shape: [null, 4, 8], bias_axes: de}
  - {type: EinsumDense, equation: "abc,cde->abde", output_shape: [null, 4, 8], inputs: reversible_embedding}
  - {type: EinsumDense, equation: "abde,dec->abc", output_shape: [null, 32], bias_axes: c}
  - {type: Add, inputs: [reversible_embedding, einsum_dense_2]}
  - {type: LayerNormalization}
  - {type: EinsumDense, equation: "...b,bc->...c", output_shape: 64, activation: relu}
  - {type: EinsumDense, equation: "abc,cd->abd", output_shape: [null, 32]}
  - {name: logits, share: reversible_embedding, kwargs: {reverse: true}}
  - {type: ReversibleEmbedding, input_dim: 50, output_dim: 8, tie_weights: false, inputs: aux}
  - {name: aux_logits, share: reversible_embedding_1, kwargs: {reverse: true}}
outputs: [logits, einsum_dense, aux_logits]
"""


@pytest.mark.parametrize(("variant", "columns"), [("wide", 200), ("80", 80)])
def test_einsum_revemb_lm_equals_keras(variant: str, columns: int) -> None:
    result = archcalc.infer(archcalc.load_text(EINSUM_REVEMB_LM, "lm.yaml"))
    got = archcalc.render_summary(result, TableOptions(terminal_columns=columns))
    assert table_lines(got) == table_lines(read("einsum_revemb_lm", f"summary-{variant}.txt"))


def test_einsum_revemb_lm_weights_are_keras() -> None:
    """Names and shapes of every weight, as Keras's layers.json lists them."""
    import json

    keras = {
        x["name"]: x["weights"]
        for x in json.loads(read("einsum_revemb_lm", "layers.json"))["layers"]
    }
    result = archcalc.infer(archcalc.load_text(EINSUM_REVEMB_LM, "lm.yaml"))
    for layer in result.layers:
        mine = [[f"{layer.name}/{w.name}", list(w.shape)] for w in layer.weights]
        assert mine == [w[:2] for w in keras[layer.name]], layer.name


def test_the_lm_spec_validates_against_the_schema() -> None:
    """kwargs: is in the schema: on ReversibleEmbedding entries (its call arguments) and shares."""
    from archcalc.reader.yamlnodes import parse_yaml
    from archcalc.schema import spec_schema
    from tests.jsonschema_mini import errors

    root = parse_yaml(EINSUM_REVEMB_LM, "lm.yaml")
    assert root is not None
    schema = spec_schema()
    assert errors(root.plain(), schema) == []
    bad = root.plain()
    bad["layers"][0]["kwargs"] = {"revers": True}
    assert errors(bad, schema) != []
