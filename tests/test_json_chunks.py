"""A big model's JSON is written in pieces (never whole in memory) that join to the one text."""

from __future__ import annotations

import json

import archcalc
from archcalc.analysis import analyze
from archcalc.render.json import json_chunks, result_dict
from archcalc.render.json_rows import CHUNK_ROWS


def test_pieces_join_to_the_whole_text() -> None:
    n = 2 * CHUNK_ROWS + 10
    text = "name: chain\ninputs: {x: [4]}\nlayers:\n" + "  - {type: Dense, units: 4}\n" * n
    result = archcalc.infer(archcalc.load_text(text, "chain.yaml"))
    costs = analyze(result)
    pieces = list(json_chunks(result, costs))
    assert len(pieces) >= 3  # about CHUNK_ROWS layer lines a piece
    data = json.loads("".join(pieces))
    # the same data as the whole dict, made eagerly and written by the standard library
    assert data == json.loads(json.dumps(result_dict(result, costs)))
    assert len(data["layers"]) == n + 1  # the InputLayer row too
    assert data["total_params"] == n * (4 * 4 + 4)  # each Dense: 4x4 kernel + 4 bias
