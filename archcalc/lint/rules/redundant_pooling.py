"""Pooling over a spatial axis that is already of size 1.

Once a spatial dimension has been pooled (or convolved) down to 1, pooling
it again reduces nothing: with ``padding: same`` the size stays 1 and the
layer only costs time, and the design usually meant to stop downsampling
one stage earlier. Reported for Max/Average pooling whose window or stride
exceeds 1 on such an axis, and for global pooling with ``keepdims: true``
(a no-op). Global pooling without keepdims on a 1x1 map is left alone: it
is the usual way to drop the spatial axes.

Options: none. Default level: warning.

PASS::

    inputs: {image: [8, 8, 3]}
    layers:
      - {type: MaxPooling2D, pool_size: 2}
      - {type: MaxPooling2D, pool_size: 2}

FAIL::

    inputs: {image: [4, 4, 3]}
    layers:
      - {type: MaxPooling2D, pool_size: 4}
      - {type: MaxPooling2D, pool_size: 2, padding: same}
"""

from __future__ import annotations

from archcalc.catalog.pooling import BaseGlobalPooling, BasePooling
from archcalc.lint.context import Conf, Findings, LintContext
from archcalc.shapes import format_shape

ID = "redundant-pooling"
LEVEL = "warning"
REQUIRES = "result"


def check(ctx: LintContext, conf: Conf) -> Findings:
    for node in ctx.calls():
        kind = ctx.kind(node)
        if not isinstance(kind, (BasePooling, BaseGlobalPooling)):
            continue
        cfg = ctx.config(node)
        rank = kind.rank
        (shape,) = ctx.input_shapes(node)
        first = 2 if cfg.get("data_format") == "channels_first" else 1
        axes = range(first, first + rank)
        if isinstance(kind, BaseGlobalPooling):
            reducing = list(axes) if cfg.get("keepdims") else []
        else:
            pool = cfg.get("pool_size") or (1,) * rank
            strides = cfg.get("strides") or pool
            reducing = [a for i, a in enumerate(axes) if pool[i] > 1 or strides[i] > 1]
        ones = [a for a in reducing if a < len(shape) and shape[a] == 1]
        if ones:
            which = ", ".join(str(a) for a in ones)
            yield ctx.at(
                node.pos,
                f"{node.name} pools {'axes' if len(ones) > 1 else 'axis'} {which} of {format_shape(shape)}, already reduced to 1; "
                "this pooling changes nothing there, so remove it or pool less earlier",
            )
