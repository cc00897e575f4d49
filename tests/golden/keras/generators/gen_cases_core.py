#!/usr/bin/env python
"""Generate cases_core.json (input for layer_cases.py).

Plain Python, no keras import. Edit / append and re-run:
    python gen_cases_core.py && KERAS_BACKEND=torch COLUMNS=200 \
        ../kvenv/bin/python layer_cases.py cases_core.json out_core.json
Ids are prefixed by group; an "_err" suffix means Keras is EXPECTED to reject
the case (the expectation is only a naming hint, out_core.json is the truth).
"""
import json
import os

CASES = []


def c(id, cls, config=None, inputs=None, **extra):
    d = {"id": id, "class": cls, "config": config or {}, "inputs": inputs or []}
    d.update(extra)
    CASES.append(d)


def L(cls, **cfg):
    """nested layer spec"""
    return {"class": cls, "config": cfg}


# ---------------------------------------------------------------- Dense
c("dense_r2", "Dense", {"units": 8}, [[4]])
c("dense_r2_relu", "Dense", {"units": 10, "activation": "relu"}, [[784]])
c("dense_r3", "Dense", {"units": 16}, [[10, 8]])
c("dense_r4", "Dense", {"units": 5}, [[3, 4, 6]])
c("dense_r3_none_time", "Dense", {"units": 7}, [[None, 12]])
c("dense_nobias", "Dense", {"units": 8, "use_bias": False}, [[4]])
c("dense_nobias_r3", "Dense", {"units": 3, "use_bias": False}, [[5, 9]])
c("dense_units1", "Dense", {"units": 1, "activation": "sigmoid"}, [[100]])
c("dense_trainable_false", "Dense", {"units": 8}, [[4]], trainable=False)
c("dense_named", "Dense", {"units": 2, "name": "my_head"}, [[3]])
c("dense_unknown_last_err", "Dense", {"units": 8}, [[None]])
c("dense_unknown_last_r3_err", "Dense", {"units": 8}, [[5, None]])
c("dense_units0_err", "Dense", {"units": 0}, [[4]])
c("dense_units_neg_err", "Dense", {"units": -3}, [[4]])
c("dense_units_float", "Dense", {"units": 4.0}, [[4]], note="float units")
c("dense_rank1_input", "Dense", {"units": 4}, [{"shape": [], "batch_size": None}],
  note="scalar per sample: input shape (None,)")
c("dense_lora", "Dense", {"units": 8, "lora_rank": 2}, [[16]])

# ---------------------------------------------------------------- Conv1D
c("conv1d_basic", "Conv1D", {"filters": 4, "kernel_size": 3}, [[10, 2]])
c("conv1d_same", "Conv1D", {"filters": 4, "kernel_size": 3, "padding": "same"}, [[10, 2]])
c("conv1d_causal", "Conv1D", {"filters": 4, "kernel_size": 3, "padding": "causal"}, [[10, 2]])
c("conv1d_causal_dil", "Conv1D", {"filters": 4, "kernel_size": 3, "padding": "causal", "dilation_rate": 2}, [[10, 2]])
c("conv1d_stride2", "Conv1D", {"filters": 8, "kernel_size": 3, "strides": 2}, [[11, 3]])
c("conv1d_stride2_same", "Conv1D", {"filters": 8, "kernel_size": 3, "strides": 2, "padding": "same"}, [[11, 3]])
c("conv1d_stride3_same", "Conv1D", {"filters": 8, "kernel_size": 4, "strides": 3, "padding": "same"}, [[10, 3]])
c("conv1d_dil3", "Conv1D", {"filters": 2, "kernel_size": 3, "dilation_rate": 3}, [[20, 1]])
c("conv1d_groups", "Conv1D", {"filters": 8, "kernel_size": 3, "groups": 2}, [[10, 4]])
c("conv1d_nobias", "Conv1D", {"filters": 4, "kernel_size": 5, "use_bias": False}, [[16, 3]])
c("conv1d_none_steps", "Conv1D", {"filters": 4, "kernel_size": 3}, [[None, 2]])
c("conv1d_none_steps_stride", "Conv1D", {"filters": 4, "kernel_size": 3, "strides": 2, "padding": "same"}, [[None, 2]])
c("conv1d_cf", "Conv1D", {"filters": 4, "kernel_size": 3, "data_format": "channels_first"}, [[2, 10]])
c("conv1d_kernel_eq_input", "Conv1D", {"filters": 1, "kernel_size": 10}, [[10, 2]])
c("conv1d_kernel_gt_input_err", "Conv1D", {"filters": 1, "kernel_size": 11}, [[10, 2]])
c("conv1d_groups_notdiv_err", "Conv1D", {"filters": 8, "kernel_size": 3, "groups": 3}, [[10, 4]])
c("conv1d_groups_filters_notdiv_err", "Conv1D", {"filters": 5, "kernel_size": 3, "groups": 2}, [[10, 4]])
c("conv1d_stride_dil_err", "Conv1D", {"filters": 4, "kernel_size": 3, "strides": 2, "dilation_rate": 2}, [[20, 2]])
c("conv1d_unknown_channels_err", "Conv1D", {"filters": 4, "kernel_size": 3}, [[10, None]])
c("conv1d_rank2_input_err", "Conv1D", {"filters": 4, "kernel_size": 3}, [[10]])
c("conv1d_filters0_err", "Conv1D", {"filters": 0, "kernel_size": 3}, [[10, 2]])
c("conv1d_bad_padding_err", "Conv1D", {"filters": 4, "kernel_size": 3, "padding": "full"}, [[10, 2]])
c("conv1d_causal_stride2", "Conv1D", {"filters": 4, "kernel_size": 3, "padding": "causal", "strides": 2}, [[10, 2]])

# ---------------------------------------------------------------- Conv2D
c("conv2d_basic", "Conv2D", {"filters": 32, "kernel_size": 5}, [[28, 28, 1]])
c("conv2d_same", "Conv2D", {"filters": 16, "kernel_size": 3, "padding": "same"}, [[32, 32, 3]])
c("conv2d_tuple_kernel", "Conv2D", {"filters": 8, "kernel_size": [3, 5]}, [[20, 30, 3]])
c("conv2d_stride2", "Conv2D", {"filters": 64, "kernel_size": 7, "strides": 2, "padding": "same"}, [[224, 224, 3]])
c("conv2d_stride2_valid", "Conv2D", {"filters": 64, "kernel_size": 7, "strides": 2}, [[230, 230, 3]])
c("conv2d_stride_tuple", "Conv2D", {"filters": 4, "kernel_size": 3, "strides": [2, 1]}, [[15, 15, 2]])
c("conv2d_stride4_alexnet", "Conv2D", {"filters": 96, "kernel_size": 11, "strides": 4}, [[227, 227, 3]])
c("conv2d_stride3_same_odd", "Conv2D", {"filters": 2, "kernel_size": 2, "strides": 3, "padding": "same"}, [[10, 11, 1]])
c("conv2d_dil2", "Conv2D", {"filters": 8, "kernel_size": 3, "dilation_rate": 2}, [[20, 20, 3]])
c("conv2d_dil2_same", "Conv2D", {"filters": 8, "kernel_size": 3, "dilation_rate": 2, "padding": "same"}, [[20, 20, 3]])
c("conv2d_dil_tuple", "Conv2D", {"filters": 8, "kernel_size": 3, "dilation_rate": [1, 3]}, [[20, 20, 3]])
c("conv2d_groups", "Conv2D", {"filters": 16, "kernel_size": 3, "groups": 4}, [[10, 10, 8]])
c("conv2d_groups_depthwise_like", "Conv2D", {"filters": 8, "kernel_size": 3, "groups": 8}, [[10, 10, 8]])
c("conv2d_nobias", "Conv2D", {"filters": 8, "kernel_size": 3, "use_bias": False}, [[10, 10, 3]])
c("conv2d_1x1", "Conv2D", {"filters": 1, "kernel_size": 1, "activation": "sigmoid"}, [[128, 128, 16]])
c("conv2d_none_hw", "Conv2D", {"filters": 8, "kernel_size": 3}, [[None, None, 3]])
c("conv2d_none_h", "Conv2D", {"filters": 8, "kernel_size": 3, "strides": 2}, [[None, 17, 3]])
c("conv2d_cf", "Conv2D", {"filters": 8, "kernel_size": 3, "data_format": "channels_first"}, [[3, 32, 32]])
c("conv2d_cf_same_stride", "Conv2D", {"filters": 8, "kernel_size": 3, "strides": 2, "padding": "same", "data_format": "channels_first"}, [[3, 31, 31]])
c("conv2d_kernel_eq_input", "Conv2D", {"filters": 4, "kernel_size": 5}, [[5, 5, 1]])
c("conv2d_kernel_gt_input_err", "Conv2D", {"filters": 4, "kernel_size": 7}, [[5, 5, 1]])
c("conv2d_kernel_gt_input_same", "Conv2D", {"filters": 4, "kernel_size": 7, "padding": "same"}, [[5, 5, 1]])
c("conv2d_dilated_gt_input_err", "Conv2D", {"filters": 4, "kernel_size": 3, "dilation_rate": 3}, [[6, 6, 1]])
c("conv2d_groups_notdiv_err", "Conv2D", {"filters": 8, "kernel_size": 3, "groups": 3}, [[10, 10, 4]])
c("conv2d_groups_filters_notdiv_err", "Conv2D", {"filters": 6, "kernel_size": 3, "groups": 4}, [[10, 10, 8]])
c("conv2d_stride_dil_err", "Conv2D", {"filters": 4, "kernel_size": 3, "strides": 2, "dilation_rate": 2}, [[20, 20, 2]])
c("conv2d_causal_err", "Conv2D", {"filters": 4, "kernel_size": 3, "padding": "causal"}, [[10, 10, 2]])
c("conv2d_rank3_input_err", "Conv2D", {"filters": 4, "kernel_size": 3}, [[10, 10]])
c("conv2d_rank5_input_err", "Conv2D", {"filters": 4, "kernel_size": 3}, [[4, 10, 10, 2]])
c("conv2d_unknown_channels_err", "Conv2D", {"filters": 4, "kernel_size": 3}, [[10, 10, None]])
c("conv2d_kernel_3tuple_err", "Conv2D", {"filters": 4, "kernel_size": [3, 3, 3]}, [[10, 10, 2]])
c("conv2d_strides0_err", "Conv2D", {"filters": 4, "kernel_size": 3, "strides": 0}, [[10, 10, 2]])
c("conv2d_padding_upper", "Conv2D", {"filters": 4, "kernel_size": 3, "padding": "SAME"}, [[10, 10, 2]])
c("conv2d_trainable_false", "Conv2D", {"filters": 16, "kernel_size": 3}, [[32, 32, 3]], trainable=False)

# ---------------------------------------------------------------- Conv3D
c("conv3d_basic", "Conv3D", {"filters": 8, "kernel_size": 3}, [[16, 16, 16, 1]])
c("conv3d_same_stride", "Conv3D", {"filters": 4, "kernel_size": [3, 3, 3], "strides": 2, "padding": "same"}, [[9, 10, 11, 2]])
c("conv3d_kernel_tuple", "Conv3D", {"filters": 4, "kernel_size": [1, 3, 5]}, [[8, 8, 8, 3]])
c("conv3d_dil", "Conv3D", {"filters": 2, "kernel_size": 3, "dilation_rate": [2, 1, 1]}, [[10, 10, 10, 1]])
c("conv3d_groups", "Conv3D", {"filters": 4, "kernel_size": 3, "groups": 2}, [[8, 8, 8, 4]])
c("conv3d_cf", "Conv3D", {"filters": 4, "kernel_size": 3, "data_format": "channels_first"}, [[2, 8, 8, 8]])
c("conv3d_none_depth", "Conv3D", {"filters": 4, "kernel_size": 3}, [[None, 8, 8, 2]])
c("conv3d_nobias", "Conv3D", {"filters": 4, "kernel_size": 2, "use_bias": False}, [[4, 4, 4, 3]])
c("conv3d_kernel_gt_input_err", "Conv3D", {"filters": 4, "kernel_size": 5}, [[4, 8, 8, 1]])
c("conv3d_causal_err", "Conv3D", {"filters": 4, "kernel_size": 3, "padding": "causal"}, [[8, 8, 8, 1]])

# ---------------------------------------------------------------- Conv*Transpose
c("conv1dt_basic", "Conv1DTranspose", {"filters": 4, "kernel_size": 3}, [[10, 2]])
c("conv1dt_stride2_same", "Conv1DTranspose", {"filters": 4, "kernel_size": 3, "strides": 2, "padding": "same"}, [[10, 2]])
c("conv1dt_stride2_valid", "Conv1DTranspose", {"filters": 4, "kernel_size": 3, "strides": 2}, [[10, 2]])
c("conv1dt_outpad", "Conv1DTranspose", {"filters": 4, "kernel_size": 3, "strides": 2, "output_padding": 1}, [[10, 2]])
c("conv1dt_dil", "Conv1DTranspose", {"filters": 4, "kernel_size": 3, "dilation_rate": 2}, [[10, 2]])
c("conv1dt_none_steps", "Conv1DTranspose", {"filters": 4, "kernel_size": 3, "strides": 2}, [[None, 2]])
c("conv2dt_basic", "Conv2DTranspose", {"filters": 16, "kernel_size": 3}, [[8, 8, 32]])
c("conv2dt_unet_up", "Conv2DTranspose", {"filters": 32, "kernel_size": 2, "strides": 2, "padding": "same"}, [[32, 32, 64]])
c("conv2dt_stride2_valid_k3", "Conv2DTranspose", {"filters": 8, "kernel_size": 3, "strides": 2}, [[7, 7, 4]])
c("conv2dt_stride2_same_k3", "Conv2DTranspose", {"filters": 8, "kernel_size": 3, "strides": 2, "padding": "same"}, [[7, 7, 4]])
c("conv2dt_stride3_same_k2", "Conv2DTranspose", {"filters": 8, "kernel_size": 2, "strides": 3, "padding": "same"}, [[5, 5, 4]])
c("conv2dt_outpad1", "Conv2DTranspose", {"filters": 8, "kernel_size": 3, "strides": 2, "padding": "same", "output_padding": 1}, [[7, 7, 4]])
c("conv2dt_outpad_tuple", "Conv2DTranspose", {"filters": 8, "kernel_size": 3, "strides": [2, 3], "output_padding": [1, 2]}, [[5, 5, 4]])
c("conv2dt_outpad_ge_stride_err", "Conv2DTranspose", {"filters": 8, "kernel_size": 3, "strides": 2, "output_padding": 2}, [[5, 5, 4]])
c("conv2dt_dil2", "Conv2DTranspose", {"filters": 4, "kernel_size": 3, "dilation_rate": 2}, [[6, 6, 2]])
c("conv2dt_dil2_same", "Conv2DTranspose", {"filters": 4, "kernel_size": 3, "dilation_rate": 2, "padding": "same"}, [[6, 6, 2]])
c("conv2dt_nobias", "Conv2DTranspose", {"filters": 4, "kernel_size": 4, "strides": 2, "use_bias": False}, [[6, 6, 2]])
c("conv2dt_cf", "Conv2DTranspose", {"filters": 4, "kernel_size": 3, "strides": 2, "data_format": "channels_first"}, [[2, 6, 6]])
c("conv2dt_none_hw", "Conv2DTranspose", {"filters": 4, "kernel_size": 3, "strides": 2, "padding": "same"}, [[None, None, 2]])
c("conv2dt_kernel_gt_input", "Conv2DTranspose", {"filters": 4, "kernel_size": 7}, [[3, 3, 2]])
c("conv2dt_causal_err", "Conv2DTranspose", {"filters": 4, "kernel_size": 3, "padding": "causal"}, [[6, 6, 2]])
c("conv3dt_basic", "Conv3DTranspose", {"filters": 4, "kernel_size": 3}, [[4, 4, 4, 2]])
c("conv3dt_stride2_same", "Conv3DTranspose", {"filters": 4, "kernel_size": 2, "strides": 2, "padding": "same"}, [[4, 5, 6, 2]])
c("conv3dt_outpad", "Conv3DTranspose", {"filters": 4, "kernel_size": 3, "strides": 2, "output_padding": [1, 0, 1]}, [[4, 4, 4, 2]])
c("conv3dt_dil", "Conv3DTranspose", {"filters": 2, "kernel_size": 3, "dilation_rate": 2, "padding": "same"}, [[4, 4, 4, 2]])

# ---------------------------------------------------------------- Depthwise / Separable
c("dwconv2d_basic", "DepthwiseConv2D", {"kernel_size": 3}, [[10, 10, 8]])
c("dwconv2d_mult2", "DepthwiseConv2D", {"kernel_size": 3, "depth_multiplier": 2, "padding": "same"}, [[10, 10, 8]])
c("dwconv2d_stride2", "DepthwiseConv2D", {"kernel_size": 3, "strides": 2, "padding": "same", "use_bias": False}, [[112, 112, 32]])
c("dwconv2d_dil", "DepthwiseConv2D", {"kernel_size": 3, "dilation_rate": 2}, [[10, 10, 4]])
c("dwconv2d_cf", "DepthwiseConv2D", {"kernel_size": 3, "data_format": "channels_first"}, [[4, 10, 10]])
c("dwconv2d_kernel_gt_err", "DepthwiseConv2D", {"kernel_size": 5}, [[3, 3, 4]])
c("dwconv2d_mult0_err", "DepthwiseConv2D", {"kernel_size": 3, "depth_multiplier": 0}, [[10, 10, 4]])
c("dwconv1d_basic", "DepthwiseConv1D", {"kernel_size": 3}, [[10, 4]])
c("dwconv1d_mult3", "DepthwiseConv1D", {"kernel_size": 3, "depth_multiplier": 3, "strides": 2, "padding": "same"}, [[10, 4]])
c("dwconv1d_causal", "DepthwiseConv1D", {"kernel_size": 3, "padding": "causal"}, [[10, 4]])
c("sepconv2d_basic", "SeparableConv2D", {"filters": 16, "kernel_size": 3}, [[10, 10, 8]])
c("sepconv2d_mult2_same", "SeparableConv2D", {"filters": 16, "kernel_size": 3, "depth_multiplier": 2, "padding": "same"}, [[10, 10, 8]])
c("sepconv2d_nobias_stride", "SeparableConv2D", {"filters": 32, "kernel_size": 3, "strides": 2, "use_bias": False}, [[11, 11, 8]])
c("sepconv2d_cf", "SeparableConv2D", {"filters": 4, "kernel_size": 3, "data_format": "channels_first"}, [[8, 10, 10]])
c("sepconv1d_basic", "SeparableConv1D", {"filters": 8, "kernel_size": 3}, [[20, 4]])
c("sepconv1d_mult2_causal", "SeparableConv1D", {"filters": 8, "kernel_size": 3, "depth_multiplier": 2, "padding": "causal"}, [[20, 4]])
c("sepconv1d_dil", "SeparableConv1D", {"filters": 8, "kernel_size": 3, "dilation_rate": 4, "use_bias": False}, [[20, 4]])

# ---------------------------------------------------------------- Pooling
for cls, kind in (("MaxPooling", "max"), ("AveragePooling", "avg")):
    c(f"{kind}pool1d_default", f"{cls}1D", {}, [[10, 3]])
    c(f"{kind}pool1d_p3", f"{cls}1D", {"pool_size": 3}, [[10, 3]])
    c(f"{kind}pool1d_p3_s1", f"{cls}1D", {"pool_size": 3, "strides": 1}, [[10, 3]])
    c(f"{kind}pool1d_same", f"{cls}1D", {"pool_size": 3, "padding": "same"}, [[10, 3]])
    c(f"{kind}pool1d_cf", f"{cls}1D", {"pool_size": 2, "data_format": "channels_first"}, [[3, 10]])
    c(f"{kind}pool1d_none", f"{cls}1D", {"pool_size": 2}, [[None, 3]])
    c(f"{kind}pool1d_pool_gt_err", f"{cls}1D", {"pool_size": 5}, [[4, 3]])
    c(f"{kind}pool2d_default", f"{cls}2D", {}, [[28, 28, 32]])
    c(f"{kind}pool2d_odd", f"{cls}2D", {"pool_size": 2}, [[11, 11, 16]])
    c(f"{kind}pool2d_p3_s2", f"{cls}2D", {"pool_size": 3, "strides": 2}, [[55, 55, 96]])
    c(f"{kind}pool2d_p3_s2_same", f"{cls}2D", {"pool_size": 3, "strides": 2, "padding": "same"}, [[112, 112, 64]])
    c(f"{kind}pool2d_tuple", f"{cls}2D", {"pool_size": [2, 3], "strides": [1, 2]}, [[10, 10, 4]])
    c(f"{kind}pool2d_s1_same", f"{cls}2D", {"pool_size": 3, "strides": 1, "padding": "same"}, [[10, 10, 4]])
    c(f"{kind}pool2d_cf", f"{cls}2D", {"pool_size": 2, "data_format": "channels_first"}, [[4, 10, 11]])
    c(f"{kind}pool2d_none_hw", f"{cls}2D", {"pool_size": 2}, [[None, None, 4]])
    c(f"{kind}pool2d_pool_gt_err", f"{cls}2D", {"pool_size": 5}, [[4, 4, 3]])
    c(f"{kind}pool2d_pool_gt_same", f"{cls}2D", {"pool_size": 5, "padding": "same"}, [[4, 4, 3]])
    c(f"{kind}pool2d_rank3_err", f"{cls}2D", {"pool_size": 2}, [[4, 4]])
    c(f"{kind}pool3d_default", f"{cls}3D", {}, [[8, 8, 8, 2]])
    c(f"{kind}pool3d_odd_same", f"{cls}3D", {"pool_size": 2, "padding": "same"}, [[7, 8, 9, 2]])
    c(f"{kind}pool3d_tuple_s", f"{cls}3D", {"pool_size": [1, 2, 2], "strides": [1, 2, 2]}, [[4, 8, 8, 2]])
    c(f"{kind}pool3d_cf", f"{cls}3D", {"pool_size": 2, "data_format": "channels_first"}, [[2, 8, 8, 8]])
    c(f"{kind}pool3d_pool_gt_err", f"{cls}3D", {"pool_size": 3}, [[2, 8, 8, 1]])
c("maxpool2d_pool0_err", "MaxPooling2D", {"pool_size": 0}, [[8, 8, 1]])
c("maxpool2d_bad_padding_err", "MaxPooling2D", {"pool_size": 2, "padding": "causal"}, [[8, 8, 1]])
c("maxpool1d_causal_err", "MaxPooling1D", {"pool_size": 2, "padding": "causal"}, [[8, 1]])

# ---------------------------------------------------------------- Global pooling
for cls in ("GlobalAveragePooling", "GlobalMaxPooling"):
    k = "gap" if "Average" in cls else "gmp"
    c(f"{k}1d", f"{cls}1D", {}, [[10, 8]])
    c(f"{k}1d_keepdims", f"{cls}1D", {"keepdims": True}, [[10, 8]])
    c(f"{k}1d_cf", f"{cls}1D", {"data_format": "channels_first"}, [[8, 10]])
    c(f"{k}1d_cf_keepdims", f"{cls}1D", {"data_format": "channels_first", "keepdims": True}, [[8, 10]])
    c(f"{k}1d_none", f"{cls}1D", {}, [[None, 8]])
    c(f"{k}2d", f"{cls}2D", {}, [[7, 7, 512]])
    c(f"{k}2d_keepdims", f"{cls}2D", {"keepdims": True}, [[7, 7, 512]])
    c(f"{k}2d_cf", f"{cls}2D", {"data_format": "channels_first"}, [[16, 7, 7]])
    c(f"{k}2d_none", f"{cls}2D", {}, [[None, None, 16]])
    c(f"{k}3d", f"{cls}3D", {}, [[4, 4, 4, 16]])
    c(f"{k}3d_keepdims_cf", f"{cls}3D", {"keepdims": True, "data_format": "channels_first"}, [[16, 4, 4, 4]])
c("gap2d_rank3_err", "GlobalAveragePooling2D", {}, [[7, 7]])
c("gap1d_rank2", "GlobalAveragePooling1D", {}, [[7]], note="rank-2 input to 1D global pool")

# ---------------------------------------------------------------- Flatten
c("flatten_basic", "Flatten", {}, [[10, 10, 32]])
c("flatten_r3", "Flatten", {}, [[5, 4]])
c("flatten_r2", "Flatten", {}, [[7]])
c("flatten_none_dim", "Flatten", {}, [[None, 4]])
c("flatten_none_middle", "Flatten", {}, [[3, None, 4]])
c("flatten_cf", "Flatten", {"data_format": "channels_first"}, [[3, 4, 5]])
c("flatten_r5", "Flatten", {}, [[2, 3, 4, 5]])
c("flatten_rank1_input", "Flatten", {}, [{"shape": []}], note="input shape (None,)")
c("flatten_size1", "Flatten", {}, [[1, 1, 1]])

# ---------------------------------------------------------------- Concatenate
c("concat_last", "Concatenate", {}, [[4608], [3872]])
c("concat_3inputs", "Concatenate", {}, [[4], [5], [6]])
c("concat_axis1", "Concatenate", {"axis": 1}, [[3, 8], [5, 8]])
c("concat_axis_neg2", "Concatenate", {"axis": -2}, [[3, 8], [5, 8]])
c("concat_r4", "Concatenate", {}, [[16, 16, 32], [16, 16, 64]])
c("concat_none_wildcard", "Concatenate", {}, [[None, 8], [10, 4]])
c("concat_none_concat_axis", "Concatenate", {"axis": 1}, [[None, 8], [10, 8]])
c("concat_none_both", "Concatenate", {}, [[None, 8], [None, 4]])
c("concat_mismatch_err", "Concatenate", {}, [[3, 8], [5, 8]])
c("concat_rank_mismatch_err", "Concatenate", {}, [[3, 8], [8]])
c("concat_single_input_err", "Concatenate", {}, [[8]], call_mode="list")
c("concat_axis0_err", "Concatenate", {"axis": 0}, [[4], [4]], note="axis 0 is the batch axis")
c("concat_axis_oob_err", "Concatenate", {"axis": 3}, [[4, 2], [4, 2]])

# ---------------------------------------------------------------- Merge
for cls in ("Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum"):
    k = cls.lower()
    c(f"{k}_same", cls, {}, [[8], [8]])
    c(f"{k}_r4", cls, {}, [[4, 4, 16], [4, 4, 16]])
    c(f"{k}_broadcast_1", cls, {}, [[4, 16], [1, 16]])
    c(f"{k}_mismatch_err", cls, {}, [[8], [4]])
for cls in ("Add", "Multiply", "Average", "Maximum", "Minimum"):
    c(f"{cls.lower()}_3inputs", cls, {}, [[8], [8], [8]])
c("add_rank_mismatch", "Add", {}, [[4, 8], [8]])
c("add_broadcast_none", "Add", {}, [[None, 8], [5, 8]])
c("add_broadcast_both1", "Add", {}, [[1, 8], [5, 1]])
c("add_single_input_err", "Add", {}, [[8]], call_mode="list")
c("subtract_3inputs_err", "Subtract", {}, [[8], [8], [8]])
c("multiply_rank_mismatch", "Multiply", {}, [[3, 4, 8], [8]])
c("add_rank_mismatch_r3_r2_err", "Add", {}, [[3, 8], [3]])

# ---------------------------------------------------------------- Dot
c("dot_axes1", "Dot", {"axes": 1}, [[8], [8]])
c("dot_axes_neg1", "Dot", {"axes": -1}, [[8], [8]])
c("dot_r3_axes2", "Dot", {"axes": 2}, [[5, 8], [6, 8]])
c("dot_r3_axes_tuple", "Dot", {"axes": [1, 1]}, [[5, 8], [5, 6]])
c("dot_r3_axes_12", "Dot", {"axes": [2, 1]}, [[5, 8], [8, 6]])
c("dot_normalize", "Dot", {"axes": 1, "normalize": True}, [[8], [8]])
c("dot_mismatch_err", "Dot", {"axes": 1}, [[8], [6]])
c("dot_3inputs_err", "Dot", {"axes": 1}, [[8], [8], [8]])

# ---------------------------------------------------------------- Normalization layers
c("bn_basic", "BatchNormalization", {}, [[32, 32, 16]])
c("bn_dense", "BatchNormalization", {}, [[64]])
c("bn_axis1", "BatchNormalization", {"axis": 1}, [[16, 32, 32]])
c("bn_axis_neg3", "BatchNormalization", {"axis": -3}, [[16, 32, 32]])
c("bn_no_center", "BatchNormalization", {"center": False}, [[10]])
c("bn_no_scale", "BatchNormalization", {"scale": False}, [[10]])
c("bn_no_center_scale", "BatchNormalization", {"center": False, "scale": False}, [[10]])
c("bn_renorm", "BatchNormalization", {"renorm": True}, [[10]])
c("bn_trainable_false", "BatchNormalization", {}, [[10]], trainable=False)
c("bn_unknown_axis_err", "BatchNormalization", {}, [[5, None]])
c("bn_axis_oob_err", "BatchNormalization", {"axis": 3}, [[4, 4]])
c("bn_axis_list", "BatchNormalization", {"axis": [1, 2]}, [[4, 5, 6]])
c("ln_basic", "LayerNormalization", {}, [[10, 32]])
c("ln_eps", "LayerNormalization", {"epsilon": 1e-6}, [[200, 32]])
c("ln_axis_list", "LayerNormalization", {"axis": [1, 2]}, [[4, 5, 6]])
c("ln_axis_list_neg", "LayerNormalization", {"axis": [-1, -2]}, [[4, 5, 6]])
c("ln_axis1", "LayerNormalization", {"axis": 1}, [[4, 5]])
c("ln_no_center", "LayerNormalization", {"center": False}, [[8]])
c("ln_no_scale", "LayerNormalization", {"scale": False}, [[8]])
c("ln_none", "LayerNormalization", {"center": False, "scale": False}, [[8]])
c("ln_rms_scaling", "LayerNormalization", {"rms_scaling": True}, [[8]])
c("ln_unknown_axis_err", "LayerNormalization", {}, [[None]])
c("rmsnorm_basic", "RMSNormalization", {}, [[10, 32]])
c("gn_basic", "GroupNormalization", {"groups": 4}, [[8, 8, 16]])
c("gn_default_groups", "GroupNormalization", {}, [[8, 8, 64]])
c("gn_groups_eq_ch", "GroupNormalization", {"groups": -1}, [[8, 8, 16]])
c("gn_notdiv_err", "GroupNormalization", {"groups": 5}, [[8, 8, 16]])
c("gn_no_center", "GroupNormalization", {"groups": 2, "center": False}, [[10, 8]])
c("gn_too_many_groups_err", "GroupNormalization", {"groups": 32}, [[8, 8, 16]])
c("unitnorm_basic", "UnitNormalization", {}, [[8]])
c("unitnorm_axis_list", "UnitNormalization", {"axis": [1, 2]}, [[3, 8]])

# ---------------------------------------------------------------- Activations, dropout, noise
c("activation_relu", "Activation", {"activation": "relu"}, [[10, 8]])
c("activation_softmax", "Activation", {"activation": "softmax"}, [[10]])
c("activation_bad_err", "Activation", {"activation": "no_such_act"}, [[10]])
c("relu_basic", "ReLU", {}, [[4, 4, 3]])
c("relu_maxval", "ReLU", {"max_value": 6.0}, [[4]])
c("leakyrelu_basic", "LeakyReLU", {}, [[4]])
c("leakyrelu_slope", "LeakyReLU", {"negative_slope": 0.2}, [[4, 4, 3]])
c("prelu_basic", "PReLU", {}, [[8, 8, 16]])
c("prelu_shared12", "PReLU", {"shared_axes": [1, 2]}, [[8, 8, 16]])
c("prelu_shared1", "PReLU", {"shared_axes": [1]}, [[10, 16]])
c("prelu_dense", "PReLU", {}, [[32]])
c("prelu_none_dim_err", "PReLU", {}, [[None, 16]])
c("prelu_none_dim_shared", "PReLU", {"shared_axes": [1]}, [[None, 16]])
c("elu_basic", "ELU", {}, [[4]])
c("softmax_basic", "Softmax", {}, [[10]])
c("softmax_axis1", "Softmax", {"axis": 1}, [[5, 10]])
c("dropout_basic", "Dropout", {"rate": 0.5}, [[4096]])
c("dropout_rate0", "Dropout", {"rate": 0.0}, [[4]])
c("dropout_rate1_err", "Dropout", {"rate": 1.0}, [[4]])
c("dropout_rate_neg_err", "Dropout", {"rate": -0.1}, [[4]])
c("dropout_noise_shape", "Dropout", {"rate": 0.2, "noise_shape": [None, 1, 8]}, [[5, 8]])
c("spdrop1d", "SpatialDropout1D", {"rate": 0.2}, [[10, 8]])
c("spdrop2d", "SpatialDropout2D", {"rate": 0.2}, [[8, 8, 4]])
c("spdrop2d_cf", "SpatialDropout2D", {"rate": 0.2, "data_format": "channels_first"}, [[4, 8, 8]])
c("spdrop3d", "SpatialDropout3D", {"rate": 0.2}, [[4, 4, 4, 2]])
c("spdrop2d_rank3_err", "SpatialDropout2D", {"rate": 0.2}, [[8, 8]])
c("gaussnoise", "GaussianNoise", {"stddev": 0.1}, [[8]])
c("gaussdrop", "GaussianDropout", {"rate": 0.1}, [[8]])
c("alphadrop", "AlphaDropout", {"rate": 0.1}, [[8]])
c("actreg", "ActivityRegularization", {"l1": 0.01}, [[8]])
c("identity", "Identity", {}, [[3, 4]])
c("masking", "Masking", {"mask_value": 0.0}, [[10, 4]])

# ---------------------------------------------------------------- Reshaping
c("reshape_basic", "Reshape", {"target_shape": [4, 6]}, [[24]])
c("reshape_minus1", "Reshape", {"target_shape": [-1, 3]}, [[4, 6]])
c("reshape_minus1_first", "Reshape", {"target_shape": [2, -1]}, [[4, 6]])
c("reshape_to_r4", "Reshape", {"target_shape": [7, 7, 64]}, [[3136]])
c("reshape_none_input_minus1", "Reshape", {"target_shape": [-1, 4]}, [[None, 8]])
c("reshape_none_input_fixed", "Reshape", {"target_shape": [4, 2]}, [[None]])
c("reshape_size_mismatch_err", "Reshape", {"target_shape": [5, 5]}, [[24]])
c("reshape_two_minus1_err", "Reshape", {"target_shape": [-1, -1]}, [[24]])
c("reshape_minus1_notdiv_err", "Reshape", {"target_shape": [-1, 5]}, [[24]])
c("reshape_zero_err", "Reshape", {"target_shape": [0, 24]}, [[24]])
c("permute_21", "Permute", {"dims": [2, 1]}, [[10, 64]])
c("permute_312", "Permute", {"dims": [3, 1, 2]}, [[4, 5, 6]])
c("permute_bad_err", "Permute", {"dims": [1, 1]}, [[4, 5]])
c("permute_zero_err", "Permute", {"dims": [0, 1]}, [[4, 5]])
c("permute_len_mismatch_err", "Permute", {"dims": [2, 1]}, [[4, 5, 6]])
c("repeatvector", "RepeatVector", {"n": 3}, [[32]])
c("repeatvector_r3_err", "RepeatVector", {"n": 3}, [[4, 32]])
c("zpad1d", "ZeroPadding1D", {}, [[10, 3]])
c("zpad1d_tuple", "ZeroPadding1D", {"padding": [2, 5]}, [[10, 3]])
c("zpad2d", "ZeroPadding2D", {}, [[28, 28, 3]])
c("zpad2d_3", "ZeroPadding2D", {"padding": 3}, [[224, 224, 3]])
c("zpad2d_tuple", "ZeroPadding2D", {"padding": [1, 2]}, [[10, 10, 3]])
c("zpad2d_nested", "ZeroPadding2D", {"padding": [[0, 1], [0, 1]]}, [[224, 224, 3]])
c("zpad2d_cf", "ZeroPadding2D", {"padding": 1, "data_format": "channels_first"}, [[3, 10, 10]])
c("zpad2d_none", "ZeroPadding2D", {"padding": 1}, [[None, 10, 3]])
c("zpad3d", "ZeroPadding3D", {"padding": [1, 2, 3]}, [[4, 4, 4, 1]])
c("zpad3d_nested", "ZeroPadding3D", {"padding": [[1, 0], [0, 2], [3, 3]]}, [[4, 4, 4, 1]])
c("crop1d", "Cropping1D", {"cropping": [1, 2]}, [[10, 3]])
c("crop1d_default", "Cropping1D", {}, [[10, 3]])
c("crop2d", "Cropping2D", {"cropping": [[1, 1], [2, 2]]}, [[28, 28, 3]])
c("crop2d_int", "Cropping2D", {"cropping": 2}, [[28, 28, 3]])
c("crop2d_cf", "Cropping2D", {"cropping": [1, 2], "data_format": "channels_first"}, [[3, 10, 10]])
c("crop2d_too_much_err", "Cropping2D", {"cropping": 5}, [[10, 10, 3]])
c("crop2d_none", "Cropping2D", {"cropping": 1}, [[None, 10, 3]])
c("crop3d", "Cropping3D", {"cropping": [1, 1, 1]}, [[6, 6, 6, 2]])
c("crop1d_too_much_err", "Cropping1D", {"cropping": [5, 5]}, [[10, 3]])
c("upsample1d", "UpSampling1D", {"size": 3}, [[10, 4]])
c("upsample2d", "UpSampling2D", {}, [[16, 16, 8]])
c("upsample2d_tuple", "UpSampling2D", {"size": [2, 3]}, [[5, 5, 8]])
c("upsample2d_bilinear", "UpSampling2D", {"size": 2, "interpolation": "bilinear"}, [[5, 5, 8]])
c("upsample2d_cf", "UpSampling2D", {"size": 2, "data_format": "channels_first"}, [[8, 5, 6]])
c("upsample2d_none", "UpSampling2D", {"size": 2}, [[None, None, 8]])
c("upsample3d", "UpSampling3D", {"size": [1, 2, 2]}, [[4, 4, 4, 2]])
c("upsample2d_bad_interp_err", "UpSampling2D", {"interpolation": "cubicish"}, [[5, 5, 8]])

# ---------------------------------------------------------------- Preprocessing-ish
c("rescaling", "Rescaling", {"scale": 1.0 / 255}, [[32, 32, 3]])
c("rescaling_offset", "Rescaling", {"scale": 1.0 / 127.5, "offset": -1}, [[32, 32, 3]])
c("norm_adapt_less", "Normalization", {}, [[10]], note="no mean/variance, not adapted")
c("norm_mean_var", "Normalization", {"mean": 0.5, "variance": 0.25}, [[10]])
c("norm_mean_var_list", "Normalization", {"mean": [0.1, 0.2, 0.3], "variance": [1, 2, 3]}, [[8, 8, 3]])
c("norm_axis_none", "Normalization", {"axis": None}, [[4, 3]])
c("norm_axis_tuple", "Normalization", {"axis": [1, 2]}, [[4, 3]])
c("norm_axis_1_r3", "Normalization", {"axis": 1}, [[4, 3]])
c("norm_image", "Normalization", {}, [[224, 224, 3]])
c("norm_unknown_axis_err", "Normalization", {}, [[None]])
c("norm_invert", "Normalization", {"mean": 1.0, "variance": 4.0, "invert": True}, [[3]])
c("resizing", "Resizing", {"height": 64, "width": 48}, [[128, 128, 3]])
c("resizing_crop", "Resizing", {"height": 64, "width": 48, "crop_to_aspect_ratio": True}, [[128, 128, 3]])
c("resizing_none", "Resizing", {"height": 64, "width": 64}, [[None, None, 3]])
c("resizing_cf", "Resizing", {"height": 8, "width": 8, "data_format": "channels_first"}, [[3, 32, 32]])
c("centercrop", "CenterCrop", {"height": 24, "width": 20}, [[32, 32, 3]])
c("centercrop_bigger", "CenterCrop", {"height": 40, "width": 40}, [[32, 32, 3]])
c("centercrop_none", "CenterCrop", {"height": 24, "width": 24}, [[None, None, 3]])
c("randomflip", "RandomFlip", {}, [[32, 32, 3]])
c("randomrotation", "RandomRotation", {"factor": 0.1}, [[32, 32, 3]])
c("categoryenc", "CategoryEncoding", {"num_tokens": 10, "output_mode": "one_hot"}, [{"shape": [], "dtype": "int32"}])
c("categoryenc_multihot", "CategoryEncoding", {"num_tokens": 10, "output_mode": "multi_hot"}, [{"shape": [4], "dtype": "int32"}])

# ---------------------------------------------------------------- Embedding
c("emb_seq", "Embedding", {"input_dim": 20000, "output_dim": 128}, [[None]])
c("emb_fixed_len", "Embedding", {"input_dim": 1000, "output_dim": 16}, [[200]])
c("emb_r3", "Embedding", {"input_dim": 50, "output_dim": 8}, [[4, 5]])
c("emb_scalar", "Embedding", {"input_dim": 50, "output_dim": 8}, [{"shape": []}])
c("emb_mask_zero", "Embedding", {"input_dim": 100, "output_dim": 8, "mask_zero": True}, [[10]])
c("emb_float_input", "Embedding", {"input_dim": 100, "output_dim": 8}, [{"shape": [10], "dtype": "float32"}])
c("emb_input_dim0_err", "Embedding", {"input_dim": 0, "output_dim": 8}, [[10]])
c("emb_output_dim0_err", "Embedding", {"input_dim": 10, "output_dim": 0}, [[10]])
c("emb_trainable_false", "Embedding", {"input_dim": 100, "output_dim": 8}, [[10]], trainable=False)

# ---------------------------------------------------------------- RNNs
for cls in ("SimpleRNN", "LSTM", "GRU"):
    k = cls.lower()
    c(f"{k}_basic", cls, {"units": 32}, [[10, 8]])
    c(f"{k}_seq", cls, {"units": 16, "return_sequences": True}, [[10, 8]])
    c(f"{k}_state", cls, {"units": 16, "return_state": True}, [[10, 8]])
    c(f"{k}_seq_state", cls, {"units": 16, "return_sequences": True, "return_state": True}, [[10, 8]])
    c(f"{k}_nobias", cls, {"units": 16, "use_bias": False}, [[10, 8]])
    c(f"{k}_none_t", cls, {"units": 16, "return_sequences": True}, [[None, 8]])
    c(f"{k}_units1", cls, {"units": 1}, [[5, 1]])
    c(f"{k}_rank2_err", cls, {"units": 4}, [[8]])
    c(f"{k}_unknown_feat_err", cls, {"units": 4}, [[5, None]])
    c(f"{k}_units0_err", cls, {"units": 0}, [[5, 3]])
c("lstm_emb_out", "LSTM", {"units": 64, "return_sequences": True}, [[None, 128]])
c("lstm_unit_forget_bias_false", "LSTM", {"units": 8, "unit_forget_bias": False}, [[5, 3]])
c("lstm_go_backwards_stateful_like", "LSTM", {"units": 8, "go_backwards": True}, [[5, 3]])
c("lstm_batch_fixed_stateful", "LSTM", {"units": 8, "stateful": True}, [{"shape": [5, 3], "batch_size": 4}])
c("gru_reset_after_false", "GRU", {"units": 16, "reset_after": False}, [[10, 8]])
c("gru_reset_after_false_nobias", "GRU", {"units": 16, "reset_after": False, "use_bias": False}, [[10, 8]])
c("gru_reset_after_true_explicit", "GRU", {"units": 16, "reset_after": True}, [[10, 8]])
c("lstm_r4_err", "LSTM", {"units": 4}, [[3, 5, 6]])

# ---------------------------------------------------------------- Bidirectional
c("bidi_lstm_concat", "Bidirectional", {"layer": L("LSTM", units=64, return_sequences=True)}, [[None, 128]])
c("bidi_lstm_last", "Bidirectional", {"layer": L("LSTM", units=32)}, [[None, 128]])
c("bidi_gru", "Bidirectional", {"layer": L("GRU", units=8)}, [[10, 4]])
c("bidi_simplernn", "Bidirectional", {"layer": L("SimpleRNN", units=8, return_sequences=True)}, [[10, 4]])
for mm in ("sum", "mul", "ave"):
    c(f"bidi_lstm_{mm}", "Bidirectional", {"layer": L("LSTM", units=8, return_sequences=True), "merge_mode": mm}, [[10, 4]])
c("bidi_lstm_none", "Bidirectional", {"layer": L("LSTM", units=8, return_sequences=True), "merge_mode": None}, [[10, 4]])
c("bidi_lstm_none_last", "Bidirectional", {"layer": L("LSTM", units=8), "merge_mode": None}, [[10, 4]])
c("bidi_lstm_state", "Bidirectional", {"layer": L("LSTM", units=8, return_state=True)}, [[10, 4]])
c("bidi_lstm_seq_state", "Bidirectional", {"layer": L("LSTM", units=8, return_sequences=True, return_state=True)}, [[10, 4]])
c("bidi_gru_state", "Bidirectional", {"layer": L("GRU", units=8, return_state=True)}, [[10, 4]])
c("bidi_lstm_none_state", "Bidirectional", {"layer": L("LSTM", units=8, return_state=True), "merge_mode": None}, [[10, 4]])
c("bidi_backward_layer", "Bidirectional", {"layer": L("LSTM", units=8), "backward_layer": L("LSTM", units=8, go_backwards=True)}, [[10, 4]])
c("bidi_backward_layer_diff_units", "Bidirectional", {"layer": L("LSTM", units=8), "backward_layer": L("GRU", units=4, go_backwards=True)}, [[10, 4]])
c("bidi_bad_merge_err", "Bidirectional", {"layer": L("LSTM", units=8), "merge_mode": "max"}, [[10, 4]])
c("bidi_dense_err", "Bidirectional", {"layer": L("Dense", units=8)}, [[10, 4]])

# ---------------------------------------------------------------- TimeDistributed
c("td_dense", "TimeDistributed", {"layer": L("Dense", units=8)}, [[10, 4]])
c("td_dense_none_t", "TimeDistributed", {"layer": L("Dense", units=8)}, [[None, 4]])
c("td_conv2d", "TimeDistributed", {"layer": L("Conv2D", filters=8, kernel_size=3)}, [[5, 32, 32, 3]])
c("td_conv2d_none_t", "TimeDistributed", {"layer": L("Conv2D", filters=8, kernel_size=3, padding="same")}, [[None, 16, 16, 3]])
c("td_maxpool", "TimeDistributed", {"layer": L("MaxPooling2D", pool_size=2)}, [[5, 16, 16, 3]])
c("td_flatten", "TimeDistributed", {"layer": L("Flatten")}, [[5, 4, 4, 3]])
c("td_dense_r4", "TimeDistributed", {"layer": L("Dense", units=2)}, [[5, 6, 7]])
c("td_rank2_err", "TimeDistributed", {"layer": L("Dense", units=2)}, [[5]])

# ---------------------------------------------------------------- ConvLSTM
c("convlstm2d_basic", "ConvLSTM2D", {"filters": 8, "kernel_size": 3}, [[5, 16, 16, 3]])
c("convlstm2d_seq_same", "ConvLSTM2D", {"filters": 8, "kernel_size": 3, "padding": "same", "return_sequences": True}, [[5, 16, 16, 3]])
c("convlstm2d_state", "ConvLSTM2D", {"filters": 4, "kernel_size": 3, "return_state": True}, [[5, 8, 8, 2]])
c("convlstm2d_stride", "ConvLSTM2D", {"filters": 4, "kernel_size": 3, "strides": 2}, [[5, 9, 9, 2]])
c("convlstm2d_none_t", "ConvLSTM2D", {"filters": 4, "kernel_size": 3, "return_sequences": True}, [[None, 8, 8, 2]])
c("convlstm2d_nobias", "ConvLSTM2D", {"filters": 4, "kernel_size": 3, "use_bias": False}, [[5, 8, 8, 2]])
c("convlstm2d_cf", "ConvLSTM2D", {"filters": 4, "kernel_size": 3, "data_format": "channels_first"}, [[5, 2, 8, 8]])
c("convlstm1d_basic", "ConvLSTM1D", {"filters": 4, "kernel_size": 3}, [[5, 10, 2]])
c("convlstm1d_seq_same", "ConvLSTM1D", {"filters": 4, "kernel_size": 3, "padding": "same", "return_sequences": True}, [[5, 10, 2]])
c("convlstm3d_basic", "ConvLSTM3D", {"filters": 2, "kernel_size": 3}, [[3, 6, 6, 6, 1]])
c("convlstm3d_seq_same", "ConvLSTM3D", {"filters": 2, "kernel_size": 3, "padding": "same", "return_sequences": True}, [[3, 6, 6, 6, 1]])
c("convlstm2d_rank4_err", "ConvLSTM2D", {"filters": 4, "kernel_size": 3}, [[8, 8, 2]])

# ---------------------------------------------------------------- Attention
c("mha_self", "MultiHeadAttention", {"num_heads": 2, "key_dim": 32}, [[200, 32], [200, 32]])
c("mha_self_single_arg_err", "MultiHeadAttention", {"num_heads": 2, "key_dim": 32}, [[200, 32]],
  note="only query passed: value is required")
c("mha_cross", "MultiHeadAttention", {"num_heads": 4, "key_dim": 16}, [[10, 32], [20, 48]])
c("mha_qvk", "MultiHeadAttention", {"num_heads": 2, "key_dim": 8}, [[10, 32], [20, 48], [20, 24]])
c("mha_value_dim", "MultiHeadAttention", {"num_heads": 2, "key_dim": 8, "value_dim": 4}, [[10, 16], [10, 16]])
c("mha_output_shape_int", "MultiHeadAttention", {"num_heads": 2, "key_dim": 8, "output_shape": 64}, [[10, 16], [10, 16]])
c("mha_output_shape_tuple", "MultiHeadAttention", {"num_heads": 2, "key_dim": 8, "output_shape": [4, 8]}, [[10, 16], [10, 16]])
c("mha_nobias", "MultiHeadAttention", {"num_heads": 2, "key_dim": 8, "use_bias": False}, [[10, 16], [10, 16]])
c("mha_heads1", "MultiHeadAttention", {"num_heads": 1, "key_dim": 16}, [[10, 16], [10, 16]])
c("mha_none_t", "MultiHeadAttention", {"num_heads": 2, "key_dim": 8}, [[None, 16], [None, 16]])
c("mha_r4_default_axes", "MultiHeadAttention", {"num_heads": 2, "key_dim": 4}, [[5, 6, 8], [5, 6, 8]])
c("mha_r4_attention_axes", "MultiHeadAttention", {"num_heads": 2, "key_dim": 4, "attention_axes": [2]}, [[5, 6, 8], [5, 6, 8]])
c("mha_r4_attention_axes_12", "MultiHeadAttention", {"num_heads": 2, "key_dim": 4, "attention_axes": [1, 2]}, [[5, 6, 8], [5, 6, 8]])
c("mha_return_scores", "MultiHeadAttention", {"num_heads": 2, "key_dim": 8}, [[10, 16], [12, 16]],
  call_kwargs={"return_attention_scores": True})
c("mha_dim_mismatch_kv_err", "MultiHeadAttention", {"num_heads": 2, "key_dim": 8}, [[10, 16], [12, 16], [13, 16]],
  note="key and value sequence length differ")
c("mha_query_rank2", "MultiHeadAttention", {"num_heads": 2, "key_dim": 8}, [[16], [16]])
c("mha_use_gate", "MultiHeadAttention", {"num_heads": 2, "key_dim": 8, "use_gate": True}, [[10, 16], [10, 16]])
c("gqa_basic", "GroupQueryAttention", {"head_dim": 8, "num_query_heads": 4, "num_key_value_heads": 2}, [[10, 32], [10, 32]], call_mode="args")
c("attention_basic", "Attention", {}, [[10, 16], [12, 16]])
c("attention_qvk", "Attention", {}, [[10, 16], [12, 8], [12, 16]])
c("attention_scale", "Attention", {"use_scale": True}, [[10, 16], [12, 16]])
c("attention_concat_score", "Attention", {"score_mode": "concat"}, [[10, 16], [12, 16]])
c("attention_dim_mismatch_err", "Attention", {}, [[10, 16], [12, 8]])
c("attention_single_err", "Attention", {}, [[10, 16]], call_mode="list")
c("addattention_basic", "AdditiveAttention", {}, [[10, 16], [12, 16]])
c("addattention_noscale", "AdditiveAttention", {"use_scale": False}, [[10, 16], [12, 16]])
c("einsumdense", "EinsumDense", {"equation": "ab,bc->ac", "output_shape": 64, "bias_axes": "c"}, [[32]])
c("einsumdense_r3", "EinsumDense", {"equation": "abc,cde->abde", "output_shape": [None, 2, 8], "bias_axes": "de"}, [[10, 16]])

# ---------------------------------------------------------------- misc call variants
c("dense_call_list_input", "Dense", {"units": 4}, [[3]], call_mode="list",
  note="Dense called on a 1-element list")
c("flatten_list_of_two_err", "Flatten", {}, [[3], [3]], call_mode="list")
c("input_batch_size", "Dense", {"units": 4}, [{"shape": [3], "batch_size": 32}])
c("conv2d_input_batch_size", "Conv2D", {"filters": 4, "kernel_size": 3}, [{"shape": [8, 8, 1], "batch_size": 7}])
c("dense_float16_input", "Dense", {"units": 4}, [{"shape": [3], "dtype": "float16"}])
c("dense_dtype_policy_bf16", "Dense", {"units": 4, "dtype": "bfloat16"}, [[3]])
c("dense_mixed_policy", "Dense", {"units": 4, "dtype": "mixed_float16"}, [[3]])

c("mha_return_scores_self", "MultiHeadAttention", {"num_heads": 4, "key_dim": 8}, [[10, 16], [10, 16]],
  call_kwargs={"return_attention_scores": True})
c("mha_return_scores_r4_axes", "MultiHeadAttention", {"num_heads": 2, "key_dim": 4, "attention_axes": [2]}, [[5, 6, 8], [5, 7, 8]],
  call_kwargs={"return_attention_scores": True})
c("mha_r4_kv_len_differs", "MultiHeadAttention", {"num_heads": 2, "key_dim": 4, "attention_axes": [2]}, [[5, 6, 8], [5, 7, 8]])
c("avgpool2d_p2", "AveragePooling2D", {"pool_size": 2}, [[11, 11, 16]])
c("attention_return_scores", "Attention", {}, [[10, 16], [12, 16]], call_kwargs={"return_attention_scores": True})
c("lstm_initial_state_none", "LSTM", {"units": 4, "return_state": True, "return_sequences": True}, [[None, 3]])

# Ids whose "_err" hint turned out wrong when run under keras 3.15.1 (kept stable
# by renaming here, so the id tells the truth; the note says what was expected).
RENAME = {
    "concat_single_input_err": "concat_single_input",
    "concat_axis0_err": "concat_axis0_batch",
    "add_single_input_err": "add_single_input",
    "dropout_rate1_err": "dropout_rate1",
    "upsample2d_bad_interp_err": "upsample2d_bad_interp_unchecked",
    "attention_dim_mismatch_err": "attention_value_dim_differs",
    "dense_units_float": "dense_units_float_err",
    "dense_rank1_input": "dense_rank1_input_err",
    "dwconv1d_causal": "dwconv1d_causal_err",
    "sepconv1d_mult2_causal": "sepconv1d_mult2_causal_err",
    "avgpool1d_default": "avgpool1d_default_err",
    "avgpool2d_default": "avgpool2d_default_err",
    "avgpool3d_default": "avgpool3d_default_err",
    "gap1d_rank2": "gap1d_rank2_err",
    "bn_axis_list": "bn_axis_list_err",
    "dense_call_list_input": "dense_call_list_input_err",
}
for _c in CASES:
    if _c["id"] in RENAME:
        _c.setdefault("note", "")
        _c["note"] = (_c["note"] + "; " if _c["note"] else "") + f"originally {_c['id']}: error expectation was wrong"
        _c["id"] = RENAME[_c["id"]]


def main():
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases_core.json")
    ids = [x["id"] for x in CASES]
    assert len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1]
    with open(out, "w") as f:
        json.dump(CASES, f, indent=1)
    print(f"{len(CASES)} cases -> {out}")


if __name__ == "__main__":
    main()
