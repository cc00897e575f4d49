"""Every output format stays valid for its own parser when names hold control characters.

The spec tests/plot_specs/control_names.yaml names layers with NUL, ESC and an
OSC sequence, BEL, CR/LF, C1 controls, DEL, a bidi override, a line separator
and rich markup. Machine formats must parse (DOT through Graphviz, SVG
through an XML parser, JSON and SARIF through ``json``, each keeping the
names exactly); human formats must print no raw control character at all.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

import archcalc
from archcalc.cli import main
from archcalc.render.dot import render_dot
from archcalc.render.plotgraph import plot_graph, walk
from archcalc.render.plotmodel import PlotOptions

SPEC = Path(__file__).resolve().parent / "plot_specs" / "control_names.yaml"
#: what a terminal or a log must never receive raw (a newline ends a line, nothing more)
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")


def names() -> list[str]:
    return [x.name for x in archcalc.infer(archcalc.load(str(SPEC))).layers]


def cli(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, list(args), env={"COLUMNS": "120"}, prog_name="archcalc")
    return r.exit_code, r.stdout, r.stderr


@needs_dot
def test_dot_parses_in_graphviz_with_one_node_per_call() -> None:
    result = archcalc.infer(archcalc.load(str(SPEC)))
    opts = PlotOptions(show_shapes=True, show_dtype=True, show_trainable=True)
    proc = subprocess.run(
        ["dot", "-Tjson", "-Gconcentrate=false"],
        input=render_dot(result, opts).encode(),
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    objects = json.loads(proc.stdout)["objects"]
    drawn = list(walk(plot_graph(result, opts).items))
    # the twins 'twin\x1b' and 'twin\\x1b' stay two nodes: IDs are escaped injectively
    assert len({o["name"] for o in objects}) == len(drawn) == len(objects)


@needs_dot
def test_svg_is_well_formed_xml(tmp_path: Path) -> None:
    out = tmp_path / "model.svg"
    code, _, err = cli("plot", "--show-shapes", "-o", str(out), str(SPEC))
    assert code == 0, err
    root = ET.fromstring(out.read_bytes())
    text = "".join(root.itertext())
    assert "esc\\x1b[31mred" in text and "\x1b" not in text


def test_json_keeps_every_name_exactly() -> None:
    code, out, _ = cli("summary", "--format", "json", str(SPEC))
    assert code == 0
    assert [x["name"] for x in json.loads(out)["layers"]] == names()


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_lint_machine_formats_parse(tmp_path: Path, fmt: str) -> None:
    spec = tmp_path / "m.yaml"
    spec.write_text(
        SPEC.read_text(encoding="utf-8")
        + '  - {name: "dead\\e", type: Dense, units: 2, inputs: "in\\0put"}\n',
        encoding="utf-8",
    )
    code, out, _ = cli("lint", "--format", fmt, "--isolated", str(spec))
    assert code == 0
    data = json.loads(out)
    findings = data["findings"] if fmt == "json" else data["runs"][0]["results"]
    messages = [f["message"] if fmt == "json" else f["message"]["text"] for f in findings]
    assert any(m.startswith("esc\x1b[31mred:") for m in messages)  # machine formats: raw names


@pytest.mark.parametrize(
    "args",
    [
        ("summary",),
        ("summary", "--color", "always", "--show-trainable"),
        ("summary", "--costs", "--columns", "macs,percent"),
        ("plot", "-f", "mermaid"),
        ("lint", "--isolated", "--enable", "param-share", "--format", "human"),
        ("lint", "--isolated", "--enable", "param-share", "--format", "github"),
        (
            "diff",
            "--format",
            "markdown",
            str(Path(__file__).parent.parent / "specs/seed_sequential.yaml"),
        ),
    ],
    ids=" ".join,
)
def test_human_formats_print_no_raw_control(args: tuple[str, ...]) -> None:
    code, out, err = cli(*args, str(SPEC))
    assert code in (0, 1), err
    shown = re.sub("\x1b\\[[0-9;]*m", "", out)  # archcalc's own colours (--color always)
    assert not RAW_CONTROL.search(shown + err), repr(RAW_CONTROL.search(shown + err))


def test_diagnostics_on_stderr_print_no_raw_control(tmp_path: Path) -> None:
    spec = tmp_path / "bad.yaml"
    spec.write_text(
        'inputs: {"x\\e]0;t\\a": [4]}\nlayers:\n  - {type: "Den\\ese", units: 2}\n',
        encoding="utf-8",
    )
    code, out, err = cli("summary", str(spec))
    assert code == 3 and out == ""
    assert "unknown layer type 'Den\\x1bse'" in err
    assert not RAW_CONTROL.search(err)
