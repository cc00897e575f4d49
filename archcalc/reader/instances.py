"""A block instance checked before its body is made: the block, arguments, parameters, inputs.

Each check reports at the instance entry (with ``via``, the instances that made it) and
returns None, so the expander leaves the instance out and goes on to find more problems.
"""

from __future__ import annotations

from typing import Any

from archcalc.diagnostics import Via, did_you_mean
from archcalc.reader.computed import Values
from archcalc.reader.design import (
    INSTANCE_KEYS,
    BlockDef,
    PlainTemplateError,
    evaluate_plain,
    report_template,
)
from archcalc.reader.scopes import Ref, Scope
from archcalc.reader.templates import with_via
from archcalc.reader.ynode import YNode
from archcalc.textsafe import quote


class InstanceChecks(Values):
    """The expander's checks of an instance entry (``block:``, its arguments and inputs)."""

    def block_of(self, node: YNode, scope: Scope) -> BlockDef | None:
        ref = node.value["block"]
        blocks = self.design.blocks
        if not isinstance(ref.value, str) or ref.value not in blocks:
            if isinstance(ref.value, str):
                hint = did_you_mean(ref.value, list(blocks))
                known = ", ".join(blocks) or "none (declare them under 'blocks:')"
                self.p.error(
                    with_via(ref.pos, scope.via),
                    "unknown-block",
                    f"unknown block {quote(ref.value)}{hint}; the blocks: {known}",
                )
            else:
                self.p.error(
                    with_via(ref.pos, scope.via),
                    "unknown-block",
                    "block names a block declared under 'blocks:'",
                )
            return None
        if scope.depth + 1 > self.design.limits.max_block_depth:
            self.p.error(
                with_via(node.pos, scope.via),
                "invalid-block",
                f"blocks nest deeper than {self.design.limits.max_block_depth} levels; "
                "raise ARCHCALC_MAX_BLOCK_DEPTH if it is legitimate",
            )
            return None
        return blocks[ref.value]

    def arguments(
        self, node: YNode, block: BlockDef, env: dict[str, Any], scope: Scope
    ) -> dict[str, Any] | None:
        """The arguments an entry gives, computed in the caller's names."""
        args: dict[str, Any] = {}
        ok = True
        for key, value in node.value.items():
            if key in INSTANCE_KEYS:
                continue
            if key not in block.params:
                hint = did_you_mean(key, list(block.params))
                params = ", ".join(block.params) or "none"
                self.p.error(
                    with_via(node.key_pos(key), scope.via),
                    "block-argument",
                    f"block {quote(block.name)} has no parameter {quote(key)}{hint}; its parameters: {params}",
                )
                ok = False
                continue
            try:
                args[key] = evaluate_plain(value, env, self.limits, self.template)
            except PlainTemplateError as exc:
                report_template(self.p, self.design.locator, at_via(exc.node, scope.via), exc.error)
                ok = False
        return args if ok else None

    def parameters(
        self, node: YNode, block: BlockDef, args: dict[str, Any], scope: Scope
    ) -> dict[str, Any] | None:
        """The body's names: the variables, then each parameter (given, or its default computed
        from the variables and the parameters before it)."""
        env = dict(self.design.variables)
        for name, param in block.params.items():
            if name in args:
                env[name] = args[name]
            elif param.default is None:
                self.p.error(
                    with_via(node.pos, scope.via),
                    "block-argument",
                    f"block {quote(block.name)} needs the argument {quote(name)} (it has no default)",
                )
                return None
            else:
                try:
                    env[name] = evaluate_plain(param.default, env, self.limits, self.template)
                except PlainTemplateError as exc:
                    report_template(
                        self.p, self.design.locator, at_via(exc.node, scope.via), exc.error
                    )
                    return None
        return env

    def instance_inputs(
        self,
        node: YNode,
        block: BlockDef,
        refs: list[Ref] | None,
        default: Ref | None,
        scope: Scope,
    ) -> list[Ref] | None:
        want = len(block.inputs)
        names = ", ".join(block.inputs)
        if refs is not None:
            if len(refs) != want:
                self.p.error(
                    with_via(node.value["inputs"].pos, scope.via),
                    "input-count",
                    f"block {quote(block.name)} takes {want} input(s) ({names}), got {len(refs)}",
                )
                return None
            return refs
        if want != 1:
            self.p.error(
                with_via(node.pos, scope.via),
                "missing-inputs",
                f"block {quote(block.name)} takes {want} inputs ({names}); say which with inputs:",
            )
            return None
        return [default if default is not None else Ref("", 0)]


def at_via(node: YNode, via: tuple[Via, ...]) -> YNode:
    return YNode(node.value, with_via(node.pos, via), node.kind)
