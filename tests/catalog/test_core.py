"""Keras 3's Dense and Identity, case by case (tests/catalog/keras_cases_core.json)."""

from __future__ import annotations

from tests.catalog.keras_cases import keras_tests

UNREPRESENTABLE = {
    "dense_call_list_input_err": "Keras's Dense([x]) (a list of one tensor); a spec's 'inputs: [x]' "
    "is the call Dense(x)",
}

MESSAGES = {
    "dense_unknown_last_err": "last dimension of the input (None, None) is unknown",
    "dense_unknown_last_r3_err": "give that dimension a size",
    "dense_units0_err": "units must be a positive integer, got 0",
    "dense_units_neg_err": "units must be a positive integer, got -3",
    "dense_units_float_err": "units must be a positive integer, got 4.0",
    "dense_rank1_input_err": "rank 2 or more",
    "identity_arg_err": "Identity has no argument 'foo'",
}

test_case_matches_keras, test_keras_config_matches, test_annotations_name_real_cases = keras_tests(
    "core", unrepresentable=UNREPRESENTABLE, messages=MESSAGES
)
