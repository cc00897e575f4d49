"""Cost rules of the augmentation and lookup layers that do arithmetic at inference, and of
Pipeline (the sum of its layers). The other augmentation and lookup kinds are
``data_movement``: identities at inference, or lookups, which cost 0 without a rule."""

from __future__ import annotations

from archcalc.analysis.cost import (
    AUTO_CONTRAST_FLOPS,
    CLAHE_BIN_FLOPS,
    CLAHE_BINS,
    CLAHE_FLOPS,
    TF_IDF_FLOPS,
    ZERO,
    Cost,
    Op,
    Uncounted,
    cost_rule,
    elements,
    find_rule,
)
from archcalc.catalog import CATALOG


@cost_rule("AutoContrast")
def auto_contrast(op: Op) -> Cost:
    return Cost(other=AUTO_CONTRAST_FLOPS * elements(op.outputs[0]))


@cost_rule("ContrastLimitedAdaptiveHistogramEqualization")
def clahe(op: Op) -> Cost:
    """Per element, plus per bin of each tile's histogram, per channel."""
    shape = op.inputs[0]
    n = elements(shape)
    channels = shape[-3 if op.cfg.get("data_format") == "channels_first" else -1]
    if channels is None:
        raise Uncounted("the number of channels is unknown (None)")
    rows, cols = op.cfg.get("tile_grid_size", (8, 8))
    return Cost(other=CLAHE_FLOPS * n + CLAHE_BIN_FLOPS * CLAHE_BINS * rows * cols * channels)


@cost_rule("StringLookup", "IntegerLookup", "TextVectorization")
def tf_idf(op: Op) -> Cost:
    """A lookup costs nothing; tf_idf weighs each count."""
    if op.cfg.get("output_mode") != "tf_idf":
        return ZERO
    return Cost(other=TF_IDF_FLOPS * elements(op.outputs[0]))


@cost_rule("Pipeline")
def pipeline(op: Op) -> Cost:
    """Each of its layers on the shapes it sees."""
    kind = CATALOG["Pipeline"]
    total = ZERO
    for layer, before, after in kind.steps(dict(op.cfg), op.inputs[0]):
        rule = find_rule(layer.type)
        if rule is None:
            raise Uncounted(f"archcalc has no cost rule for the pipeline's {layer.type}")
        total = total + rule(Op(layer.type, layer.config, (before,), (after,)))
    return total
