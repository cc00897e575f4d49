"""The one output-length formula shared by convolutions and pooling (and its inverse).

Expected values are Keras 3 results recorded in keras-notes.md §4.2 (verified
by building the layers), or arithmetic written out in the row.
"""

from __future__ import annotations

import pytest

from archcalc.shapes import (
    ShapeError,
    broadcast_elementwise,
    conv_output_length,
    conv_transpose_output_length,
    format_shape,
    format_shapes,
)


@pytest.mark.parametrize(
    ("n", "k", "s", "padding", "d", "expected"),
    [
        (28, 5, 1, "valid", 1, 24),  # 28 - 5 + 1
        (28, 2, 2, "same", 1, 14),  # ceil(28 / 2)
        (28, 2, 2, "valid", 1, 14),  # floor((28 - 2) / 2) + 1
        (28, 3, 2, "valid", 1, 13),  # floor(25 / 2) + 1
        (28, 3, 1, "valid", 2, 24),  # k_eff = 5: 28 - 5 + 1
        (100, 3, 1, "causal", 2, 100),  # causal keeps the length
        (100, 4, 3, "same", 1, 34),  # ceil(100 / 3)
        (11, 2, 2, "valid", 1, 5),  # MaxPooling1D() on 11 -> 5
        (28, 3, 3, "valid", 1, 9),  # MaxPooling2D(3) -> 9
        (28, 3, 3, "same", 1, 10),  # MaxPooling2D(3, same) -> 10
        (7, 2, 2, "same", 1, 4),  # AveragePooling2D(2, same) 7 -> 4
        (4, 5, 1, "valid", 1, 0),  # too small: callers report it
        (None, 3, 1, "valid", 1, None),  # unknown stays unknown
    ],
)
def test_conv_output_length(n, k, s, padding, d, expected) -> None:
    assert conv_output_length(n, k, s, padding, d) == expected


@pytest.mark.parametrize(
    ("n", "k", "s", "padding", "op", "expected"),
    [
        # Conv2DTranspose(16, 3) on 8x8 (keras-notes.md §4.2)
        (8, 3, 1, "valid", None, 10),  # (8 - 1) * 1 + 3
        (8, 3, 2, "same", None, 16),  # 8 * 2
        (8, 3, 2, "valid", None, 17),  # (8 - 1) * 2 + 3
        (8, 2, 3, "valid", None, 24),  # (8 - 1) * 3 + 2 + (max(2, 3) - 2)
        (8, 3, 2, "same", 1, 16),  # (8 - 1) * 2 + 3 % 2 + 1
        (8, 3, 2, "valid", 1, 18),  # (8 - 1) * 2 + 3 + 1
        (None, 3, 2, "same", None, None),
    ],
)
def test_conv_transpose_output_length(n, k, s, padding, op, expected) -> None:
    assert conv_transpose_output_length(n, k, s, padding, op) == expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ((3, 4), (4,), (3, 4)),
        ((3, 4), (1, 4), (3, 4)),
        ((3, 4), (3, 1), (3, 4)),
        ((None, 4), (3, 4), (None, 4)),
        ((4,), (4,), (4,)),
    ],
)
def test_broadcast_elementwise(a, b, expected) -> None:
    assert broadcast_elementwise(a, b) == expected
    assert broadcast_elementwise(b, a) == expected


def test_broadcast_incompatible() -> None:
    with pytest.raises(ShapeError, match="incompatible shapes"):
        broadcast_elementwise((4,), (5,))


def test_format_shape_like_keras() -> None:
    assert format_shape((None, 24, 24, 32)) == "(None, 24, 24, 32)"
    assert format_shape((None,)) == "(None)"  # Keras prints rank 1 without a comma
    assert format_shapes(((None, 4), (None, 4))) == "[(None, 4), (None, 4)]"
