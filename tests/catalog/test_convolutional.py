"""Keras 3's convolutions, case by case (tests/catalog/keras_cases_convolutional.json):
Conv1D-3D, their Transpose forms, DepthwiseConv1D/2D and SeparableConv1D/2D."""

from __future__ import annotations

from tests.catalog.keras_cases import keras_tests

LARGER = "is larger than the input"
NO_CAUSAL = "padding must be one of 'valid', 'same', got 'causal'"
UNKNOWN_CHANNELS = "channel dimension of the input"

MESSAGES = {
    "conv1d_kernel_gt_input_err": "kernel_size 11 is larger than the input (10)",
    "conv1d_groups_notdiv_err": "filters (8) must be divisible by groups (3)",
    "conv1d_groups_filters_notdiv_err": "filters (5) must be divisible by groups (2)",
    "conv1d_stride_dil_err": "set one of them to 1",
    "conv1d_unknown_channels_err": UNKNOWN_CHANNELS,
    "conv1d_rank2_input_err": "expects inputs of rank 3",
    "conv1d_filters0_err": "filters must be a positive integer",
    "conv1d_bad_padding_err": "padding must be one of 'valid', 'same', 'causal', got 'full'",
    "conv2d_kernel_gt_input_err": LARGER,
    "conv2d_dilated_gt_input_err": "kernel_size 3 (dilated to 7)",
    "conv2d_groups_notdiv_err": "must be divisible by groups",
    "conv2d_groups_filters_notdiv_err": "must be divisible by groups",
    "conv2d_stride_dil_err": "cannot be combined with dilation_rate",
    "conv2d_causal_err": NO_CAUSAL,
    "conv2d_rank3_input_err": "expects inputs of rank 4",
    "conv2d_rank5_input_err": "expects inputs of rank 4",
    "conv2d_unknown_channels_err": UNKNOWN_CHANNELS,
    "conv2d_kernel_3tuple_err": "a list of 2 positive integers, got [3, 3, 3]",
    "conv2d_strides0_err": "strides must be a positive integer",
    "conv3d_kernel_gt_input_err": LARGER,
    "conv3d_causal_err": NO_CAUSAL,
    "conv2dt_outpad_ge_stride_err": "use output_padding < 2",
    "conv2dt_causal_err": NO_CAUSAL,
    "dwconv2d_kernel_gt_err": LARGER,
    "dwconv2d_mult0_err": "depth_multiplier must be a positive integer",
    "dwconv1d_causal_err": NO_CAUSAL,
    "sepconv1d_mult2_causal_err": NO_CAUSAL,
    "c2dt_stride_dil_err": "cannot be combined with dilation_rate",
    "c2dt_k0_err": "kernel_size must be a positive integer",
    "c2dt_filters0_err": "filters must be a positive integer",
    "c2dt_rank3_err": "expects inputs of rank 4",
    "c2dt_rank5_err": "expects inputs of rank 4",
    "c2dt_unknown_ch_err": UNKNOWN_CHANNELS,
    "c2dt_groups_err": "Conv2DTranspose has no argument 'groups'",
    "c1dt_causal_err": NO_CAUSAL,
    "c2dt_outpad_neg_err": "output_padding must be a non-negative integer",
    "c2dt_lora_err": "Conv2DTranspose has no argument 'lora_rank'",
    "dw2d_unknown_ch_err": UNKNOWN_CHANNELS,
    "dw2d_filters_err": "DepthwiseConv2D has no argument 'filters'",
    "dw2d_rank3_err": "expects inputs of rank 4",
    "dw2d_groups_err": "DepthwiseConv2D has no argument 'groups'",
    "dw2d_kernel_missing_err": "DepthwiseConv2D needs the argument 'kernel_size'",
    "dw1d_kernel_gt_err": LARGER,
    "dw2d_mult_neg_err": "depth_multiplier must be a positive integer, got -1",
    "sep2d_filters0_err": "filters must be a positive integer",
    "sep1d_mult0_err": "depth_multiplier must be a positive integer",
    "sep2d_kernel_gt_err": LARGER,
    "sep2d_unknown_ch_err": UNKNOWN_CHANNELS,
    "sep2d_filters_missing_err": "SeparableConv2D needs the argument 'filters'",
    "conv2d_rank5_err": "expects inputs of rank 4",
    "conv1d_rank4_err": "expects inputs of rank 3",
}

test_case_matches_keras, test_keras_config_matches, test_annotations_name_real_cases = keras_tests(
    "convolutional", messages=MESSAGES
)
