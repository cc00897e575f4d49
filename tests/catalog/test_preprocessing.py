"""Keras 3's preprocessing layers, case by case (tests/catalog/keras_cases_preprocessing.json):
Rescaling, Normalization, Resizing, CenterCrop."""

from __future__ import annotations

from tests.catalog.keras_cases import keras_tests

RUNS = "Keras's Resizing reports a shape for it, but resizing fails when the layer runs"
RANK = "takes images of rank 4"

DEVIATIONS = {
    "resizing_r5": (f"rank-5 input: {RUNS} ('Invalid images rank')", RANK),
    "resizing_r2": (f"rank-2 input: {RUNS} ('Invalid images rank')", RANK),
    "resizing_both_aspect": (
        f"crop and pad to aspect ratio together: {RUNS}",
        "cannot both be true; choose one",
    ),
    "resizing_bad_interp": (
        f"an unknown interpolation: {RUNS}",
        "interpolation must be one of 'nearest', 'bilinear'",
    ),
    "resizing_h0": (f"height 0: {RUNS} ('size must have positive height')", "height must be"),
    "resizing_fill_reflect": (
        f"fill_mode other than 'constant': {RUNS}",
        "fill_mode must be one of 'constant'",
    ),
}

MESSAGES = {
    "norm_unknown_axis_err": "kept axis 1 of the input (None, None) is unknown",
    "rescaling_missing_err": "Rescaling needs the argument 'scale'",
    "norm_mean_only_err": "give both mean and variance, or neither",
    "norm_shape_mismatch_err": "same shape, got (2,) and (3,)",
    "norm_mean_rank_err": "mean has rank 2, more than the 1 kept axes",
    "norm_axis_oob_err": "use an axis from -2 to 1",
    "norm_axis_0_none_err": "kept axis 0 of the input (None, 4) is unknown",
    "resizing_missing_err": "Resizing needs the argument 'width'",
    "resizing_factor_err": "factor must be null",
    "resizing_float_h_err": "height must be a positive integer, got 6.5",
    "centercrop_r5_err": RANK,
    "centercrop_missing_err": "CenterCrop needs the argument 'width'",
    "centercrop_r2_err": RANK,
    "norm_mean_bcast_err": "do not fit the kept axes",
    "centercrop_factor_err": "factor must be null",
}

test_case_matches_keras, test_keras_config_matches, test_annotations_name_real_cases = keras_tests(
    "preprocessing", deviations=DEVIATIONS, messages=MESSAGES
)
