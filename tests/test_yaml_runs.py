"""Runs of identical lines are parsed once: the tree is always the one parsing the whole text
gives (positions, sizes, values), and so are errors."""

from __future__ import annotations

import pytest

from archcalc.diagnostics import ArchcalcError
from archcalc.reader import yamlnodes
from archcalc.reader.limits import Limits
from archcalc.reader.yamlnodes import parse_yaml
from archcalc.reader.yamlruns import MIN_RUN, find_runs
from archcalc.reader.ynode import YNode

ITEM = "  - {type: Dense, units: 16, kernel_size: [3, 3]}"
N = MIN_RUN + 5


def whole(text: str) -> YNode | None:
    return yamlnodes._Builder("m.yaml", Limits()).build(text)


def same(a: YNode | None, b: YNode | None) -> bool:
    if a is None or b is None:
        return a is b
    if (a.kind, a.pos, a.size) != (b.kind, b.pos, b.size):
        return False
    if a.kind == "map":
        return (
            list(a.value) == list(b.value)
            and (a.keys or {}) == (b.keys or {})
            and all(same(a.value[k], b.value[k]) for k in a.value)
        )
    if a.kind == "seq":
        return len(a.value) == len(b.value) and all(
            same(x, y) for x, y in zip(a.value, b.value, strict=True)
        )
    return type(a.value) is type(b.value) and a.value == b.value


RUNS = "\n".join([ITEM] * N)
TEXTS = {
    "chain": f"inputs: {{x: [16]}}\nlayers:\n{RUNS}\n  - {{type: Dense, units: 2}}\n",
    "two-runs-and-after": f"layers:\n{RUNS}\n  - {{name: a, type: Flatten}}\n{RUNS}\nname: m\n",
    "inside-a-block-scalar": f"description: |\n{RUNS}\nlayers: []\n",
    "inside-a-quoted-string": 'description: "start\n' + RUNS + '\n  end"\nlayers: []\n',
    "nested-list": f"blocks:\n  b:\n    layers:\n  {RUNS.replace(chr(10), chr(10) + '  ')}\n",
}


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_same_tree_as_the_whole_text(name: str) -> None:
    text = TEXTS[name]
    assert same(parse_yaml(text, "m.yaml"), whole(text))


def test_runs_are_found() -> None:
    assert find_runs(TEXTS["chain"]) == [(2, N)]
    assert find_runs(TEXTS["chain"].replace("16", "'16'")) == []  # a quote: never folded


@pytest.mark.parametrize(
    "text",
    [
        f"layers:\n{RUNS}\n  - {{a: 1, a: 2}}\n",  # a problem after the run
        "layers:\n" + "\n".join(["  - {a: 1, a: 2}"] * N) + "\n",  # a problem in the run
        f"layers: [\n{RUNS}\n]\n",  # a flow list: not what it looks like
    ],
)
def test_errors_are_those_of_the_whole_text(text: str) -> None:
    with pytest.raises(ArchcalcError) as got:
        parse_yaml(text, "m.yaml")
    with pytest.raises(ArchcalcError) as want:
        whole(text)
    assert [d.format() for d in got.value.diagnostics] == [
        d.format() for d in want.value.diagnostics
    ]


def test_node_limit_counts_the_copies() -> None:
    text = f"layers:\n{RUNS}\n"
    with pytest.raises(ArchcalcError, match="more than 100 YAML nodes"):
        parse_yaml(text, "m.yaml", Limits(max_nodes=100))
