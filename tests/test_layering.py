"""The package's floors: every import goes down, no module imports itself back.

A test walks the AST of every module (function bodies and TYPE_CHECKING blocks
included) and says which import breaks which rule, so the import graph a
reader sees is the one that runs. docs/architecture.md draws the floors.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "archcalc"

#: Each group of modules and its floor: a module imports only lower floors, or its own group.
FLOORS = {
    "_version": 0,
    "numtext": 0,
    "exitcodes": 0,
    "textsafe": 1,
    "shapes": 1,
    "diagnostics": 1,
    "spec": 2,
    "catalog": 3,
    "reader": 4,
    "masks": 4,
    "schema": 4,
    "states": 3,
    "graph": 5,
    "results": 6,  # what inference returns (frozen results)
    "engine": 7,
    "analysis": 8,
    "blocks": 8,  # a spec's block instances over an inference result
    "diff": 9,
    "folded": 9,  # repeats inferred once, completed for JSON (uses analysis)
    "sweep": 9,
    "render": 10,
    "lint": 10,
    "export": 10,
    "api": 11,
    "cli": 12,
    "__main__": 13,
    "archcalc": 13,  # the package's facade: the API, loaded on first use
}
#: Only the command line imports inside functions (to keep start-up fast, which
#: tests/test_imports.py guards), and the package facade, which loads the API on use.
LAZY_ALLOWED = ("cli", "archcalc")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def group(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "archcalc"


def imports(path: Path) -> list[tuple[str, int, bool]]:
    """(imported archcalc module, line, inside a function) for every import in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    inside: set[int] = set()
    for fn in ast.walk(tree):
        if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
            inside.update(id(n) for n in ast.walk(fn))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.split(".")[0] == "archcalc":
                for alias in node.names:
                    target = f"{node.module}.{alias.name}"
                    # `from archcalc.x import y`: y is a submodule or a name of x
                    is_module = (PACKAGE.parent / target.replace(".", "/")).with_suffix(".py")
                    is_package = PACKAGE.parent / target.replace(".", "/") / "__init__.py"
                    name = target if is_module.exists() or is_package.exists() else node.module
                    out.append((name, node.lineno, id(node) in inside))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "archcalc":
                    out.append((alias.name, node.lineno, id(node) in inside))
    return out


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def test_every_group_has_a_floor() -> None:
    assert {group(m) for m in MODULES} <= set(FLOORS), "give the new module a floor here"


def test_imports_go_down() -> None:
    wrong = []
    for module, path in MODULES.items():
        here = group(module)
        for target, line, _ in imports(path):
            there = group(target)
            if there == here:
                continue
            if FLOORS[there] >= FLOORS[here]:
                wrong.append(
                    f"{path.relative_to(ROOT)}:{line}: {here} (floor {FLOORS[here]}) imports "
                    f"{target} (floor {FLOORS[there]})"
                )
    assert wrong == []


def test_no_imports_inside_functions_outside_the_command_line() -> None:
    hidden = [
        f"{path.relative_to(ROOT)}:{line}: imports {target} inside a function"
        for module, path in MODULES.items()
        if group(module) not in LAZY_ALLOWED
        for target, line, lazy in imports(path)
        if lazy
    ]
    assert hidden == []


def test_no_import_cycle() -> None:
    graph = {
        m: {t for t, _, _ in imports(p) if t in MODULES and t != m}
        for m, p in MODULES.items()
        if group(m) != "cli"
    }
    state: dict[str, int] = {}
    for start in graph:
        stack = [(start, iter(sorted(graph[start])))]
        path = [start]
        if state.get(start) == 2:
            continue
        state[start] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
                path.pop()
            elif child in graph and state.get(child) == 1:
                cycle = [*path[path.index(child) :], child]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            elif child in graph and state.get(child) is None:
                state[child] = 1
                stack.append((child, iter(sorted(graph[child]))))
                path.append(child)


def test_the_documented_floors_are_the_tested_ones() -> None:
    """docs/architecture.md's drawing names every group on the floor this file gives it."""
    drawn: dict[str, int] = {}
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    for line in text.splitlines():
        words = line.split()
        if len(words) > 2 and words[0] == "floor" and words[1].isdigit():
            for word in words[2:]:
                name = word.rstrip("/").removesuffix(".py").rstrip(",")
                if name in FLOORS:
                    drawn[name] = int(words[1])
                elif "/" not in word and not word.endswith(".py"):
                    break
    assert drawn == FLOORS
