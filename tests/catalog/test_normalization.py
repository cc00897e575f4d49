"""Keras 3's normalization layers, case by case (tests/catalog/keras_cases_normalization.json):
BatchNormalization, LayerNormalization, GroupNormalization, UnitNormalization, RMSNormalization."""

from __future__ import annotations

from tests.catalog.keras_cases import keras_tests

OUT_OF_RANGE = "is out of range for an input of rank"
UNKNOWN = "is unknown (None)"

MESSAGES = {
    "bn_unknown_axis_err": UNKNOWN,
    "bn_axis_oob_err": "use an axis from -3 to 2",
    "bn_axis_list_err": "axis must be an integer, got [1, 2]",
    "ln_unknown_axis_err": UNKNOWN,
    "gn_notdiv_err": "use a divisor of 16",
    "gn_too_many_groups_err": "groups=32 does not divide the 16 channels",
    "bn_axis_oob_neg_err": OUT_OF_RANGE,
    "bn_axis0_err": "feature axis 0 of the input (None, 4, 4) is unknown",
    "bn_renorm_clip_bad_err": "renorm_clipping has unknown keys ['foo']",
    "bn_axis_str_err": "axis must be an integer",
    "ln_axis_oob_err": OUT_OF_RANGE,
    "ln_axis0_err": UNKNOWN,
    "ln_axis_str_err": "axis must be an integer or a list of integers",
    "ln_axis_tuple_oob_err": "axis 3 is out of range",
    "gn_groups0_err": "or -1 for one group per channel, got 0",
    "gn_groups_neg2_err": "got -2",
    "gn_unknown_ch_err": "channel axis -1 of the input (None, 4, 4, None) is unknown",
    "gn_axis_list_err": "axis must be an integer",
    "gn_axis_oob_err": OUT_OF_RANGE,
    "un_axis_oob_err": "use an axis from -2 to 1",
    "un_axis_str_err": "axis must be an integer or a list of integers",
    "un_axis_list_oob_err": "axis 5 is out of range",
    "rms_axis_oob_err": OUT_OF_RANGE,
    "rms_unknown_err": UNKNOWN,
}

test_case_matches_keras, test_keras_config_matches, test_annotations_name_real_cases = keras_tests(
    "normalization", messages=MESSAGES
)
