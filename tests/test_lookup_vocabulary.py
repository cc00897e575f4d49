"""Lookup layers' vocabulary sizes from a .keras archive's assets.

tests/golden/keras/archives/ holds small archives Keras 3.15.1 saved with adapted or
file-vocabulary lookup layers (generators/archives.py) and each one's report.json: the
archive's members, the lookup layers' configs and the assets' text. The size archcalc
reads (the vocabulary file's lines, as Keras's load_assets reads them) is handed to the
layer as its config's ``vocabulary_size``; the lookup kinds themselves read it.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

import archcalc
from archcalc.reader.keras_archive import read_keras_archive
from archcalc.reader.keras_files import keras_tree
from archcalc.reader.limits import Limits
from tests.conftest import KERAS

ARCHIVES = KERAS / "archives"
ADAPTED = ["slookup_adapted", "tv_adapted_int"]


def report(name: str) -> dict:
    return json.loads((ARCHIVES / name / "report.json").read_text())


@pytest.mark.parametrize("name", [*ADAPTED, "ilookup_vocab_list"])
def test_vocabulary_files_are_counted_as_keras_reads_them(name: str) -> None:
    got = read_keras_archive(str(ARCHIVES / f"{name}.keras"), Limits()).vocabularies
    want = {
        path.removeprefix("assets/").removesuffix("/vocabulary.txt"): len(text.split("\n"))
        for path, text in report(name)["assets"].items()
    }
    assert got == want
    sizes = {x["config"]["vocabulary_size"] for x in report(name)["lookup_layers_in_config.json"]}
    assert set(got.values()) <= sizes  # Keras's own count agrees


def lookup_entry(tree, name: str) -> dict:
    return next(e.plain() for e in tree.value["layers"].value if e.plain().get("name") == name)


@pytest.mark.parametrize(
    ("name", "layer", "size"),
    [("slookup_adapted", "string_lookup", 6), ("tv_adapted_int", "text_vectorization", 9)],
)
def test_the_layer_gets_the_assets_vocabulary_size(
    name: str, layer: str, size: int, tmp_path: Path
) -> None:
    """'' (mask), [UNK] and 4 words; TextVectorization: '', [UNK] and 7 words."""
    text = report(name)["assets"][f"assets/layers/{layer}/vocabulary.txt"]
    assert len(text.split("\n")) == size
    # a config without the size (an older writer): the asset gives it
    path = _with_config(ARCHIVES / f"{name}.keras", tmp_path / "m.keras", layer, None)
    tree, _, _, _ = keras_tree(str(path))
    assert lookup_entry(tree, layer)["vocabulary_size"] == size


def test_a_size_the_vocabulary_contradicts_is_refused(tmp_path: Path) -> None:
    """Keras, loading it, refuses a frozen size that is not the vocabulary's (any mode but int)."""
    path = _with_config(
        ARCHIVES / "slookup_adapted.keras", tmp_path / "m.keras", "string_lookup", 99, "multi_hot"
    )
    with pytest.raises(archcalc.ArchcalcError) as info:
        keras_tree(str(path))
    [d] = info.value.diagnostics
    assert d.message == (
        "string_lookup: vocabulary_size is 99, but the archive's vocabulary "
        "(assets/layers/string_lookup/vocabulary.txt) has 6 lines; Keras refuses to load it: "
        '"the vocabulary size cannot be changed after the layer is called. Old vocab size is '
        '99, new vocab size is 6"'
    )
    # in int mode the size does not shape anything and Keras takes the vocabulary's
    path = _with_config(
        ARCHIVES / "slookup_adapted.keras", tmp_path / "n.keras", "string_lookup", 99
    )
    tree, _, _, _ = keras_tree(str(path))
    assert lookup_entry(tree, "string_lookup")["vocabulary_size"] == 6


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"a\nb\xff\n", "is not UTF-8 text (byte 3), so Keras could not read this vocabulary back"),
        (b"x" * 20_000, "would unpack to 20,000 bytes, more than the limit of 10,000"),
    ],
)
def test_a_vocabulary_file_is_untrusted_input(data: bytes, message: str, tmp_path: Path) -> None:
    src = ARCHIVES / "slookup_adapted.keras"
    dest = tmp_path / "m.keras"
    member = "assets/layers/string_lookup/vocabulary.txt"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, data if info.filename == member else zin.read(info))
    with pytest.raises(archcalc.ArchcalcError) as info:
        read_keras_archive(str(dest), Limits(max_file_bytes=10_000))
    assert message in str(info.value)


def _with_config(
    src: Path, dest: Path, layer: str, size: int | None, mode: str | None = None
) -> Path:
    """A copy of an archive whose lookup layer's config says another size (or none)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "config.json":
                config = json.loads(data)
                for entry in config["config"]["layers"]:
                    if entry["config"]["name"] == layer:
                        entry["config"]["vocabulary_size"] = size
                        if mode is not None:
                            entry["config"]["output_mode"] = mode
                data = json.dumps(config).encode()
            zout.writestr(info.filename, data)
    return dest
