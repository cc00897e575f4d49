"""``archcalc diff`` on the command line: goldens per format, exit codes, options, stdin."""

from __future__ import annotations

import json
import re

import pytest

from archcalc.cli import main
from tests.conftest import ROOT
from tests.test_diff import CASES

FORMATS = {"table": "txt", "json": "json", "markdown": "md"}


@pytest.fixture
def at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Relative paths, as a user types them (and as the goldens show them)."""
    monkeypatch.chdir(ROOT)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(name: str, fmt: str, runner, golden, at_root) -> None:
    case = CASES[name]
    got = runner.invoke(main, ["diff", case.old, case.new, "-f", fmt, "-w", "100"])
    assert got.exit_code == (0 if name == "identical" else 1), got.output
    golden.check(f"diff/{name}.{FORMATS[fmt]}", got.stdout)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_only_changes(fmt: str, runner, golden, at_root) -> None:
    case = CASES["shape_propagation"]
    args = ["diff", case.old, case.new, "-f", fmt, "-w", "100", "--only-changes"]
    got = runner.invoke(main, args)
    assert got.exit_code == 1
    golden.check(f"diff/shape_propagation.only-changes.{FORMATS[fmt]}", got.stdout)
    # tests/test_diff.py: conv1 changed; pool1, flat1, concat, hidden1 follow from it.
    shown = ["conv1", "pool1", "flat1", "concat", "hidden1"]
    if fmt == "json":
        assert [x["new"]["name"] for x in json.loads(got.stdout)["layers"]] == shown
    else:
        for name in ("input_data", "conv2", "pool2", "flat2", "output"):
            assert f"{name} (" not in got.stdout and f"`{name}`" not in got.stdout
        for name in shown:
            assert name in got.stdout


def test_json_contract(runner, at_root) -> None:
    """The fields docs/diff.md promises, on the seed_conv widening (arithmetic in test_diff)."""
    case = CASES["arg_change"]
    got = runner.invoke(main, ["diff", case.old, case.new, "-f", "json"])
    data = json.loads(got.stdout)
    assert data["schema_version"] == 1 and data["identical"] is False
    assert data["summary"] == {
        "changed": 1,
        "changed_upstream": 1,
        "added": 0,
        "removed": 0,
        "unchanged": 4,
    }
    total = data["totals"][0]
    assert (total["metric"], total["old"], total["new"], total["delta"]) == (
        "total_params",
        32_866,
        59_298,
        26_432,
    )
    assert total["percent"] == round(100 * 26_432 / 32_866, 2) == 80.42
    conv = next(x for x in data["layers"] if x["new"]["name"] == "conv2d")
    assert conv["changes"][0] == {"field": "filters", "kind": "argument", "old": 32, "new": 64}
    assert conv["new"]["output_shape"] == [None, 24, 24, 64]
    assert conv["new"]["args"] == {"filters": 64, "kernel_size": 5}
    assert conv["old"]["line"] == 5
    follower = next(x for x in data["layers"] if x["new"]["name"] == "conv2d_1")
    assert (follower["cause"], follower["origin"]) == ("upstream", ["conv2d"])


def test_stdin_side(runner, at_root) -> None:
    text = (ROOT / "specs/seed_conv.yaml").read_text()
    got = runner.invoke(main, ["diff", "-", "specs/seed_conv.yaml"], input=text)
    assert got.exit_code == 0, got.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["diff", "specs/seed_conv.yaml"], "Missing argument 'NEW'"),
        (["diff", "a.yaml", "b.yaml", "-f", "pdf"], "'pdf' is not one of"),
        (["diff", "-", "-"], "only one of OLD and NEW can be '-'"),
        (["diff", "a.yaml", "b.yaml", "--width", "10"], "10 is not in the range x>=40"),
    ],
)
def test_usage_errors(args: list[str], message: str, runner, at_root) -> None:
    got = runner.invoke(main, args)
    assert got.exit_code == 2
    assert message in got.stderr


def test_unloadable_side(runner, write, at_root) -> None:
    """Exit 3; the usual file:line:col message, then which side could not be loaded."""
    bad = write("layers:\n  - {type: Dense, unit: 8, input_shape: [2]}\n", "bad.yaml")
    got = runner.invoke(main, ["diff", "specs/seed_sequential.yaml", bad])
    assert got.exit_code == 3
    assert (
        f"{bad}:2:19: layer 1: Dense has no argument 'unit' (did you mean 'units'?)" in got.stderr
    )
    assert f"the NEW model ({bad}) could not be loaded" in got.stderr
    assert "OLD" not in got.stderr
    assert got.stdout == ""


def test_both_sides_unloadable(runner, write, at_root) -> None:
    missing = str(ROOT / "no-such-model.yaml")
    shape = write(
        "inputs: {x: [5, 5, 8]}\nlayers:\n  - {type: Conv2D, filters: 2, kernel_size: 7}\n",
        "shape.yaml",
    )
    got = runner.invoke(main, ["diff", missing, shape])
    assert got.exit_code == 3
    assert f"the OLD model ({missing}) could not be loaded" in got.stderr
    assert f"the NEW model ({shape}) could not be loaded" in got.stderr
    assert f"{shape}:3:5: conv2d:" in got.stderr
    assert "Traceback" not in got.stderr


def test_docs_json_example(runner, at_root) -> None:
    """The abridged example in docs/diff.md is what archcalc prints (its layers: the first)."""
    import re

    doc = (ROOT / "docs" / "diff.md").read_text()
    example = json.loads(re.search(r"```json\n(.*?)```", doc, re.S).group(1))
    case = CASES["arg_change"]
    got = json.loads(runner.invoke(main, ["diff", case.old, case.new, "-f", "json"]).stdout)
    changed = [x for x in got["layers"] if x["status"] != "unchanged"]
    assert example == {**got, "layers": changed[:1]}


@pytest.mark.parametrize("doc", ["docs/diff.md", "docs/diff.readme-section.md", "README.md"])
def test_docs_table_example(doc: str) -> None:
    """The walkthrough tables in the docs are the golden output, line for line."""
    text = (ROOT / doc).read_text()
    golden = (ROOT / "tests/golden/diff/arg_change.txt").read_text()
    assert golden.strip("\n") in text
    if doc == "docs/diff.md":  # the auto-name shift's rows, too
        rows = (ROOT / "tests/golden/diff/auto_insert.txt").read_text().splitlines(True)[5:11]
        assert "".join(rows) in text


def test_model_name_is_not_a_difference(runner, write) -> None:
    body = "layers:\n  - {name: 'a|b', type: Dense, units: 8, input_shape: [2]}\n"
    old = write("name: before\n" + body, "old.yaml")
    new = write("name: after\n" + body, "new.yaml")
    got = runner.invoke(main, ["diff", old, new, "-w", "100"])
    assert got.exit_code == 0, got.output
    assert "Model name: before → after (not counted as a difference)" in got.stdout
    md = runner.invoke(main, ["diff", old, new, "-f", "markdown"])
    assert md.exit_code == 0
    assert "### archcalc diff: `before` → `after`" in md.stdout
    assert "| `a\\|b` (Dense) |" in md.stdout  # a pipe in a name cannot break the table


@pytest.mark.parametrize("name", ["a`b", "a``b", "`edge`", "x```y"])
def test_backticks_in_a_name_stay_inside_its_code_span(runner, write, name: str) -> None:
    """CommonMark closes a code span at the first backtick run as long as its opening one:
    the fence is longer than any run in the name, so the whole name is one span."""
    body = f"layers:\n  - {{name: '{name}', type: Dense, units: 8, input_shape: [2]}}\n"
    old = write("name: m\n" + body, "old.yaml")
    new = write("name: m\n" + body.replace("units: 8", "units: 9"), "new.yaml")
    md = runner.invoke(main, ["diff", old, new, "-f", "markdown"])
    assert md.exit_code == 1, md.output
    longest = max(len(r) for r in re.findall("`+", name))
    fence = "`" * (longest + 1)
    assert f"| {fence} {name} {fence} (Dense) |" in md.stdout
