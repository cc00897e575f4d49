"""The report and diff pages in a real browser (headless Chromium over the DevTools protocol).

Labels and numbers come from Keras's own layers.json for the seed tutorial's
models, or from arithmetic written here. Every test ends with no console
error, uncaught exception or Content-Security-Policy violation (the
``open_page`` fixture checks).
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from archcalc.textsafe import visible
from tests.browser.cdp import Page
from tests.conftest import KERAS, ROOT

IMG = ROOT / "docs" / "img"
SCREENSHOTS = {  # docs/img file -> (page, node label to click first, height)
    "report_seed_functional.png": ("functional", "conv1", 980),
    "diff_seed_conv.png": ("diff", "conv2d", 1000),
}

NODES = """[...document.querySelectorAll('#graph .node')].map(n =>
  [n.id, ...[...n.querySelectorAll('text')].map(t => t.textContent)])"""
SHOWN = """(id) => { const e = document.getElementById(id);
  return getComputedStyle(e).display !== 'none' && e.getBoundingClientRect().width > 0; }"""


def keras_layers(model: str) -> list[dict]:
    data = json.loads(gzip.decompress((KERAS / "models" / model / "layers.json.gz").read_bytes()))
    return data["layers"]  # type: ignore[no-any-return]


def nodes(page: Page) -> dict[str, list[str]]:
    """Drawn node id -> its label lines (name, type, output shape)."""
    return {row[0]: row[1:] for row in page.eval(NODES)}


def node_id(page: Page, name: str) -> str:
    return next(i for i, lines in nodes(page).items() if lines[0] == name)


def details(page: Page) -> tuple[str, dict[str, str]]:
    title, rows = page.eval(
        "[document.querySelector('#details h3').textContent,"
        " [...document.querySelectorAll('#details dl dt')].map(d => [d.textContent,"
        " d.nextElementSibling.textContent])]"
    )
    return title, dict(rows)


def shown(page: Page, ids: list[str]) -> list[bool]:
    return page.eval(f"{json.dumps(ids)}.map({SHOWN})")  # type: ignore[no-any-return]


def test_one_node_per_call_with_keras_labels(open_page) -> None:
    page = open_page("functional")
    drawn = sorted(nodes(page).values())
    keras = sorted(
        [x["name"], x["class"], x["summary_shape"]] for x in keras_layers("seed_functional")
    )
    assert drawn == keras


def test_a_click_on_a_node_shows_its_numbers(open_page) -> None:
    page = open_page("functional")
    keras = {x["name"]: x for x in keras_layers("seed_functional")}
    page.click("#" + node_id(page, "conv1"))
    title, rows = details(page)
    assert title == "conv1 (Conv2D)"
    assert rows["Input shape"] == keras["input_data"]["summary_shape"]
    assert rows["Output shape"] == keras["conv1"]["summary_shape"]
    assert rows["Params"] == f"{keras['conv1']['params']:,} (832 trainable, 0 non-trainable)"
    assert rows["MACs"] == f"{24 * 24 * 32 * 5 * 5:,} (460.80 K)"  # outputs x kernel area
    assert rows["Activations"] == f"{24 * 24 * 32 * 4 / 1024:.2f} KB (this call's outputs)"
    assert page.eval("document.querySelector('#graph .node.sel').id") == node_id(page, "conv1")
    # a table row selects the same way
    page.click(f"#layers tr[data-node='{node_id(page, 'hidden1')}']")
    title, rows = details(page)
    assert title == "hidden1 (Dense)" and rows["Params"].startswith(
        f"{keras['hidden1']['params']:,} "
    )
    # concat's 12*12*32 + 11*11*16 = 6,544 features into 10 units
    assert rows["MACs"] == f"{(12 * 12 * 32 + 11 * 11 * 16) * 10:,} (65.44 K)"


def test_folding_a_nested_model_hides_its_inner_nodes(open_page) -> None:
    page = open_page("nested")
    ids = nodes(page)
    inner = [i for i, lines in ids.items() if lines[0].startswith("enc_")]
    outer = [i for i in ids if i not in inner]
    assert sorted(ids[i][0] for i in inner) == [
        "enc_hidden",
        "enc_out",
        "enc_sum",
        "enc_x",
        "enc_y",
    ]
    assert all(shown(page, inner + outer))
    page.click("#g0 text")  # the encoder's caption
    assert not any(shown(page, inner)) and all(shown(page, outer))
    assert page.eval("document.getElementById('g0').classList.contains('folded')")
    assert details(page)[0] == "encoder (Functional)"
    page.click("#g0 text")
    assert all(shown(page, inner))
    page.click("[data-act='fold-all']")
    assert not any(shown(page, inner)) and shown(page, ["g0"]) == [True]
    assert shown(page, ["g1"]) == [False]  # enc_mlp folds away inside the encoder


def test_zoom_and_fit(open_page) -> None:
    page = open_page("functional")
    box = "document.getElementById('graph').getAttribute('viewBox').split(' ').map(Number)"
    before = page.eval(box)
    page.click("[data-act='zoom-in']")
    after = page.eval(box)
    assert after[2] == pytest.approx(before[2] / 1.25, abs=0.2)
    page.click("[data-act='fit']")
    assert page.eval(box) == before


def test_table_sorts_and_filters(open_page) -> None:
    page = open_page("functional")
    names = "[...document.querySelectorAll('#layers tbody tr')].filter(r => !r.classList.contains('hide')).map(r => r.cells[1].textContent)"
    header = "#layers th:nth-child(5)"  # Param #
    page.click(header)
    page.click(header)  # descending
    biggest = max(keras_layers("seed_functional"), key=lambda x: x["params"])
    assert page.eval(names)[0] == biggest["name"]
    page.eval(
        "const f = document.getElementById('filter'); f.value = 'CONV';"
        " f.dispatchEvent(new Event('input'))"
    )
    assert page.eval(names) == ["conv1", "conv2"]


def test_the_diff_page_colours_the_changed_layer(open_page) -> None:
    page = open_page("diff")
    fill = (
        "(id) => getComputedStyle(document.getElementById(id).querySelector('path, polygon')).fill"
    )
    colours = {
        lines[0]: page.eval(f"({fill})({json.dumps(i)})") for i, lines in nodes(page).items()
    }
    assert colours.pop("conv2d") == "rgb(255, 240, 179)"  # own change: the text diff's ~
    assert colours.pop("conv2d_1") == "rgb(211, 238, 245)"  # a consequence: >
    assert set(colours.values()) == {"rgb(255, 255, 255)"}
    changes = page.eval("[...document.querySelectorAll('.changes li')].map(l => l.textContent)")
    assert changes == [
        "~ conv2d (Conv2D): filters: 32 → 64",
        "> conv2d_1 (Conv2D): follows from conv2d",
    ]
    page.click("#" + node_id(page, "conv2d"))
    title, rows = details(page)
    # 5*5*1*32 + 32 = 832 before, 5*5*1*64 + 64 = 1,664 after
    assert title == "~ conv2d (Conv2D)" and rows["Total params"] == "832 → 1,664"


def test_hostile_names_render_as_text(open_page) -> None:
    import archcalc

    page = open_page("hostile")
    result = archcalc.infer(archcalc.load(str(ROOT / "tests/browser/hostile_names.yaml")))
    assert page.eval("document.querySelectorAll('script').length") == 2
    assert page.eval("document.querySelectorAll('img, iframe, object, embed, b').length") == 0
    assert page.eval("document.querySelector('h1').textContent") == f"{result.name} (Functional)"
    labels = {lines[0] for lines in nodes(page).values()}
    for layer in result.layers:
        name = visible(layer.name)
        assert (name if len(name) <= 40 else name[:39] + "…") in labels
    page.click("#" + node_id(page, "<script>alert(1)<!--"))
    assert details(page)[0] == "<script>alert(1)<!-- (Dense)"
    page.click("#" + node_id(page, "ansi\\x1b[31mred\\x1b]0;title\\x07"))
    args = page.eval("[...document.querySelectorAll('#details table td')].map(t => t.textContent)")
    assert '"<img src=x onerror=alert(2)>"' in args


def test_the_page_without_graphviz(open_page) -> None:
    page = open_page("siamese-no-graph")
    assert page.eval("document.getElementById('graph')") is None
    text = page.eval("document.querySelector('.no-graph p').textContent")
    assert "apt-get install graphviz" in text and "brew install graphviz" in text
    buttons = page.eval(
        "[...document.querySelectorAll('.layer-list button')].map(b => b.textContent)"
    )
    assert buttons.count("tower_conv (Conv2D) → (None, 14, 14, 8)") == 2  # one per call (16-3+1)
    page.click(".layer-list li:nth-child(4) button")
    title, rows = details(page)
    assert title == "tower_conv (Conv2D)" and rows["Call"] == "shared, call 2/2: tower_conv_right"


@pytest.mark.parametrize("name", ["functional", "nested", "hostile", "siamese-no-graph", "diff"])
def test_no_console_errors(open_page, name: str) -> None:
    page = open_page(name)
    for selector in (
        "#graph .node",
        "#layers tbody tr",
        ".bar",
        ".layer-list button",
        ".changes li",
    ):
        if page.eval(f"document.querySelector({json.dumps(selector)}) !== null"):
            page.click(selector)
    assert page.errors() == []


@pytest.mark.parametrize("file", sorted(SCREENSHOTS))
def test_screenshots(open_page, golden, file: str) -> None:
    """docs/img's pictures, remade by ``pytest --update-goldens`` (fonts differ between machines,
    so they are not compared byte for byte)."""
    name, click, height = SCREENSHOTS[file]
    path = IMG / file
    if golden.update:
        page = open_page(name)
        page.click("#" + node_id(page, click))
        page.eval("window.scrollTo(0, 0)")
        page.screenshot(path, height)
    data = Path(path).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert (
        int.from_bytes(data[16:20], "big") == 1400 and int.from_bytes(data[20:24], "big") == height
    )
