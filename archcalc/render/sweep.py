"""The sweep as a table (one row per combination) and as JSON (exact numbers)."""

from __future__ import annotations

from typing import Any

from archcalc.numtext import grouped
from archcalc.render.costs import UNITS_NOTE, human_count
from archcalc.render.diff_common import value
from archcalc.render.grid import render_grid
from archcalc.render.json_rows import dumps, optional_number
from archcalc.render.units import bytes_text
from archcalc.sweep import SweepRow
from archcalc.textsafe import visible

COLUMNS = ("Total params", "MACs", "FLOPs", "Activations", "Peak (inference)")


def _count(n: int | None) -> str:
    return "-" if n is None else human_count(n)


def render_sweep_table(
    name: str, rows: list[SweepRow], variables: list[str], options: Any = None
) -> str:
    """``Sweep of "gpt_decoder"`` and a box table: the variables, then the totals."""

    header = [*variables, *COLUMNS]
    body = []
    for r in rows:
        cells = [value(r.values[v]) for v in variables]
        if r.failed:
            cells += ["(failed)"] + ["-"] * (len(COLUMNS) - 1)
        else:
            cells += [
                grouped(r.total_params or 0),
                _count(r.macs),
                _count(r.flops),
                bytes_text(r.activation_bytes),
                bytes_text(r.peak_bytes),
            ]
        body.append(cells)
    widths = []  # the text's width; rich adds 2 for padding, plus one border per column
    for k, title in enumerate(header):
        widths.append(max([len(title), *(len(row[k]) for row in body)]))
    line = sum(w + 3 for w in widths) + 1
    align = ["left"] * len(variables) + ["right"] * len(COLUMNS)
    lines = [f'Sweep of "{visible(name)}"']
    lines += render_grid(header, align, widths, line, body)
    for r in rows:
        if r.failed:
            first = r.problems[0]
            where = f"line {first.line}: " if first.line else ""
            setting = ", ".join(f"{k}={value(v)}" for k, v in r.values.items())
            lines.append(f" {visible(setting)} failed: {visible(where + first.message)}")

    batch = getattr(options, "batch_size", 1)
    per = "per sample" if batch == 1 else "the whole batch"
    dtype = getattr(options, "dtype", None) or "each layer's dtype"
    lines.append(f" Batch size: {batch:,} ({per}), {dtype}; {UNITS_NOTE}")
    return "\n".join(lines) + "\n"


def render_sweep_json(name: str, source: str, rows: list[SweepRow], options: Any) -> str:
    data = {
        "schema_version": 1,
        "name": name,
        "source": source,
        "batch_size": options.batch_size,
        "dtype": options.dtype,
        "convention": options.convention,
        "sweep": [
            {
                "variables": dict(r.values),
                **(
                    {
                        "error": {
                            "line": r.problems[0].line,
                            "column": r.problems[0].column,
                            "code": r.problems[0].code,
                            "message": r.problems[0].message,
                        }
                    }
                    if r.failed
                    else {
                        "total_params": r.total_params,
                        "trainable_params": r.trainable_params,
                        "macs": r.macs,
                        "flops": r.flops,
                        "activation_bytes": optional_number(r.activation_bytes),
                        "peak_activation_bytes": optional_number(r.peak_bytes),
                        "complete": r.complete,
                    }
                ),
            }
            for r in rows
        ],
    }

    return dumps(data)
