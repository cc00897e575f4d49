"""Keras 3's attention layers, case by case (tests/catalog/keras_cases_attention.json)."""

from __future__ import annotations

import archcalc
from tests.catalog.keras_cases import keras_tests

MESSAGES = {
    "mha_self_single_arg_err": "MultiHeadAttention takes 2 to 3 inputs, got 1",
    "attention_single_err": "Attention takes 2 to 3 inputs, got 1",
    "attention_4_inputs_err": "takes 2 to 3 inputs, got 4",
    "addattention_single_err": "takes 2 to 3 inputs",
    "mha_dim_mismatch_kv_err": "value (None, 12, 16) and key (None, 13, 16) must be equal on every axis",
    "mha_kv_none_vs_known_err": "an unknown (None) axis only matches None",
    "mha_kv_rank_differs_err": "must be equal on every axis but the last",
    "mha_key_dim0_err": "key_dim must be a positive integer, got 0",
    "mha_num_heads0_err": "num_heads must be a positive integer, got 0",
    "mha_value_dim0_err": "value_dim must be a positive integer, got 0",
    "mha_key_dim_missing_err": "MultiHeadAttention needs the argument 'key_dim'",
    "mha_unknown_q_feat_err": "query: the last dimension of the input (None, 10, None) is unknown",
    "mha_unknown_v_feat_err": "value: the last dimension",
    "mha_unknown_k_feat_err": "key: the last dimension",
    "mha_output_shape_neg_err": "output_shape must be a positive integer",
    "mha_output_shape_str_err": "output_shape must be a positive integer or a list of positive integers",
    "mha_flash_dropout_err": "dropout is not supported with flash_attention",
    "mha_sliding_window0_err": "sliding_window must be a positive integer, got 0",
    "mha_dropout_big_err": "dropout must be a number in [0, 1], got 1.5",
    "mha_attention_axes_bad_err": "axis 5 is out of range for a value of rank 3",
    "mha_attention_axes_4_err": "axis 4 is out of range",
    "mha_attention_axes_m8_err": "axis -8 is out of range",
    "attention_bad_score_mode_err": "score_mode must be one of 'dot', 'concat', got 'add'",
    "addattention_unknown_q_feat_err": "query: the last dimension",
}
DEVIATIONS = {
    "mha_output_shape_zero": (
        "Keras tests `if output_shape:`, so 0 means 'the query's size'; archcalc refuses 0 as a size",
        "output_shape must be a positive integer, got 0",
    ),
    "mha_4_inputs": (
        "Keras takes a 4th positional tensor as query_mask; a spec's inputs are [query, value, key]",
        "MultiHeadAttention takes 2 to 3 inputs, got 4",
    ),
}

test_case_matches_keras, test_keras_config_matches, test_annotations_name_real_cases = keras_tests(
    "attention", deviations=DEVIATIONS, messages=MESSAGES
)


def test_self_attention_params_by_formula() -> None:
    """MHA(num_heads=2, key_dim=32) on [x, x] with x of width 32 (keras-notes 4.2: 8,416)."""
    text = (
        "inputs: {x: [200, 32]}\nlayers:\n"
        "  - {type: MultiHeadAttention, num_heads: 2, key_dim: 32, inputs: [x, x]}\n"
    )
    layer = archcalc.infer(archcalc.load_text(text)).layers[-1]
    heads, key, d = 2, 32, 32
    projection = d * heads * key + heads * key  # query, key and value each
    output = heads * key * d + d
    assert layer.params == 3 * projection + output == 8_416
    assert layer.output_shapes == ((None, 200, 32),)
