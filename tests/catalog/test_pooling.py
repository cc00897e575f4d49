"""Keras 3's pooling layers, case by case (tests/catalog/keras_cases_pooling.json):
Max/Average 1D-3D windows and GlobalMax/GlobalAverage 1D-3D with their aliases."""

from __future__ import annotations

from tests.catalog.keras_cases import keras_tests

LARGER = "is larger than the input"
NEEDS_POOL_SIZE = "needs the argument 'pool_size'"

MESSAGES = {
    "maxpool1d_pool_gt_err": "pool_size 5 is larger than the input (4)",
    "maxpool2d_pool_gt_err": LARGER,
    "maxpool2d_rank3_err": "expects inputs of rank 4",
    "maxpool3d_pool_gt_err": LARGER,
    "avgpool1d_default_err": NEEDS_POOL_SIZE,
    "avgpool1d_pool_gt_err": LARGER,
    "avgpool2d_default_err": NEEDS_POOL_SIZE,
    "avgpool2d_pool_gt_err": LARGER,
    "avgpool2d_rank3_err": "expects inputs of rank 4",
    "avgpool3d_default_err": NEEDS_POOL_SIZE,
    "avgpool3d_pool_gt_err": LARGER,
    "maxpool2d_pool0_err": "pool_size must be a positive integer",
    "maxpool2d_bad_padding_err": "padding must be one of 'valid', 'same'",
    "maxpool1d_causal_err": "padding must be one of 'valid', 'same'",
    "gap2d_rank3_err": "expects inputs of rank 4",
    "gap1d_rank2_err": "expects inputs of rank 3",
    "maxpool2d_rank5_err": "expects inputs of rank 4",
    "gmp3d_rank4_err": "expects inputs of rank 5",
    "gap2d_df_bad_err": "data_format must be one of 'channels_last', 'channels_first'",
    "gmp2d_pool_size_err": "GlobalMaxPooling2D has no argument 'pool_size'",
}

test_case_matches_keras, test_keras_config_matches, test_annotations_name_real_cases = keras_tests(
    "pooling", messages=MESSAGES
)
