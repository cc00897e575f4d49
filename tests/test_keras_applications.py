"""Every other keras.applications model (NASNet excepted), saved config in, Keras's numbers out.

tests/golden/keras/applications/<model>/ holds what Keras 3.15.1 wrote for
``keras.applications.<Model>(weights=None)`` (generators/one_app.py): the
``to_json()`` config, per-row name, class, output shape and parameter split
in ``model.operations`` order, and the summary it printed (COLUMNS=200).
The families tested in test_keras_models.py (ResNet50, VGG16, ...) are not
repeated here.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

import archcalc
from archcalc.render.cells import TableOptions
from tests.conftest import KERAS
from tests.test_keras_models import archcalc_rows, keras_rows

APPS = KERAS / "applications"
MODELS = sorted(p.name for p in APPS.iterdir() if p.is_dir())


def read(model: str, name: str) -> str:
    return gzip.decompress((APPS / model / f"{name}.gz").read_bytes()).decode("utf-8")


def test_every_family_variant_is_here() -> None:
    assert len(MODELS) == 23


@pytest.mark.parametrize("model", MODELS)
def test_application_equals_keras(model: str, tmp_path: Path) -> None:
    path = tmp_path / f"{model}.json"
    path.write_text(read(model, "config.json"), encoding="utf-8")
    result = archcalc.infer(archcalc.load(str(path)))
    keras = json.loads(read(model, "layers.json"))
    assert archcalc_rows(result) == keras_rows(keras["layers"])
    t = keras["totals"]
    assert (result.total_params, result.trainable_params, result.non_trainable_params) == (
        t["total"],
        t["trainable"],
        t["non_trainable"],
    )
    expected = read(model, "summary-wide.txt").rstrip("\n").splitlines()
    assert (
        archcalc.render_summary(result, TableOptions(terminal_columns=200))
        .rstrip("\n")
        .splitlines()
        == expected
    )
