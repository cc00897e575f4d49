"""Build tests/catalog/keras_cases_ops_<group>.json from the keras.ops reference runs.

Inputs (scratch, produced by real Keras 3.15.1, torch backend):
- ``cases_ops.json`` from the scratch area's ``gen_ops_cases.py`` (every case: the call, the
  node's ``to_json`` config, the summary Keras printed at COLUMNS=200, or the error);
- ``calls_ops.json`` from ``gen_ops_calls.py`` (for cases Keras refused: the op class, its
  config and its serialised call arguments, recorded before ``compute_output_spec`` ran).

Each committed case keeps what a test needs: the inputs, the op node configs, Keras's output
shape and dtype, and the summary's rows parsed from the printed table (name, class, output
shape text, parameters, Connected to) — or, for a refused call, the recorded call and
Keras's error. Plain python3; no Keras needed. Usage:

    python3 extract_ops_cases.py CASES_OPS.json CALLS_OPS.json OUT_DIR
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

#: calls Keras refuses before any op exists (in the op's constructor or the function's own
#: checks): the op entry a spec would write for them, by hand from the call
def kt(name: str, shape: list) -> dict:
    """A serialised model input, as Keras writes it in a call's args."""
    return {"class_name": "__keras_tensor__",
            "config": {"shape": shape, "dtype": "float32", "keras_history": [name, 0, 0]}}  # fmt: skip


def by_hand(cls: str, module: str, config: dict, args: list, name: str = "") -> list[dict]:
    return [{"class": cls, "module": module, "name": name, "config": config, "args": args, "kwargs": {}}]


def greater_then_where() -> list[dict]:
    """``where(x > 0, x)``: Keras made the Greater node, then where() refused one branch."""
    x = kt("input_layer", [None, 3])
    greater = by_hand("Greater", "keras.src.ops.numpy", {}, [x, 0], "greater")
    cond = {**kt("greater", [None, 3]), "config": {**kt("greater", [None, 3])["config"], "dtype": "bool"}}
    return greater + by_hand("Where", "keras.src.ops.numpy", {}, [cond, x])


#: calls Keras refuses before any op exists (in the op's constructor or the function's own
#: checks): the op call a spec would write for them, by hand from the case's call
BY_HAND = {
    "concat_axis_none": by_hand("Concatenate", "keras.src.ops.numpy", {"axis": None},
                                [[kt("input_layer", [None, 2, 3]), kt("input_layer_1", [None, 3])]]),
    "reshape_unknown_to_neg1_last": by_hand("Reshape", "keras.src.ops.numpy",
                                            {"newshape": [-1, 3, -1]}, [kt("input_layer", [None, 3, 4])]),
    "err_reshape_two_neg1": by_hand("Reshape", "keras.src.ops.numpy", {"newshape": [-1, -1]},
                                    [kt("input_layer", [None, 3, 4])]),
    "resize_bad_rank": by_hand("Resize", "keras.src.ops.image", {"size": [16, 16]},
                               [kt("input_layer", [None, 32])]),
    "err_clip_no_bounds": by_hand("Clip", "keras.src.ops.numpy", {}, [kt("input_layer", [None, 4])]),
    "err_cast_bad_dtype": by_hand("Cast", "keras.src.ops.core", {"dtype": "float99"},
                                  [kt("input_layer", [None, 4])]),
    "err_where_1arg_x_only": greater_then_where(),
}  # fmt: skip

GROUPS = {
    "keras.src.ops.numpy": "numpy",
    "keras.src.ops.nn": "nn",
    "keras.src.activations.activations": "nn",
}


def parse_rows(summary: str) -> tuple[list[list], bool, list[str]]:
    """The table's rows (cells joined across wrapped lines), whether it has Connected to,
    and the totals lines."""
    rows: list[list[str]] = []
    current: list[str] | None = None
    header = ""
    totals = []
    for line in summary.splitlines():
        if line.startswith("┃"):
            header = line
        elif line.startswith("│"):
            cells = [c.strip() for c in line.strip("│").split("│")]
            if current is None:
                current = cells
            else:
                current = [f"{a} {b}".strip() for a, b in zip(current, cells, strict=True)]
        elif line.startswith(("├", "└")) and current is not None:
            rows.append(current)
            current = None
        elif line.startswith(" ") and "params:" in line:
            totals.append(line.strip())
    connected = "Connected to" in header
    out = []
    for cells in rows:
        name_type = cells[0]
        name, _, rest = name_type.partition(" (")
        row = [name, rest.rstrip(")"), cells[1], int(cells[2].replace(",", ""))]
        if connected:
            row.append([] if cells[3] == "-" else [c.strip() for c in cells[3].split(",") if c.strip()])
        out.append(row)
    return out, connected, totals


def main(cases_path: str, calls_path: str, out_dir: str) -> None:
    doc = json.loads(Path(cases_path).read_text())
    calls = json.loads(Path(calls_path).read_text())
    groups: dict[str, list[dict]] = {}
    for case in doc["cases"]:
        k = case["keras"]
        out = {key: case[key] for key in ("id", "op", "call", "inputs", "input_dtypes") if key in case}
        if case.get("batch_size") is not None:
            out["batch_size"] = case["batch_size"]
        module = k.get("module") or ""
        if "error" in k:
            out["error"] = {"type": k["error"], "message": k["message"][:300], "stage": k["stage"]}
        if k.get("no_node"):
            out["no_node"] = k.get("result", "")[:200]
        if "node_config" in k and k.get("node_config") is not None:
            nodes = k.get("node_configs") or [k["node_config"]]
            out["nodes"] = nodes
            out["name"], out["class"], out["module"] = k["name"], k["class"], module
            out["output_shape"], out["output_dtype"] = k["output_shape"], k["output_dtype"]
            out["dense"] = bool(k.get("dense_applied"))
            out["outputs"] = k["model_output_layers"]
            out["history"] = k["keras_history"]
            rows, connected, totals = parse_rows(k["summary"])
            if case["id"].startswith("preprocess_"):  # compared line for line
                out["summary"] = k["summary"]
            out["rows"], out["connected_column"], out["totals"] = rows, connected, totals
        elif "error" in k:
            record = calls.get(case["id"], {}).get("calls") or []
            hand = BY_HAND.get(case["id"])
            if hand is not None:
                record = hand
            if record and "__unserialisable__" not in json.dumps(record):
                out["refused_calls"] = [
                    {**r, "config": {a: b for a, b in r["config"].items() if a != "name"}}
                    for r in record
                ]
                module = record[-1]["module"]
        group = "idioms" if case["op"] is None else GROUPS.get(module, "other")
        groups.setdefault(group, []).append(out)
    for group, cases in groups.items():
        path = Path(out_dir) / f"keras_cases_ops_{group}.json"
        body = {
            "source": (
                "Real Keras 3.15.1 (torch backend): each case is keras.Model(keras.Input(...), "
                "op(...) [-> Dense(4)]) after clear_session(), summarised at COLUMNS=200; made "
                "by tests/golden/keras/generators/extract_ops_cases.py from the scratch runs"
            ),
            "cases": cases,
        }
        path.write_text(json.dumps(body, indent=None, separators=(",", ":")) + "\n")
        print(path, len(cases))


if __name__ == "__main__":
    main(*sys.argv[1:4])
