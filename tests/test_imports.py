"""Start-up cost: each command imports only what it needs (no timing assertions here;
benchmarks/run.py measures time)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT, SPECS

PROBE = """
import sys, atexit
atexit.register(lambda: print("MODULES", " ".join(sorted(m for m in sys.modules if m.split(".")[0] in ("rich", "yaml", "archcalc"))), file=sys.stderr))
from archcalc.cli import main
sys.argv = ["archcalc", *sys.argv[1:]]
main()
"""


def modules(*args: str) -> set[str]:
    r = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, cwd=ROOT
    )
    line = next(x for x in r.stderr.splitlines() if x.startswith("MODULES"))
    return set(line.split()[1:])


def test_json_summary_never_imports_rich() -> None:
    loaded = modules("summary", "--format", "json", str(SPECS / "seed_functional.yaml"))
    assert "archcalc.engine" in loaded
    assert not any(m == "rich" or m.startswith("rich.") for m in loaded)


def test_version_imports_neither_yaml_nor_rich_nor_the_engine() -> None:
    loaded = modules("--version")
    assert not {m for m in loaded if m.split(".")[0] in ("rich", "yaml")}
    assert "archcalc.engine" not in loaded and "archcalc.catalog" not in loaded


#: readers a plain YAML spec never needs: each is loaded by name when its kind of file comes in
OTHER_READERS = {
    "archcalc.reader.design",
    "archcalc.reader.designload",
    "archcalc.reader.keras",
    "archcalc.reader.keras_files",
    "archcalc.reader.hub",
}


def test_a_plain_spec_loads_no_other_reader() -> None:
    for fmt in ("json", "table"):
        loaded = modules("summary", "--format", fmt, str(SPECS / "seed_functional.yaml"))
        assert not loaded & OTHER_READERS, fmt
        assert "archcalc.catalog.rnn" not in loaded  # a family loads when a model names it
        assert "archcalc.catalog.convolutional" in loaded


def test_a_design_loads_the_design_reader() -> None:
    loaded = modules("summary", "--format", "json", str(SPECS / "zoo" / "gpt_decoder.yaml"))
    assert "archcalc.reader.designload" in loaded and "archcalc.reader.keras" not in loaded
