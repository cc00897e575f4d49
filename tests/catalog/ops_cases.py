"""Keras's keras.ops reference cases, run through archcalc two ways.

``keras_cases_ops_<group>.json`` (made by tests/golden/keras/generators/extract_ops_cases.py
from real Keras 3.15.1 runs) holds, for each call Keras made a node of, the node's
``to_json`` config, its output shape and dtype, and the rows of the summary Keras printed
(name, class, output shape, parameters, Connected to). Each case is checked:

- as a **spec** written in the op syntax (``type: TrueDivide, args: [input_layer, 127.5]``):
  this module writes it from the node config with its own small translator, independent of
  archcalc's Keras reader;
- as a **Keras file**: a Functional ``to_json`` config built around the node config (the
  inputs, the op node(s), Keras's ``Dense(4)`` when the case had one), read by archcalc's
  Keras reader.

Both must give Keras's rows exactly and the op's output dtype. A call Keras refused is
written the same way from the call Keras recorded before it raised, and archcalc must refuse
it with a positioned diagnostic (never another exception).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import archcalc
from archcalc.catalog import CATALOG
from archcalc.diagnostics import ArchcalcError
from archcalc.render.cells import TableOptions
from archcalc.results import InferenceResult

HERE = Path(__file__).resolve().parent
GROUPS = ("numpy", "nn", "other", "idioms")
Case = dict[str, Any]


def load_cases(group: str) -> list[Case]:
    return json.loads((HERE / f"keras_cases_ops_{group}.json").read_text())["cases"]


def input_names(case: Case) -> list[str]:
    return ["input_layer" if i == 0 else f"input_layer_{i}" for i in range(len(case["inputs"]))]


def ref(history: list[Any]) -> str:
    name, node, tensor = history[:3]
    base = name if node == 0 else f"{name}:{node}"
    return base if tensor == 0 else f"{base}[{tensor}]"


def spec_value(value: Any) -> Any:
    """A serialised call argument in the spec's op syntax."""
    if isinstance(value, list):
        return [spec_value(v) for v in value]
    if isinstance(value, dict):
        cls, cfg = value.get("class_name"), value.get("config", {})
        if cls == "__keras_tensor__":
            return ref(cfg["keras_history"])
        if cls == "__slice__":
            return {"slice": [cfg["start"], cfg["stop"], cfg["step"]]}
        if cls == "__ellipsis__":
            return {"ellipsis": True}
        if cls in ("__numpy__", "__tensor__"):
            return {"constant": cfg["value"], "dtype": cfg["dtype"]}
        return {k: spec_value(v) for k, v in value.items()}
    if isinstance(value, str):
        return {"string": value}
    return value


def type_name(cls: str) -> str:
    return f"ops.{cls}" if f"ops.{cls}" in CATALOG else cls


def spec_entry(call: dict[str, Any], name: str) -> dict[str, Any]:
    entry: dict[str, Any] = {"type": type_name(call["class_name"])}
    if name:
        entry = {"name": name, **entry}
    entry.update({k: v for k, v in call["config"].items() if k != "name"})
    inbound = call["inbound_nodes"][0]
    entry["args"] = spec_value(inbound["args"])
    if inbound.get("kwargs"):
        entry["kwargs"] = spec_value(inbound["kwargs"])
    return entry


def node_calls(case: Case) -> list[dict[str, Any]]:
    """The op node configs of a case (built ones, or the refused call as one)."""
    if "nodes" in case:
        return case["nodes"]
    return [
        {
            "module": c["module"],
            "class_name": c["class"],
            "config": {**({"name": c["name"]} if c["name"] else {}), **c["config"]},
            "name": c["name"],
            "inbound_nodes": [{"args": c["args"], "kwargs": c["kwargs"]}],
        }
        for c in case["refused_calls"]
    ]


def dense_input(case: Case) -> str:
    return ref(case["history"][0])


def spec_text(case: Case) -> str:
    inputs = {}
    for name, shape, dtype in zip(
        input_names(case), case["inputs"], case["input_dtypes"], strict=True
    ):
        item: dict[str, Any] = {"shape": shape, "dtype": dtype}
        if case.get("batch_size") is not None:
            item["batch_size"] = case["batch_size"]
        inputs[name] = item
    entries = [spec_entry(c, c["name"]) for c in node_calls(case)]
    if case.get("dense"):
        entries.append({"name": "dense", "type": "Dense", "units": 4, "inputs": dense_input(case)})
    lines = ["name: functional", f"inputs: {json.dumps(inputs)}", "layers:"]
    lines += [f"  - {json.dumps(e)}" for e in entries]
    if "outputs" in case:
        lines.append(f"outputs: {json.dumps(model_outputs(case))}")
    return "\n".join(lines) + "\n"


def model_outputs(case: Case) -> list[str]:
    outs = case["outputs"]
    triples = [outs] if outs and isinstance(outs[0], str) else outs
    return [ref(t) for t in triples]


def keras_json(case: Case) -> str:
    """A Functional model's ``to_json()`` around the case's node configs."""
    layers = []
    for name, shape, dtype in zip(
        input_names(case), case["inputs"], case["input_dtypes"], strict=True
    ):
        layers.append(
            {
                "module": "keras.layers",
                "class_name": "InputLayer",
                "config": {
                    "batch_shape": [case.get("batch_size"), *shape],
                    "dtype": dtype,
                    "sparse": False,
                    "ragged": False,
                    "name": name,
                },
                "registered_name": None,
                "name": name,
                "inbound_nodes": [],
            }
        )
    layers += node_calls(case)
    if case.get("dense"):
        history = case["history"][0]
        layers.append(
            {
                "module": "keras.layers",
                "class_name": "Dense",
                "config": {"name": "dense", "trainable": True, "units": 4, "activation": "linear"},
                "registered_name": None,
                "build_config": {"input_shape": None},
                "name": "dense",
                "inbound_nodes": [
                    {
                        "args": [
                            {"class_name": "__keras_tensor__", "config": {"keras_history": history}}
                        ],
                        "kwargs": {},
                    }
                ],
            }
        )
    outputs = case.get("outputs") or [[node_calls(case)[-1]["name"], 0, 0]]
    config = {
        "name": "functional",
        "trainable": True,
        "layers": layers,
        "input_layers": [[n, 0, 0] for n in input_names(case)],
        "output_layers": outputs,
    }
    return json.dumps({"module": "keras", "class_name": "Functional", "config": config})


def parse_rows(summary: str) -> tuple[list[list[Any]], bool, list[str]]:
    """A printed summary's rows (cells joined across wrapped lines: name, class, output
    shape, parameters, and Connected to when the table has it) and its totals lines; the
    generator parsed Keras's tables the same way."""
    parsed: list[list[str]] = []
    current: list[str] | None = None
    header = ""
    totals = []
    for line in summary.splitlines():
        if line.startswith("┃"):
            header = line
        elif line.startswith("│"):
            cells = [c.strip() for c in line.strip("│").split("│")]
            current = (
                cells
                if current is None
                else [f"{a} {b}".strip() for a, b in zip(current, cells, strict=True)]
            )
        elif line.startswith(("├", "└")) and current is not None:
            parsed.append(current)
            current = None
        elif line.startswith(" ") and "params:" in line:
            totals.append(line.strip())
    connected = "Connected to" in header
    out = []
    for cells in parsed:
        name, _, rest = cells[0].partition(" (")
        row: list[Any] = [name, rest.rstrip(")"), cells[1], int(cells[2].replace(",", ""))]
        if connected:
            row.append(
                [] if cells[3] == "-" else [c.strip() for c in cells[3].split(",") if c.strip()]
            )
        out.append(row)
    return out, connected, totals


def check_result(case: Case, result: InferenceResult) -> None:
    """Keras's rows, Connected to and totals as printed, and the returned tensors' dtypes."""
    text = archcalc.render_summary(result, TableOptions(terminal_columns=200))
    assert parse_rows(text) == (case["rows"], case["connected_column"], case["totals"])
    want = case["output_dtype"]
    want = want if isinstance(want, list) else [want]
    got = []
    for name, _, tensor in case["history"]:
        got.append(result.layer(name).calls[-1].output_dtypes[tensor])
    assert got == want


def run_spec(case: Case) -> InferenceResult:
    return archcalc.infer(archcalc.load_text(spec_text(case), f"{case['id']}.yaml"))


def run_keras(case: Case, tmp_path: Path) -> InferenceResult:
    path = tmp_path / f"{case['id']}.json"
    path.write_text(keras_json(case), encoding="utf-8")
    return archcalc.infer(archcalc.load(str(path)))


def built(cases: list[Case]) -> list[Case]:
    return [c for c in cases if "nodes" in c]


def refused(cases: list[Case]) -> list[Case]:
    return [c for c in cases if "nodes" not in c and "refused_calls" in c]


def check_refused(case: Case, tmp_path: Path) -> None:
    with pytest.raises(ArchcalcError):
        run_spec(case)
    with pytest.raises(ArchcalcError):
        run_keras(case, tmp_path)
