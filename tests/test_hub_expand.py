"""``summary --expand-blocks``: archcalc's inner view of keras_hub blocks, row by row from the
layer tree keras_hub built (tests/golden/keras/hub/llama/small/layers.json.gz; Keras's
per-process auto-names such as ``dropout_1`` are shown as the first block's); the plain table
and ``--expand-nested`` stay Keras's."""

from __future__ import annotations

import gzip
import json

from archcalc.cli import main
from tests.conftest import KERAS
from tests.test_hub_sublayers import named

CONFIG = KERAS / "hub" / "llama" / "small"


def rows(text: str) -> list[tuple[str, str]]:
    """(name, params) of each table row, nested rows' prefix "└ " dropped."""
    out = []
    for line in text.splitlines():
        cells = [c.strip() for c in line.split("│")[1:-1]]
        if len(cells) == 4 and cells[0] and cells[2]:
            out.append((cells[0].lstrip("└ ").split(" (")[0], cells[2]))
    return out


def test_expand_blocks_lists_each_blocks_sublayers(runner) -> None:
    r = runner.invoke(
        main, ["summary", str(CONFIG / "config.json"), "--expand-blocks", "-w", "250"]
    )
    assert r.exit_code == 0, r.stderr
    tree = json.loads(gzip.decompress((CONFIG / "layers.json.gz").read_bytes()))["tree"]
    expected: list[tuple[str, str]] = []

    def walk(entry: dict) -> None:
        if entry.get("eager_output_shape") is None and entry.get("path") is None:
            return  # built but never called: left out of the view
        expected.append((entry["name"], f"{entry['params']:,}"))
        for child in entry.get("sublayers", []):
            walk(child)

    for entry in tree:
        if entry["class"] == "InputLayer":
            expected.append((entry["name"], "0"))
            continue
        walk(entry)
    got = rows(r.stdout)
    assert len(got) == len(expected)
    for (name, params), (keras_name, keras_params) in zip(got, expected, strict=True):
        assert named(name, keras_name) and params == keras_params, (name, keras_name)
    plain = runner.invoke(main, ["summary", str(CONFIG / "config.json")], env={"COLUMNS": "200"})
    nested = runner.invoke(
        main, ["summary", str(CONFIG / "config.json"), "--expand-nested"], env={"COLUMNS": "200"}
    )
    assert (
        nested.stdout
        == plain.stdout
        == (CONFIG / "summary-wide.txt").read_text().rstrip("\n") + "\n"
    )
