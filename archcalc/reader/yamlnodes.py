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
from dataclasses import dataclass, field
from typing import Any

import yaml

from archcalc.diagnostics import ArchcalcError, Diagnostic, Pos
from archcalc.reader.limits import Limits
from archcalc.textsafe import excerpt, quote

_CORE = "tag:yaml.org,2002:"
#: The longest integer literal read: Python's own limit on converting text to int.
MAX_INT_DIGITS = 4300
_SCALAR_TAGS = {_CORE + t for t in ("str", "int", "float", "bool", "null")}
# YAML 1.2 core-schema floats; PyYAML (YAML 1.1) needs a dot and a signed exponent.
_FLOAT_12 = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")


#: an unquoted output reference (``lstm[1]``), which a YAML flow collection cannot hold
_UNQUOTED_REF = re.compile(r"[:,\[{]\s*([A-Za-z_][\w.-]*\[\d+\])")
#: what YAML leaves of the end of a Python tuple in a flow mapping: the key ``3)``
_TUPLE_END = re.compile(r"^\s*[-+\w.]*\)\s*$")


@dataclass(slots=True, eq=False)
class YNode:
    """A YAML value with its position.

    ``value`` is a Python scalar, a ``list[YNode]`` or a ``dict[str, YNode]``;
    ``keys`` maps each key of a mapping to the key's own position.
    """

    value: Any
    pos: Pos
    kind: str  # "scalar" | "seq" | "map"
    keys: dict[str, Pos] = field(default_factory=dict)
    size: int = 1  # nodes in this subtree, aliases expanded

    @property
    def is_map(self) -> bool:
        return self.kind == "map"

    @property
    def is_seq(self) -> bool:
        return self.kind == "seq"

    def get(self, key: str) -> YNode | None:
        return self.value.get(key) if self.kind == "map" else None

    def key_pos(self, key: str) -> Pos:
        return self.keys.get(key, self.pos)

    def plain(self) -> Any:
        """The value as plain Python data (dicts, lists, scalars)."""
        if self.kind == "map":
            return {k: v.plain() for k, v in self.value.items()}
        if self.kind == "seq":
            return [v.plain() for v in self.value]
        return self.value


def _pos(mark: Any) -> Pos:
    return Pos(mark.line + 1, mark.column + 1) if mark is not None else Pos()


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
        mark = event.start_mark
        pos = Pos(mark.line + 1, mark.column + 1)
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
                _pos(event.start_mark),
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
                ref = _UNQUOTED_REF.search(lines[mark.line]) if mark.line < len(lines) else None
                if ref:
                    what += (
                        f"; a reference such as {ref.group(1)} inside {{ }} or [ ] must be "
                        f"quoted: '{ref.group(1)}'"
                    )
            raise self.fail(_pos(mark), "yaml-syntax", f"YAML syntax error: {what}") from None
        except yaml.YAMLError as exc:
            raise self.fail(Pos(1, 1), "yaml-syntax", f"YAML error: {exc}") from None
        finally:
            loader.dispose()

    def _build(self, loader: Any) -> YNode | None:
        ev = yaml.events
        stack: list[tuple[YNode, str | None, Any]] = []  # (container, pending key, anchor)
        root: YNode | None = None
        documents = 0
        scalar_event, alias_event = ev.ScalarEvent, ev.AliasEvent
        starts = (ev.SequenceStartEvent, ev.MappingStartEvent)
        ends = (ev.SequenceEndEvent, ev.MappingEndEvent)
        max_nodes = self.limits.max_nodes
        while (event := loader.get_event()) is not None:
            kind = type(event)
            if kind is scalar_event:
                node = self.scalar(event, loader)
                self.total += 1
                if self.total > max_nodes:
                    self.count(0, node.pos)
                if event.anchor:
                    self.anchors[event.anchor] = node
                root = self.attach(stack, node, root)
                continue
            if isinstance(event, ev.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise self.fail(
                        _pos(event.start_mark),
                        "yaml-multiple-documents",
                        "a spec is one YAML document, but a second one starts here; "
                        "remove the '---' or split the file",
                    )
                continue
            if kind is alias_event:
                if event.anchor not in self.anchors:
                    open_anchors = {a for _, _, a in stack if a}
                    why = (
                        "refers to a node it is part of (a recursive alias), which archcalc does not accept"
                        if event.anchor in open_anchors
                        else f"has no anchor {quote('&' + event.anchor)} before it"
                    )
                    raise self.fail(
                        _pos(event.start_mark),
                        "yaml-syntax",
                        f"the alias {quote('*' + event.anchor)} {why}",
                    )
                node = self.anchors[event.anchor]
                self.count(node.size, _pos(event.start_mark))
            elif kind in starts:
                is_map = isinstance(event, ev.MappingStartEvent)
                self.check_collection_tag(event, "map" if is_map else "seq")
                pos = _pos(event.start_mark)
                if len(stack) >= self.limits.max_depth:
                    raise too_deep(self.path, self.limits.max_depth, pos)
                self.count(1, pos)
                container = YNode({} if is_map else [], pos, "map" if is_map else "seq")
                stack.append((container, None, event.anchor))
                continue
            elif kind in ends:
                node, _pending, anchor = stack.pop()
                if node.kind == "map":
                    self.merge_keys(node)
                node.size = 1 + sum(
                    v.size for v in (node.value.values() if node.kind == "map" else node.value)
                )
                if anchor:
                    self.anchors[anchor] = node
            else:
                continue  # stream start/end, document end
            root = self.attach(stack, node, root)
        return root

    def attach(
        self, stack: list[tuple[YNode, str | None, Any]], node: YNode, root: YNode | None
    ) -> YNode | None:
        if not stack:
            return node
        parent, pending, anchor = stack[-1]
        if parent.kind == "seq":
            parent.value.append(node)
        elif pending is None:
            if (
                node.kind != "scalar"
                or not isinstance(node.value, (str, int, float, bool))
                or node.value is None
            ):
                raise self.fail(node.pos, "yaml-key", "mapping keys must be plain strings")
            key = str(node.value) if not isinstance(node.value, bool) else str(node.value).lower()
            if key in parent.value or key in parent.keys:
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
            stack[-1] = (parent, key, anchor)
        else:
            parent.value[pending] = node
            stack[-1] = (parent, None, anchor)
        return root

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
    """Parse one YAML document into a YNode tree (None for an empty document)."""
    return _Builder(path, limits or Limits.from_env()).build(text)
