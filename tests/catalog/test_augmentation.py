"""Keras 3's image augmentation layers, case by case (tests/catalog/keras_cases_augmentation.json):
the geometric, colour and mixing layers, RandAugment, AugMix, MaxNumBoundingBoxes, Pipeline."""

from __future__ import annotations

from tests.catalog.keras_cases import keras_tests, load_cases, output_dtype_test

RANK = "takes images of rank 4 (batch, height, width, channels) or rank 3"
RUNS = "Keras reports a shape for it, but the layer fails as soon as it runs"

#: Every layer's rank-5 case: Keras's symbolic call passes it through, running it raises
#: "Expected image tensor to have rank 3 (single image) or 4 (batch of images)".
DEVIATIONS = {
    c["id"]: (f"rank-5 input: {RUNS}", RANK)
    for c in load_cases("augmentation")
    if c["id"].endswith("_rank5_in")
}
DEVIATIONS |= {
    "rflip_rank2_in_accepted": (f"rank-2 input: {RUNS}", RANK),
    "rcrop_height0": (
        f"height 0: {RUNS} at inference (ZeroDivisionError)",
        "height must be a positive integer",
    ),
    "clahe_bad_tiles_accepted": (
        f"a 0 in tile_grid_size: {RUNS} (ZeroDivisionError)",
        "tile_grid_size must be a list of two positive integers",
    ),
    "mixup_alpha_neg": (
        f"a negative alpha: {RUNS} (Beta(alpha, alpha) needs alpha > 0)",
        "alpha must be a number in (0, inf]",
    ),
}

DICT = "a call on a dict of images, boxes, labels or masks, which a spec cannot write"
UNREPRESENTABLE = {
    case: DICT
    for case in (
        "rflip_bbox_dict",
        "rflip_segmask_dict",
        "rcrop_bbox_dict_err",
        "mixup_labels_dict",
        "cutmix_labels_dict",
        "maxnbb_dict",
        "maxnbb_dict_more",
        "maxnbb_dict_none",
        "maxnbb_extra_key_err",
    )
}

RANGE = "must be a number or a list of two numbers in"
MESSAGES = {
    "rrot_factor_gt1_err": f"factor {RANGE} [-1, 1], got 2.0",
    "rrot_missing_factor_err": "RandomRotation needs the argument 'factor'",
    "rrot_bad_fill_err": "fill_mode must be one of 'reflect', 'wrap', 'constant', 'nearest'",
    "rrot_bad_interp_err": "interpolation must be one of 'nearest', 'bilinear', got 'cubic'",
    "rrot_factor_3tuple_err": "got [0.1, 0.2, 0.3]",
    "rzoom_missing_err": "RandomZoom needs the argument 'height_factor'",
    "rzoom_factor_lt_m1_err": "each in (-1, 1], got -1.5",
    "rzoom_bad_fill_err": "fill_mode must be one of",
    "rcrop_missing_width_err": "RandomCrop needs the argument 'width'",
    "rcrop_rank2_in_err": "got (None, 32) of rank 2",
    "rtrans_missing_width_err": "RandomTranslation needs the argument 'width_factor'",
    "rtrans_factor_gt1_err": "each in [-1, 1], got 1.5",
    "rtrans_bad_fill_err": "got 'mirror'",
    "rcontrast_factor_neg_err": f"factor {RANGE} [0, 1], got -0.1",
    "rcontrast_factor_gt1_err": f"factor {RANGE} [0, 1], got 1.5",
    "rcontrast_missing_err": "RandomContrast needs the argument 'factor'",
    "rbright_factor_gt1_err": f"factor {RANGE} [-1, 1], got 1.5",
    "rbright_bad_range_err": "value_range must be [low, high]",
    "rbright_missing_err": "RandomBrightness needs the argument 'factor'",
    "rgray_factor_gt1_err": "factor must be a number in [0, 1], got 2.0",
    "rhue_missing_err": "RandomHue needs the argument 'factor'",
    "rhue_factor_gt1_err": f"factor {RANGE} [0, 1], got 1.5",
    "rsat_missing_err": "RandomSaturation needs the argument 'factor'",
    "rsat_factor_gt1_err": f"factor {RANGE} [-1, 1], got 1.5",
    "rsharp_missing_err": "RandomSharpness needs the argument 'factor'",
    "rsharp_factor_gt1_err": f"factor {RANGE} [0, 1], got 1.5",
    "rcolordeg_rank3_in_err": "got (None, 32, 32) with 32 channels",
    "rcolordeg_rank5_in_err": RANK,
    "rcolordeg_missing_err": "RandomColorDegeneration needs the argument 'factor'",
    "rcolordeg_factor_gt1_err": f"factor {RANGE} [-1, 1], got 1.5",
    "rposter_missing_err": "RandomPosterization needs the argument 'factor'",
    "rposter_factor9_err": f"factor {RANGE} [1, 8], got 9",
    "rposter_factor0_err": f"factor {RANGE} [1, 8], got 0",
    "rinvert_factor_gt1_err": f"factor {RANGE} [0, 1], got 1.5",
    "rjitter_bad_bright_err": f"brightness_factor {RANGE} [-1, 1], got 1.5",
    "solar_bad_add_err": "addition_factor must be a number or a list of two numbers, each in [0, 1]",
    "autocon_factor_kw_err": "factor must be null (this layer takes no factor), got 0.5",
    "autocon_bad_range_err": "value_range must be [low, high]",
    "rshear_bad_fill_err": "fill_mode must be one of",
    "rshear_factor_gt1_err": "x_factor must be a number or a list of two numbers, each in [0, 1]",
    "rpersp_scale_gt1_err": "scale must be a number in [0, 1], got 1.5",
    "rpersp_bad_interp_err": "interpolation must be one of 'nearest', 'bilinear'",
    "relastic_bad_interp_err": "interpolation must be one of 'nearest', 'bilinear'",
    "rblur_k_even_err": "kernel_size must be an odd positive integer or a list of two, got 4",
    "rblur_sigma_neg_err": f"sigma {RANGE} [0, 1], got -1.0",
    "randaug_factor_gt1_err": f"factor {RANGE} [0, 1], got 1.5",
    "augmix_factor_gt1_err": f"factor {RANGE} [0, 1], got 1.5",
    "cutmix_factor_gt1_err": f"factor {RANGE} [0, 1], got 1.5",
    "maxnbb_missing_err": "MaxNumBoundingBoxes needs the argument 'max_number'",
    "pipeline_empty_err": "layers must be a non-empty list of layers",
    "pipeline_not_layer_err": "layers[0]: must be a layer, a mapping such as {type: RandomFlip}",
    "pipeline_missing_err": "Pipeline needs the argument 'layers'",
    "rflip_bad_data_format_err": "data_format must be one of 'channels_last', 'channels_first'",
    "equal_bad_data_format_err": "got 'channels_middle'",
    "clahe_bad_data_format_err": "got 'channels_middle'",
    "rerase_bad_data_format_err": "got 'channels_middle'",
    "mixup_bad_data_format_err": "got 'channels_middle'",
    "rcrop_bad_data_format_err": "got 'channels_middle'",
}

test_case_matches_keras, test_keras_config_matches, test_annotations_name_real_cases = keras_tests(
    "augmentation", deviations=DEVIATIONS, unrepresentable=UNREPRESENTABLE, messages=MESSAGES
)
test_output_dtype_matches_keras = output_dtype_test("augmentation", skip=DEVIATIONS)
