"""A recurrent call's ``initial_state``, checked against the states the layer keeps.

Keras does not look at ``initial_state`` when it builds a model: the recurrent
layers' ``compute_output_shape`` ignores it, so ``summary()`` prints a model
whose states do not fit, and the call fails only when the model runs (the
cell's matrix product, "mat1 and mat2 shapes cannot be multiplied", or "list
index out of range" for a missing state). archcalc checks what that run
needs: one state per state the layer keeps (LSTM and ConvLSTM: h and c;
SimpleRNN and GRU: one), each of the shape the layer's ``return_state``
outputs. Bidirectional gives its forward layer the first half of the list
(``len // 2`` states) and its backward layer the rest, as Keras does.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from archcalc.shapes import Shape, ShapeError, format_shape

#: how Keras refuses a keyword its layer's ``call`` does not take
UNEXPECTED = "got an unexpected keyword argument"
RUNS = "Keras builds such a model (it does not check initial_state) but fails when it runs it"
EXTRA = (
    "Keras builds such a model (it does not check initial_state); when it runs it, it fails or "
    "ignores the extra states, depending on the layer"
)


def check_initial_state(
    kind: Any, cfg: Any, data: list[Shape], states: list[Shape], refs: Sequence[str]
) -> None:
    """Raise :class:`ShapeError` unless ``states`` are the ones this call's layer keeps."""
    if not kind.takes_initial_state:
        raise ShapeError(
            f"{kind.name} takes no initial_state; only recurrent layers do (Keras: "
            f"{UNEXPECTED} 'initial_state')"
        )
    groups = kind.initial_state_groups(dict(cfg), data)
    if groups is None:  # a declared (custom) layer: its states are not checked
        return
    if len(groups) == 1:
        parts = [(0, states, *groups[0], "")]
    else:  # Bidirectional: the first half forward, the rest backward
        half = len(states) // 2
        parts = [
            (0, states[:half], *groups[0], "forward "),
            (half, states[half:], *groups[1], "backward "),
        ]
    for start, given, layer, wanted, which in parts:
        if len(given) != len(wanted):
            raise ShapeError(
                _count_message(kind.name, len(states), len(groups), which, given, wanted)
            )
        for k, (got, want) in enumerate(zip(given, wanted, strict=True)):
            i = start + k
            if not _fits(got, want):
                raise ShapeError(
                    f"initial_state[{i}] ({refs[i]}) has shape {format_shape(got)}, but the "
                    f"{which}{layer} keeps {_states(wanted)}; {RUNS}"
                )


def _fits(got: Shape, want: Shape) -> bool:
    """Same rank, and every dimension both know is equal (None fits anything)."""
    return len(got) == len(want) and all(
        a is None or b is None or a == b for a, b in zip(got, want, strict=True)
    )


def _states(shapes: list[Shape]) -> str:
    if len(shapes) == 1:
        return f"one state of shape {format_shape(shapes[0])}"
    shown = [format_shape(s) for s in shapes]
    return f"{len(shapes)} states, of shapes {', '.join(shown[:-1])} and {shown[-1]}"


def _count_message(
    name: str, total: int, n_groups: int, which: str, given: list[Shape], wanted: list[Shape]
) -> str:
    got = f"{total} state{'s' if total != 1 else ''}"
    runs = RUNS if len(given) < len(wanted) else EXTRA
    if n_groups == 1:
        return f"initial_state gives {got}, but {name} keeps {_states(wanted)}; {runs}"
    return (
        f"initial_state gives {got}; Keras gives the {which}layer {len(given)} of them "
        f"(forward: the first half, backward: the rest), but it keeps {_states(wanted)}; {runs}"
    )
