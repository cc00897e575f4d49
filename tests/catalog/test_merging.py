"""Keras 3's merging layers, case by case (tests/catalog/keras_cases_merging.json):
Concatenate, Add, Subtract, Multiply, Average, Maximum, Minimum, Dot."""

from __future__ import annotations

from tests.catalog.keras_cases import keras_tests

DEVIATIONS = {
    "dot_axes0": (
        "Keras's Dot builds over the batch axis and reports (8, 1), then batch_dot refuses "
        "axis 0 when the layer runs",
        "Dot needs axes from 1",
    ),
    "dot_batch_mismatch": (
        "Keras's Dot does not compare batch sizes when it is built; batch_dot refuses them "
        "when the layer runs",
        "different batch sizes",
    ),
}

BROADCAST = "each pair of sizes must be equal or include a 1"

MESSAGES = {
    "concat_mismatch_err": "but axis 1 differs",
    "concat_rank_mismatch_err": "same rank",
    "concat_axis_oob_err": "use an axis from -3 to 2",
    "add_mismatch_err": "Received shapes (8,) and (4,)",
    "subtract_mismatch_err": BROADCAST,
    "multiply_mismatch_err": BROADCAST,
    "average_mismatch_err": BROADCAST,
    "maximum_mismatch_err": BROADCAST,
    "minimum_mismatch_err": BROADCAST,
    "subtract_3inputs_err": "Subtract takes 2 inputs, got 3",
    "add_rank_mismatch_r3_r2_err": "Received shapes (3, 8) and (3,)",
    "dot_mismatch_err": "(size 8) against axis 1 of (None, 6) (size 6)",
    "dot_3inputs_err": "Dot takes 2 inputs, got 3",
    "subtract_1input_err": "Subtract takes 2 inputs, got 1",
    "dot_1input_err": "Dot takes 2 inputs, got 1",
    "add_batch_mismatch_err": "give the inputs the same batch_size",
    "dot_none_vs_known_err": "must be equal and known",
    "dot_axes_oob_err": "use an axis from -2 to 1",
    "dot_axes_len1_err": "axes must be an integer or a list of two integers, got [1]",
    "dot_axes_str_err": "axes must be an integer or a list of two integers",
    "dot_axes_missing_err": "Dot needs the argument 'axes'",
    "dot_axes_pair_oob_err": "axes for input 2: axis 4 is out of range",
    "multiply_mismatch_3_err": "Received shapes (4,) and (5,)",
    "add_arg_err": "Add has no argument 'axis'",
}

test_case_matches_keras, test_keras_config_matches, test_annotations_name_real_cases = keras_tests(
    "merging", deviations=DEVIATIONS, messages=MESSAGES
)
