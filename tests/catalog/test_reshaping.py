"""Keras 3's reshaping layers, case by case (tests/catalog/keras_cases_reshaping.json):
Flatten, Reshape, Permute, RepeatVector, ZeroPadding/Cropping/UpSampling 1D-3D."""

from __future__ import annotations

from tests.catalog.keras_cases import keras_tests

DEVIATIONS = {
    "upsample2d_bad_interp_unchecked": (
        "Keras builds UpSampling2D with any interpolation string; resizing with it fails when "
        "the layer runs",
        "interpolation must be one of 'nearest', 'bilinear'",
    ),
}

CROP = "crop at most"

MESSAGES = {
    "reshape_size_mismatch_err": "has 24 elements per sample, but target_shape [5, 5] holds 25",
    "reshape_two_minus1_err": "at most one size can be inferred",
    "reshape_minus1_notdiv_err": "(product 5) do not divide",
    "reshape_zero_err": "target_shape must be a list of positive integers",
    "permute_bad_err": "dims [1, 1] must be a permutation of 1..2",
    "permute_zero_err": "dims [0, 1] must be a permutation of 1..2",
    "permute_len_mismatch_err": "the input must have rank 3",
    "repeatvector_r3_err": "expects inputs of rank 2",
    "crop2d_too_much_err": "crop at most 9 in total",
    "crop1d_too_much_err": CROP,
    "flatten_list_of_two_err": "Flatten takes 1 input, got 2",
    "reshape_neg2_err": "with at most one -1, got [-2, 4]",
    "reshape_int_err": "target_shape must be a list",
    "reshape_missing_err": "Reshape needs the argument 'target_shape'",
    "permute_rank2_err": "the input must have rank 3",
    "permute_gap_err": "must be a permutation of 1..2",
    "repeat_n0_err": "n must be a positive integer, got 0",
    "repeat_float_err": "n must be a positive integer, got 2.0",
    "zpad1d_pairlist_err": "padding must be a non-negative integer or a list [before, after]",
    "zpad1d_neg_err": "got -1",
    "zpad1d_rank4_err": "expects inputs of rank 3",
    "zpad2d_three_err": "a list of 2 integers, or a list of 2 [before, after] pairs",
    "zpad2d_rank3_err": "expects inputs of rank 4",
    "zpad2d_neg_err": "padding must be a non-negative integer",
    "crop1d_equal_err": "removes 10 of the 10 elements",
    "crop1d_df_err": "Cropping1D has no argument 'data_format'",
    "crop1d_neg_err": "cropping must be a non-negative integer",
    "crop2d_equal_err": "crop at most 4 in total",
    "crop2d_neg_err": "cropping must be a non-negative integer",
    "crop2d_cf_err": "on axis 2 of the input (None, 3, 10, 10)",
    "crop3d_too_much_err": CROP,
    "up1d_list_err": "size must be a positive integer, got [2]",
    "up1d_zero_err": "size must be a positive integer, got 0",
    "up1d_df_err": "UpSampling1D has no argument 'data_format'",
    "up1d_rank4_err": "expects inputs of rank 3",
    "up2d_zero_err": "size must be a positive integer or a list of 2 positive integers",
    "up2d_rank3_err": "expects inputs of rank 4",
    "up3d_interp_err": "UpSampling3D has no argument 'interpolation'",
}

test_case_matches_keras, test_keras_config_matches, test_annotations_name_real_cases = keras_tests(
    "reshaping", deviations=DEVIATIONS, messages=MESSAGES
)
