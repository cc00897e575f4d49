"""catalog/_index.py lists every kind the family modules register, and where.

It lets the catalog know every Keras class name without importing every family
(start-up pays only for what a model uses). This test imports every module of
the catalog, rebuilds the index, and compares; ``--update-goldens`` rewrites it.
"""

from __future__ import annotations

import importlib
import pkgutil

import archcalc.catalog
from archcalc.catalog import _index
from archcalc.catalog.base import CATALOG
from tests.conftest import ROOT

INDEX = ROOT / "archcalc" / "catalog" / "_index.py"
HEADER = '''"""Generated: every Keras class name the catalog registers -> (its module, canonical name).

Do not edit: ``python -m pytest tests/catalog/test_index.py --update-goldens`` rewrites
it from the family modules, and the test fails when it is out of date.
"""

KINDS: dict[str, tuple[str, str]] = {
'''


def registered() -> dict[str, tuple[str, str]]:
    for module in pkgutil.iter_modules(archcalc.catalog.__path__):
        importlib.import_module(f"archcalc.catalog.{module.name}")
    return {
        name: (type(kind).__module__.rsplit(".", 1)[1], kind.name)
        for name, kind in sorted(CATALOG._kinds.items())
    }


def render(kinds: dict[str, tuple[str, str]]) -> str:
    """The module as ``ruff format`` leaves it (a row over 100 columns split as it splits it)."""
    rows = ""
    for n, (m, c) in kinds.items():
        row = f"    {n!r}: ({m!r}, {c!r}),\n"
        rows += (
            row if len(row) <= 101 else f"    {n!r}: (\n        {m!r},\n        {c!r},\n    ),\n"
        )
    return (HEADER + rows + "}\n").replace("'", '"')


def test_index_is_up_to_date(request) -> None:
    kinds = registered()
    if request.config.getoption("--update-goldens"):
        INDEX.write_text(render(kinds), encoding="utf-8")
    assert kinds == _index.KINDS or INDEX.read_text(encoding="utf-8") == render(kinds), (
        "archcalc/catalog/_index.py is out of date: run "
        "python -m pytest tests/catalog/test_index.py --update-goldens"
    )


def test_a_kind_loads_its_family_on_first_use() -> None:
    import subprocess
    import sys

    probe = (
        "import sys; from archcalc.catalog import CATALOG, CANONICAL;"
        "assert 'archcalc.catalog.convolutional' not in sys.modules;"
        "assert 'Conv2D' in CATALOG and CANONICAL['Convolution2D'] == 'Conv2D';"
        "assert 'archcalc.catalog.convolutional' not in sys.modules;"
        "k = CATALOG['Convolution2D']; assert k.name == 'Conv2D';"
        "assert 'archcalc.catalog.convolutional' in sys.modules;"
        "assert 'archcalc.catalog.rnn' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", probe], check=True, cwd=ROOT)
