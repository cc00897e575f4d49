"""One headless Chromium for the whole session, and the pages it opens, written once.

Without Chromium (or Graphviz, which the graph pages need) these tests are
skipped, unless ``ARCHCALC_REQUIRE_BROWSER=1`` (set by ``.ci/run``, which
installs both): then a missing tool is a failure, so CI never skips them.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from archcalc.cli import main
from tests.browser.cdp import Browser, CDPError, Page, find_chromium
from tests.conftest import ROOT

REQUIRED = os.environ.get("ARCHCALC_REQUIRE_BROWSER") == "1"

#: page name -> archcalc arguments (paths from the repository root)
PAGES = {
    "functional": ["report", "specs/seed_functional.yaml"],
    "nested": ["report", "tests/plot_specs/nested.yaml"],
    "hostile": ["report", "tests/browser/hostile_names.yaml"],
    "siamese-no-graph": ["report", "specs/siamese.yaml", "--no-graph"],
    "diff": ["diff", "specs/seed_conv.yaml", "specs/examples/seed_conv_wide.yaml", "-f", "html"],
}


def missing(what: str) -> None:
    if REQUIRED:
        pytest.fail(f"{what} (ARCHCALC_REQUIRE_BROWSER=1)")
    pytest.skip(what)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    exe = find_chromium()
    if exe is None:
        missing("Chromium is not installed (apt-get install chromium, or set ARCHCALC_CHROMIUM)")
    try:
        started = Browser(exe)
    except (CDPError, OSError) as exc:
        missing(f"Chromium ({exe}) did not start: {exc}")
    yield started
    started.close()


@pytest.fixture(scope="session")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    if shutil.which("dot") is None:
        missing("Graphviz's dot is not installed (apt-get install graphviz)")
    out = tmp_path_factory.mktemp("pages")
    runner = CliRunner()
    cwd = Path.cwd()
    os.chdir(ROOT)
    try:
        for name, args in PAGES.items():
            path = out / f"{name}.html"
            r = runner.invoke(main, [*args, "-o", str(path)])
            assert r.exit_code in (0, 1), r.output
    finally:
        os.chdir(cwd)
    return {name: out / f"{name}.html" for name in PAGES}


@pytest.fixture
def open_page(browser: Browser, pages: dict[str, Path]) -> Iterator:
    """``open_page(name)``: a fresh tab with that page loaded; no console error by the end."""
    opened: list[Page] = []

    def _open(name: str) -> Page:
        page = browser.new_page()
        opened.append(page)
        page.open(pages[name])
        return page

    yield _open
    for page in opened:
        errors = page.errors()
        page.close()
        assert errors == [], errors
