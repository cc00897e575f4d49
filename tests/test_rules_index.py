"""analysis/_rules_index.py lists which module registers each cost rule, so counting a model
imports the rule modules of the kinds it uses and no others (start-up). This test imports
every rule module, rebuilds the index, and compares; ``--update-goldens`` rewrites it."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys

import archcalc.analysis
from archcalc.analysis import _rules_index
from archcalc.analysis.cost import _REGISTRIES
from tests.conftest import ROOT

INDEX = ROOT / "archcalc" / "analysis" / "_rules_index.py"
HEADER = '''"""Generated: for each cost convention, every rule key (a Keras class name, or a catalog
family's base class) -> the analysis module that registers it.

Do not edit: ``python -m pytest tests/test_rules_index.py --update-goldens`` rewrites it
from the rule modules, and the test fails when it is out of date.
"""

RULE_MODULES: dict[str, dict[str, str]] = {
'''


def registered() -> dict[str, dict[str, str]]:
    for module in pkgutil.iter_modules(archcalc.analysis.__path__):
        importlib.import_module(f"archcalc.analysis.{module.name}")
    out: dict[str, dict[str, str]] = {}
    for convention, reg in _REGISTRIES.items():
        rules = {**reg.by_name, **reg.by_class}
        out[convention] = {k: rules[k].__module__.rsplit(".", 1)[1] for k in sorted(rules)}
    return out


def render(index: dict[str, dict[str, str]]) -> str:
    body = ""
    for convention, rules in index.items():
        body += f'    "{convention}": {{\n'
        body += "".join(f'        "{k}": "{m}",\n' for k, m in rules.items())
        body += "    },\n"
    return HEADER + body + "}\n"


def test_rules_index_is_up_to_date(request) -> None:
    index = registered()
    if request.config.getoption("--update-goldens"):
        INDEX.write_text(render(index), encoding="utf-8")
    assert index == _rules_index.RULE_MODULES or INDEX.read_text(encoding="utf-8") == render(
        index
    ), "archcalc/analysis/_rules_index.py is out of date: --update-goldens"


def test_counting_loads_only_the_rules_a_model_uses() -> None:
    probe = (
        "import sys, archcalc;"
        "r = archcalc.infer(archcalc.load_text('inputs: {x: [4]}\\nlayers: [{type: Dense, units: 2}]'));"
        "from archcalc.analysis import analyze; c = analyze(r);"
        "assert c.compute.macs == 8, c.compute.macs;"
        "loaded = {m for m in sys.modules if m.startswith('archcalc.analysis.')};"
        "assert 'archcalc.analysis.rules' in loaded;"
        "assert not loaded & {'archcalc.analysis.ops_rules', 'archcalc.analysis.sequence_rules',"
        " 'archcalc.analysis.preprocessing_rules', 'archcalc.analysis.more_rules'}, loaded"
    )
    subprocess.run([sys.executable, "-c", probe], check=True, cwd=ROOT)
