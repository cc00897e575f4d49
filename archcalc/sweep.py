"""``summary --sweep NAME=V1,V2``: the model's cost at each combination of variable values.

A designer asks how cost grows ("what does sequence length 8k cost?"): each
combination of the swept values (a grid, in the order given) is loaded with
those variables set and inferred, and one row keeps the totals: parameters,
MACs, FLOPs, activation memory and the inference peak, under the same cost
options as ``--costs``. The number of combinations is bounded before any is
computed (``ARCHCALC_MAX_SWEEP``). A combination the spec cannot take (a
width its heads do not divide, say) is a row with the problem, not the end of
the sweep.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from archcalc.analysis import CostOptions, analyze
from archcalc.diagnostics import ArchcalcError, Diagnostic
from archcalc.engine import infer_spec
from archcalc.reader.designcheck import SettingError
from archcalc.reader.limits import env_int
from archcalc.reader.load import model_from_text

DEFAULT_MAX_SWEEP = 1000


@dataclass(frozen=True)
class SweepRow:
    """One combination: the variables it sets and the model's totals (or why it failed)."""

    values: Mapping[str, Any]
    total_params: int | None = None
    trainable_params: int | None = None
    macs: int | None = None
    flops: int | None = None  # None also where the convention defines no FLOPs
    activation_bytes: float | None = None
    peak_bytes: float | None = None
    complete: bool = True
    problems: tuple[Diagnostic, ...] = ()
    model: str = ""  # the model's name (a variable may compute it)

    @property
    def failed(self) -> bool:
        return bool(self.problems)


def max_sweep() -> int:
    return env_int("ARCHCALC_MAX_SWEEP", DEFAULT_MAX_SWEEP)


def combinations(axes: list[tuple[str, list[Any]]], path: str) -> list[dict[str, Any]]:
    """Every combination of the swept values, the first variable varying slowest; refused
    (a usage error) past ``ARCHCALC_MAX_SWEEP`` before any is made."""
    count = 1
    for _, values in axes:
        count *= len(values)
    limit = max_sweep()
    if count > limit:
        raise SettingError(
            Diagnostic(
                path,
                0,
                0,
                "invalid-variable",
                f"--sweep makes {count:,} combinations, more than {limit:,}; "
                "sweep fewer values, or raise ARCHCALC_MAX_SWEEP",
            )
        )
    names = [name for name, _ in axes]
    return [
        dict(zip(names, combo, strict=True)) for combo in itertools.product(*(v for _, v in axes))
    ]


def sweep(
    text: str,
    path: str,
    axes: list[tuple[str, list[Any]]],
    fixed: Mapping[str, Any],
    options: CostOptions,
) -> list[SweepRow]:
    """One row per combination of ``axes`` (``fixed``: the ``--set`` values under them)."""
    rows = []
    for values in combinations(axes, path):
        try:
            spec = model_from_text(text, path, variables={**fixed, **values}).spec
            result = infer_spec(spec)
        except SettingError:
            raise  # a variable the spec does not have: the whole sweep is a usage error
        except ArchcalcError as exc:
            rows.append(SweepRow(values, problems=tuple(exc.diagnostics)))
            continue
        costs = analyze(result, options)
        c, m = costs.compute, costs.memory
        rows.append(
            SweepRow(
                values,
                result.total_params,
                result.trainable_params,
                c.total.macs,
                c.total.flops if c.flops_defined else None,
                m.activation_bytes,
                m.peak_bytes,
                c.complete and m.complete,
                model=result.name,
            )
        )
    return rows
