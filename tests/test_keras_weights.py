"""--read-weights-shapes: opaque layers' parameters from a .keras archive's model.weights.h5.

Needs h5py, the optional extra ``archcalc[h5]``. Without it these tests skip, except under
ARCHCALC_REQUIRE_H5=1, where they fail: .ci/run installs the extra in a second pass and runs
this module again with that set (its first pass, without the extra, runs
tests/test_opaque_layers.py's checks that the option then explains itself and that h5py is
never imported unless asked).
"""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pytest

import archcalc
from archcalc.cli import main
from archcalc.render.cells import TableOptions
from tests.conftest import KERAS

if os.environ.get("ARCHCALC_REQUIRE_H5"):
    import h5py
else:
    h5py = pytest.importorskip("h5py")

OPAQUE = KERAS / "opaque"


def infer(path: str | Path) -> archcalc.InferenceResult:  # type: ignore[name-defined]
    from archcalc.engine import infer_spec
    from archcalc.reader.load import load_path

    return infer_spec(load_path(str(path), read_weights=True))


def lines(text: str) -> list[str]:
    return text.rstrip("\n").splitlines()


@pytest.mark.parametrize("model", ["opaque_custom", "opaque_torch"])
def test_tables_equal_keras(model: str) -> None:
    """Own weights, sublayers, a kernel a wrapper also keeps (counted once), a frozen layer
    (its own weight frozen, its sublayers' not, as Keras does), a Lambda, a PyTorch Linear."""
    result = infer(OPAQUE / model / "model.keras")
    for variant, columns in (("wide", 200), ("80", 80)):
        got = archcalc.render_summary(result, TableOptions(terminal_columns=columns))
        assert lines(got) == lines((OPAQUE / model / f"summary-{variant}.txt").read_text())


def test_the_weights_file_does_not_say_which_variables_train() -> None:
    """A BatchNormalization inside a custom layer: the total is Keras's, the split is not
    (moving mean and variance count as trainable), and the warning says so."""
    keras = json.loads((OPAQUE / "opaque_batchnorm" / "layers.json").read_text())["totals"]
    result = infer(OPAQUE / "opaque_batchnorm" / "model.keras")
    assert result.total_params == keras["total"] == 4 * 6 + (6 + 1)
    assert (result.trainable_params, keras["trainable"]) == (keras["total"], 2 * 6 + 7)
    [d] = [d for d in result.warnings if d.code == "opaque-layer"]
    assert "the file records shapes, not which variables train" in d.message


def test_cli_option(runner) -> None:
    path = str(OPAQUE / "opaque_torch" / "model.keras")
    r = runner.invoke(main, ["summary", "--read-weights-shapes", path], env={"COLUMNS": "200"})
    assert r.exit_code == 0, r.stderr
    assert lines(r.stdout) == lines((OPAQUE / "opaque_torch" / "summary-wide.txt").read_text())
    assert "its 36 parameters from model.weights.h5" in r.stderr  # Linear(8, 4): 8*4 + 4


def _rewrite(src: Path, dest: Path, weights: bytes | None) -> Path:
    """A copy of an archive with another model.weights.h5 (None: without one)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w") as zout:
        for info in zin.infolist():
            if info.filename != "model.weights.h5":
                zout.writestr(info.filename, zin.read(info))
        if weights is not None:
            zout.writestr("model.weights.h5", weights)
    return dest


def test_a_weights_file_that_is_not_hdf5(tmp_path: Path) -> None:
    bad = _rewrite(OPAQUE / "opaque_torch" / "model.keras", tmp_path / "m.keras", b"\x89HDF junk")
    with pytest.raises(archcalc.ArchcalcError) as info:
        infer(bad)
    assert "cannot read model.weights.h5 as HDF5" in str(info.value)


def test_no_weights_file(tmp_path: Path) -> None:
    bare = _rewrite(OPAQUE / "opaque_torch" / "model.keras", tmp_path / "m.keras", None)
    result = infer(bare)
    assert "the archive has no model.weights.h5 to read" in [d.message for d in result.warnings]
    assert result.layer("linear").params == 0


def test_a_weights_file_over_the_limit(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("ARCHCALC_MAX_WEIGHTS_BYTES", "1000")
    with pytest.raises(archcalc.ArchcalcError) as info:
        infer(OPAQUE / "opaque_torch" / "model.keras")
    [d] = info.value.diagnostics
    assert d.code == "file-too-large" and "more than the limit of 1,000" in d.message


def test_links_to_other_files_are_never_followed(tmp_path: Path) -> None:
    """An external link (another file on disk) or a soft link under a layer adds nothing."""
    src = OPAQUE / "opaque_torch" / "model.keras"
    with zipfile.ZipFile(src) as zf:
        original = zf.read("model.weights.h5")
    secret = tmp_path / "secret.h5"
    with h5py.File(secret, "w") as f:
        f.create_dataset("big", shape=(1000, 1000), dtype="f4")
    patched = tmp_path / "w.h5"
    patched.write_bytes(original)
    with h5py.File(patched, "a") as f:
        group = f["layers/torch_module_wrapper/vars"]
        group["2"] = h5py.ExternalLink(str(secret), "/big")
        group["3"] = h5py.SoftLink("/layers/torch_module_wrapper/vars/0")
    archive = _rewrite(src, tmp_path / "m.keras", patched.read_bytes())
    assert infer(archive).layer("linear").params == 8 * 4 + 4
