"""Every diagnostic code the loader, graph and engine emit is a documented rule ID."""

from __future__ import annotations

import ast
import re

from archcalc.lint import RULES
from archcalc.lint.codes import LOAD_CODES
from tests.conftest import ROOT

SOURCES = [
    ROOT / "archcalc" / p
    for p in ("reader", "engine.py", "graph.py", "cli/common.py", "lint/directives.py")
]
_CODE = re.compile(r"^[a-z]+(-[a-z]+)*$")
_EMITTERS = {"at", "error", "warn", "fail", "Diagnostic", "_bad"}


def _strings(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _strings(node.body) + _strings(node.orelse)
    return []


def emitted_codes() -> set[str]:
    """String constants passed to Diagnostic constructors and error helpers, and ``code=`` defaults."""
    codes: set[str] = set()
    files = [f for p in SOURCES for f in ([p] if p.is_file() else sorted(p.rglob("*.py")))]
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if name in _EMITTERS:
                    for arg in [*node.args, *(k.value for k in node.keywords)]:
                        codes.update(s for s in _strings(arg) if _CODE.match(s))
            elif isinstance(node, ast.FunctionDef):
                args = node.args.args[-len(node.args.defaults) :] if node.args.defaults else []
                for arg, default in zip(args, node.args.defaults, strict=True):
                    if arg.arg == "code":
                        codes.update(_strings(default))
    return codes


def test_emitted_codes_are_documented() -> None:
    codes = emitted_codes()
    assert {"yaml-syntax", "unknown-argument", "shape-error", "cycle", "dead-layer"} <= codes
    undocumented = codes - set(LOAD_CODES) - set(RULES)
    assert not undocumented, (
        f"add these codes to archcalc/lint/codes.py LOAD_CODES: {sorted(undocumented)}"
    )


def test_rule_ids_and_codes_do_not_clash() -> None:
    assert not set(RULES) & set(LOAD_CODES)


def test_docs_list_every_rule_and_code() -> None:
    docs = (ROOT / "docs" / "lint.md").read_text(encoding="utf-8")
    missing = [c for c in [*RULES, *LOAD_CODES] if f"`{c}`" not in docs]
    assert not missing, f"docs/lint.md does not mention {missing}"
