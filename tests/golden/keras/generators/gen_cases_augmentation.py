#!/usr/bin/env python
"""Case list for the image augmentation / image preprocessing layers -> cases_augmentation.json.

Plain Python, no keras import.  An "_err" suffix means Keras is EXPECTED to raise
(only a naming hint; out_augmentation.json is the truth).
"""
import json

CASES = []


def c(id, cls, config=None, inputs=None, **extra):
    d = {"id": id, "class": cls, "config": config or {}, "inputs": inputs or []}
    d.update(extra)
    CASES.append(d)


def L(cls, **cfg):
    return {"class": cls, "config": cfg}


IMG = [[32, 32, 3]]
IMG_CF = [[3, 32, 32]]
IMG_NONE = [[None, None, 3]]
IMG_U8 = [{"shape": [32, 32, 3], "dtype": "uint8"}]
IMG_R3 = [[32, 32]]          # keras.Input((32, 32)) -> (None, 32, 32): rank 3
IMG_R5 = [[4, 32, 32, 3]]    # rank 5
IMG_B4 = [{"shape": [32, 32, 3], "batch_size": 4}]
CF = {"data_format": "channels_first"}

# bounding boxes / segmentation masks (dict inputs)
BB_INPUTS = [[32, 32, 3], [10, 4], [10]]
BB_STRUCT = {"images": 0, "bounding_boxes": {"boxes": 1, "labels": 2}}
SEG_INPUTS = [[32, 32, 3], [32, 32, 1]]
SEG_STRUCT = {"images": 0, "segmentation_masks": 1}


def common(prefix, cls, cfg, cf=True, err=None, extra_ok=()):
    """defaults / cf / None dims / uint8 / mixed_float16 / rank variation."""
    c(f"{prefix}_basic", cls, cfg, IMG)
    if cf:
        c(f"{prefix}_cf", cls, {**cfg, **CF}, IMG_CF)
    c(f"{prefix}_none_hw", cls, cfg, IMG_NONE)
    c(f"{prefix}_uint8_in", cls, cfg, IMG_U8, note="uint8 input")
    c(f"{prefix}_mixed16", cls, {**cfg, "dtype": "mixed_float16"}, IMG)
    c(f"{prefix}_rank3_in", cls, cfg, IMG_R3, note="Input((32,32)) = rank-3 tensor, read as ONE unbatched HWC image")
    c(f"{prefix}_rank5_in", cls, cfg, IMG_R5, note="rank-5 input")
    for i, (suffix, cfg2, inp) in enumerate(extra_ok):
        c(f"{prefix}_{suffix}", cls, cfg2, inp)
    if err:
        for suffix, cfg2, inp in err:
            c(f"{prefix}_{suffix}_err", cls, cfg2, inp)


# ---------------------------------------------------------------- RandomFlip
common("rflip", "RandomFlip", {}, extra_ok=[
    ("horizontal", {"mode": "horizontal"}, IMG),
    ("vertical_seed", {"mode": "vertical", "seed": 42}, IMG),
    ("bf16", {"dtype": "bfloat16"}, IMG),
    ("batch4", {}, IMG_B4),
    ("f64", {"dtype": "float64"}, IMG),
], err=[("bad_mode", {"mode": "diagonal"}, IMG), ("rank2_in", {}, [[32]])])
c("rflip_bbox_dict", "RandomFlip", {"bounding_box_format": "xyxy"}, BB_INPUTS, call_mode="struct",
  input_struct=BB_STRUCT, eager=False)
c("rflip_segmask_dict", "RandomFlip", {}, SEG_INPUTS, call_mode="struct", input_struct=SEG_STRUCT, eager=False)
c("rflip_training_kw", "RandomFlip", {}, IMG, call_kwargs={"training": True})
c("rflip_trainable_false", "RandomFlip", {}, IMG, trainable=False)

# ---------------------------------------------------------------- RandomRotation
common("rrot", "RandomRotation", {"factor": 0.1}, extra_ok=[
    ("tuple", {"factor": [-0.2, 0.3]}, IMG),
    ("nearest_constant", {"factor": 0.25, "fill_mode": "constant", "interpolation": "nearest", "fill_value": 1.0}, IMG),
    ("factor_gt1", {"factor": 2.0}, IMG),
], err=[("missing_factor", {}, IMG), ("bad_fill", {"factor": 0.1, "fill_mode": "mirror"}, IMG),
        ("bad_interp", {"factor": 0.1, "interpolation": "cubic"}, IMG),
        ("factor_3tuple", {"factor": [0.1, 0.2, 0.3]}, IMG)])

# ---------------------------------------------------------------- RandomZoom
common("rzoom", "RandomZoom", {"height_factor": 0.2}, extra_ok=[
    ("hw", {"height_factor": [-0.3, -0.1], "width_factor": [0.1, 0.3]}, IMG),
    ("fill_constant", {"height_factor": 0.1, "fill_mode": "constant", "fill_value": 0.5}, IMG),
], err=[("missing", {}, IMG), ("factor_lt_m1", {"height_factor": -1.5}, IMG),
        ("bad_fill", {"height_factor": 0.1, "fill_mode": "mirror"}, IMG)])

# ---------------------------------------------------------------- RandomCrop
common("rcrop", "RandomCrop", {"height": 16, "width": 24}, extra_ok=[
    ("larger_than_input", {"height": 40, "width": 48}, IMG),
    ("equal_input", {"height": 32, "width": 32}, IMG),
    ("seed", {"height": 8, "width": 8, "seed": 1}, IMG),
    ("batch4", {"height": 16, "width": 16}, IMG_B4),
    ("training_true_kw", {"height": 16, "width": 24}, IMG, ),
], err=[("missing_width", {"height": 16}, IMG), ("rank2_in", {"height": 4, "width": 4}, [[32]])])
CASES[-3]["call_kwargs"] = {"training": True}
c("rcrop_training_false_kw", "RandomCrop", {"height": 16, "width": 24}, IMG, call_kwargs={"training": False})
c("rcrop_bbox_dict", "RandomCrop", {"height": 16, "width": 16, "bounding_box_format": "xyxy"}, BB_INPUTS,
  call_mode="struct", input_struct=BB_STRUCT, eager=False)
c("rcrop_height0", "RandomCrop", {"height": 0, "width": 4}, IMG)

# ---------------------------------------------------------------- RandomTranslation
common("rtrans", "RandomTranslation", {"height_factor": 0.1, "width_factor": 0.2}, extra_ok=[
    ("tuple", {"height_factor": [-0.2, 0.3], "width_factor": [-0.1, 0.1]}, IMG),
    ("constant", {"height_factor": 0.1, "width_factor": 0.1, "fill_mode": "constant", "interpolation": "nearest"}, IMG),
], err=[("missing_width", {"height_factor": 0.1}, IMG),
        ("factor_gt1", {"height_factor": 1.5, "width_factor": 0.1}, IMG),
        ("bad_fill", {"height_factor": 0.1, "width_factor": 0.1, "fill_mode": "mirror"}, IMG)])

# ---------------------------------------------------------------- color layers
common("rcontrast", "RandomContrast", {"factor": 0.5}, extra_ok=[
    ("tuple", {"factor": [0.2, 0.8]}, IMG),
    ("vr01", {"factor": 0.3, "value_range": [0, 1]}, IMG),
], err=[("factor_neg", {"factor": -0.1}, IMG), ("factor_gt1", {"factor": 1.5}, IMG), ("missing", {}, IMG)])
common("rbright", "RandomBrightness", {"factor": 0.2}, extra_ok=[
    ("tuple", {"factor": [-0.2, 0.5]}, IMG),
    ("vr01", {"factor": 0.1, "value_range": [0.0, 1.0]}, IMG),
], err=[("factor_gt1", {"factor": 1.5}, IMG), ("bad_range", {"factor": 0.2, "value_range": [0, 1, 2]}, IMG),
        ("missing", {}, IMG)])
common("rgray", "RandomGrayscale", {}, extra_ok=[
    ("factor1", {"factor": 1.0}, IMG),
    ("one_channel", {}, [[32, 32, 1]]),
    ("four_channel", {}, [[32, 32, 4]]),
], err=[("factor_gt1", {"factor": 2.0}, IMG)])
common("rhue", "RandomHue", {"factor": 0.5}, extra_ok=[
    ("tuple", {"factor": [0.1, 0.4], "value_range": [0, 1]}, IMG),
], err=[("missing", {}, IMG), ("factor_gt1", {"factor": 1.5}, IMG)])
common("rsat", "RandomSaturation", {"factor": 0.5}, extra_ok=[
    ("tuple", {"factor": [0.2, 0.7]}, IMG),
], err=[("missing", {}, IMG), ("factor_gt1", {"factor": 1.5}, IMG)])
common("rsharp", "RandomSharpness", {"factor": 0.5}, extra_ok=[
    ("tuple", {"factor": [0.2, 0.7]}, IMG),
], err=[("missing", {}, IMG), ("factor_gt1", {"factor": 1.5}, IMG)])
common("rcolordeg", "RandomColorDegeneration", {"factor": 0.5}, extra_ok=[
    ("tuple", {"factor": [0.2, 0.7]}, IMG),
], err=[("missing", {}, IMG), ("factor_gt1", {"factor": 1.5}, IMG)])
common("rposter", "RandomPosterization", {"factor": 4}, extra_ok=[
    ("factor8", {"factor": 8}, IMG),
    ("tuple", {"factor": [2, 6]}, IMG),
], err=[("missing", {}, IMG), ("factor9", {"factor": 9}, IMG), ("factor0", {"factor": 0}, IMG)])
common("rinvert", "RandomInvert", {}, extra_ok=[
    ("factor05", {"factor": 0.5}, IMG),
], err=[("factor_gt1", {"factor": 1.5}, IMG)])
common("rjitter", "RandomColorJitter", {"brightness_factor": 0.2, "contrast_factor": 0.3,
                                        "saturation_factor": [0.4, 0.6], "hue_factor": 0.1}, extra_ok=[
    ("defaults", {}, IMG),
    ("brightness_only", {"brightness_factor": 0.2}, IMG),
], err=[("bad_bright", {"brightness_factor": 1.5}, IMG)])
common("solar", "Solarization", {}, extra_ok=[
    ("factors", {"addition_factor": 0.2, "threshold_factor": [0.1, 0.5]}, IMG),
    ("vr01", {"value_range": [0, 1]}, IMG),
], err=[("bad_add", {"addition_factor": 1.5}, IMG)], cf=False)
c("solar_cf_kw", "Solarization", {"data_format": "channels_first"}, IMG_CF)
common("autocon", "AutoContrast", {}, extra_ok=[
    ("vr01", {"value_range": [0, 1]}, IMG),
], err=[("factor_kw", {"factor": 0.5}, IMG), ("bad_range", {"value_range": [0]}, IMG)], cf=False)
c("autocon_cf_kw", "AutoContrast", {"data_format": "channels_first"}, IMG_CF)
common("equal", "Equalization", {}, extra_ok=[
    ("bins64", {"bins": 64}, IMG),
    ("vr01", {"value_range": [0, 1]}, IMG),
], err=[("factor_kw", {"factor": 0.5}, IMG)])
common("clahe", "ContrastLimitedAdaptiveHistogramEqualization", {}, extra_ok=[
    ("tiles", {"clip_limit": 2.0, "tile_grid_size": [4, 4]}, IMG),
    ("gray", {}, [[32, 32, 1]]),
], err=[("bad_tiles", {"tile_grid_size": [0, 4]}, IMG)])

# ---------------------------------------------------------------- geometric / noise
common("rshear", "RandomShear", {"x_factor": 0.2, "y_factor": 0.1}, extra_ok=[
    ("defaults", {}, IMG),
    ("tuple", {"x_factor": [0.1, 0.3], "fill_mode": "constant", "interpolation": "nearest"}, IMG),
], err=[("bad_fill", {"x_factor": 0.1, "fill_mode": "mirror"}, IMG), ("factor_gt1", {"x_factor": 1.5}, IMG)])
common("rpersp", "RandomPerspective", {}, extra_ok=[
    ("scale", {"factor": 0.5, "scale": 0.3, "interpolation": "nearest"}, IMG),
], err=[("scale_gt1", {"scale": 1.5}, IMG), ("bad_interp", {"interpolation": "cubic"}, IMG)])
common("relastic", "RandomElasticTransform", {}, extra_ok=[
    ("scale", {"factor": 0.5, "scale": 0.3, "fill_mode": "constant"}, IMG),
], err=[("bad_fill", {"fill_mode": "mirror"}, IMG), ("bad_interp", {"interpolation": "cubic"}, IMG)])
common("rerase", "RandomErasing", {}, extra_ok=[
    ("scale", {"factor": 0.5, "scale": [0.1, 0.2], "fill_value": 0.0}, IMG),
], err=[("scale_gt1", {"scale": [0.1, 1.5]}, IMG)])
common("rblur", "RandomGaussianBlur", {}, extra_ok=[
    ("k5", {"kernel_size": 5, "sigma": [0.5, 2.0]}, IMG),
], err=[("k_even", {"kernel_size": 4}, IMG), ("sigma_neg", {"sigma": -1.0}, IMG)])

# ---------------------------------------------------------------- compound / batch mixing
common("randaug", "RandAugment", {}, extra_ok=[
    ("ops3", {"num_ops": 3, "factor": 0.7, "value_range": [0, 1]}, IMG),
    ("nearest", {"interpolation": "nearest"}, IMG),
], err=[("factor_gt1", {"factor": 1.5}, IMG)])
common("augmix", "AugMix", {}, extra_ok=[
    ("chains", {"num_chains": 2, "chain_depth": [1, 3], "factor": 0.5, "all_ops": False}, IMG),
], err=[("factor_gt1", {"factor": 1.5}, IMG)])
common("mixup", "MixUp", {}, extra_ok=[
    ("alpha", {"alpha": 0.5, "seed": 3}, IMG),
    ("batch4", {}, IMG_B4),
], err=[], cf=True)
c("mixup_labels_dict", "MixUp", {}, [[32, 32, 3], [10]], call_mode="struct",
  input_struct={"images": 0, "labels": 1}, eager=False)
c("mixup_alpha_neg", "MixUp", {"alpha": -1.0}, IMG)
common("cutmix", "CutMix", {}, extra_ok=[
    ("factor", {"factor": 0.5, "seed": 3}, IMG),
    ("batch4", {}, IMG_B4),
], err=[("factor_gt1", {"factor": 1.5}, IMG)])
c("cutmix_labels_dict", "CutMix", {}, [[32, 32, 3], [10]], call_mode="struct",
  input_struct={"images": 0, "labels": 1}, eager=False)

# ---------------------------------------------------------------- MaxNumBoundingBoxes
c("maxnbb_dict", "MaxNumBoundingBoxes", {"max_number": 5}, BB_INPUTS, call_mode="struct",
  input_struct=BB_STRUCT, eager=False)
c("maxnbb_dict_more", "MaxNumBoundingBoxes", {"max_number": 20, "fill_value": 0}, BB_INPUTS, call_mode="struct",
  input_struct=BB_STRUCT, eager=False)
c("maxnbb_dict_none", "MaxNumBoundingBoxes", {"max_number": 5}, [[None, None, 3], [None, 4], [None]],
  call_mode="struct", input_struct=BB_STRUCT, eager=False)
c("maxnbb_image_only", "MaxNumBoundingBoxes", {"max_number": 5}, IMG)
c("maxnbb_missing_err", "MaxNumBoundingBoxes", {}, IMG)
c("maxnbb_extra_key_err", "MaxNumBoundingBoxes", {"max_number": 5}, [[32, 32, 3], [10, 4], [10], [10]],
  call_mode="struct", input_struct={"images": 0, "bounding_boxes": {"boxes": 1, "labels": 2, "scores": 3}},
  eager=False)

# ---------------------------------------------------------------- Pipeline
c("pipeline_flip_rot", "Pipeline", {"layers": [L("RandomFlip"), L("RandomRotation", factor=0.1)]}, IMG)
c("pipeline_with_crop", "Pipeline", {"layers": [L("RandomCrop", height=16, width=16), L("RandomFlip")]}, IMG)
c("pipeline_with_dense", "Pipeline", {"layers": [L("Rescaling", scale=1 / 255.0), L("Dense", units=4)]}, IMG,
  note="a weighted layer inside a Pipeline")
c("pipeline_resize_then_crop", "Pipeline", {"layers": [L("Resizing", height=64, width=64),
                                                      L("RandomCrop", height=48, width=40)]}, IMG)
c("pipeline_empty", "Pipeline", {"layers": []}, IMG)
c("pipeline_none_hw", "Pipeline", {"layers": [L("RandomFlip"), L("RandomZoom", height_factor=0.1)]}, IMG_NONE)
c("pipeline_cf", "Pipeline", {"layers": [L("RandomFlip", data_format="channels_first"),
                                         L("RandomCrop", height=8, width=8, data_format="channels_first")]}, IMG_CF)
c("pipeline_not_layer_err", "Pipeline", {"layers": [1, 2]}, IMG)
c("pipeline_missing_err", "Pipeline", {}, IMG)


# ---------------------------------------------------------------- invalid data_format / dtype policies
for _cls, _p, _cfg in [("RandomFlip", "rflip", {}), ("Equalization", "equal", {}),
                       ("ContrastLimitedAdaptiveHistogramEqualization", "clahe", {}), ("RandomErasing", "rerase", {}),
                       ("MixUp", "mixup", {}), ("RandomCrop", "rcrop", {"height": 8, "width": 8})]:
    c(f"{_p}_bad_data_format_err", _cls, {**_cfg, "data_format": "channels_middle"}, IMG)
c("rflip_int_policy", "RandomFlip", {"dtype": "int32"}, IMG, note="integer dtype policy")
c("mixup_f64_policy", "MixUp", {"dtype": "float64"}, IMG)

# Ids renamed after the first run so that an "_err" suffix means exactly "Keras raised"
# (suffix "_accepted": a case expected to fail that Keras accepts symbolically).
RENAME = {'rflip_bad_mode_err': 'rflip_bad_mode_accepted', 'rflip_rank2_in_err': 'rflip_rank2_in_accepted', 'rrot_factor_gt1': 'rrot_factor_gt1_err', 'rcrop_bbox_dict': 'rcrop_bbox_dict_err', 'rcolordeg_rank3_in': 'rcolordeg_rank3_in_err', 'rcolordeg_rank5_in': 'rcolordeg_rank5_in_err', 'equal_factor_kw_err': 'equal_factor_kw_accepted', 'clahe_bad_tiles_err': 'clahe_bad_tiles_accepted', 'relastic_bad_fill_err': 'relastic_bad_fill_accepted', 'rerase_scale_gt1_err': 'rerase_scale_gt1_accepted', 'pipeline_empty': 'pipeline_empty_err', 'lambda_output_shape': 'lambda_output_shape_err', 'torchwrap_linear': 'torchwrap_linear_err', 'torchwrap_conv': 'torchwrap_conv_err', 'torchwrap_lazy': 'torchwrap_lazy_err', 'torchwrap_seq': 'torchwrap_seq_err', 'einsum_abc_cd_seq_mismatch': 'einsum_abc_cd_seq_mismatch_err', 'einsum_kernel_first': 'einsum_kernel_first_err', 'slookup_sparse': 'slookup_sparse_err', 'ilookup_vocab_dtype32': 'ilookup_vocab_dtype32_err', 'ilookup_sparse': 'ilookup_sparse_err', 'tv_ngrams_int': 'tv_ngrams_int_err', 'tv_ragged': 'tv_ragged_err', 'tv_sparse': 'tv_sparse_err', 'tv_onehot_err': 'tv_onehot_accepted', 'tv_ngrams0_err': 'tv_ngrams0_accepted', 'hcross_sparse': 'hcross_sparse_err', 'hcross_three_inputs': 'hcross_three_inputs_err', 'disc_sparse': 'disc_sparse_err', 'rnn_stateful_nobatch': 'rnn_stateful_nobatch_err', 'cell_gru_dropout_gt1_err': 'cell_gru_dropout_gt1_accepted', 'stacked_direct_flat_states': 'stacked_direct_flat_states_err', 'specnorm_embedding_err': 'specnorm_embedding_accepted', 'specnorm_depthwise_err': 'specnorm_depthwise_accepted', 'mel_bad_window_err': 'mel_bad_window_accepted'}


def apply_renames(cases):
    for x in cases:
        x["id"] = RENAME.get(x["id"], x["id"])


if __name__ == "__main__":
    apply_renames(CASES)
    ids = [x["id"] for x in CASES]
    assert len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1]
    json.dump(CASES, open("cases_augmentation.json", "w"), indent=1)
    print(len(CASES), "cases")
