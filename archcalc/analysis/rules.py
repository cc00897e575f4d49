"""Cost rules of the feed-forward layer kinds, under the convention in :mod:`.flops`.

Each rule reads Keras's own argument names from the call's config and the
call's input/output shapes, and returns the cost of one sample. Kinds the
catalog already has are keyed by class (their MRO covers every rank);
others by Keras class name, so the rules apply as soon as those kinds land.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from archcalc.analysis.cost import (
    ACTIVATION_FLOPS,
    ACTIVATION_FLOPS_DEFAULT,
    AREA_FLOPS_PER_INPUT,
    AREA_FLOPS_PER_OUTPUT,
    AVERAGE_DIVIDE_FLOPS,
    BATCH_NORM_FLOPS,
    GLOBAL_POOL_FLOPS_PER_INPUT,
    MASKING_FLOPS,
    MERGE_FLOPS_PER_EXTRA_INPUT,
    NORM_AFFINE_FLOPS,
    NORM_STATS_FLOPS,
    OFFSET_FLOPS,
    POOL_FLOPS_PER_WINDOW_ELEMENT,
    RESCALE_FLOPS,
    RESIZE_TAPS,
    RMS_NORM_FLOPS,
    SCALE_FLOPS,
    STANDARDIZE_FLOPS,
    UNIT_NORM_FLOPS,
    Cost,
    Family,
    Op,
    Rule,
    Uncounted,
    activation_flops,
    bias_adds,
    cost_rule,
    dims,
    elements,
)
from archcalc.shapes import Shape


def window(value: Any, rank: int) -> tuple[int, ...]:
    """A kernel/pool size as a tuple (an unnormalised nested config may hold an int)."""
    return tuple(value) if isinstance(value, (list, tuple)) else (int(value),) * rank


def channels_first(cfg: Mapping[str, Any]) -> bool:
    return cfg.get("data_format") == "channels_first"


def spatial(shape: Shape, cfg: Mapping[str, Any]) -> tuple[int, ...]:
    """The spatial sizes of a (batch, spatial..., channels) shape in the layer's data format."""
    d = dims(shape)
    return d[1:] if channels_first(cfg) else d[:-1]


def channels(shape: Shape, cfg: Mapping[str, Any]) -> int:
    d = dims(shape)
    return d[0] if channels_first(cfg) else d[-1]


def weighted(op: Op, macs: int) -> Cost:
    """A weighted layer's cost: its MACs, its bias adds and its activation on the output."""
    out = op.outputs[0]
    act = activation_flops(op.cfg.get("activation"), elements(out))
    return Cost(macs=macs, bias=bias_adds(op.cfg, elements(out)), activation=act)


# --- Weighted layers ----------------------------------------------------------------------


@cost_rule(Family("core.Dense"))
def dense(op: Op) -> Cost:
    """Every input element meets every unit: positions x d_in x units."""
    return weighted(op, elements(op.inputs[0]) * op.cfg["units"])


@cost_rule(Family("convolutional.BaseConv"))
def conv(op: Op) -> Cost:
    """Output positions x kernel area x C_in/groups x filters."""
    cfg, out = op.cfg, op.outputs[0]
    sp = spatial(out, cfg)
    k = math.prod(window(cfg["kernel_size"], len(sp)))
    c_in = channels(op.inputs[0], cfg) // cfg.get("groups", 1)
    return weighted(op, math.prod(sp) * k * c_in * cfg["filters"])


@cost_rule("Conv1DTranspose", "Conv2DTranspose", "Conv3DTranspose")
def conv_transpose(op: Op) -> Cost:
    """Each input position scatters a kernel x filters block: input positions x k x C_in x filters."""
    cfg, inp = op.cfg, op.inputs[0]
    sp = spatial(inp, cfg)
    k = math.prod(window(cfg["kernel_size"], len(sp)))
    return weighted(op, math.prod(sp) * k * channels(inp, cfg) * cfg["filters"])


@cost_rule("DepthwiseConv1D", "DepthwiseConv2D")
def depthwise(op: Op) -> Cost:
    """One kernel per input channel and multiplier: output positions x k x C_in x multiplier."""
    cfg, out = op.cfg, op.outputs[0]
    sp = spatial(out, cfg)
    k = math.prod(window(cfg["kernel_size"], len(sp)))
    m = cfg.get("depth_multiplier", 1)
    return weighted(op, math.prod(sp) * k * channels(op.inputs[0], cfg) * m)


@cost_rule("SeparableConv1D", "SeparableConv2D")
def separable(op: Op) -> Cost:
    """The depthwise step, then a 1x1 pointwise conv from C_in x multiplier to filters."""
    cfg, out = op.cfg, op.outputs[0]
    sp = spatial(out, cfg)
    positions, k = math.prod(sp), math.prod(window(cfg["kernel_size"], len(sp)))
    mid = channels(op.inputs[0], cfg) * cfg.get("depth_multiplier", 1)
    return weighted(op, positions * k * mid + positions * mid * cfg["filters"])


# --- Pooling, normalisation, activations, merges ---------------------------------------------


@cost_rule(Family("pooling.BasePooling"))
def pooling(op: Op) -> Cost:
    """Kernel area per output element (max: comparisons, average: adds and the divide)."""
    k = math.prod(window(op.cfg["pool_size"], len(spatial(op.outputs[0], op.cfg))))
    return Cost(pool=POOL_FLOPS_PER_WINDOW_ELEMENT * k * elements(op.outputs[0]))


GLOBAL_POOLING = tuple(
    f"Global{mode}Pooling{rank}D" for mode in ("Max", "Average") for rank in (1, 2, 3)
)


@cost_rule(*GLOBAL_POOLING)
def global_pooling(op: Op) -> Cost:
    return Cost(pool=GLOBAL_POOL_FLOPS_PER_INPUT * elements(op.inputs[0]))


@cost_rule("LayerNormalization", "GroupNormalization")
def stats_norm(op: Op) -> Cost:
    cfg = op.cfg
    affine = cfg.get("scale", True) or cfg.get("center", True) or cfg.get("rms_scaling", False)
    per = NORM_STATS_FLOPS + (NORM_AFFINE_FLOPS if affine else 0)
    return Cost(norm=per * elements(op.inputs[0]))


@cost_rule("Rescaling")
def rescaling(op: Op) -> Cost:
    offset = op.cfg.get("offset", 0.0)
    values = offset if isinstance(offset, (list, tuple)) else [offset]
    per = RESCALE_FLOPS + (OFFSET_FLOPS if any(_nonzero(v) for v in values) else 0)
    return Cost(other=per * elements(op.inputs[0]))


def _nonzero(value: Any) -> bool:
    if isinstance(value, (list, tuple)):
        return any(_nonzero(v) for v in value)
    return bool(value)


@cost_rule("Activation")
def activation_layer(op: Op) -> Cost:
    return Cost(activation=activation_flops(op.cfg.get("activation"), elements(op.outputs[0])))


@cost_rule("Add", "Subtract", "Multiply", "Maximum", "Minimum")
def elementwise_merge(op: Op) -> Cost:
    """n inputs: n - 1 binary ops per output element (broadcasting included)."""
    extra = MERGE_FLOPS_PER_EXTRA_INPUT * (len(op.inputs) - 1)
    return Cost(merge=extra * elements(op.outputs[0]))


@cost_rule("Average")
def average_merge(op: Op) -> Cost:
    per = MERGE_FLOPS_PER_EXTRA_INPUT * (len(op.inputs) - 1) + AVERAGE_DIVIDE_FLOPS
    return Cost(merge=per * elements(op.outputs[0]))


@cost_rule("Dot")
def dot(op: Op) -> Cost:
    """A batched matmul: every output element is a dot product over the contracted axis."""
    a, b = op.inputs[0], op.inputs[1]
    axes = op.cfg.get("axes", -1)
    axis = (axes if isinstance(axes, int) else axes[0]) % len(a)
    d = dims(a)[axis - 1]
    other = UNIT_NORM_FLOPS * (elements(a) + elements(b)) if op.cfg.get("normalize") else 0
    return Cost(macs=elements(op.outputs[0]) * d, other=other)


# --- Resampling ------------------------------------------------------------------------------


def interpolation_flops(method: str, inp: Shape, out: Shape) -> int:
    if method == "area":
        return AREA_FLOPS_PER_INPUT * elements(inp) + AREA_FLOPS_PER_OUTPUT * elements(out)
    if method not in RESIZE_TAPS:
        raise Uncounted(f"no cost known for interpolation {method!r}")
    taps = RESIZE_TAPS[method]
    return (2 * taps - 1) * elements(out) if taps else 0


@cost_rule("UpSampling2D", "Resizing")
def resize(op: Op) -> Cost:
    default = "nearest" if op.type == "UpSampling2D" else "bilinear"
    method = str(op.cfg.get("interpolation") or default).lower()
    return Cost(other=interpolation_flops(method, op.inputs[0], op.outputs[0]))


@cost_rule("CustomScaleLayer")
def custom_scale(op: Op) -> Cost:
    """InceptionResNetV2's ``x + r * scale``: a multiply and an add per element."""
    n = elements(op.outputs[0])
    return Cost(merge=MERGE_FLOPS_PER_EXTRA_INPUT * n, other=SCALE_FLOPS * n)


#: Shape-preserving layers with a fixed number of FLOPs per element: (category, FLOPs).
PER_ELEMENT = {
    "BatchNormalization": ("norm", BATCH_NORM_FLOPS),
    "RMSNormalization": ("norm", RMS_NORM_FLOPS),
    "UnitNormalization": ("norm", UNIT_NORM_FLOPS),
    "Normalization": ("norm", STANDARDIZE_FLOPS),
    "ReLU": ("activation", ACTIVATION_FLOPS_DEFAULT),
    "LeakyReLU": ("activation", ACTIVATION_FLOPS_DEFAULT),
    "ELU": ("activation", ACTIVATION_FLOPS_DEFAULT),
    "PReLU": ("activation", ACTIVATION_FLOPS_DEFAULT),
    "Softmax": ("activation", ACTIVATION_FLOPS["softmax"]),
    "Masking": ("other", MASKING_FLOPS),
    "LayerScale": ("other", SCALE_FLOPS),  # ConvNeXt's x * gamma
}


def per_element(category: str, flops: int) -> Rule:
    def rule(op: Op) -> Cost:
        return Cost(**{category: flops * elements(op.outputs[0])})

    return rule


for _name, (_category, _flops) in PER_ELEMENT.items():
    cost_rule(_name)(per_element(_category, _flops))
