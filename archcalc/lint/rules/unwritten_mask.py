"""A mask Keras would compute as extra op rows that archcalc cannot add.

In a Functional model, ``Embedding(mask_zero=True)`` and ``Masking`` hand
their mask to later layers that take one (recurrent layers,
``GlobalAveragePooling1D``, ``Softmax``...), and Keras records the keras.ops
calls that compute it (``not_equal``, ``any``, ``logical_or``) as nodes:
``summary()`` shows them as rows and in ``Connected to``. archcalc adds them
to a spec's table as Keras does, except when the spec writes ``mask:``
itself (then it is trusted to write them all) or a mask passes through a
Concatenate or a nested model (whose mask ops archcalc does not model).
There the table has the same shapes and parameters but fewer rows than
Keras's: write the op nodes and ``mask:`` to match Keras exactly, or disable
the rule if the rows do not matter to you. The finding is the engine's own
``unwritten-mask`` warning, at the layer that makes the mask.

Options: none. Default level: warning.

PASS::

    inputs: {tok: {shape: [null], dtype: int32}}
    layers:
      - {name: emb, type: Embedding, input_dim: 50, output_dim: 4, mask_zero: true, inputs: tok}
      - {name: gru, type: GRU, units: 3, inputs: emb}

FAIL::

    inputs: {tok: {shape: [null], dtype: int32}}
    layers:
      - {name: emb, type: Embedding, input_dim: 50, output_dim: 4, mask_zero: true, inputs: tok}
      - {name: both, type: Concatenate, inputs: [emb, emb]}
      - {name: gru, type: GRU, units: 3}
"""

from __future__ import annotations

from archcalc.lint.context import Conf, Findings, LintContext

ID = "unwritten-mask"
LEVEL = "warning"
REQUIRES = "graph"


def check(ctx: LintContext, conf: Conf) -> Findings:
    return ctx.engine_warnings(ID)
