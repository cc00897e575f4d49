"""A layer explicitly named like another class's Keras auto-name.

Keras names unnamed layers ``dense``, ``dense_1``, ``conv2d``... A Conv2D
explicitly named ``dense_1`` reads, in every summary, log and checkpoint,
as if it were a Dense layer, and clashes with the name Keras gives the next
unnamed Dense when the model grows (``The name "dense_1" is used 2 times``).
Naming a layer like its *own* class's auto-name is left alone. Model inputs
are checked too. Classes are those archcalc knows (``archcalc layers``);
keras_hub's classes (``position_embedding``...) count only in a model that
uses keras_hub layers, since plain Keras never makes those names.

Options: none. Default level: warning.

PASS::

    inputs: {x: [16]}
    layers:
      - {name: encoder, type: Dense, units: 8}
      - {name: dense_5, type: Dense, units: 4}

FAIL::

    inputs: {x: [4, 4, 1]}
    layers:
      - {name: dense_1, type: Conv2D, filters: 8, kernel_size: 3}
"""

from __future__ import annotations

import re
from functools import lru_cache

from archcalc.catalog import CANONICAL
from archcalc.catalog._index import KINDS
from archcalc.catalog.naming import to_snake_case
from archcalc.lint.context import Conf, Findings, LintContext

ID = "shadowed-auto-name"
LEVEL = "warning"
REQUIRES = "spec"

_SUFFIX = re.compile(r"^(?P<prefix>.+?)(_(?P<n>[1-9][0-9]*))?$")


@lru_cache(maxsize=1)
def _prefixes(n_kinds: int) -> dict[str, str]:
    """Auto-name prefix -> Keras layer class, for every known layer class (recomputed when
    kinds are added). keras.ops classes (``relu``, ``add``, ``mean``...) and keras_hub classes
    count only in a model that uses them: op names are common words, and a model without
    those ops or blocks never makes such a name."""

    return {to_snake_case(c): c for c in sorted(set(CANONICAL.values())) if not _in_use_only(c)}


def _in_use_only(cls: str) -> bool:
    """A keras.ops class or a keras_hub class (its kind lives in a catalog/ops_*.py or
    catalog/hub_*.py module, read from the index without loading it)."""
    return KINDS.get(cls, ("", ""))[0].startswith(("ops_", "hub_"))


def _auto_name_class(name: str, used: dict[str, str]) -> str | None:

    prefixes = {**_prefixes(len(CANONICAL)), **used}
    if name in prefixes:
        return prefixes[name]
    m = _SUFFIX.match(name)
    if m and m.group("n"):
        return prefixes.get(m.group("prefix"))
    return None


def check(ctx: LintContext, conf: Conf) -> Findings:
    named = [(i.name, "InputLayer", i.pos, "input") for i in ctx.spec.inputs]
    named += [
        (x.name, x.type, x.pos, "layer")
        for x in ctx.spec.layers
        if not x.auto_named and not x.is_share
    ]
    used = {x.kind_name for x in ctx.spec.layers if _in_use_only(x.kind_name)}
    ops = {c for c in used if KINDS[c][0].startswith("ops_")}
    for name, own, pos, what in named:
        cls = _auto_name_class(name, {to_snake_case(c): c for c in used})
        if cls is not None and cls != own:
            yield ctx.at(
                pos,
                f"{what} '{name}' ({own}) is named like Keras's auto-name for "
                f"{'an' if cls[0] in 'AEIOU' else 'a'} {cls} {'op node' if cls in ops else 'layer'}; "
                "give it a descriptive name",
            )
