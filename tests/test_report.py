"""``archcalc report`` and ``diff --format html`` without a browser: the bytes of the pages.

What the pages *do* in a browser is tests/browser/; here: the command line,
determinism, the Content-Security-Policy, escaping of hostile names, the
SVG allowlist, the page without Graphviz, and numbers from the seed
tutorial's arithmetic.
"""

from __future__ import annotations

import hashlib
import json
import re
import shlex
import shutil
from base64 import b64encode
from pathlib import Path

import pytest

import archcalc
from archcalc.analysis import CostOptions, analyze
from archcalc.cli import main
from archcalc.render.graphviz import run_dot
from archcalc.render.html.adapter import report_view
from archcalc.render.html.graph import DrawEdge, DrawNode, LayoutError, sanitize_svg
from archcalc.render.html.page import json_block
from archcalc.render.html.report import render_report
from archcalc.textsafe import visible
from tests.conftest import ROOT, SPECS

HERE = Path(__file__).resolve().parent
HOSTILE_NAMES = HERE / "browser" / "hostile_names.yaml"
NESTED = HERE / "plot_specs" / "nested.yaml"
needs_dot = pytest.mark.skipif(
    shutil.which("dot") is None, reason="Graphviz's dot is not installed"
)


def dot_layout(source: str) -> str:
    return run_dot(source, "svg").decode("utf-8")


def report(path: Path, layout=dot_layout, **options) -> str:
    result = archcalc.infer(archcalc.load(str(path)))
    return render_report(report_view(result, analyze(result, CostOptions(**options))), layout)


def data_of(page: str) -> dict:
    block = re.search(r'<script type="application/json" id="archcalc-data">(.*?)</script>', page)
    assert block is not None
    return json.loads(block.group(1))


def invoke(runner, *args: object):
    return runner.invoke(main, [str(a) for a in args], prog_name="archcalc")


# -- the command line -------------------------------------------------------------------


def test_report_writes_the_page(runner, tmp_path: Path) -> None:
    out = tmp_path / "model.html"
    r = invoke(runner, "report", SPECS / "seed_functional.yaml", "-o", out)
    assert (r.exit_code, r.stdout) == (0, "")
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>\n") and page.endswith("</html>\n")
    assert invoke(runner, "report", SPECS / "seed_functional.yaml", "--no-graph").stdout.startswith(
        "<!DOCTYPE html>"
    )


def test_report_bad_input_exit_3(runner, write, tmp_path: Path) -> None:
    path = write("inputs: {x: [4]}\nlayers:\n  - {type: Dense, unitz: 2}\n")
    out = tmp_path / "model.html"
    r = invoke(runner, "report", path, "-o", out)
    assert r.exit_code == 3
    assert r.stderr.startswith(f"{path}:3:19: layer 1: Dense has no argument 'unitz'")
    assert not out.exists()
    r = invoke(runner, "report", SPECS / "seed_conv.yaml", "-o", tmp_path / "no" / "dir.html")
    assert r.exit_code == 3 and "archcalc report: cannot write" in r.stderr


def test_report_options_reach_the_page(runner) -> None:
    r = invoke(runner, "report", SPECS / "seed_conv.yaml", "--no-graph", "--batch-size", "8")
    assert r.exit_code == 0
    # seed conv: 24*24*32*(5*5*1) = 460,800 MACs per sample for conv2d; x 8 samples
    assert f"{8 * 24 * 24 * 32 * 25:,}" in r.stdout
    assert "Computed with batch size 8, dtype float32, optimizer adam" in r.stdout


def test_missing_graphviz_is_a_note_not_an_error(runner, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    r = runner.invoke(
        main, ["report", str(SPECS / "seed_functional.yaml")], env={"PATH": str(empty)}
    )
    assert r.exit_code == 0
    assert "Graphviz's dot is not on PATH, so the page has no graph" in r.stderr
    assert "apt-get install graphviz" in r.stdout and 'id="graph"' not in r.stdout
    quiet = runner.invoke(
        main, ["report", str(SPECS / "seed_conv.yaml"), "-q"], env={"PATH": str(empty)}
    )
    assert quiet.stderr == ""


def test_failing_graphviz_keeps_the_page(runner, tmp_path: Path) -> None:
    from tests.test_plot import fake_dot

    bindir = fake_dot(tmp_path, "echo 'Error: syntax error in line 1' >&2; exit 1")
    r = runner.invoke(main, ["report", str(SPECS / "seed_conv.yaml")], env={"PATH": bindir})
    assert r.exit_code == 0
    assert "the page has no graph: Graphviz's dot failed to render svg" in r.stderr
    assert "Graphviz&#x27;s dot failed to render svg" in r.stdout
    assert 'class="layer-list"' in r.stdout


@needs_dot
def test_diff_html(runner, tmp_path: Path) -> None:
    out = tmp_path / "diff.html"
    old, new = SPECS / "seed_conv.yaml", SPECS / "examples" / "seed_conv_wide.yaml"
    r = invoke(runner, "diff", old, new, "--format", "html", "-o", out)
    assert (r.exit_code, r.stdout) == (1, "")  # as every diff: 1 = the models differ
    page = out.read_text(encoding="utf-8")
    nodes = data_of(page)["nodes"]
    by_title = {n["t"]: n for n in nodes.values()}
    conv = by_title["~ conv2d (Conv2D)"]
    # 5*5*1*32 + 32 = 832 parameters before, 5*5*1*64 + 64 = 1,664 after
    assert ["Total params", "832 → 1,664"] in conv["r"] and ["Change", "filters: 32 → 64"] in conv[
        "r"
    ]
    assert by_title["> conv2d_1 (Conv2D)"]["r"][0] == [
        "Status",
        "changed only as a consequence of changes above it",
    ]
    assert re.search(r'<g id="n1" class="node st-own"', page)
    assert re.search(r'<g id="n2" class="node st-upstream"', page)
    assert page.count("node st-unchanged") == 4
    same = invoke(runner, "diff", old, old, "--format", "html", "-o", out)
    assert same.exit_code == 0 and "None: the models are the same." in out.read_text()


def test_diff_writes_any_format_to_a_file(runner, tmp_path: Path) -> None:
    old, new = SPECS / "seed_conv.yaml", SPECS / "examples" / "seed_conv_wide.yaml"
    out = tmp_path / "diff.json"
    r = invoke(runner, "diff", old, new, "-f", "json", "-o", out)
    assert (r.exit_code, r.stdout) == (1, "")
    assert json.loads(out.read_text())["identical"] is False
    r = invoke(runner, "diff", old, new, "--color", "always", "-o", tmp_path / "diff.txt")
    text = (tmp_path / "diff.txt").read_text()
    assert r.exit_code == 1 and "filters: 32 → 64" in text and "\x1b[" not in text


@needs_dot
def test_diff_html_draws_removed_layers_with_their_old_edges(runner, tmp_path: Path) -> None:
    out = tmp_path / "diff.html"
    deeper, plain = (
        SPECS / "examples" / "seed_functional_deeper.yaml",
        SPECS / "seed_functional.yaml",
    )
    assert invoke(runner, "diff", deeper, plain, "-f", "html", "-o", out).exit_code == 1
    page = out.read_text(encoding="utf-8")
    removed = next(k for k, n in data_of(page)["nodes"].items() if n["t"] == "- hidden2 (Dense)")
    assert f'class="node st-removed" data-node="{removed}"' in page
    assert f'class="edge gone" data-from="{removed}"' in page
    assert re.search(rf'class="edge gone" data-from="n\d+" data-to="{removed}"', page)


@pytest.mark.parametrize(
    "name", sorted(p.name for p in (HERE / "hostile").iterdir() if p.name != "README.md")
)
def test_diff_html_of_a_hostile_file_is_exit_3(runner, name: str) -> None:
    """tests/test_hostile.py runs every command on the corpus in a subprocess; the HTML diff here."""
    path = str(HERE / "hostile" / name)
    r = invoke(runner, "diff", SPECS / "seed_sequential.yaml", path, "-f", "html")
    assert (r.exit_code, r.stdout) == (3, "")
    assert r.stderr.startswith(path) and "Traceback" not in r.stderr


# -- determinism, size, policy ----------------------------------------------------------


@needs_dot
@pytest.mark.parametrize("path", [SPECS / "seed_functional.yaml", NESTED], ids=lambda p: p.stem)
def test_same_model_same_bytes(path: Path) -> None:
    assert report(path) == report(path)
    assert report(path, None) == report(path, None)


@needs_dot
@pytest.mark.slow
def test_resnet50_report_is_under_a_megabyte() -> None:
    page = report(SPECS / "zoo" / "resnet50.yaml")
    assert 'id="graph"' in page
    assert len(page.encode("utf-8")) < 1_000_000


def test_policy_allows_exactly_the_inline_code() -> None:
    page = report(SPECS / "seed_conv.yaml", None)
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)
    assert csp is not None
    (script,) = re.findall(r"<script>(.*?)</script>", page, re.S)
    (style,) = re.findall(r"<style>(.*?)</style>", page, re.S)

    def sha(text: str) -> str:
        return "'sha256-" + b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    assert csp.group(1) == (
        f"default-src 'none'; script-src {sha(script)}; style-src {sha(style)}; "
        "img-src 'none'; base-uri 'none'; form-action 'none'"
    )
    assert page.index("Content-Security-Policy") < page.index("<style>")
    # nothing that would load or link anything at view time
    for pattern in (
        r"\ssrc=",
        r"\shref=",
        r"url\(",
        r"@import",
        r"https?://(?!www\.w3\.org/2000/svg)",
    ):
        assert not re.search(pattern, page), pattern


# -- escaping ---------------------------------------------------------------------------

HOSTILE = archcalc.infer(archcalc.load(str(HOSTILE_NAMES)))


@pytest.mark.parametrize("layout", [dot_layout, None], ids=["graph", "no-graph"])
def test_hostile_names_never_become_markup(layout) -> None:
    if layout is not None and shutil.which("dot") is None:
        pytest.skip("Graphviz's dot is not installed")
    page = report(HOSTILE_NAMES, layout)
    assert page.count("<script") == 2  # the data block and the page's own script
    assert "<script>alert" not in page and "<img" not in page and "<b>" not in page
    assert "\x1b" not in page and "\r" not in page and "\u202e" not in page
    data = data_of(page)
    assert (
        "<"
        not in page[
            page.index('id="archcalc-data">') + 19 : page.rindex(
                "</script>", 0, page.rindex("<script>")
            )
        ]
    )
    titles = {n["t"] for n in data["nodes"].values()}
    for layer in HOSTILE.layers:
        assert f"{visible(layer.name)} ({visible(layer.type)})" in titles


def test_json_block_cannot_be_closed() -> None:
    text = json_block({"a": "</script><!--<script>", "b": "\u2028\u2029&"})
    assert "<" not in text and ">" not in text and "&" not in text
    # strings are also made visible, as everywhere: line separators as escapes
    assert json.loads(text) == {"a": "</script><!--<script>", "b": "\\u2028\\u2029&"}


def test_svg_allowlist() -> None:
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" onload="alert(1)">'
        '<g id="graph0" class="graph" transform="translate(4 4)"><script>alert(2)</script>'
        '<g id="n0" class="node" onclick="alert(3)"><title>x</title>'
        '<a href="javascript:alert(4)"><polygon points="0,0 1,1" fill="url(javascript:x)" stroke="black"/></a>'
        '<text x="1" y="2" style="x">&lt;img src=x onerror=alert(5)&gt;</text>'
        "<foreignObject><div>hi</div></foreignObject></g>"
        '<g id="e0" class="edge"><path d="M0,0C1,1 2,2 3,3" stroke="black"/></g>'
        '<g id="g0" class="cluster"><polygon points="0,0 5,5" fill="none"/></g>'
        '<g id="evil"><polygon points="9,9"/></g></g></svg>'
    )
    out = sanitize_svg(svg, [DrawNode("n0", ("x",))], [DrawEdge("n0", "n0")])
    assert out == (
        '<svg xmlns="http://www.w3.org/2000/svg" id="graph" viewBox="0 0 10 10" '
        'data-viewbox="0 0 10 10" role="img" aria-label="layer graph"><g transform="translate(4 4)">'
        '<g id="n0" class="node" data-node="n0"><polygon points="0,0 1,1" stroke="black"/>'
        '<text x="1" y="2">&lt;img src=x onerror=alert(5)&gt;</text></g>'
        '<g class="edge" data-from="n0" data-to="n0"><path d="M0,0C1,1 2,2 3,3" stroke="black"/></g>'
        '<g id="g0" class="cluster" data-group="g0" role="button"><polygon points="0,0 5,5" '
        'fill="none"/></g></g></svg>'
    )
    with pytest.raises(LayoutError):
        sanitize_svg("<svg", [], [])


# -- what the page says -----------------------------------------------------------------


def test_numbers_from_the_seed_tutorial() -> None:
    """seed conv, per sample, float32 (arithmetic, not archcalc's output)."""
    page = report(SPECS / "seed_conv.yaml", None)
    nodes = {n["t"]: dict((k, v) for k, v in n["r"]) for n in data_of(page)["nodes"].values()}
    conv = nodes["conv2d (Conv2D)"]
    assert conv["Params"] == f"{5 * 5 * 1 * 32 + 32} (832 trainable, 0 non-trainable)"
    assert conv["MACs"] == f"{24 * 24 * 32 * 25:,} (460.80 K)"
    assert conv["Activations"] == f"{24 * 24 * 32 * 4 // 1024}.00 KB (this call's outputs)"
    assert nodes["dense (Dense)"]["MACs"] == f"{3200 * 2:,} (6.40 K)"
    # the peak: conv2d's (24, 24, 32) output and conv2d_1's (20, 20, 32), float32, while
    # conv2d_1 runs
    assert f"peak {(24 * 24 * 32 * 4 + 20 * 20 * 32 * 4) / 1024:.2f} KB while conv2d_1 runs" in page


def test_nested_models_are_groups() -> None:
    data = data_of(report(NESTED, None))
    titles = {k: n["t"] for k, n in data["nodes"].items()}
    groups = {
        titles[g["n"]]: (titles[data["groups"][g["p"]]["n"]] if g["p"] else None)
        for g in data["groups"].values()
    }
    assert groups == {"encoder (Functional)": None, "enc_mlp (Sequential)": "encoder (Functional)"}
    inner = {titles[k] for k, n in data["nodes"].items() if n.get("g")}
    assert inner == {
        "enc_x (InputLayer)",
        "enc_y (InputLayer)",
        "enc_sum (Concatenate)",
        "enc_mlp (Sequential)",
        "enc_hidden (Dense)",
        "enc_out (Dense)",
    }


def test_page_without_graphviz_lists_every_call() -> None:
    page = report(SPECS / "siamese.yaml", None)
    assert 'id="graph"' not in page
    assert "needs Graphviz's <code>dot</code> program" in page
    assert (
        "<code>apt-get install graphviz</code>" in page
        and "<code>brew install graphviz</code>" in page
    )
    items = re.findall(r'<button type="button" class="link" data-node="(n\d+)">', page)
    assert items == [f"n{i}" for i in range(len(data_of(page)["nodes"]))]
    assert "tower_conv (Conv2D)" in page  # the shared layer, once per call
    assert page.count("tower_conv (Conv2D) →") == 2


# -- the docs ---------------------------------------------------------------------------

DOCS = ("README.md", "docs/report.md", "docs/report.readme-section.md")


def page_commands(doc: str) -> list[str]:
    """Every ``archcalc report`` / ``--format html`` line of the doc's ``sh`` blocks."""
    text = (ROOT / doc).read_text(encoding="utf-8")
    lines = [x for block in re.findall(r"```sh\n(.*?)```", text, re.S) for x in block.splitlines()]
    return [x for x in lines if x.startswith("archcalc report ") or "--format html" in x]


@needs_dot
@pytest.mark.parametrize("doc", DOCS)
def test_doc_commands_run_as_written(doc: str, runner, tmp_path: Path, monkeypatch) -> None:
    """Run from a folder holding the repository's specs, so the pages land in tmp_path."""
    commands = page_commands(doc)
    assert len(commands) >= 2
    (tmp_path / "specs").symlink_to(ROOT / "specs")
    monkeypatch.chdir(tmp_path)
    for command in commands:
        args = shlex.split(command, comments=True)
        r = runner.invoke(main, args[1:], prog_name="archcalc")
        assert r.exit_code == (1 if args[1] == "diff" else 0), (command, r.output)
        out = tmp_path / args[args.index("-o") + 1]
        assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>"), command


def test_readme_section_and_pictures() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = (ROOT / "docs/report.readme-section.md").read_text(encoding="utf-8")
    assert section in readme
    for doc, base in (("README.md", ROOT), ("docs/report.md", ROOT / "docs")):
        text = (ROOT / doc).read_text(encoding="utf-8")
        pictures = re.findall(r"!\[[^\]]*\]\(([^)]+\.png)\)", text)
        assert sorted(Path(p).name for p in pictures) == [
            "diff_seed_conv.png",
            "report_seed_functional.png",
        ]
        assert all((base / p).is_file() for p in pictures)


@needs_dot
def test_a_lone_surrogate_in_a_keras_name(runner, tmp_path: Path) -> None:
    """JSON can spell a lone surrogate, which UTF-8 cannot: the page shows it escaped, as every
    human-facing output does (textsafe.visible), and dot gets the graph."""
    text = (ROOT / "tests/golden/keras/seed_sequential.keras.json").read_text(encoding="utf-8")
    path = tmp_path / "model.json"
    path.write_text(text.replace('"name": "dense"', '"name": "dense\\ud800x"', 1), encoding="utf-8")
    r = invoke(runner, "report", path)
    assert r.exit_code == 0, r.output
    assert "dense\\ud800x" in r.stdout and 'id="graph"' in r.stdout


def test_diff_html_of_hostile_names_shows_them_as_text(runner, tmp_path: Path) -> None:
    """The diff page of two models with the hostile names (one width changed): every name
    and type is text, as on the model page."""
    text = HOSTILE_NAMES.read_text(encoding="utf-8")
    new = tmp_path / "new.yaml"
    new.write_text(text.replace("units: 4, inputs:", "units: 5, inputs:", 1), encoding="utf-8")
    out = tmp_path / "diff.html"
    r = invoke(runner, "diff", HOSTILE_NAMES, new, "--format", "html", "-o", out)
    assert r.exit_code == 1, r.output
    page = out.read_text(encoding="utf-8")
    assert page.count("<script") == 2  # the data block and the page's own script
    # the page's own markup has <b>; the names' <b>bold and <b>Evil must be text
    for bad in ("<script>alert", "<img", "<b>bold", "<b>Evil"):
        assert bad not in page, bad
    assert "\x1b" not in page and "\r" not in page and "\u202e" not in page
    titles = " ".join(n["t"] for n in data_of(page)["nodes"].values())
    for layer in HOSTILE.layers:
        assert visible(layer.name) in titles
