"""The diff table never shows a cut or split value, at any width, and prints names literally.

At a width too narrow for whole values it refuses (exit 2) naming the width
that fits; piped without ``--width`` it prints at that width. The property
test builds random model pairs and checks, at widths 40-200, that every
number of the JSON diff appears whole in the table and that no number-like
token in the table is anything else (a cut ``2,171,1`` or a split ``9``).
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archcalc.cli import main
from archcalc.cli.width import render_fitting
from archcalc.diff import diff_results
from archcalc.engine import infer_spec
from archcalc.reader.load import model_from_text
from archcalc.render.diff_common import DiffOptions
from archcalc.render.diff_json import render_diff_json
from archcalc.render.diff_table import render_diff_table
from archcalc.render.wrap import WidthError, atoms, text_width, wrap
from tests.conftest import ROOT

SEED = ["specs/seed_conv.yaml", "specs/examples/seed_conv_wide.yaml"]
# a number, not part of a name (conv2d, dense_1) or of a longer number
NUMBER = re.compile(r"(?<![\w.,])\d+(?:,\d+)*(?:\.\d+)?(?![\w])")


def whole(number: str, text: str) -> bool:
    """``number`` occurs in ``text`` with no digit, thousands group or decimals glued to it."""
    return re.search(rf"(?<![\d.])(?<!\d,){re.escape(number)}(?!\d|,\d|\.\d)", text) is not None


def _numbers(value: Any) -> list[int | float]:
    if isinstance(value, bool) or value is None:
        return []
    if isinstance(value, (int, float)):
        return [value]
    if isinstance(value, list):
        return [n for v in value for n in _numbers(v)]
    if isinstance(value, dict):
        return [n for v in value.values() for n in _numbers(v)]
    return []


def shown_numbers(data: dict[str, Any]) -> set[str]:
    """Every number the JSON diff has that the table shows, as the table writes it."""
    out: set[str] = set()

    def count(n: int | float) -> None:
        n = abs(n)
        out.add(f"{n:,.2f}" if isinstance(n, float) and not n.is_integer() else f"{int(n):,}")

    for m in data["totals"]:
        count(m["old"])
        count(m["new"])
        if m["old"] != m["new"]:
            count(m["delta"])
            if m["percent"] is not None:
                out.add(f"{abs(m['percent']):.2f}")
    for x in data["layers"]:
        for side in ("old", "new"):
            if x[side]:
                count(x[side]["params"])
                out.update(str(d) for d in _numbers(x[side]["output_shape"]))
        params = next(m for m in x["metrics"] if m["metric"] == "total_params")
        if x["old"] and x["new"] and params["old"] != params["new"]:
            count(params["delta"])
        for c in x["changes"]:
            out.update(str(n) for n in _numbers([c["old"], c["new"]]))
        split = next(m for m in x["metrics"] if m["metric"] == "non_trainable_params")
        if x["status"] == "changed" and split["old"] != split["new"]:
            count(split["old"])
            count(split["new"])
    out.update(f"{n:,}" for k, n in data["summary"].items() if k != "unchanged")
    hidden = sum(data["summary"].values()) - len(data["layers"])
    if hidden:
        out.add(f"{hidden:,}")  # with --only-changes, "(N unchanged layers not shown)"
    return out


def check_table(data: dict[str, Any], table: str, width: int) -> None:
    body = table.split("\n")[2:]  # the ---/+++ lines are file paths, printed whole
    assert all(text_width(line) <= width for line in body), table
    text = "\n".join(body)
    expected = shown_numbers(data)
    for number in expected:
        if number not in {"0", "1"}:  # too common to tell where they came from
            assert whole(number, text), (number, table)
    for token in NUMBER.findall(text):
        assert token in expected, (token, table)


def _diff(old: str, new: str) -> Any:
    return diff_results(
        infer_spec(model_from_text(old, "<old>").spec),
        infer_spec(model_from_text(new, "<new>").spec),
    )


@pytest.mark.parametrize("width", [40, 60, 64, 65, 80, 100, 200])
def test_seed_widening_at_every_width(width: int) -> None:
    """The issue's example: `filters: 32 →` lost its value at 80, totals were cut at 60."""
    old, new = ((ROOT / p).read_text() for p in SEED)
    diff = _diff(old, new)
    data = json.loads(render_diff_json(diff))
    try:
        table = render_diff_table(diff, DiffOptions(width=width))
    except WidthError as exc:
        assert exc.needed is not None and exc.needed > width
        assert f"use --width {exc.needed} or more" in str(exc)
        table, width = render_diff_table(diff, DiffOptions(width=exc.needed)), exc.needed
    check_table(data, table, width)
    assert "filters: 32 → 64" in " ".join(table.split()) or "→ 64" in table


def test_narrow_width_is_a_usage_error_naming_the_width(runner, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    got = runner.invoke(main, ["diff", *SEED, "--width", "60"])
    assert got.exit_code == 2
    needed = int(re.search(r"use --width (\d+) or more", got.stderr).group(1))
    assert got.stdout == ""
    ok = runner.invoke(main, ["diff", *SEED, "--width", str(needed)])
    assert ok.exit_code == 1 and "non-trainable" not in ok.stdout
    assert max(len(x) for x in ok.stdout.splitlines()[2:]) <= needed
    assert runner.invoke(main, ["diff", *SEED, "--width", str(needed - 1)]).exit_code == 2


def test_piped_without_width_prints_at_the_width_needed(runner, monkeypatch) -> None:
    """COLUMNS says 50, but nothing is cut: output to a pipe is printed as wide as it needs."""
    monkeypatch.chdir(ROOT)
    got = runner.invoke(main, ["diff", *SEED], env={"COLUMNS": "50"})
    assert got.exit_code == 1, got.stderr
    # conv2d's 5x5 filters on 1 channel go from 32 to 64, so conv2d_1 (32 filters) reads 64
    # channels instead of 32; out of seed_conv's 32,866 parameters
    delta = (5 * 5 * 1 * 64 + 64) - (5 * 5 * 1 * 32 + 32)
    delta += (5 * 5 * 64 * 32 + 32) - (5 * 5 * 32 * 32 + 32)
    assert f"+{delta:,} (+{100 * delta / 32_866:.2f}%)" in got.stdout and "→ 1,664" in got.stdout


class _Terminal:
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_without_width_it_refuses() -> None:
    import click

    def render(width: int | None) -> str:
        if width is None:
            raise WidthError("at 50 columns the diff would cut values short; use --width 65", 65)
        return "x" * width

    with pytest.raises(click.UsageError, match="use --width 65"):
        render_fitting(render, None, _Terminal())
    assert render_fitting(render, None, None) == "x" * 65  # not a terminal: printed that wide
    with pytest.raises(click.UsageError):
        render_fitting(render, None, _Terminal())


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("filters: 32 → 64", ["filters:", "32", "→ 64"]),
        ("(None, 24, 24, 32) → (None, 24, 24, 64)", ["(None, 24, 24, 32)", "→ (None, 24, 24, 64)"]),
        ("→ 51,232 (+25,600)", ["→ 51,232", "(+25,600)"]),
        (
            "pool1 (MaxPooling2D → AveragePooling2D)",
            ["pool1", "(MaxPooling2D", "→ AveragePooling2D)"],
        ),
        ("a (never closed", ["a", "(never", "closed"]),
    ],
)
def test_atoms(line: str, expected: list[str]) -> None:
    assert atoms(line) == expected
    assert " ".join(expected) == line


def test_wrap_keeps_atoms_whole() -> None:
    assert wrap("non-trainable params: 64 → 96", 13) == ["non-trainable", "params: 64", "→ 96"]
    assert wrap("Total params: 32,866 → 59,298", 16, 2) == [
        "Total params:",
        "  32,866",
        "  → 59,298",
    ]


NAMES = [
    "[bold]x",
    ":cross_mark: ok",
    "[red]:warning:",
    "tab\there",
    "esc\x1b[31mred",
    "\u202eevil",
]


@pytest.mark.parametrize("color", [False, True])
def test_names_are_printed_literally(color: bool) -> None:
    """rich markup and emoji codes are text; control characters are shown escaped."""
    layers = "".join(
        f"  - {{name: {json.dumps(n)}, type: Dense, units: {k + 2}}}\n" for k, n in enumerate(NAMES)
    )
    old = f"name: {json.dumps(':smile: [b]m[/b]')}\ninputs: {{x: [4]}}\nlayers:\n{layers}"
    new = old.replace("units: 2}", "units: 3}")
    table = render_diff_table(_diff(old, new), DiffOptions(width=200, color=color))
    plain = re.sub(r"\x1b\[[0-9;]*m", "", table)
    for shown in ["[bold]x", ":cross_mark: ok", "[red]:warning:", "tab\\there", "esc\\x1b[31mred"]:
        assert shown in plain, shown
    assert "\\u202eevil" in plain and "\u202e" not in table and "\t" not in table
    assert ":smile: [b]m[/b]" in plain and "❌" not in table and "😄" not in table
    assert "\x1b[31mred" not in table  # the name's own ESC never reaches the terminal


def _feature_layer(draw: Any) -> dict[str, Any]:
    kind = draw(st.sampled_from(["conv", "bn", "pool", "drop"]))
    if kind == "conv":
        f, k = draw(st.integers(1, 4096)), draw(st.integers(1, 3))
        return {"type": "Conv2D", "filters": f, "kernel_size": k, "padding": "same"}
    if kind == "bn":
        return {"type": "BatchNormalization"}
    if kind == "pool":
        return {"type": "MaxPooling2D", "pool_size": 1}
    return {"type": "Dropout", "rate": 0.5}


def _dense(draw: Any) -> dict[str, Any]:
    layer: dict[str, Any] = {"type": "Dense", "units": draw(st.integers(1, 10**6))}
    if draw(st.booleans()):
        layer["trainable"] = False
    return layer


@st.composite
def model_pairs(draw: Any) -> tuple[str, str]:
    """Two related Sequential specs: feature layers, Flatten, Dense layers; then edits."""
    shape = draw(st.lists(st.integers(1, 40), min_size=3, max_size=3))
    old = [_feature_layer(draw) for _ in range(draw(st.integers(1, 4)))]
    old += [{"type": "Flatten"}] + [_dense(draw) for _ in range(draw(st.integers(0, 3)))]
    for i, layer in enumerate(old):  # some layers get names: spaces, brackets, arrows, wide
        name = draw(st.one_of(st.none(), st.text(alphabet="abxy _()[]:中é→", max_size=24)))
        if name is not None:
            layer["name"] = f"{name}_{chr(97 + i)}"
    new = [dict(x) for x in old]
    for _ in range(draw(st.integers(0, 3))):
        edit = draw(st.sampled_from(["insert", "delete", "replace"]))
        k = draw(st.integers(0, len(new) - 1))
        kind = new[k]["type"]
        if edit == "delete" and kind != "Flatten":
            del new[k]
        elif edit == "replace" and kind != "Flatten":
            flat = k > next(i for i, x in enumerate(new) if x["type"] == "Flatten")
            fresh = _dense(draw) if flat else _feature_layer(draw)
            new[k] = {**fresh, **({"name": new[k]["name"]} if "name" in new[k] else {})}
        elif edit == "insert":
            new.insert(k, {"type": "Dropout", "rate": 0.1})
    new_shape = draw(st.sampled_from([shape, [shape[0] + 1, *shape[1:]]]))

    def spec(s: list[int], layers: list[dict[str, Any]]) -> str:
        name = draw(st.sampled_from(["", "name: very_long_model_name_for_the_title_line\n"]))
        body = "".join(f"  - {json.dumps(x, ensure_ascii=False)}\n" for x in layers)
        return f"{name}inputs: {{x: {s}}}\nlayers:\n{body}"

    return spec(shape, old), spec(new_shape, new)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(model_pairs(), st.integers(40, 200), st.booleans())
def test_every_json_number_appears_whole(pair: tuple[str, str], width: int, only: bool) -> None:
    diff = _diff(*pair)
    opts = DiffOptions(width=width, only_changes=only)
    data = json.loads(render_diff_json(diff, opts))
    try:
        table = render_diff_table(diff, opts)
    except WidthError as exc:
        assert exc.needed is not None and exc.needed > width
        opts = DiffOptions(width=exc.needed, only_changes=only)
        table, width = render_diff_table(diff, opts), exc.needed
    check_table(data, table, width)
