"""Keras 3's activation layers, case by case (tests/catalog/keras_cases_activations.json):
Activation, ReLU, LeakyReLU, PReLU, ELU, Softmax."""

from __future__ import annotations

from tests.catalog.keras_cases import keras_tests

DEVIATIONS = {
    "softmax_axis_oob": (
        "Keras checks Softmax's axis only when the layer runs (then it fails)",
        "axis 5 is out of range for an input of rank 3",
    ),
}

NON_NEGATIVE = "must be a number in [0, inf]"

MESSAGES = {
    "activation_bad_err": "activation must be a Keras activation name; unknown activation 'no_such_act'",
    "prelu_none_dim_err": "shared_axes: [1]",
    "activation_missing_err": "Activation needs the argument 'activation'",
    "relu_maxval_neg_err": "max_value " + NON_NEGATIVE,
    "relu_slope_neg_err": "negative_slope " + NON_NEGATIVE,
    "relu_threshold_neg_err": "threshold " + NON_NEGATIVE,
    "relu_slope_none_err": "got null",
    "leaky_slope_neg_err": "negative_slope " + NON_NEGATIVE,
    "leaky_slope_none_err": "got null",
    "prelu_shared_oob_err": "has axes 1 to 2 only",
    "prelu_shared_partial_none_err": "shared_axes: [1, 2]",
}

test_case_matches_keras, test_keras_config_matches, test_annotations_name_real_cases = keras_tests(
    "activations", deviations=DEVIATIONS, messages=MESSAGES
)
