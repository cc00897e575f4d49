"""Property-based tests: random valid specs infer to independently computed numbers;
randomly broken specs fail with diagnostics, never with another exception.

The expected shapes and counts are computed here from first principles
(``valid``: floor((n - k) / s) + 1; ``same``: ceil(n / s); Dense (in + 1) * units;
Conv2D k*k*c_in*f + f), not with archcalc's helpers. Example counts are
bounded so the suite stays fast in CI.
"""

from __future__ import annotations

import json
import math
import random
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import archcalc
from archcalc import numtext
from archcalc.cli import main
from archcalc.diagnostics import ArchcalcError

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def image_branch(draw: st.DrawFn, h: int, w: int, c: int, tag: str) -> tuple[list[str], int, int]:
    """Conv/pool layers on an image; returns (yaml lines, flat size, params)."""
    lines: list[str] = []
    params = 0
    for i in range(draw(st.integers(0, 4))):
        if draw(st.booleans()):
            f = draw(st.integers(1, 8))
            k = draw(st.integers(1, 5))
            s = draw(st.integers(1, 3))
            pad = draw(st.sampled_from(["valid", "same"]))
            bias = draw(st.booleans())
            if pad == "valid" and (k > h or k > w):
                continue
            h, w = (
                (math.ceil(h / s), math.ceil(w / s))
                if pad == "same"
                else ((h - k) // s + 1, (w - k) // s + 1)
            )
            params += k * k * c * f + (f if bias else 0)
            c = f
            lines.append(
                f"  - {{name: {tag}c{i}, type: Conv2D, filters: {f}, kernel_size: {k}, strides: {s}, "
                f"padding: {pad}, use_bias: {str(bias).lower()}}}"
            )
        else:
            p = draw(st.integers(1, 3))
            pad = draw(st.sampled_from(["valid", "same"]))
            if pad == "valid" and (p > h or p > w):
                continue
            h, w = (
                (math.ceil(h / p), math.ceil(w / p))
                if pad == "same"
                else ((h - p) // p + 1, (w - p) // p + 1)
            )
            kind = draw(st.sampled_from(["MaxPooling2D", "AveragePooling2D"]))
            lines.append(f"  - {{name: {tag}p{i}, type: {kind}, pool_size: {p}, padding: {pad}}}")
    lines.append(f"  - {{name: {tag}flat, type: Flatten}}")
    return lines, h * w * c, params


@st.composite
def model(draw: st.DrawFn) -> tuple[str, int, int]:
    """A random spec with one or two image branches, concatenated, then a Dense stack."""
    h, w, c = draw(st.integers(1, 24)), draw(st.integers(1, 24)), draw(st.integers(1, 4))
    lines = ["name: random", "inputs:", f"  img: [{h}, {w}, {c}]", "layers:"]
    a_lines, a_size, params = draw(image_branch(h, w, c, "a"))
    a_lines[0] = a_lines[0][:-1] + ", inputs: img}"
    lines += a_lines
    width = a_size
    if draw(st.booleans()):
        b_lines, b_size, b_params = draw(image_branch(h, w, c, "b"))
        b_lines[0] = b_lines[0][:-1] + ", inputs: img}"
        lines += b_lines
        lines.append("  - {name: cat, type: Concatenate, inputs: [aflat, bflat]}")
        width, params = a_size + b_size, params + b_params
    for i in range(draw(st.integers(1, 3))):
        units = draw(st.integers(1, 32))
        bias = draw(st.booleans())
        params += width * units + (units if bias else 0)
        width = units
        lines.append(
            f"  - {{name: d{i}, type: Dense, units: {units}, use_bias: {str(bias).lower()}}}"
        )
    return "\n".join(lines) + "\n", params, width


@SETTINGS
@given(model())
def test_random_valid_models(case: tuple[str, int, int]) -> None:
    text, params, width = case
    result = archcalc.infer(archcalc.load_text(text, "random.yaml"))
    assert result.total_params == params
    assert result.output_shapes == ((None, width),)
    assert sum(x.params for x in result.layers) == result.total_params
    for layer in result.layers:  # every call's output feeds its consumers' inputs
        for call in layer.calls:
            for ref, shape in zip(call.inputs, call.input_shapes, strict=True):
                producer = next(x for x in result.layers if any(c.name == ref for c in x.calls))
                assert shape == next(c for c in producer.calls if c.name == ref).output_shapes[0]


BAD_VALUES = [
    "-1",
    "0",
    "abc",
    "null",
    "[1, 2, 3]",
    "{a: 1}",
    "1.5",
    "true",
    "''",
    "99999999999999999999",
    "!!str 3",
]


def mutate(text: str, rnd: random.Random) -> str:
    lines = text.splitlines()
    if not lines:  # an earlier round may have deleted everything
        return rnd.choice(["", "x", "layers:", "- {type: Dense}"]) + "\n"
    op = rnd.randrange(6)
    i = rnd.randrange(len(lines))
    if op == 0:  # replace a number or a name with something wrong
        tokens = lines[i].replace(",", " ").replace("}", " ").replace("{", " ").split()
        if tokens:
            lines[i] = lines[i].replace(rnd.choice(tokens), rnd.choice(BAD_VALUES), 1)
    elif op == 1:
        del lines[i]
    elif op == 2:
        j = rnd.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    elif op == 3:
        pos = rnd.randrange(len(lines[i]) + 1)
        lines[i] = (
            lines[i][:pos]
            + rnd.choice(["{", "}", "[", ":", "'", '"', "\t", "&a", "*a", "- ", "#", "\x00", "é"])
            + lines[i][pos:]
        )
    elif op == 4:
        return text[: rnd.randrange(max(len(text), 1))]
    else:
        lines.insert(
            i,
            rnd.choice(
                [
                    "  - {type: Dense}",
                    "  - {share: d0}",
                    "  - {type: Flatten, inputs: [nope]}",
                    "outputs: [zz]",
                    "x",
                ]
            ),
        )
    return "\n".join(lines) + "\n"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(model(), st.integers(0, 2**32 - 1), st.integers(1, 3))
def test_mutated_models_fail_cleanly(case: tuple[str, int, int], seed: int, rounds: int) -> None:
    rnd = random.Random(seed)
    text = case[0]
    for _ in range(rounds):
        text = mutate(text, rnd)
    try:
        archcalc.infer(archcalc.load_text(text, "mutated.yaml"))
    except ArchcalcError as exc:
        assert exc.diagnostics
        for d in exc.diagnostics:
            assert d.path == "mutated.yaml" and d.message and d.code
            assert d.line >= 1 and d.column >= 1


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(model(), st.integers(0, 2**32 - 1))
def test_mutated_models_through_the_cli(case: tuple[str, int, int], seed: int) -> None:
    from click.testing import CliRunner

    text = mutate(case[0], random.Random(seed))
    r = CliRunner().invoke(
        main, ["summary", "-"], input=text.encode("utf-8", "surrogatepass"), env={"COLUMNS": "120"}
    )
    assert r.exit_code in (0, 3), r.output
    assert "Traceback" not in r.stderr
    if r.exit_code == 3:
        assert r.stderr.startswith("<stdin>:")


# -- hostile names and huge integers through every renderer ----------------------------------

#: characters a name may hold that no output may pass on raw, plus ordinary ones
NAME_CHARS = st.sampled_from(
    [
        *"ab_-.:[]()'\"`<>&#|%*\\ ",
        *("\x00", "\x07", "\x1b", "\r", "\n", "\t", "\x7f", "\x85", "\x9b", "\u2028", "\u202e"),
        *("é", "名", "\U0001f600", "\ud800"),
    ]
)
NAMES = st.lists(
    st.text(NAME_CHARS, min_size=1, max_size=12).filter(lambda s: "/" not in s),
    min_size=1,
    max_size=4,
    unique=True,
)
#: sizes from 1 to 10^400: counts past what a float holds, past 2^53, past Python's
#: 4,300-digit text limit once multiplied
SIZES = st.one_of(st.integers(1, 9), st.integers(2**53, 2**60), st.integers(10**300, 10**400))
#: what a human-facing output must never print raw (a newline only ends a line)
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(NAMES, SIZES, st.lists(SIZES, min_size=1, max_size=4))
def test_hostile_names_and_huge_numbers_through_every_renderer(
    tmp_path_factory: pytest.TempPathFactory, names: list[str], dim: int, units: list[int]
) -> None:
    from archcalc.analysis import analyze
    from archcalc.diff.compare import diff_results
    from archcalc.lint import LintOptions, lint_file
    from archcalc.lint.report import REPORTER_BY_NAME, LintReport
    from archcalc.render.cells import TableOptions
    from archcalc.render.diff_json import render_diff_json
    from archcalc.render.diff_markdown import render_diff_markdown
    from archcalc.render.dot import render_dot
    from archcalc.render.mermaid import render_mermaid
    from archcalc.render.table import render_table

    layers = [
        {"name": name, "type": "Dense", "units": units[i % len(units)]}
        for i, name in enumerate(names)
    ]
    spec = {"name": names[0], "inputs": {names[-1] + "in": [dim]}, "layers": layers}
    path = tmp_path_factory.mktemp("hostile") / "m.json"
    path.write_text(json.dumps(spec), encoding="utf-8")  # \u escapes: any name is valid JSON
    result = archcalc.infer(archcalc.load(str(path)))

    costs = analyze(result)
    human = [
        render_table(result),
        render_table(result, TableOptions(color=True, show_trainable=True)),
        render_table(result, TableOptions(), costs),  # the costs footer
        render_mermaid(result),
        render_diff_markdown(diff_results(result, result)),
    ]
    findings = tuple(lint_file(str(path), LintOptions()))
    report = LintReport((str(path),), findings)
    human += [REPORTER_BY_NAME[f](report, False) for f in ("human", "github")]
    for text in human:
        shown = re.sub("\x1b\\[[0-9;]*m", "", text)  # archcalc's own colours
        assert not RAW.search(shown), (RAW.search(shown), shown[:300])

    dot = render_dot(result)
    assert not RAW.search(dot.replace("\t", " "))  # DOT indents with tabs

    def no_ints(text: str) -> Any:  # names and structure; integers checked as text
        return json.loads(text, parse_int=str)

    data = no_ints(archcalc.render_json(result))
    assert [x["name"] for x in data["layers"]] == [x.name for x in result.layers]
    assert data["total_params"] == numtext.decimal(result.total_params)
    no_ints(render_diff_json(diff_results(result, result)))
    for fmt in ("json", "sarif"):
        no_ints(REPORTER_BY_NAME[fmt](report, False))
