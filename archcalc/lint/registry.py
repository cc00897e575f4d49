"""Every lint rule, by ID: one module per rule in lint/rules, one name here."""

from __future__ import annotations

from types import ModuleType

from archcalc.lint.rules import (
    budget,
    dead_layer,
    dense_without_flatten,
    double_activation,
    param_share,
    redundant_pooling,
    shadowed_auto_name,
    softmax_not_last,
    unused_input,
    unwritten_mask,
)

#: Every lint rule, by ID. Adding a rule: a module in lint/rules and a name here.
RULES: dict[str, ModuleType] = {
    rule.ID: rule
    for rule in (
        dead_layer,
        unused_input,
        softmax_not_last,
        double_activation,
        dense_without_flatten,
        redundant_pooling,
        param_share,
        shadowed_auto_name,
        unwritten_mask,
        budget,
    )
}

# Optional rule attributes: a rule with no options, on by default, leaves them out.
for _rule in RULES.values():
    for _name, _default in (("ENABLED", True), ("CONF", None), ("DEFAULT", None)):
        if not hasattr(_rule, _name):
            setattr(_rule, _name, {} if _default is None else _default)


def rule_summary(rule: ModuleType) -> str:
    """The first line of a rule's documentation."""
    return (rule.__doc__ or "").strip().splitlines()[0].replace("``", "")
