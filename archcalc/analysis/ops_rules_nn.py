"""Cost rules of the keras.ops nodes that do more than element-wise work: convolutions and
pooling on given kernels, losses, normalizations, attention, image ops, FFTs and linear
algebra, under the convention in :mod:`.cost` (helpers in :mod:`.ops_rules`).
"""

from __future__ import annotations

import math

from archcalc.analysis.cost import (
    ACTIVATION_FLOPS,
    BATCH_NORM_FLOPS,
    LINALG_N3_FLOPS,
    LOSS_FLOPS_PER_ELEMENT,
    NORM_AFFINE_FLOPS,
    NORM_STATS_FLOPS,
    POOL_FLOPS_PER_WINDOW_ELEMENT,
    RMS_NORM_FLOPS,
    SCALE_FLOPS,
    Cost,
    Op,
    Uncounted,
    elements,
    fft_flops,
)
from archcalc.analysis.ops_rules import (
    bound,
    contracted,
    op_rule,
    per_output,
    tensors_of,
)
from archcalc.analysis.rules import interpolation_flops
from archcalc.catalog import CATALOG
from archcalc.catalog.ops_base import T


@op_rule("conv")
def conv_op(op: Op) -> Cost:
    """As the Conv layers: output positions x kernel area x input channels x filters."""
    args, _ = bound(op)
    kernel = args[1]
    area = contracted(kernel.shape[:-2])
    name = CATALOG[op.type].keras_class
    if name == "DepthwiseConv":
        return Cost(macs=per_output(op, area))
    if name == "SeparableConv":
        mid = contracted(kernel.shape[-2:])
        positions = elements(op.outputs[0]) // max(1, contracted([args[2].shape[-1]]))
        return Cost(macs=positions * area * mid + positions * mid * contracted([args[2].shape[-1]]))
    return Cost(macs=per_output(op, area * contracted([kernel.shape[-2]])))


@op_rule("conv_transpose")
def conv_transpose_op(op: Op) -> Cost:
    """Each input element scatters a kernel area x filters block."""
    args, _ = bound(op)
    kernel = args[1]
    return Cost(
        macs=elements(op.inputs[0]) * contracted(kernel.shape[:-2]) * contracted([kernel.shape[-2]])
    )


@op_rule("pool")
def pool_op(op: Op) -> Cost:
    size = op.cfg["pool_size"]
    n = len(op.outputs[0]) - 2
    area = size**n if isinstance(size, int) else math.prod(size)
    return Cost(pool=POOL_FLOPS_PER_WINDOW_ELEMENT * area * elements(op.outputs[0]))


@op_rule("adaptive_pool")
def adaptive_pool_op(op: Op) -> Cost:
    return Cost(pool=elements(op.inputs[0]))


@op_rule("loss")
def loss_op(op: Op) -> Cost:
    return Cost(other=LOSS_FLOPS_PER_ELEMENT * elements(tensors_of(op)[1].shape))


@op_rule("ctc")
def ctc_op(op: Op) -> Cost:
    raise Uncounted("CTC's dynamic programming depends on the label lengths in the data")


@op_rule("normalization")
def normalization_op(op: Op) -> Cost:
    """batch_normalization: 2 per element; layer_normalization: 4 (+1 per scale/offset);
    rms_normalization: 4; fake quantisation: a scale, a round and a clip (3)."""
    name = CATALOG[op.type].keras_class
    n = elements(op.inputs[0])
    affine = sum(1 for v in bound(op)[0][1:] if isinstance(v, T))
    per = {"BatchNorm": BATCH_NORM_FLOPS, "LayerNorm": NORM_STATS_FLOPS + NORM_AFFINE_FLOPS * affine,
           "RMSNorm": RMS_NORM_FLOPS, "FakeQuantWithMinMaxVars": 3}[name]  # fmt: skip
    return Cost(norm=per * n)


@op_rule("attention")
def attention_op(op: Op) -> Cost:
    """Scores and context: 2 x heads x T_q x T_k x depth MACs, a softmax per score, the scale."""
    q, k = tensors_of(op)[0].shape, tensors_of(op)[1].shape
    if len(q) != 4 or len(k) != 4:
        raise Uncounted("dot_product_attention expects (batch, steps, heads, depth) inputs")
    tq, heads, depth, tk = q[1], q[2], q[3], k[1]
    scores = contracted([tq, tk, heads])
    return Cost(
        macs=2 * scores * contracted([depth]),
        activation=ACTIVATION_FLOPS["softmax"] * scores,
        other=SCALE_FLOPS * elements(q),
    )


@op_rule("scale_translate")
def scale_translate_op(op: Op) -> Cost:
    method = str(op.cfg.get("method") or "linear").lower()
    taps = {"nearest": 0, "linear": 4, "bilinear": 4, "cubic": 16, "bicubic": 16}.get(method)
    if taps is None:
        raise Uncounted(f"no cost known for the method {method!r}")
    return Cost(other=(2 * taps - 1 if taps else 0) * elements(op.outputs[0]))


@op_rule("image")
def image_op(op: Op) -> Cost:
    """Interpolation taps per output element (resize and the transforms); colour-space
    changes a few ops per element; a blur its kernel area."""
    name = CATALOG[op.type].keras_class
    if name == "GaussianBlur":
        size = op.cfg.get("kernel_size", (3, 3))
        return Cost(
            macs=per_output(op, math.prod(size) if isinstance(size, list | tuple) else size**2)
        )
    if name in ("RGBToHSV", "HSVToRGB"):
        return Cost(other=per_output(op, 10))
    if name == "MapCoordinates":
        taps = 2 ** len(op.inputs[0]) if op.cfg.get("order", 1) else 0
        return Cost(other=(2 * taps - 1 if taps else 0) * elements(op.outputs[0]))
    method = str(op.cfg.get("interpolation") or "bilinear").lower()
    return Cost(other=interpolation_flops(method, op.inputs[0], op.outputs[0]))


@op_rule("grayscale")
def grayscale_op(op: Op) -> Cost:
    return Cost(macs=per_output(op, 3))


@op_rule("sobel")
def sobel_op(op: Op) -> Cost:
    """Two 3x3 kernels per input element."""
    return Cost(macs=2 * 9 * elements(op.inputs[0]))


@op_rule("ssim")
def ssim_op(op: Op) -> Cost:
    """Five Gaussian-filtered maps (means, variances, covariance) over the first image."""
    size = op.cfg.get("filter_size", 11)
    return Cost(macs=5 * size * size * elements(tensors_of(op)[0].shape))


def _fft(n: int | None, count: int) -> int:
    if n is None:
        raise Uncounted("the transformed axis has an unknown length (None)")
    return fft_flops(n) * count


@op_rule("fft")
def fft_op(op: Op) -> Cost:
    """5 n log2 n per transform of length n (half for real transforms); STFT once per frame."""
    name = CATALOG[op.type].keras_class
    x = tensors_of(op)[0].shape
    if name in ("FFT", "FFT2", "IFFT2"):
        axes = 2 if name != "FFT" else 1
        total = 0
        for i in range(1, axes + 1):
            n = x[-i]
            total += _fft(n, elements(x) // max(1, n or 1))
        return Cost(other=total)
    if name in ("RFFT", "IRFFT"):
        n = op.cfg.get("fft_length") or (x[-1] if name == "RFFT" else op.outputs[0][-1])
        return Cost(other=_fft(n, elements(x) // max(1, x[-1] or 1)) // 2)
    fft = op.cfg["fft_length"]
    frames = elements(op.outputs[0] if name == "STFT" else x) // (fft // 2 + 1)
    return Cost(other=_fft(fft, frames) // 2 + frames * fft)


@op_rule("linalg")
def linalg_op(op: Op) -> Cost:
    """LAPACK counts in units of n^3 per matrix (n = the larger of its two sizes)."""
    x = tensors_of(op)[0].shape
    n = (
        contracted([max(x[-1] or 0, x[-2] or 0)])
        if len(x) >= 2 and None not in x[-2:]
        else contracted([None])
    )
    matrices = elements(x) // max(1, (x[-1] or 1) * (x[-2] or 1)) if len(x) > 2 else 1
    name = CATALOG[op.type].keras_class.lower()
    factor = next(
        (
            v
            for k, v in LINALG_N3_FLOPS.items()
            if k in name or (k == "lu" and ("det" in name or "solve" in name))
        ),
        LINALG_N3_FLOPS["svd"] if name in ("pinv", "matrixrank") else LINALG_N3_FLOPS["qr"],
    )
    return Cost(other=round(factor * n**3) * matrices)


@op_rule("statistics")
def statistics_op(op: Op) -> Cost:
    """Products of pairs: corrcoef rows x rows x length, correlate output x the shorter
    signal, cdist output pairs x depth (a subtract, a square, an add)."""
    name = CATALOG[op.type].keras_class
    a = tensors_of(op)[0].shape
    if name == "Corrcoef":
        return Cost(macs=contracted([a[-2] if len(a) > 1 else 1]) ** 2 * contracted([a[-1]]))
    if name == "Correlate":
        b = tensors_of(op)[1].shape
        return Cost(
            macs=contracted([op.outputs[0][0]]) * contracted([min(a[0] or 0, b[0] or 0) or None])
        )
    return Cost(other=3 * per_output(op, contracted([a[-1]])))
