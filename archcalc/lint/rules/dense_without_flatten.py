"""``Dense`` on a feature map, or as a sequence model's output head, without Flatten or pooling.

Keras's Dense works on the *last* axis only: on a ``(None, 7, 7, 64)``
feature map it makes a ``(None, 7, 7, 10)`` output, one small Dense per
pixel, where a classifier head almost always wanted ``Flatten`` (or global
pooling) first. The model builds, the parameter count looks small, and the
output has the wrong shape.

On a sequence ``(None, steps, features)`` (rank 3, batch included) a Dense
per position is idiomatic — a Transformer's feed-forward block, a
projection inside an encoder — and passes. The rule reports exactly:

- a Dense whose input has a rank above ``max_rank`` (a feature map, with
  the default 3: rank 4 or more), wherever it is;
- a Dense on a sequence (rank 3 up to ``max_rank``) that is the model's
  **output head**: its output is a model output, directly or through
  layers that read only it and keep its shape (Dropout, Activation,
  normalization, ...). Such a model ends in one prediction per step where
  a sequence classifier wanted ``GlobalAveragePooling1D``, ``Flatten`` or
  the last step (``return_sequences: false``) first. A per-step head
  (tagging, a language model) is a legitimate exception: set
  ``sequence_head: false``, or disable the rule on that layer.

Options: ``max_rank`` (integer >= 2, default 3): the highest input rank,
batch included, that a Dense inside the model may take;
``sequence_head`` (boolean, default true): also report an output head on
a sequence. Default level: warning.

PASS::

    inputs: {image: [28, 28, 1]}
    layers:
      - {type: Conv2D, filters: 8, kernel_size: 3}
      - {type: Flatten}
      - {type: Dense, units: 10}

PASS::

    inputs: {tokens: [20, 16]}
    layers:
      - {name: ffn_1, type: Dense, units: 64, activation: relu}
      - {name: ffn_2, type: Dense, units: 16}
      - {type: Dropout, rate: 0.1}
      - {name: residual, type: Add, inputs: [tokens, dropout]}
      - {type: GlobalAveragePooling1D}
      - {type: Dense, units: 2, activation: softmax}

FAIL::

    inputs: {image: [28, 28, 1]}
    layers:
      - {type: Conv2D, filters: 8, kernel_size: 3}
      - {type: Dense, units: 10}

FAIL::

    inputs: {tokens: [20, 16]}
    layers:
      - {type: LSTM, units: 32, return_sequences: true}
      - {type: Dense, units: 2}
      - {type: Activation, activation: softmax}
"""

from __future__ import annotations

from typing import Any

from archcalc.catalog.args import Bool, Int
from archcalc.graph import CallNode
from archcalc.lint.context import Conf, Findings, LintContext
from archcalc.shapes import format_shape

ID = "dense-without-flatten"
LEVEL = "warning"
REQUIRES = "result"
CONF = {"max_rank": Int(min=2), "sequence_head": Bool()}
DEFAULT: dict[str, Any] = {"max_rank": 3, "sequence_head": True}


def check(ctx: LintContext, conf: Conf) -> Findings:
    for node in ctx.calls():
        if node.type != "Dense":
            continue
        (shape,) = ctx.input_shapes(node)
        if len(shape) > conf["max_rank"]:
            yield ctx.at(
                node.pos,
                f"{node.name}: Dense on {format_shape(shape)} (rank {len(shape)}) acts on the last "
                "axis only, once per position; add Flatten or global pooling before it, "
                "or raise max_rank if that is intended",
            )
        elif len(shape) > 2 and conf["sequence_head"] and _is_output_head(ctx, node):
            (out,) = ctx.call_results[node.name].output_shapes
            yield ctx.at(
                node.pos,
                f"{node.name}: Dense on the sequence {format_shape(shape)} is the model's output "
                f"head, so the model predicts once per step {format_shape(out)}; pool the "
                "sequence (GlobalAveragePooling1D), Flatten it or keep only the last step before "
                "it, or set sequence_head=false if per-step outputs are intended",
            )


def _is_output_head(ctx: LintContext, node: CallNode) -> bool:
    """The call's output reaches a model output unchanged: only through one-input layers
    that keep its shape (and are not Dense themselves, which would be the head instead)."""
    shape = ctx.call_results[node.name].output_shapes
    todo, seen = [node], set()
    while todo:
        cur = todo.pop()
        if cur.index in ctx.output_nodes:
            return True
        for reader in ctx.consumers[cur.index]:
            if reader.index in seen or reader.type == "Dense" or len(reader.data_inputs) != 1:
                continue
            if ctx.call_results[reader.name].output_shapes == shape:
                seen.add(reader.index)
                todo.append(reader)
    return False
