"""Shared fixtures: golden files (``pytest --update-goldens`` rewrites archcalc's own
regression goldens; Keras's reference files are never rewritten) and a CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
KERAS = GOLDEN / "keras"
SPECS = ROOT / "specs"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="rewrite archcalc's regression goldens under tests/golden (not tests/golden/keras)",
    )


class Golden:
    def __init__(self, update: bool) -> None:
        self.update = update

    def check(self, name: str, text: str) -> None:
        path = GOLDEN / name
        assert KERAS not in path.parents, "Keras reference files are never rewritten"
        if self.update or not path.exists():
            if not self.update:
                pytest.fail(f"missing golden {path}; run pytest --update-goldens and review it")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            return
        expected = path.read_text(encoding="utf-8")
        assert text == expected, (
            f"{name} differs from its golden; if intended, run pytest --update-goldens"
        )


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Golden:
    return Golden(request.config.getoption("--update-goldens"))


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def write(tmp_path: Path):
    """Write a spec file into a temp dir and return its path."""

    def _write(text: str, name: str = "model.yaml") -> str:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return str(path)

    return _write
