"""``archcalc schema``: generated from the catalog; every spec in specs/ validates against it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from archcalc.catalog import CATALOG
from archcalc.cli import main
from archcalc.reader.yamlnodes import parse_yaml
from archcalc.schema import DRAFT, spec_schema
from tests.conftest import ROOT, SPECS
from tests.jsonschema_mini import errors, unknown_keywords
from tests.lint.stand_ins import stand_ins

LINT_CASES = Path(__file__).parent / "lint" / "cases"


def plain(path: Path) -> object:
    root = parse_yaml(path.read_text(encoding="utf-8"), str(path))
    assert root is not None
    return root.plain()


@pytest.fixture
def keras_kinds() -> Iterator[list[str]]:
    with stand_ins() as added:
        yield added


@pytest.fixture(scope="module")
def schema() -> dict:
    return spec_schema()


def test_draft_07_and_known_keywords(schema: dict) -> None:
    assert schema["$schema"] == DRAFT == "http://json-schema.org/draft-07/schema#"
    assert unknown_keywords(schema) == set()


@pytest.mark.parametrize("spec", sorted(SPECS.rglob("*.yaml")), ids=lambda p: p.name)
def test_specs_validate(schema: dict, spec: Path) -> None:
    assert errors(plain(spec), schema) == []


LOADABLE_CASES = [p for p in sorted(LINT_CASES.glob("*.yaml")) if p.stem not in ("load_error",)]


@pytest.mark.parametrize("case", LOADABLE_CASES, ids=lambda p: p.stem)
def test_lint_cases_validate(schema: dict, case: Path, keras_kinds: list[str]) -> None:
    """Every case archcalc loads is valid for the schema too (stand-in kinds included)."""
    assert errors(plain(case), spec_schema()) == []


def test_every_catalog_type_is_in_the_schema(schema: dict) -> None:
    type_enum = set(schema["definitions"]["entry"]["else"]["properties"]["type"]["enum"])
    ops = {f"ops.{n}" for n, k in CATALOG.items() if k.family == "ops" and "." not in n}
    assert type_enum == set(CATALOG) - {"InputLayer", "Custom"} | ops  # ops.X for every op
    assert set(CATALOG["Custom"].args) <= set(
        schema["definitions"]["custom"]["properties"]["custom"]["properties"]
    )
    for name, kind in CATALOG.items():
        if name in ("InputLayer", "Custom"):
            continue
        layer = schema["definitions"][f"layer-{kind.name}"]
        assert set(kind.args) <= set(layer["properties"])
        required = {a.name for a in kind.args.values() if a.required}
        assert required | {"type"} == set(layer["required"])


def test_new_kinds_appear_automatically(keras_kinds: list[str]) -> None:
    """Kinds registered after import (here: test stand-ins) are in a freshly generated schema."""
    enum = spec_schema()["definitions"]["entry"]["else"]["properties"]["type"]["enum"]
    assert set(keras_kinds) <= set(enum)


# Specs the loader refuses must be refused by the schema too: (spec, path fragment of an error)
INVALID = [
    ({"inputs": {"x": [2]}, "layers": [{"type": "Dense"}]}, "'units' is required"),
    ({"inputs": {"x": [2]}, "layers": [{"type": "Dense", "units": 0}]}, "units"),
    ({"inputs": {"x": [2]}, "layers": [{"type": "Dense", "units": 2, "unitz": 1}]}, "unitz"),
    ({"inputs": {"x": [2]}, "layers": [{"type": "Densely", "units": 2}]}, "type"),
    ({"inputs": {"x": [2]}, "layers": [{"type": "Custom", "units": 2}]}, "type"),
    (
        {"inputs": {"x": [2]}, "layers": [{"type": "X", "custom": {"output_shape": [0]}}]},
        "output_shape",
    ),
    (
        {
            "inputs": {"x": [2]},
            "layers": [{"type": "Conv2D", "filters": 2, "kernel_size": [3, 3, 3]}],
        },
        "kernel_size",
    ),
    ({"inputs": {"x": [2]}, "layers": [{"type": "MaxPooling2D", "padding": "SAME"}]}, "padding"),
    (
        {"inputs": {"x": [2]}, "layers": [{"type": "Dense", "units": 2, "activation": "relux"}]},
        "activation",
    ),
    ({"inputs": {"x": [0]}, "layers": [{"type": "Dense", "units": 2}]}, "inputs.x"),
    ({"inputs": {"x": [2]}, "layers": []}, "layers"),
    ({"inputs": {"x": [2]}, "layers": [{"type": "Dense", "units": 2}], "extra": 1}, "extra"),
    (
        {
            "inputs": {"x": [2]},
            "layers": [{"type": "Dense", "units": 2}, {"share": "dense", "units": 3}],
        },
        "units",
    ),
    ({"inputs": {"x": [2]}, "layers": [{"name": "a/b", "type": "Dense", "units": 2}]}, "name"),
    # designs: an expression is a string with $; a block needs layers and has only its keys
    ({"inputs": {"x": [2]}, "layers": [{"type": "Dense", "units": "two"}]}, "units"),
    ({"inputs": {"x": [2]}, "layers": [{"type": "Dense", "units": 2, "repeat": -1}]}, "repeat"),
    (
        {"blocks": {"b": {"params": ["f"]}}, "inputs": {"x": [2]}, "layers": [{"block": "b"}]},
        "layers",
    ),
    (
        {
            "blocks": {"b": {"layers": [{"type": "Flatten"}], "param": []}},
            "inputs": {"x": [2]},
            "layers": [{"block": "b"}],
        },
        "param",
    ),
    ({"inputs": {"x": [2]}, "layers": [{"block": 3}]}, "block"),
]


@pytest.mark.parametrize(("spec", "fragment"), INVALID)
def test_invalid_specs_are_refused(schema: dict, spec: dict, fragment: str) -> None:
    found = errors(spec, schema)
    assert found and any(fragment in e for e in found), found


def test_custom_and_nested_entries(schema: dict) -> None:
    spec = {
        "inputs": {"x": [10, 8]},
        "layers": [
            {
                "name": "attn",
                "type": "MyAttention",
                "heads": 4,
                "custom": {"output_shape": [10, 64], "params": 16640},
            },
            {
                "name": "inner",
                "type": "Sequential",
                "model": {"layers": [{"type": "Flatten"}, {"type": "Dense", "units": 2}]},
            },
        ],
    }
    assert errors(spec, schema) == []
    spec["layers"][0]["custom"]["parms"] = 1
    spec["layers"][1]["model"]["layers"][1]["unitz"] = 2
    found = errors(spec, schema)
    assert any("parms" in e for e in found) and any("unitz" in e for e in found), found


def test_design_entries(schema: dict) -> None:
    spec = {
        "variables": {"width": 16, "act": "relu"},
        "blocks": {
            "mlp": {
                "params": ["units", {"act": "relu"}],
                "inputs": ["x"],
                "layers": [
                    {"name": "fc", "type": "Dense", "units": "${2 * units}", "activation": "$act"},
                    {"type": "Conv1D", "filters": 2, "kernel_size": ["$k"], "if": "units > 2"},
                ],
                "outputs": ["fc"],
            }
        },
        "inputs": {"x": ["$width", None]},
        "layers": [
            {"block": "mlp", "name": "m${i}", "units": 4, "repeat": "$width", "index": "i"},
            {"type": "Dense", "units": 2, "id": "head", "if": True},
        ],
    }
    assert errors(spec, schema) == []


def test_share_entry_and_input_forms(schema: dict) -> None:
    spec = {
        "inputs": {"a": [4], "b": {"shape": [4], "batch_size": 8, "dtype": "float32"}},
        "layers": [
            {"name": "d", "type": "Dense", "units": 2, "inputs": "a", "trainable": False},
            {"name": "d2", "share": "d", "inputs": ["b"]},
        ],
        "outputs": ["d", "d2"],
    }
    assert errors(spec, schema) == []


def test_cli_prints_the_schema(runner: CliRunner) -> None:
    result = runner.invoke(main, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == spec_schema()
    assert (ROOT / "docs" / "lint.md").read_text(encoding="utf-8").count(
        "yaml-language-server: $schema="
    ) >= 1
