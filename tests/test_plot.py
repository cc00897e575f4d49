"""``archcalc plot``: DOT and Mermaid goldens, graph structure, escaping, Graphviz, exit codes.

What each node *says* is checked against Keras's own ``model_to_dot`` in
tests/test_plot_keras.py; here: archcalc's regression goldens (``pytest
--update-goldens`` rewrites them), the drawing decisions (one node per call,
no InputLayer for Sequential, clusters), the escaping rules, and the CLI.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

import archcalc
from archcalc.cli import main
from archcalc.render.dot import html, quote, render_dot
from archcalc.render.mermaid import encode, label, render_mermaid
from archcalc.render.plotgraph import plot_graph, walk
from archcalc.render.plotmodel import Cluster, PlotOptions
from tests.conftest import SPECS

HERE = Path(__file__).resolve().parent
PLOT_SPECS = HERE / "plot_specs"
#: names with NUL, ESC, C1 and bidi characters: every format must still parse
CONTROL_NAMES = PLOT_SPECS / "control_names.yaml"
SHOW_ALL = PlotOptions(
    show_shapes=True,
    show_params=True,
    show_activations=True,
    show_trainable=True,
    show_dtype=True,
)
GOLDEN_SPECS = {
    "seed_sequential": SPECS / "seed_sequential.yaml",
    "seed_conv": SPECS / "seed_conv.yaml",
    "seed_functional": SPECS / "seed_functional.yaml",
    "branching": PLOT_SPECS / "branching.yaml",
    "nested": PLOT_SPECS / "nested.yaml",
}
VARIANTS = {
    "all": SHOW_ALL,
    "plain": PlotOptions(),
    "expand": PlotOptions(show_shapes=True, show_params=True, expand_nested=True),
}
CASES = [
    ("seed_sequential", "all"),
    ("seed_conv", "all"),
    ("seed_functional", "all"),
    ("seed_functional", "plain"),
    ("branching", "all"),
    ("nested", "all"),
    ("nested", "expand"),
]
HAVE_DOT = shutil.which("dot") is not None
needs_dot = pytest.mark.skipif(not HAVE_DOT, reason="Graphviz's dot is not installed")


def infer(path: Path | str) -> archcalc.InferenceResult:  # type: ignore[name-defined]
    return archcalc.infer(archcalc.load(str(path)))


def infer_text(text: str) -> archcalc.InferenceResult:  # type: ignore[name-defined]
    return archcalc.infer(archcalc.load_text(text, "model.yaml"))


def invoke(runner, *args, env=None):
    return runner.invoke(main, ["plot", *map(str, args)], env=env or {}, prog_name="archcalc")


# -- goldens ------------------------------------------------------------------------


@pytest.mark.parametrize(("spec", "variant"), CASES)
def test_dot_golden(spec: str, variant: str, golden) -> None:
    golden.check(
        f"plot/{spec}.{variant}.dot", render_dot(infer(GOLDEN_SPECS[spec]), VARIANTS[variant])
    )


@pytest.mark.parametrize(("spec", "variant"), CASES)
def test_mermaid_golden(spec: str, variant: str, golden) -> None:
    text = render_mermaid(infer(GOLDEN_SPECS[spec]), VARIANTS[variant])
    golden.check(f"plot/{spec}.{variant}.mmd", text)


def test_output_is_deterministic() -> None:
    """Same spec, same bytes: diagrams can be committed and diffed."""
    for path in GOLDEN_SPECS.values():
        for opts in VARIANTS.values():
            assert render_dot(infer(path), opts) == render_dot(infer(path), opts)
            assert render_mermaid(infer(path), opts) == render_mermaid(infer(path), opts)


# -- what is drawn ------------------------------------------------------------------


def edges_by_name(path: Path | str | None = None, text: str | None = None, **kw) -> set:
    result = infer(path) if path is not None else infer_text(text or "")
    return set(plot_graph(result, PlotOptions(**kw)).edges)


def test_seed_functional_edges_are_the_spec_wiring() -> None:
    assert edges_by_name(SPECS / "seed_functional.yaml") == {
        ("input_data", "conv1"),
        ("conv1", "pool1"),
        ("pool1", "flat1"),
        ("input_data", "conv2"),
        ("conv2", "pool2"),
        ("pool2", "flat2"),
        ("flat1", "concat"),
        ("flat2", "concat"),
        ("concat", "hidden1"),
        ("hidden1", "output"),
    }


def test_sequential_has_no_input_node_functional_has() -> None:
    """As Keras: a Sequential model's nodes are model.layers, a Functional one's include inputs."""
    seq = [n.id for n in walk(plot_graph(infer(SPECS / "seed_conv.yaml")).items)]
    assert seq == ["conv2d", "conv2d_1", "max_pooling2d", "flatten", "dense"]
    func = [n.id for n in walk(plot_graph(infer(SPECS / "seed_functional.yaml")).items)]
    assert func[0] == "input_data"


def test_shared_layer_one_node_per_call() -> None:
    graph = plot_graph(infer(PLOT_SPECS / "branching.yaml"))
    nodes = {n.id: n for n in walk(graph.items)}
    tower, right = nodes["tower"], nodes["tower_right"]
    assert (tower.name, tower.call, tower.calls) == ("tower", 1, 2)
    assert (right.name, right.call, right.calls) == ("tower", 2, 2)
    assert right.shared_text == "shared, call 2/2: tower_right"
    assert tower.shared_text == "shared, call 1/2"
    assert tower.params == right.params == 3 * 3 * 3 * 8 + 8
    assert set(graph.edges) >= {
        ("left", "tower"),
        ("right", "tower_right"),
        ("tower", "merge"),
        ("tower_right", "merge"),
        ("tower_right", "pool_right"),
    }
    sinks = set(nodes) - {a for a, _ in graph.edges}
    assert sinks == {"head_a", "head_b"}  # the two outputs


CHAIN = """
name: chain
inputs: {x: [4]}
layers:
  - {name: shared, type: Dense, units: 4, inputs: x}
  - {name: again, share: shared, inputs: shared}
  - {name: third, share: shared, inputs: again}
  - {name: head, type: Dense, units: 1}
"""


def test_layer_applied_to_its_own_output_is_a_chain_not_a_loop() -> None:
    """Keras draws a self-loop here (tests/golden/keras/plot/shared_dense_chain.all.dot)."""
    assert edges_by_name(text=CHAIN) == {
        ("x", "shared"),
        ("shared", "again"),
        ("again", "third"),
        ("third", "head"),
    }
    text = render_mermaid(infer_text(CHAIN), PlotOptions())
    assert "shared, call 3/3: third" in text


def test_dead_calls_are_not_drawn() -> None:
    text = "inputs: {x: [4]}\nlayers:\n  - {name: a, type: Dense, units: 2, inputs: x}\n  - {name: dead, type: Dense, units: 2, inputs: x}\noutputs: [a]\n"
    ids = [n.id for n in walk(plot_graph(infer_text(text)).items)]
    assert ids == ["x", "a"]


def test_nested_expanded_as_clusters_with_repointed_edges() -> None:
    graph = plot_graph(infer(PLOT_SPECS / "nested.yaml"), PlotOptions(expand_nested=True))
    (cluster,) = [x for x in graph.items if isinstance(x, Cluster)]
    assert cluster.id == "encoder"
    inner = [x for x in cluster.items if isinstance(x, Cluster)]
    assert [c.id for c in inner] == ["encoder/enc_mlp"]
    assert [n.id for n in inner[0].items] == [
        "encoder/enc_mlp/enc_hidden",
        "encoder/enc_mlp/enc_out",
    ]
    edges = set(graph.edges)
    # into a nested Functional: its InputLayers, in input order
    assert {("a", "encoder/enc_x"), ("b", "encoder/enc_y")} <= edges
    # into a nested Sequential: its first layer; out of a nested model: the producing layer
    assert ("encoder/enc_sum", "encoder/enc_mlp/enc_hidden") in edges
    assert ("encoder/enc_mlp/enc_out", "join") in edges
    # the second call of the shared nested model is one node, wired as called (b, a)
    assert {("b", "encoder_again"), ("a", "encoder_again"), ("encoder_again", "join")} <= edges
    assert not any(a == "encoder" or b == "encoder" for a, b in edges)


def test_nested_collapsed_is_one_node() -> None:
    graph = plot_graph(infer(PLOT_SPECS / "nested.yaml"))
    assert not any(isinstance(x, Cluster) for x in graph.items)
    assert {("a", "encoder"), ("b", "encoder"), ("encoder", "join")} <= set(graph.edges)


def test_wrapper_children_drawn_as_a_cluster() -> None:
    """A layer whose result has children but no nested model spec (a wrapper such as
    Bidirectional, once it lands): inner calls nothing inside feeds receive the input,
    inner calls nothing inside reads produce the output."""
    base = infer_text(
        "inputs: {x: [10, 8]}\nlayers:\n  - {name: bi, type: Dense, units: 4, inputs: x}\n"
        "  - {name: head, type: Dense, units: 1}\n"
    )
    bi = base.layer("bi")
    fwd = replace(bi, name="forward", calls=(replace(bi.calls[0], name="forward"),))
    bwd = replace(bi, name="backward", calls=(replace(bi.calls[0], name="backward"),))

    def with_children(children: tuple) -> archcalc.InferenceResult:  # type: ignore[name-defined]
        wrapped = replace(bi, children=children)
        return replace(base, layers=tuple(wrapped if x is bi else x for x in base.layers))

    graph = plot_graph(with_children((fwd, bwd)), PlotOptions(expand_nested=True))
    (cluster,) = [x for x in graph.items if isinstance(x, Cluster)]
    assert [n.id for n in cluster.items] == ["bi/forward", "bi/backward"]
    assert set(graph.edges) == {
        ("x", "bi/forward"),
        ("x", "bi/backward"),
        ("bi/forward", "head"),
        ("bi/backward", "head"),
    }
    # children with no calls to draw: the layer stays one node
    empty = replace(fwd, calls=())
    graph = plot_graph(with_children((empty,)), PlotOptions(expand_nested=True))
    assert [n.id for n in graph.items] == ["x", "bi", "head"]  # type: ignore[union-attr]
    assert set(graph.edges) == {("x", "bi"), ("bi", "head")}


def test_show_flags_add_their_rows() -> None:
    result = infer(SPECS / "seed_functional.yaml")
    plain = render_mermaid(result, PlotOptions())
    assert "→" not in plain and "Params" not in plain and "Activation" not in plain
    text = render_mermaid(result, SHOW_ALL)
    # conv1: 5*5*1*32 + 32 = 832 parameters, 28 - 5 + 1 = 24
    assert (
        "conv1 (Conv2D)<br/>Activation: relu<br/>(None, 28, 28, 1) → (None, 24, 24, 32)"
        "<br/>dtype: float32<br/>Params: 832<br/>Trainable" in text
    )
    assert "hidden1 (Dense)" in text and "Params: 65,450" in text  # 6544 * 10 + 10
    nameless = render_mermaid(result, PlotOptions(show_layer_names=False))
    assert '    n_conv1["Conv2D"]\n' in nameless and "conv1 (Conv2D)" not in nameless


def test_non_trainable_and_dtype() -> None:
    text = "inputs: {x: {shape: [4], dtype: int32}}\nlayers:\n  - {name: d, type: Dense, units: 2, dtype: mixed_float16, trainable: false, inputs: x}\n"
    graph = plot_graph(infer_text(text))
    x, d = walk(graph.items)
    assert (x.dtype, d.dtype, d.trainable, x.trainable) == ("int32", "float16", False, None)
    assert "Non-trainable" in render_dot(infer_text(text), PlotOptions(show_trainable=True))


def test_extra_rows_hook_draws_in_both_formats() -> None:
    """The --show-macs hook: per-node (label, value) rows from an analysis."""
    opts = PlotOptions(extra_rows={"conv1": (("MACs", "4.6 M"),)})
    result = infer(SPECS / "seed_functional.yaml")
    assert "MACs: <b>4.6 M</b>" in render_dot(result, opts)
    assert "conv1 (Conv2D)<br/>MACs: 4.6 M" in render_mermaid(result, opts)


def test_rankdir_and_fence() -> None:
    result = infer(SPECS / "seed_sequential.yaml")
    assert "rankdir=LR" in render_dot(result, PlotOptions(rankdir="LR"))
    text = render_mermaid(result, PlotOptions(rankdir="LR", fence=True))
    assert text.startswith("```mermaid\n---\n") and text.endswith("\n```\n")
    assert "\nflowchart LR\n" in text


# -- escaping -----------------------------------------------------------------------

MERMAID_KEYWORDS = {"end", "graph", "subgraph", "style", "class", "click", "classdef", "flowchart"}


@pytest.mark.parametrize(
    ("name", "encoded"),
    [
        ("end", "end"),
        ("graph", "graph"),
        ("a-b", "a_x2d_b"),  # '-' is U+002D
        ("x.y", "x_x2e_y"),  # '.' is U+002E
        ("1st", "1st"),
        ("o x", "o_x20_x"),
        ("größe", "gr_xf6__xdf_e"),  # U+00F6, U+00DF
        ("outer/inner", "outer_x2f_inner"),
    ],
)
def test_mermaid_id_encoding(name: str, encoded: str) -> None:
    assert encode(name) == encoded


def test_mermaid_ids_are_safe_and_unique() -> None:
    text = render_mermaid(infer(PLOT_SPECS / "awkward_names.yaml"), PlotOptions())
    ids = re.findall(r"^    (\S+?)[\[(]", text, flags=re.M)
    assert len(ids) == 13 and len(set(ids)) == 13
    for node_id in ids:
        assert re.fullmatch(r"n_[A-Za-z0-9_]+", node_id), node_id
        assert node_id.lower() not in MERMAID_KEYWORDS
    # 'a-b' and a layer literally named 'a_x2d_b' must not collide
    assert "n_a_x2d_b[" in text and "n_a_x2d_b_2[" in text
    assert "    n_end --> n_graph\n" in text


def test_label_escaping() -> None:
    assert label('q"<&>#`') == "q#quot;#lt;#amp;#gt;#35;#96;"
    assert label("a\nb\x1b") == "a\\nb\\x1b"  # controls written visibly
    assert html('q"<&>') == "q&quot;&lt;&amp;&gt;"
    assert quote('a"b\\c') == '"a\\"b\\\\c"'
    text = render_mermaid(infer(PLOT_SPECS / "awkward_names.yaml"), PlotOptions())
    assert 'title: "awkward \\"names\\" <&> #1"' in text  # YAML front matter: a JSON string
    assert '"q#quot;#lt;#amp;#gt;#35;#96; (Dense)"' in text
    dot = render_dot(infer(PLOT_SPECS / "awkward_names.yaml"), PlotOptions())
    assert '"q\\"<&>#`" [label=<' in dot
    assert "<b>q&quot;&lt;&amp;&gt;#`</b> (Dense)" in dot


# -- Graphviz accepts the DOT -----------------------------------------------------------


def graphviz_objects(source: str) -> tuple[set[str], set[tuple[str, str]]]:
    """Node names and edges as Graphviz itself parsed them (dot -Tjson)."""
    proc = subprocess.run(
        ["dot", "-Tjson", "-Gconcentrate=false"],
        input=source.encode(),
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    data = json.loads(proc.stdout)
    objects = data.get("objects", [])
    nodes = {o["name"] for o in objects if "nodes" not in o and "subgraphs" not in o}
    names = {o["_gvid"]: o["name"] for o in objects}
    edges = {(names[e["tail"]], names[e["head"]]) for e in data.get("edges", [])}
    return nodes, edges


@needs_dot
@pytest.mark.parametrize(
    "path", [*GOLDEN_SPECS.values(), PLOT_SPECS / "awkward_names.yaml"], ids=lambda p: p.stem
)
def test_graphviz_accepts_dot(path: Path) -> None:
    result = infer(path)
    for opts in (SHOW_ALL, PlotOptions(expand_nested=True, show_shapes=True, rankdir="LR")):
        graph = plot_graph(result, opts)
        nodes, edges = graphviz_objects(render_dot(result, opts))
        assert nodes == {n.id for n in walk(graph.items)}
        assert edges == set(graph.edges)


@needs_dot
@pytest.mark.parametrize(
    ("fmt", "magic"), [("svg", b"<?xml"), ("png", b"\x89PNG"), ("pdf", b"%PDF")]
)
def test_cli_renders_images(runner, tmp_path: Path, fmt: str, magic: bytes) -> None:
    out = tmp_path / f"model.{fmt}"
    r = invoke(runner, SPECS / "seed_functional.yaml", "--show-shapes", "-o", out)
    assert r.exit_code == 0, r.stderr
    assert out.read_bytes().startswith(magic)


# -- the command line ---------------------------------------------------------------


def test_cli_default_is_dot_on_stdout(runner) -> None:
    r = invoke(runner, SPECS / "seed_functional.yaml", "--show-shapes")
    assert r.exit_code == 0 and r.stderr == ""
    expected = render_dot(infer(SPECS / "seed_functional.yaml"), PlotOptions(show_shapes=True))
    assert r.stdout == expected


@pytest.mark.parametrize(
    ("name", "start"),
    [
        ("model.dot", "digraph "),
        ("model.gv", "digraph "),
        ("model.mmd", "---\ntitle: "),
        ("model.mermaid", "---\ntitle: "),
        ("README.md", "```mermaid\n"),
    ],
)
def test_cli_format_from_extension(runner, tmp_path: Path, name: str, start: str) -> None:
    out = tmp_path / name
    r = invoke(runner, SPECS / "seed_conv.yaml", "-o", out)
    assert r.exit_code == 0, r.stderr
    assert r.stdout == ""
    assert out.read_text(encoding="utf-8").startswith(start)


def test_cli_options_reach_the_renderer(runner) -> None:
    args = ["--show-shapes", "--show-params", "--show-activations", "--show-trainable"]
    r = invoke(
        runner,
        SPECS / "seed_functional.yaml",
        "-f",
        "mermaid",
        "--fence",
        "--rankdir",
        "lr",
        *args,
        "--show-dtype",
    )
    assert r.exit_code == 0
    assert r.stdout == render_mermaid(
        infer(SPECS / "seed_functional.yaml"),
        PlotOptions(
            show_shapes=True,
            show_params=True,
            show_activations=True,
            show_trainable=True,
            show_dtype=True,
            rankdir="LR",
            fence=True,
        ),
    )
    r = invoke(
        runner,
        PLOT_SPECS / "nested.yaml",
        "--expand-nested",
        "--no-layer-names",
        "--dpi",
        "96",
        "--splines",
        "curved",
    )
    assert r.exit_code == 0
    assert 'subgraph "cluster_encoder"' in r.stdout and "dpi=96" in r.stdout
    assert 'splines="curved"' in r.stdout and "<b>Dense</b>" in r.stdout


def fake_dot(tmp_path: Path, script: str) -> str:
    """A directory holding only a fake ``dot`` (PATH for the test)."""
    bindir = tmp_path / "bin"
    bindir.mkdir()
    exe = bindir / "dot"
    exe.write_text("#!/bin/sh\n" + script + "\n")
    exe.chmod(exe.stat().st_mode | stat.S_IXUSR)
    return str(bindir)


def test_cli_missing_graphviz_exit_3_with_install_hint(runner, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    out = tmp_path / "model.svg"
    r = invoke(runner, SPECS / "seed_functional.yaml", "-o", out, env={"PATH": str(empty)})
    assert r.exit_code == 3
    assert "needs Graphviz's 'dot' program, which is not on PATH" in r.stderr
    assert "apt install graphviz" in r.stderr and "brew install graphviz" in r.stderr
    assert "Traceback" not in r.stderr
    assert not out.exists()
    # text formats need nothing
    r = invoke(runner, SPECS / "seed_functional.yaml", "-f", "mermaid", env={"PATH": str(empty)})
    assert r.exit_code == 0


@pytest.mark.skipif(os.name != "posix", reason="fake dot is a shell script")
def test_cli_graphviz_failure_and_timeout(runner, tmp_path: Path) -> None:
    failing = fake_dot(tmp_path, "echo 'Error: syntax error in line 1' >&2; exit 1")
    r = invoke(runner, SPECS / "seed_conv.yaml", "-f", "svg", env={"PATH": failing})
    assert r.exit_code == 3
    assert "Graphviz's dot failed to render svg: Error: syntax error in line 1" in r.stderr
    slow = tmp_path / "slow"
    slow.mkdir()
    hanging = fake_dot(slow, f"exec {shutil.which('sleep')} 30")
    r = invoke(
        runner, SPECS / "seed_conv.yaml", "-f", "png", "--timeout", "1", env={"PATH": hanging}
    )
    assert r.exit_code == 3
    assert "did not finish within 1 s" in r.stderr


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["-o", "model.jpg"], "cannot tell the format from the extension of 'model.jpg'"),
        (["-f", "dot", "--fence"], "--fence wraps Mermaid in a Markdown block"),
        (["-f", "gif"], "Invalid value for '-f' / '--format'"),
        (
            ["-f", "mermaid", "-o", "model.svg"],
            "-f mermaid does not match the extension of 'model.svg'",
        ),
        (["--rankdir", "XY"], "Invalid value for '--rankdir'"),
    ],
)
def test_cli_usage_errors_exit_2(
    runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], fragment: str
) -> None:
    monkeypatch.chdir(tmp_path)
    r = invoke(runner, SPECS / "seed_conv.yaml", *args)
    assert r.exit_code == 2
    assert fragment in r.stderr
    assert not (tmp_path / "model.jpg").exists()


def test_cli_bad_spec_exit_3(runner, write) -> None:
    path = write(
        "inputs: {x: [5, 5, 3]}\nlayers:\n  - {name: c, type: Conv2D, filters: 8, kernel_size: 7}\n"
    )
    r = invoke(runner, path)
    assert r.exit_code == 3
    assert r.stderr.startswith(f"{path}:3:5: c: kernel_size 7 is larger than the input")
    assert r.stdout == ""


def test_cli_unwritable_output_exit_3(runner, tmp_path: Path) -> None:
    r = invoke(runner, SPECS / "seed_conv.yaml", "-o", tmp_path / "missing" / "model.dot")
    assert r.exit_code == 3
    assert "cannot write" in r.stderr and "Traceback" not in r.stderr


def test_cli_warnings_go_to_stderr(runner, write) -> None:
    path = write(
        "inputs: {x: [4]}\nlayers:\n  - {name: a, type: Dense, units: 2, inputs: x}\n"
        "  - {name: dead, type: Dense, units: 2, inputs: x}\noutputs: [a]\n"
    )
    r = invoke(runner, path, "-f", "mermaid")
    assert r.exit_code == 0
    assert "dead" in r.stderr and "dead" not in r.stdout
    assert invoke(runner, path, "-q").stderr == ""


def test_readme_section_and_picture_are_current() -> None:
    """docs/plot.readme-section.md carries the exact Mermaid archcalc writes; the SVG has every layer."""
    root = HERE.parent
    result = infer(SPECS / "seed_functional.yaml")
    for doc in ("docs/plot.readme-section.md", "README.md"):
        section = (root / doc).read_text(encoding="utf-8")
        assert render_mermaid(result, PlotOptions(show_shapes=True, fence=True)) in section, doc
    svg = (root / "docs" / "img" / "seed_functional.svg").read_text(encoding="utf-8")
    for layer in result.layers:
        assert f"<title>{layer.name}</title>" in svg
    assert svg.count("Params:") == len(result.layers)  # drawn with --show-params


# -- Mermaid's own parser (optional) ---------------------------------------------------------

MERMAID_DIR = os.environ.get("ARCHCALC_MERMAID_DIR")


@pytest.mark.skipif(
    not MERMAID_DIR or shutil.which("node") is None,
    reason="set ARCHCALC_MERMAID_DIR to a folder with node_modules/mermaid and jsdom (docs/plot.md)",
)
def test_mermaid_parses_with_mermaid(tmp_path: Path) -> None:
    files = []
    for path in [*GOLDEN_SPECS.values(), PLOT_SPECS / "awkward_names.yaml", CONTROL_NAMES]:
        for variant, opts in VARIANTS.items():
            out = tmp_path / f"{path.stem}.{variant}.mmd"
            out.write_text(render_mermaid(infer(path), opts), encoding="utf-8")
            files.append(str(out))
    proc = subprocess.run(
        ["node", str(HERE / "mermaid_check.mjs"), *files],
        capture_output=True,
        text=True,
        timeout=240,
        env={**os.environ, "ARCHCALC_MERMAID_DIR": str(MERMAID_DIR)},
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.count("OK ") == len(files)


def test_cli_show_macs(runner) -> None:
    """Per-call MACs on each node (seed conv, per sample: 24*24*32*25 = 460,800 for conv2d;
    20*20*32*5*5*32 = 10,240,000 for conv2d_1; 3200*2 = 6,400 for dense)."""
    r = invoke(runner, SPECS / "seed_conv.yaml", "-f", "mermaid", "--show-macs")
    assert r.exit_code == 0
    assert "conv2d (Conv2D)<br/>MACs: 460.80 K" in r.stdout
    assert "conv2d_1 (Conv2D)<br/>MACs: 10.24 M" in r.stdout
    assert "dense (Dense)<br/>MACs: 6.40 K" in r.stdout
    shared = invoke(runner, SPECS / "siamese.yaml", "-f", "dot", "--show-macs")
    # each call of the shared tower: 14*14*8 outputs * 3*3*3 = 42,336 MACs
    assert shared.stdout.count("42.34 K") == 2
