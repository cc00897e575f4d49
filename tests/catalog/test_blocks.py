"""A Functional model built from many catalog kinds prints exactly what Keras 3 printed.

tests/golden/keras/catalog_blocks.keras-*.txt come from Keras 3.15.1 (torch
backend) building the same model as tests/catalog/blocks.yaml, layer by
layer with the same names (``-wide`` at COLUMNS=200, ``-80col`` with stdout
piped), captured through ``print_fn=print``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import archcalc
from archcalc.render.cells import TableOptions
from tests.conftest import KERAS

SPEC = Path(__file__).resolve().parent / "blocks.yaml"


@pytest.mark.parametrize(("variant", "columns"), [("wide", 200), ("80col", 80)])
def test_blocks_summary_equals_keras(variant: str, columns: int) -> None:
    result = archcalc.infer(archcalc.load(str(SPEC)))
    text = archcalc.render_summary(result, TableOptions(terminal_columns=columns))
    expected = (KERAS / f"catalog_blocks.keras-{variant}.txt").read_text(encoding="utf-8")
    assert text.rstrip("\n").splitlines() == expected.rstrip("\n").splitlines()


def test_blocks_totals() -> None:
    """The arithmetic behind Keras's totals, written out."""
    result = archcalc.infer(archcalc.load(str(SPEC)))
    bn = 4 * 16  # gamma, beta, moving_mean, moving_variance over 16 channels
    layer_norm = 2 * 60 * 60 * 16  # gamma and beta over axes 1, 2, 3
    total = (
        3 * 3 * 3 * 16  # stem
        + 3 * bn
        + 3 * 3 * 16  # depthwise
        + 16 * 16  # project 1x1
        + 2 * 2 * 8 * 16 + 8  # transposed conv: kernel (2, 2, 8, 16) + bias
        + 3 * 3 * 8 * 2 + 8 * 2 * 8 + 8  # separable on 8 channels: depthwise, pointwise, bias
        + 2 * 8  # group norm
        + layer_norm
        + 16 * 10 + 10  # logits
        + 10  # PReLU alpha
    )  # fmt: skip
    frozen = bn  # stem_bn has trainable: false
    moving = 2 * 16 * 2  # dw_bn and project_bn moving statistics
    assert result.total_params == total == 117_220
    assert result.non_trainable_params == frozen + moving == 128
