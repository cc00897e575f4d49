"""Keras 3's regularization layers, case by case (tests/catalog/keras_cases_regularization.json):
Dropout, SpatialDropout1D-3D, GaussianNoise, GaussianDropout, AlphaDropout, ActivityRegularization."""

from __future__ import annotations

from tests.catalog.keras_cases import keras_tests

UNIT = "must be a number in [0, 1]"

MESSAGES = {
    "dropout_rate_neg_err": "rate " + UNIT + ", got -0.1",
    "spdrop2d_rank3_err": "expects inputs of rank 4",
    "dropout_rate_gt1_err": "rate " + UNIT,
    "dropout_missing_err": "Dropout needs the argument 'rate'",
    "dropout_noise_zero_err": "noise_shape must be a list of positive integers",
    "dropout_noise_str_err": "noise_shape must be a list",
    "spdrop1d_rank4_err": "expects inputs of rank 3",
    "spdrop1d_df_err": "SpatialDropout1D has no argument 'data_format'",
    "spdrop2d_noise_err": "SpatialDropout2D has no argument 'noise_shape'",
    "spdrop3d_rank4_err": "expects inputs of rank 5",
    "spdrop2d_rate_err": "rate " + UNIT,
    "spdrop1d_autocast_err": "SpatialDropout1D has no argument 'autocast'",
    "gnoise_gt1_err": "stddev " + UNIT,
    "gnoise_missing_err": "GaussianNoise needs the argument 'stddev'",
    "gdrop_gt1_err": "rate " + UNIT,
    "gdrop_missing_err": "GaussianDropout needs the argument 'rate'",
    "actreg_actreg_err": "ActivityRegularization has no argument 'activity_regularizer'",
    "alphadrop_gt1_err": "rate " + UNIT,
}

test_case_matches_keras, test_keras_config_matches, test_annotations_name_real_cases = keras_tests(
    "regularization", messages=MESSAGES
)
