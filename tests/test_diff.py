"""``diff_results``: which layers pair up, what changed, where a change starts.

Every number below is worked out from the Keras formulas (Conv2D:
k*k*c_in*filters + filters; Dense: (d_in + 1) * units), not taken from
archcalc's output. The spec pairs live in tests/diff/ and specs/examples/,
each with the same arithmetic in its header comment.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import archcalc
import archcalc.results
from archcalc.diff import ModelDiff, diff_results, is_auto_name
from archcalc.diff.align import DP_CELLS, Slot, align
from tests.conftest import ROOT

DIFFS = ROOT / "tests" / "diff"
SEQ, CONV, FUNC = "seed_sequential", "seed_conv", "seed_functional"


@dataclass(frozen=True)
class Case:
    old: str
    new: str
    totals: tuple[int, int]  # total params before, after
    #: layer (new name; old name if removed) -> (status, cause, params before, params after, origin)
    layers: dict[str, tuple[str, str | None, int | None, int | None, tuple[str, ...]]]
    trainable: tuple[int, int] | None = None  # trainable params before, after (default: = totals)
    renamed: dict[str, str] = field(default_factory=dict)  # new name -> old name
    model_changes: tuple[str, ...] = ()


SEED_FUNCTIONAL_TOTAL = 832 + 800 + 65_450 + 11  # 67,093


def edit_of_functional(case: str, layers: dict, total: int = SEED_FUNCTIONAL_TOTAL, **kw) -> Case:
    """seed_functional against tests/diff/<case>.yaml, one edit of it."""
    return Case(
        f"specs/{FUNC}.yaml",
        f"tests/diff/{case}.yaml",
        (SEED_FUNCTIONAL_TOTAL, total),
        layers,
        **kw,
    )


CASES = {
    # conv2d: 5*5*1*64 + 64 = 1,664 (was 5*5*1*32 + 32 = 832);
    # conv2d_1: 5*5*64*32 + 32 = 51,232 (was 5*5*32*32 + 32 = 25,632);
    # total 1,664 + 51,232 + 6,402 = 59,298, delta +26,432.
    "arg_change": Case(
        f"specs/{CONV}.yaml",
        "specs/examples/seed_conv_wide.yaml",
        (832 + 25_632 + 6_402, 1_664 + 51_232 + 3200 * 2 + 2),
        {
            "conv2d": ("changed", "own", 832, 5 * 5 * 1 * 64 + 64, ()),
            "conv2d_1": ("changed", "upstream", 25_632, 5 * 5 * 64 * 32 + 32, ("conv2d",)),
            "max_pooling2d": ("unchanged", None, 0, 0, ()),
            "dense": ("unchanged", None, 6_402, 6_402, ()),
        },
    ),
    # hidden2: 10*5 + 5 = 55 (added); output reads 5 values: 5*1 + 1 = 6 (was 11).
    "added_layer": Case(
        f"specs/{FUNC}.yaml",
        "specs/examples/seed_functional_deeper.yaml",
        (SEED_FUNCTIONAL_TOTAL, 832 + 800 + 65_450 + 55 + 6),
        {
            "hidden2": ("added", None, None, 10 * 5 + 5, ()),
            "output": ("changed", "upstream", 11, 5 * 1 + 1, ("hidden2",)),
            "hidden1": ("unchanged", None, 65_450, 65_450, ()),
        },
    ),
    # Without pool2, flat2 reads conv2's 22*22*16 = 7,744 values; concat 4,608 + 7,744;
    # hidden1 12,352*10 + 10 = 123,530.
    "removed_layer": edit_of_functional(
        "removed_layer",
        {
            "pool2": ("removed", None, 0, None, ()),
            "flat2": ("changed", "upstream", 0, 0, ("pool2",)),
            "concat": ("changed", "upstream", 0, 0, ("pool2",)),
            "hidden1": ("changed", "upstream", 65_450, 12_352 * 10 + 10, ("pool2",)),
            "output": ("unchanged", None, 11, 11, ()),
        },
        total=832 + 800 + (4608 + 22 * 22 * 16) * 10 + 10 + 11,
    ),
    "rename": edit_of_functional(
        "rename",
        {
            "stem": ("changed", "own", 832, 832, ()),
            "pool1": ("unchanged", None, 0, 0, ()),
        },
        renamed={"stem": "conv1"},
    ),
    # One unnamed Dense(4) inserted first: dense 2*4 + 4 = 12; the old dense (now dense_1)
    # reads 4 values: (4 + 1)*8 = 40 (was (2 + 1)*8 = 24); the old dense_1 (now dense_2)
    # keeps (8 + 1)*2 = 18.
    "auto_insert": Case(
        f"specs/{SEQ}.yaml",
        "tests/diff/auto_insert.yaml",
        (24 + 18, 12 + 40 + 18),
        {
            "dense": ("added", None, None, 2 * 4 + 4, ()),
            "dense_1": ("changed", "upstream", 24, (4 + 1) * 8, ("dense",)),
            "dense_2": ("changed", "upstream", 18, (8 + 1) * 2, ("dense",)),
        },
        renamed={"dense_1": "dense", "dense_2": "dense_1"},
    ),
    # hidden1 frozen: its 65,450 parameters move to non-trainable.
    "trainable_flip": edit_of_functional(
        "trainable_flip",
        {"hidden1": ("changed", "own", 65_450, 65_450, ())},
        trainable=(SEED_FUNCTIONAL_TOTAL, SEED_FUNCTIONAL_TOTAL - 65_450),
    ),
    # conv1 kernel 3: 3*3*1*32 + 32 = 320, 26x26; pool1 13x13; flat1 13*13*32 = 5,408;
    # concat 5,408 + 1,936 = 7,344; hidden1 7,344*10 + 10 = 73,450.
    "shape_propagation": edit_of_functional(
        "shape_propagation",
        {
            "conv1": ("changed", "own", 832, 3 * 3 * 1 * 32 + 32, ()),
            "pool1": ("changed", "upstream", 0, 0, ("conv1",)),
            "flat1": ("changed", "upstream", 0, 0, ("conv1",)),
            "concat": ("changed", "upstream", 0, 0, ("conv1",)),
            "hidden1": ("changed", "upstream", 65_450, (5408 + 1936) * 10 + 10, ("conv1",)),
            "conv2": ("unchanged", None, 800, 800, ()),
            "flat2": ("unchanged", None, 0, 0, ()),
            "output": ("unchanged", None, 11, 11, ()),
        },
        total=320 + 800 + 73_450 + 11,
    ),
    "identical": edit_of_functional(
        "identical",
        {name: ("unchanged", None, p, p, ()) for name, p in [("conv1", 832), ("output", 11)]},
    ),
    # 32x32 inputs: conv2d 28x28, conv2d_1 24x24, pooling 12x12, flatten 12*12*32 = 4,608,
    # dense 4,608*2 + 2 = 9,218; the convolutions keep 832 and 25,632.
    "input_shape": Case(
        f"specs/{CONV}.yaml",
        "tests/diff/input_shape.yaml",
        (32_866, 832 + 25_632 + 4608 * 2 + 2),
        {
            "input_layer": ("changed", "own", 0, 0, ()),
            "conv2d": ("changed", "upstream", 832, 832, ("input_layer",)),
            "flatten": ("changed", "upstream", 0, 0, ("input_layer",)),
            "dense": ("changed", "upstream", 6_402, 9_218, ("input_layer",)),
        },
    ),
    "output_change": edit_of_functional(
        "output_change",
        {"hidden1": ("unchanged", None, 65_450, 65_450, ())},
        model_changes=("outputs",),
    ),
    "type_change": edit_of_functional(
        "type_change",
        {"pool1": ("changed", "own", 0, 0, ()), "flat1": ("unchanged", None, 0, 0, ())},
    ),
    "rewire": edit_of_functional(
        "rewire",
        {
            "concat": ("changed", "own", 0, 0, ()),
            "hidden1": ("unchanged", None, 65_450, 65_450, ()),
        },
    ),
    "functional_inputs": Case(
        f"specs/{SEQ}.yaml",
        "tests/diff/functional_inputs.yaml",
        (42, 42),
        {"features": ("changed", "own", 0, 0, ()), "dense": ("unchanged", None, 24, 24, ())},
        renamed={"features": "input_layer"},
        model_changes=("model_type",),
    ),
}


def run_case(case: Case) -> ModelDiff:
    old = archcalc.infer(archcalc.load(str(ROOT / case.old)))
    new = archcalc.infer(archcalc.load(str(ROOT / case.new)))
    return diff_results(old, new)


@pytest.mark.parametrize("name", sorted(CASES))
def test_case(name: str) -> None:
    case = CASES[name]
    d = run_case(case)
    by_name = {x.name: x for x in d.layers}
    for layer, (status, cause, before, after, origin) in case.layers.items():
        got = by_name[layer]
        params = got.metrics[0]
        assert params.key == "total_params"
        assert (got.status, got.cause) == (status, cause), layer
        assert (params.old if got.old else None, params.new if got.new else None) == (
            before,
            after,
        ), layer
        assert got.origin == origin, layer
    renamed = {x.new.name: x.old.name for x in d.layers if x.renamed and x.new and x.old}
    assert renamed == case.renamed
    assert tuple(c.field for c in d.model_changes) == case.model_changes
    total = d.metric("total_params")
    assert (total.old, total.new) == case.totals
    trainable = d.metric("trainable_params")
    assert (trainable.old, trainable.new) == (case.trainable or case.totals)
    non_trainable = d.metric("non_trainable_params")
    assert non_trainable.new == total.new - trainable.new
    assert d.identical == (name == "identical")
    # Every layer of both models appears exactly once.
    assert sorted(x.old.name for x in d.layers if x.old) == sorted(
        x.name for x in archcalc.infer(archcalc.load(str(ROOT / case.old))).layers
    )


def test_arg_change_details() -> None:
    d = run_case(CASES["arg_change"])
    conv = next(x for x in d.layers if x.name == "conv2d")
    assert [(c.field, c.old, c.new) for c in conv.definition_changes] == [("filters", 32, 64)]
    shape = conv.change("output_shape")
    assert shape is not None
    assert (shape.old, shape.new) == (((None, 24, 24, 32),), ((None, 24, 24, 64),))
    total = d.metric("total_params")
    assert total.delta == 59_298 - 32_866 == 26_432
    assert total.percent == pytest.approx(100 * 26_432 / 32_866)
    assert d.metric("non_trainable_params").percent is None  # 0 before: no percentage


def test_default_and_spelling(write) -> None:
    """Arguments compare normalised: [5, 5] is 5; dropping an argument shows its default."""
    base = "layers:\n  - {type: Conv2D, filters: 4, kernel_size: %s, %sinput_shape: [8, 8, 1]}\n"
    a = archcalc.infer(archcalc.load(write(base % ("5", "activation: relu, "), "a.yaml")))
    b = archcalc.infer(archcalc.load(write(base % ("[5, 5]", ""), "b.yaml")))
    d = diff_results(a, b)
    conv = next(x for x in d.layers if x.name == "conv2d")
    (change,) = conv.definition_changes
    assert (change.field, change.old, change.new) == ("activation", "relu", None)
    assert (change.old_default, change.new_default) == (False, True)


SAME_MODEL_SPELLED_TWICE = [
    # a layer's first call is dead (no output uses it): a saved Keras model keeps only the
    # live call, numbered 0, where the spec's call is the layer's second
    (
        "inputs: {x: [4]}\nlayers:\n  - {name: d, type: Dense, units: 3, inputs: x}\n"
        "  - {name: d_again, share: d, inputs: x}\n  - {name: drop, type: Dropout, rate: 0.1}\n"
        "outputs: [drop, d_again]\n",
        "inputs: {x: [4]}\nlayers:\n  - {name: d, type: Dense, units: 3, inputs: x}\n"
        "  - {name: drop, type: Dropout, rate: 0.1}\noutputs: [drop, d]\n",
    ),
    # Keras saves 'swish' as 'silu' and 'hard_swish' as 'hard_silu' (checked with Keras 3.15)
    (
        "layers:\n  - {type: Dense, units: 3, activation: swish, input_shape: [4]}\n"
        "  - {type: Activation, activation: hard_swish}\n",
        "layers:\n  - {type: Dense, units: 3, activation: silu, input_shape: [4]}\n"
        "  - {type: Activation, activation: hard_silu}\n",
    ),
    # a nested model naming its last layer as its output, as a Keras file does
    (
        "inputs: {x: [4]}\nlayers:\n  - {name: sub, type: Functional, model: {inputs: {i: [4]}, "
        "layers: [{name: a, type: Dense, units: 2}]}}\n",
        "inputs: {x: [4]}\nlayers:\n  - {name: sub, type: Functional, model: {inputs: {i: [4]}, "
        "layers: [{name: a, type: Dense, units: 2}], outputs: [a]}}\n",
    ),
]


@pytest.mark.parametrize(("old", "new"), SAME_MODEL_SPELLED_TWICE)
def test_same_model_spelled_twice_has_no_differences(old: str, new: str) -> None:
    d = diff_results(
        archcalc.infer(archcalc.load_text(old)), archcalc.infer(archcalc.load_text(new))
    )
    assert [x.name for x in d.layers if x.status != "unchanged"] == []
    assert d.model_changes == ()


def test_trainable_metrics_move() -> None:
    d = run_case(CASES["trainable_flip"])
    hidden = next(x for x in d.layers if x.name == "hidden1")
    moved = {m.key: (m.old, m.new) for m in hidden.metrics}
    assert moved == {
        "total_params": (65_450, 65_450),
        "trainable_params": (65_450, 0),
        "non_trainable_params": (0, 65_450),
    }


@pytest.mark.parametrize(
    ("name", "type_name", "auto"),
    [
        ("dense", "Dense", True),
        ("dense_12", "Dense", True),
        ("conv2d_1", "Conv2D", True),
        ("max_pooling2d", "MaxPooling2D", True),
        ("input_layer", "InputLayer", True),
        ("dense_x", "Dense", False),
        ("hidden1", "Dense", False),
        ("conv2d", "Dense", False),
    ],
)
def test_auto_names(name: str, type_name: str, auto: bool) -> None:
    assert is_auto_name(name, type_name) is auto


def _slots(text: str) -> list[Slot]:
    """``"d:Dense:8 a!:Dense:2"``: name:type:args; a trailing ! marks an explicit name."""
    out = []
    for item in text.split():
        name, kind, args = item.split(":")
        out.append(Slot(name.rstrip("!"), kind, not name.endswith("!"), args))
    return out


@pytest.mark.parametrize(
    ("old", "new", "pairs"),
    [
        # Insertion before auto-named layers: pair by arguments, not by the shifted names.
        ("dense:D:8 dense_1:D:2", "dense:D:4 dense_1:D:8 dense_2:D:2", [(0, 1), (1, 2)]),
        # Same type and place, new explicit name: a rename.
        ("a!:C:1 b!:D:2", "a!:C:1 z!:D:2", [(0, 0), (1, 1)]),
        # Explicit names pair whatever moved; a different type does not pair by structure.
        ("a!:C:1 b!:D:2 c!:P:0", "b!:D:2 a!:C:1 x!:Q:0", [(0, 1), (1, 0)]),
        # Explicit-name anchors keep structural pairs on their own side.
        ("x!:D:1 m!:D:1 y!:D:1", "q!:D:1 m!:D:1 r!:D:1", [(0, 0), (1, 1), (2, 2)]),
        # A changed argument still pairs in place.
        ("conv2d:C:32 flatten:F:0", "conv2d:C:64 flatten:F:0", [(0, 0), (1, 1)]),
        ("", "dense:D:1", []),
    ],
)
def test_align(old: str, new: str, pairs: list[tuple[int, int]]) -> None:
    got = align(_slots(old), _slots(new))
    assert [(i, j) for i, j, _ in got.pairs] == pairs
    assert len(got.removed) == len(_slots(old)) - len(pairs)
    assert len(got.added) == len(_slots(new)) - len(pairs)


def test_align_large_chain_is_fast() -> None:
    """Past DP_CELLS the middle falls back to matching blocks: still pairs by structure."""
    n = 2000
    assert n * n > DP_CELLS
    old = [Slot(f"dense_{i}" if i else "dense", "D", True, i % 3) for i in range(n)]
    new = [Slot("dense", "D", True, 99)] + [
        Slot(f"dense_{i + 1}", "D", True, i % 3) for i in range(n)
    ]
    got = align(old, new)
    assert [(i, j) for i, j, _ in got.pairs] == [(i, i + 1) for i in range(n)]
    assert got.added == (0,)


def test_align_walk_resynchronises() -> None:
    """Different ends and a large middle: the look-ahead walk skips the inserted layer."""
    body = [Slot(f"d{i}", "D", False, i % 3) for i in range(600)]
    extra = Slot("ins", "D", False, 9)
    old = [Slot("x", "X", False, 0), *body, Slot("y", "Y", False, 0)]
    new = [Slot("z", "Z", False, 0), *body[:300], extra, *body[300:], Slot("w", "W", False, 0)]
    # Renaming every body layer keeps the name pass out of it: only structure pairs them.
    old = [Slot(s.name + "_old", s.type, s.auto, s.args) for s in old]
    assert len(old) * len(new) > DP_CELLS
    got = align(old, new)
    expected = [(k, k) for k in range(1, 301)] + [(k, k + 1) for k in range(301, 601)]
    assert [(i, j) for i, j, _ in got.pairs] == expected
    assert got.added == (0, 301, 602) and got.removed == (0, 601)


def test_long_chain_insertion(write) -> None:
    """An unnamed layer inserted at the front of a 3,000-layer chain: one addition, and
    every later layer renumbered, following from it (the path past DP_CELLS)."""
    n = 3000
    body = "".join(f"  - {{type: Dense, units: {8 + i % 3}}}\n" for i in range(n))
    first = "  - {type: Dense, units: 8, input_shape: [4]}\n"
    a = archcalc.infer(archcalc.load(write("layers:\n" + first + body, "a.yaml")))
    b = archcalc.infer(
        archcalc.load(write("layers:\n" + first + "  - {type: Dense, units: 5}\n" + body, "b.yaml"))
    )
    d = diff_results(a, b)
    assert (d.count("added"), d.count("removed")) == (1, 0)
    assert d.count("changed", "own") == 0
    assert d.count("changed", "upstream") == n
    assert all(x.origin == ("dense_1",) for x in d.layers if x.cause == "upstream")


_UNITS = st.lists(st.integers(1, 4), min_size=1, max_size=8)


@settings(max_examples=40, deadline=None)
@given(old=_UNITS, new=_UNITS)
def test_every_layer_accounted_for(old: list[int], new: list[int]) -> None:
    """Whatever the edit, each layer of either model appears exactly once, and the
    models are identical exactly when their specs are."""

    def model(units: list[int]) -> archcalc.results.InferenceResult:
        rows = "".join(f"  - {{type: Dense, units: {u}}}\n" for u in units[1:])
        text = f"layers:\n  - {{type: Dense, units: {units[0]}, input_shape: [3]}}\n{rows}"
        return archcalc.infer(archcalc.load_text(text))

    a, b = model(old), model(new)
    d = diff_results(a, b)
    assert sorted(x.old.name for x in d.layers if x.old) == sorted(x.name for x in a.layers)
    assert [x.new.name for x in d.layers if x.new] == [x.name for x in b.layers]
    assert d.identical == (old == new)
    assert d.metric("total_params").delta == b.total_params - a.total_params
    for x in d.layers:
        if x.cause == "upstream":
            assert x.origin, x  # a consequence always names where it starts
