"""Computed values in a design: templates in entries, conditions, counts and names.

:class:`Values` is the expander's half that turns what is written into what
it means for one instance: an entry's values with their templates computed
(positions carrying ``via``), ``if:`` / ``repeat:`` / ``trainable:`` values
(a bare expression or a template), and the full name of a layer or an
instance: a name written in a block is prefixed with the instance's name
(``conv2_block1`` + ``_`` + ``1_conv``), a name with ``${...}`` is taken
as it computes, and a repeated entry's plain name gets ``_INDEX``.
"""

from __future__ import annotations

from typing import Any

from archcalc.diagnostics import Via
from archcalc.reader.design import IDENTIFIER, Design, report_template
from archcalc.reader.expr import ExprError, parse
from archcalc.reader.expreval import evaluate, kind_name
from archcalc.reader.problems import Problems, kind_of
from archcalc.reader.scopes import Ref, Scope
from archcalc.reader.templates import (
    Template,
    TemplateError,
    compile_template,
    from_plain,
    render,
    with_via,
)
from archcalc.reader.ynode import YNode
from archcalc.textsafe import quote

Source = tuple[int, int, tuple[Via, ...]]


class Values:
    """Template evaluation with a cache of compiled strings, reporting into ``p``."""

    def __init__(self, design: Design, p: Problems) -> None:
        self.design = design
        self.p = p
        self.limits = design.limits.expr
        self.templates: dict[str, Template | TemplateError | None] = {}
        #: where a whole-string template was computed, and what it gave (for messages)
        self.sources: dict[Source, tuple[str, Any]] = {}
        self.auto_instances: dict[str, int] = {}

    def template(self, text: str) -> Template | None:
        """The compiled template of ``text`` (None: no ``$``); raises TemplateError."""
        got = self.templates.get(text, False)
        if got is False:
            try:
                got = compile_template(text, self.limits)
            except TemplateError as exc:
                got = exc
            self.templates[text] = got
        if isinstance(got, TemplateError):
            raise got
        return got  # type: ignore[return-value]

    def subst(self, node: YNode, env: dict[str, Any], via: tuple[Via, ...]) -> YNode | None:
        """A copy of ``node`` with its templates computed and ``via`` on its positions;
        None after reporting a bad template."""
        pos = with_via(node.pos, via)
        if node.kind == "map":
            items: dict[str, YNode] = {}
            for k, v in node.value.items():
                got = self.subst(v, env, via)
                if got is None:
                    return None
                items[k] = got
            return YNode(items, pos, "map", {k: with_via(p, via) for k, p in node.keys.items()})
        if node.kind == "seq":
            seq = [self.subst(v, env, via) for v in node.value]
            if any(v is None for v in seq):
                return None
            return YNode(seq, pos, "seq")
        if not isinstance(node.value, str) or "$" not in node.value:
            return YNode(node.value, pos, "scalar") if via else node
        try:
            t = self.template(node.value)
            assert t is not None
            value = render(t, env, self.limits)
        except TemplateError as exc:
            report_template(self.p, self.design.locator, YNode(node.value, pos, "scalar"), exc)
            return None
        if t.whole is not None:
            self.sources[(pos.line, pos.column, via)] = (t.text, value)
        return from_plain(value, pos)

    def scalar(self, node: YNode, env: dict[str, Any], key: str, want: type) -> Any:
        """``if:``, ``repeat:`` or ``trainable:``: a value, a template, or a bare expression;
        None after reporting why it is not a ``want`` (bool or int)."""
        value = node.value
        if isinstance(value, str):
            try:
                t = self.template(value)
                value = render(t, env, self.limits) if t is not None else self.bare(value, env)
            except TemplateError as exc:
                report_template(self.p, self.design.locator, node, exc)
                return None
            except ExprError as exc:
                report_template(
                    self.p, self.design.locator, node, TemplateError(str(exc), exc.offset, value)
                )
                return None
        ok = isinstance(value, want) and (want is bool or not isinstance(value, bool))
        if not ok:
            what = "true or false" if want is bool else "a whole number"
            got = kind_name(value) if node.kind == "scalar" else kind_of(node.plain())
            shown = (
                f" ({quote(str(value))})"
                if isinstance(value, (int, float)) and not isinstance(value, bool)
                else ""
            )
            self.p.error(
                node.pos,
                {"if": "invalid-condition", "repeat": "invalid-repeat"}.get(
                    key, "invalid-argument"
                ),
                f"{key} must be {what}; got {got}{shown}",
            )
            return None
        return value

    def bare(self, text: str, env: dict[str, Any]) -> Any:
        """A value written without ``${}`` where only an expression makes sense (``if: i == 0``)."""
        return evaluate(parse(text, self.limits), env, self.limits)

    def index_name(self, node: YNode) -> str | None:
        idx = node.get("index")
        if idx is None:
            return "i"
        if not isinstance(idx.value, str) or not IDENTIFIER.fullmatch(idx.value):
            self.p.error(
                idx.pos,
                "invalid-repeat",
                f"index must be a name such as i or j; got {kind_of(idx.plain())}",
            )
            return None
        return idx.value

    def full_name(
        self,
        node: YNode | None,
        env: dict[str, Any],
        scope: Scope,
        rep: tuple[int, str, int] | None,
    ) -> tuple[str | None, str | None]:
        """(the full name, the name other entries of the body use for it); (None, None) unnamed.

        A computed name is used as it computes, and other entries may refer to it either
        as written (``"mixed9_${k}"``) or as it computes (``mixed9_0``)."""
        if node is None or not isinstance(node.value, str) or not node.value:
            return None, None
        raw = node.value
        try:
            t = self.template(raw)
            value = render(t, env, self.limits) if t is not None else None
        except TemplateError as exc:
            report_template(self.p, self.design.locator, node, exc)
            return None, raw
        if t is not None:
            return (value if isinstance(value, str) else str(value)), raw
        suffix = f"_{rep[0]}" if rep is not None else ""
        return scope.prefix + raw + suffix, raw

    def auto_instance(self, prefix: str, block: str) -> str:
        """An unnamed instance's name: the block's, counted per block as Keras counts layers."""
        key = prefix + block
        n = self.auto_instances.get(key, 0)
        self.auto_instances[key] = n + 1
        return key if n == 0 else f"{key}_{n}"

    def refs(self, node: YNode | None, scope: Scope) -> list[Ref] | None:
        """One reference or a list of them, as written in ``scope``; None after an error."""
        if node is None:
            return None
        items = node.value if node.is_seq else [node]
        out = []
        for item in items:
            if item.kind != "scalar" or not isinstance(item.value, str) or not item.value:
                self.p.error(
                    with_via(item.pos, scope.via),
                    "invalid-reference",
                    f"a reference is a layer or input name, or a list of names; got {kind_of(item.plain())}",
                )
                return None
            text = item.value
            pos = with_via(item.pos, scope.via)
            if "$" in text:
                try:
                    t = self.template(text)
                    text = str(render(t, scope.env, self.limits)) if t is not None else text
                except TemplateError as exc:
                    report_template(
                        self.p, self.design.locator, YNode(item.value, pos, "scalar"), exc
                    )
                    return None
            out.append(Ref(None, 0, text, pos, scope))
        if not out:
            self.p.error(
                with_via(node.pos, scope.via),
                "invalid-reference",
                "an empty list of references; name at least one layer or input",
            )
            return None
        return out

    def hint(self, line: int, column: int, via: tuple[Via, ...]) -> str:
        """`` (${filters / 2} gives 2.5)`` for a problem at a computed value, else ''."""
        got = self.sources.get((line, column, via))
        if got is None:
            return ""
        text, value = got
        shown = value if not isinstance(value, str) else quote(value)
        return f" ({text} gives {shown})"
