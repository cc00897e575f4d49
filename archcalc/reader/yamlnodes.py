"""A safe, bounded YAML reader that keeps a position on every value.

We never call ``yaml.load``: the document is read as a stream of parser
events and assembled here, with an explicit stack, into :class:`YNode` trees.
That gives us, in one pass:

- a 1-based line/column for every mapping, key, sequence and scalar;
- duplicate-key detection (PyYAML silently keeps the last one);
- only the YAML core types (str, int, float, bool, null, seq, map): any
  other tag (``!!python/object``, ``!!binary``, ``!foo``) is an error, so no
  input can construct an object;
- bounded work: nesting depth, and the number of nodes a document expands to
  through aliases ("billion laughs"), are capped by :class:`Limits`.
"""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

from archcalc.diagnostics import ArchcalcError, Diagnostic, Pos
from archcalc.reader.limits import Limits
from archcalc.reader.yamlruns import RunsUnsafe, find_runs, reduced
from archcalc.reader.ynode import YNode
from archcalc.textsafe import excerpt, quote

_CORE = "tag:yaml.org,2002:"
#: The longest integer literal read: Python's own limit on converting text to int.
MAX_INT_DIGITS = 4300
_SCALAR_TAGS = {_CORE + t for t in ("str", "int", "float", "bool", "null")}
# YAML 1.2 core-schema floats; PyYAML (YAML 1.1) needs a dot and a signed exponent.
_FLOAT_12 = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")


#: an unquoted output reference (``lstm[1]``), which a YAML flow collection cannot hold
_UNQUOTED_REF = re.compile(r"[:,\[{]\s*([A-Za-z_][\w.-]*\[\d+\])")
#: an unquoted ``${...}`` expression, whose braces a YAML flow collection reads as its own
_UNQUOTED_EXPR = re.compile(r"\$\{[^}\n]*\}")
#: what YAML leaves of the end of a Python tuple in a flow mapping: the key ``3)``
_TUPLE_END = re.compile(r"^\s*[-+\w.]*\)\s*$")


def too_deep(path: str, max_depth: int, pos: Pos | None = None) -> ArchcalcError:
    return ArchcalcError(
        Diagnostic.at(
            path,
            pos,
            "yaml-too-deep",
            f"the document nests deeper than {max_depth} levels; "
            "raise ARCHCALC_MAX_YAML_DEPTH if it is legitimate",
        )
    )


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.splitlines()
    if 0 <= line < len(lines) and 0 <= column < len(lines[line]):
        return lines[line][column]
    return ""


def _loader_class() -> type:
    return getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader


class _Builder:
    """Assembles parser events into YNodes with an explicit stack."""

    def __init__(self, path: str, limits: Limits, json_mode: bool = False) -> None:
        self.path = path
        self.limits = limits
        self.json_mode = json_mode
        self._plain: dict[str, Any] = {}
        self.anchors: dict[str, YNode] = {}
        self.total = 0
        self._constructor = yaml.constructor.SafeConstructor()
        #: reading a text with runs of identical lines kept once (reader/yamlruns.py): the
        #: original line of each line read, and each kept run line's copies to make
        self.lines: list[int] | None = None
        self.copies: dict[int, int] = {}
        self.seen: set[int] = set()

    def mark_pos(self, mark: Any) -> Pos:
        """A parser mark's position in the original text."""
        if mark is None:
            return Pos()
        line = mark.line if self.lines is None else self.lines[min(mark.line, len(self.lines) - 1)]
        return Pos(line + 1, mark.column + 1)

    def fail(self, pos: Pos, code: str, message: str) -> ArchcalcError:
        return ArchcalcError(Diagnostic.at(self.path, pos, code, message))

    def count(self, n: int, pos: Pos) -> None:
        self.total += n
        if self.total > self.limits.max_nodes:
            raise self.too_large(pos)

    def too_large(self, pos: Pos) -> ArchcalcError:
        return self.fail(
            pos,
            "yaml-too-large",
            f"the document expands to more than {self.limits.max_nodes:,} YAML nodes "
            "(an alias bomb?); raise ARCHCALC_MAX_YAML_NODES if it is legitimate",
        )

    def check_digits(self, text: str, pos: Pos) -> None:
        """An integer longer than Python converts (4,300 digits) gets its own message."""
        digits = text.lstrip("+-").replace("_", "")
        if len(digits) > MAX_INT_DIGITS and digits.isdigit():
            raise self.fail(
                pos,
                "yaml-value",
                f"an integer of {len(digits):,} digits is longer than archcalc reads "
                f"({MAX_INT_DIGITS:,} digits at most)",
            )

    @staticmethod
    def show_tag(tag: str) -> str:
        return "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag

    def scalar(self, event: Any, loader: Any) -> YNode:
        pos = self.mark_pos(event.start_mark)
        if event.tag is None and not self.json_mode:
            if not event.implicit[0]:  # quoted: always a string
                return YNode(event.value, pos, "scalar")
            # Plain scalars repeat a lot (Dense, relu, 16): resolve each text once.
            try:
                return YNode(self._plain[event.value], pos, "scalar")
            except KeyError:
                pass
            node = self._resolve(event, loader, pos)
            self._plain[event.value] = node.value
            return node
        if self.json_mode and event.tag is None:
            # JSON read through the YAML parser: quoted -> str, plain -> a JSON literal
            # (YAML 1.1 would read 1e-06 as a string).
            if not event.implicit[0]:
                return YNode(event.value, pos, "scalar")
            try:
                return YNode(json.loads(event.value), pos, "scalar")
            except ValueError:
                self.check_digits(event.value, pos)
                # Not JSON as the YAML parser split it (a key over 1,024 characters reads
                # as an empty plain scalar): a syntax error, so parse_json reads it with json.
                raise self.fail(
                    pos, "yaml-syntax", f"invalid JSON value {quote(event.value)}"
                ) from None
        return self._resolve(event, loader, pos)

    def _resolve(self, event: Any, loader: Any, pos: Pos) -> YNode:
        tag = event.tag
        if tag in (None, "!"):
            tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
            if tag == _CORE + "str" and event.implicit[0] and _FLOAT_12.fullmatch(event.value):
                tag = _CORE + "float"  # YAML 1.2 floats PyYAML reads as text: 1e-6, 1.5E3
            elif tag == _CORE + "bool" and event.value.lower() not in ("true", "false"):
                tag = _CORE + "str"  # YAML 1.2: yes/no/on/off are text (a layer named 'no')
        if tag not in _SCALAR_TAGS:
            if event.tag not in (None, "!"):
                raise self.fail(
                    pos,
                    "yaml-tag",
                    f"YAML tag {quote(self.show_tag(event.tag))} is not allowed: archcalc reads plain "
                    "data only (strings, numbers, booleans, null, lists and mappings); remove the tag",
                )
            tag = _CORE + "str"  # timestamps, merge keys etc. stay text
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark)
        kind = tag[len(_CORE) :]
        try:
            value = getattr(self._constructor, f"construct_yaml_{kind}")(node)
        except (ValueError, yaml.YAMLError) as exc:
            self.check_digits(event.value, pos)
            raise self.fail(
                pos, "yaml-value", f"invalid {kind} value {quote(event.value)}: {excerpt(str(exc))}"
            ) from None
        return YNode(value, pos, "scalar")

    def check_collection_tag(self, event: Any, expected: str) -> None:
        if event.tag not in (None, "!", _CORE + expected):
            raise self.fail(
                self.mark_pos(event.start_mark),
                "yaml-tag",
                f"YAML tag {quote(self.show_tag(event.tag))} is not allowed: "
                "archcalc reads plain data only; remove the tag",
            )

    def build(self, text: str) -> YNode | None:
        loader = _loader_class()(text)
        try:
            return self._build(loader)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            what = exc.problem or "invalid YAML"
            if exc.context:
                what = f"{what} ({exc.context})"
            if mark is not None and _char_at(text, mark.line, mark.column) == "\t":
                what += "; YAML does not allow tabs for indentation, use spaces"
            elif mark is not None and "flow" in what:
                lines = text.splitlines()
                line = lines[mark.line] if mark.line < len(lines) else ""
                ref = _UNQUOTED_REF.search(line)
                expr = _UNQUOTED_EXPR.search(line)
                if ref:
                    what += (
                        f"; a reference such as {ref.group(1)} inside {{ }} or [ ] must be "
                        f"quoted: '{ref.group(1)}'"
                    )
                elif expr and f'"{expr.group()}"' not in line and f"'{expr.group()}'" not in line:
                    shown = excerpt(expr.group(), 40)
                    what += f'; an expression such as {shown} inside {{ }} or [ ] must be quoted: "{shown}"'
            raise self.fail(
                self.mark_pos(mark), "yaml-syntax", f"YAML syntax error: {what}"
            ) from None
        except yaml.YAMLError as exc:
            raise self.fail(Pos(1, 1), "yaml-syntax", f"YAML error: {exc}") from None
        finally:
            loader.dispose()

    def _build(self, loader: Any) -> YNode | None:
        """The event loop, with the common cases (plain scalars, mapping keys and values,
        list items) inline: a 100,000-layer spec is half a million events."""
        ev = yaml.events
        stack: list[list[Any]] = []  # [container, pending key, anchor, size, flow style]
        root: YNode | None = None
        documents = 0
        scalar_event, alias_event = ev.ScalarEvent, ev.AliasEvent
        map_start, seq_start = ev.MappingStartEvent, ev.SequenceStartEvent
        ends = (ev.SequenceEndEvent, ev.MappingEndEvent)
        max_nodes = self.limits.max_nodes
        plain = self._plain
        plain_ok = not self.json_mode
        get_event = loader.get_event
        missing = object()
        lines = self.lines
        copies = self.copies
        while (event := get_event()) is not None:
            kind = type(event)
            if kind is scalar_event:
                value = missing
                if plain_ok and event.tag is None and event.implicit[0]:
                    value = plain.get(event.value, missing)
                if value is missing:
                    node = self.scalar(event, loader)
                else:
                    mark = event.start_mark
                    line = mark.line if lines is None else lines[mark.line]
                    node = YNode(value, Pos(line + 1, mark.column + 1), "scalar")
                self.total += 1
                if self.total > max_nodes:
                    self.count(0, node.pos)
                if event.anchor:
                    self.anchors[event.anchor] = node
            elif isinstance(event, ev.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise self.fail(
                        self.mark_pos(event.start_mark),
                        "yaml-multiple-documents",
                        "a spec is one YAML document, but a second one starts here; "
                        "remove the '---' or split the file",
                    )
                continue
            elif kind is alias_event:
                if event.anchor not in self.anchors:
                    open_anchors = {entry[2] for entry in stack if entry[2]}
                    why = (
                        "refers to a node it is part of (a recursive alias), which archcalc does not accept"
                        if event.anchor in open_anchors
                        else f"has no anchor {quote('&' + event.anchor)} before it"
                    )
                    raise self.fail(
                        self.mark_pos(event.start_mark),
                        "yaml-syntax",
                        f"the alias {quote('*' + event.anchor)} {why}",
                    )
                node = self.anchors[event.anchor]
                self.count(node.size, self.mark_pos(event.start_mark))
            elif kind is map_start or kind is seq_start:
                is_map = kind is map_start
                self.check_collection_tag(event, "map" if is_map else "seq")
                pos = self.mark_pos(event.start_mark)
                if len(stack) >= self.limits.max_depth:
                    raise too_deep(self.path, self.limits.max_depth, pos)
                self.count(1, pos)
                container = YNode({}, pos, "map", {}) if is_map else YNode([], pos, "seq")
                stack.append([container, None, event.anchor, 1, event.flow_style])
                continue
            elif kind in ends:
                node, _pending, anchor, size, flow = stack.pop()
                if node.kind == "map" and "<<" in node.value:
                    self.merge_keys(node)
                    size = 1 + sum(v.size for v in node.value.values())
                node.size = size
                if anchor:
                    self.anchors[anchor] = node
            else:
                continue  # stream start/end, document end
            if not stack:
                root = node
                continue
            top = stack[-1]
            parent = top[0]
            if parent.kind == "seq":
                parent.value.append(node)
                top[3] += node.size
                if copies and node.kind == "map" and node.pos.line - 1 in copies:
                    self.repeat(node, event, flow, top)
            elif top[1] is None:
                top[1] = self.key(parent, node)
            else:
                parent.value[top[1]] = node
                top[1] = None
                top[3] += node.size
        return root

    def repeat(self, node: YNode, end: Any, flow: bool, top: list[Any]) -> None:
        """A kept run line: the item's copies, each at its own line, after it in its list."""
        first = node.pos.line - 1
        if not flow or top[4] or self.lines is None or self.lines[end.end_mark.line] != first:
            raise RunsUnsafe(first)  # not a one-line flow mapping item of a block list
        self.seen.add(first)
        n = self.copies[first]
        self.count(node.size * n, node.pos)
        top[3] += node.size * n
        items = top[0].value
        if not all(v.kind == "scalar" for v in node.value.values()):
            items.extend(node.shifted(k) for k in range(1, n + 1))
            return
        # the common item, {type: Dense, units: 16}: its values are shared, positions made
        parts = [(k, v.value, v.pos.column, node.keys[k].column) for k, v in node.value.items()]
        column, size, line = node.pos.column, node.size, node.pos.line
        for at in range(line + 1, line + n + 1):
            values = {k: YNode(value, Pos(at, vc), "scalar") for k, value, vc, _ in parts}
            keys = {k: Pos(at, kc) for k, _, _, kc in parts}
            items.append(YNode(values, Pos(at, column), "map", keys, size))

    def key(self, parent: YNode, node: YNode) -> str:
        """A mapping key: a plain string (numbers and booleans as YAML writes them), once."""
        if (
            node.kind != "scalar"
            or not isinstance(node.value, (str, int, float, bool))
            or node.value is None
        ):
            raise self.fail(node.pos, "yaml-key", "mapping keys must be plain strings")
        key = str(node.value) if not isinstance(node.value, bool) else str(node.value).lower()
        if key in parent.keys:
            first = parent.keys[key]
            keeps = "JSON readers keep" if self.json_mode else "YAML keeps"
            tuple_hint = (
                f"; '{key}' is the end of a Python tuple such as (3, 3), which YAML splits at "
                "the comma inside { }: YAML has no tuples, write a list such as [3, 3]"
                if _TUPLE_END.match(key)
                else ""
            )
            raise self.fail(
                node.pos,
                "duplicate-key",
                f"duplicate key '{key}' (first defined at line {first.line}, column {first.column}); "
                f"{keeps} only one of them, so remove or rename one{tuple_hint}",
            )
        parent.keys[key] = node.pos
        return key

    def merge_keys(self, node: YNode) -> None:
        """YAML merge keys (``<<: *base``): keys of the merged maps, unless set here."""
        merge = node.value.pop("<<", None)
        if merge is None:
            return
        node.keys.pop("<<", None)
        sources = merge.value if merge.kind == "seq" else [merge]
        for src in sources:
            if src.kind != "map":
                raise self.fail(
                    src.pos, "yaml-value", "a merge key '<<' takes a mapping or a list of mappings"
                )
            for k, v in src.value.items():
                if k not in node.value:
                    node.value[k] = v
                    node.keys[k] = src.keys.get(k, src.pos)


#: What a path that is not a regular file is, for the message.
def parse_yaml(text: str, path: str, limits: Limits | None = None) -> YNode | None:
    """Parse one YAML document into a YNode tree (None for an empty document). Long runs of
    identical lines are parsed once (:mod:`archcalc.reader.yamlruns`)."""
    limits = limits or Limits.from_env()
    runs = find_runs(text)
    if runs:
        builder = _Builder(path, limits)
        short, builder.lines, builder.copies = reduced(text, runs)
        try:
            root = builder.build(short)
        except (RunsUnsafe, ArchcalcError):
            root = None  # not what it looked like, or a problem: read it as it is, and say so
        else:
            if builder.seen == set(builder.copies):
                return root
    return _Builder(path, limits).build(text)
