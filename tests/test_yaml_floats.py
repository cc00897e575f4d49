"""YAML 1.2 floats: ``epsilon: 1e-6`` is a number, as a Keras user means it.

PyYAML implements YAML 1.1, whose float pattern needs a dot and a signed
exponent, so it reads ``1e-6`` as text; the reader resolves such plain
scalars as floats. Quoted text stays text.
"""

from __future__ import annotations

import pytest

import archcalc

SPEC = "inputs: {x: [8]}\nlayers:\n  - {type: ELU, alpha: %s}\n"


@pytest.mark.parametrize(
    ("text", "value"),
    [("1e-6", 1e-6), ("1E-3", 1e-3), ("1.5e2", 150.0), ("-2e0", -2.0), ("1.0e-06", 1e-6)],
)
def test_plain_exponent_is_a_float(text: str, value: float) -> None:
    spec = archcalc.load_text(SPEC % text)
    assert spec.layers[0].config["alpha"] == value


@pytest.mark.parametrize("text", ['"1e-6"', "'1e-6'"])
def test_quoted_exponent_stays_text(text: str) -> None:
    with pytest.raises(archcalc.ArchcalcError, match="alpha must be a number"):
        archcalc.load_text(SPEC % text)
