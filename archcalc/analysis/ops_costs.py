"""The cost of every keras.ops node: the rule its kind names (``counted_as``), from the op rule
modules, which this module loads with it."""

from __future__ import annotations

from archcalc.analysis import ops_rules_nn  # noqa: F401 - registers the nn ops' rules
from archcalc.analysis.cost import Cost, Family, Op, Uncounted, cost_rule
from archcalc.analysis.ops_rules import OP_RULES
from archcalc.catalog import CATALOG


@cost_rule(Family("ops_base.OpKind"))
def op_cost(op: Op) -> Cost:
    """Every keras.ops node: the rule its kind names (importing no family module up front)."""
    kind = CATALOG[op.type]
    rule = OP_RULES.get(kind.counted_as)
    if rule is None:
        raise Uncounted(f"archcalc has no cost rule for {kind.keras_class} yet, so it counts 0")
    return rule(op)
