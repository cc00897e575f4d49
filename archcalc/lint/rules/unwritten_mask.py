"""A mask Keras would compute as extra op rows that the spec does not write.

In a Functional model, ``Embedding(mask_zero=True)`` and ``Masking`` hand
their mask to later layers that take one (recurrent layers,
``GlobalAveragePooling1D``, ``Softmax``...), and Keras records the keras.ops
calls that compute it (``not_equal``, ``any``) as nodes: ``summary()`` shows
them as rows and in ``Connected to``. A spec that does not write them has
the same shapes and parameters but a shorter table than Keras's. Write the
op node and ``mask:`` on the consumer to match Keras exactly, or disable the
rule if the rows do not matter to you. The finding is the engine's own
``unwritten-mask`` warning, at the layer that makes the mask.

Options: none. Default level: warning.

PASS::

    inputs: {tok: {shape: [null], dtype: int32}}
    layers:
      - {name: emb, type: Embedding, input_dim: 50, output_dim: 4, mask_zero: true, inputs: tok}
      - {type: NotEqual, inputs: tok}
      - {name: gru, type: GRU, units: 3, inputs: emb, mask: not_equal}

FAIL::

    inputs: {tok: {shape: [null], dtype: int32}}
    layers:
      - {name: emb, type: Embedding, input_dim: 50, output_dim: 4, mask_zero: true, inputs: tok}
      - {name: gru, type: GRU, units: 3, inputs: emb}
"""

from __future__ import annotations

from archcalc.lint.context import Conf, Findings, LintContext

ID = "unwritten-mask"
LEVEL = "warning"
REQUIRES = "graph"


def check(ctx: LintContext, conf: Conf) -> Findings:
    return ctx.engine_warnings(ID)
