"""keras.ops classes archcalc does not model, each with the reason, for the readers' messages.

These are Keras ``Operation`` classes whose output shape does not follow from
the shapes and arguments a model file records: their spec is traced from a
Python function the file cannot hold (control flow, ``vectorized_map``...),
or Keras never records them as nodes. A file that contains one is refused
with the reason (``archcalc convert`` writes it as a custom entry with the
shape the file records, when it records one), never guessed.
"""

from __future__ import annotations

_TRACED = (
    "its output is traced from a Python function (Keras calls the function on symbolic "
    "tensors), which a model file does not hold"
)

#: Keras op class -> why it is not modelled
REFUSED: dict[str, str] = {
    "Cond": f"control flow (keras.ops.cond): {_TRACED}",
    "WhileLoop": f"control flow (keras.ops.while_loop): {_TRACED}",
    "ForiLoop": f"control flow (keras.ops.fori_loop): {_TRACED}",
    "Switch": f"control flow (keras.ops.switch): {_TRACED}",
    "Scan": f"a loop (keras.ops.scan): {_TRACED}",
    "Map": f"a loop (keras.ops.map): {_TRACED}",
    "AssociativeScan": f"a loop (keras.ops.associative_scan): {_TRACED}",
    "VectorizedMap": f"keras.ops.vectorized_map: {_TRACED}",
    "JVP": f"keras.ops.jvp (a Jacobian-vector product): {_TRACED}",
    "Function": "a Keras Function (a traced graph inside the model), not one operation",
    "Arange": (
        "keras.ops.arange on a symbolic tensor raises in Keras (its length depends on the "
        "values), so it is never a node"
    ),
    "Abs": "Keras never records Abs: keras.ops.abs makes an Absolute node",
    "Conj": "Keras never records Conj: keras.ops.conj makes a Conjugate node",
    "SegmentReduction": "the base class of SegmentSum/SegmentMax/...; Keras never records it",
}


def refused(class_name: str) -> str:
    """Why archcalc does not model this keras.ops class ('' when it is not refused)."""
    return REFUSED.get(class_name, "")
