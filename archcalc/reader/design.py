"""The designer's part of a spec: ``variables:`` and ``blocks:``, read and checked.

``variables`` are named values with defaults, read in order (a later one may
compute from earlier ones) and overridden by ``--set NAME=VALUE``.
``blocks`` are named sub-graphs with parameters, their own inputs and
outputs, and layers written like the model's own (see
:mod:`archcalc.reader.expand`, which instantiates them). Problems are
reported at their file position; a ``--set`` the spec cannot take is a
:class:`SettingError` (a usage error, exit 2).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from archcalc.diagnostics import Diagnostic, Pos, did_you_mean
from archcalc.reader.designcheck import Declared, SettingError
from archcalc.reader.expr import FUNCTIONS, KEYWORDS, LITERALS, ExprLimits
from archcalc.reader.expreval import kind_name
from archcalc.reader.limits import env_int
from archcalc.reader.problems import Problems, kind_of
from archcalc.reader.templates import (
    Locator,
    Template,
    TemplateError,
    compile_template,
    render,
)
from archcalc.reader.ynode import YNode
from archcalc.textsafe import quote

#: what a block definition may say
BLOCK_KEYS = ("params", "inputs", "layers", "outputs", "description")
#: keys an entry reads itself when it instantiates a block or repeats: never block parameters
INSTANCE_KEYS = ("name", "id", "block", "inputs", "repeat", "index", "if", "trainable")
IDENTIFIER = re.compile(r"[A-Za-z_]\w*", re.ASCII)
RESERVED = (*KEYWORDS, *LITERALS, *FUNCTIONS)


@dataclass(frozen=True)
class DesignLimits:
    """Bounds on what a design expands to; raise them through the environment.

    ``ARCHCALC_MAX_REPEAT`` (default 100,000 repetitions of one entry),
    ``ARCHCALC_MAX_LAYERS`` (default 1,000,000 layers after expansion, counted
    before any is made) and ``ARCHCALC_MAX_BLOCK_DEPTH`` (default 50 levels of
    blocks inside blocks).
    """

    max_repeat: int = 100_000
    max_layers: int = 1_000_000
    max_block_depth: int = 50
    expr: ExprLimits = field(default_factory=ExprLimits)

    @classmethod
    def from_env(cls) -> DesignLimits:
        d = cls()
        return cls(
            env_int("ARCHCALC_MAX_REPEAT", d.max_repeat),
            env_int("ARCHCALC_MAX_LAYERS", d.max_layers),
            env_int("ARCHCALC_MAX_BLOCK_DEPTH", d.max_block_depth),
            ExprLimits.from_env(),
        )


@dataclass
class Param:
    name: str
    pos: Pos
    default: YNode | None  # None: required


@dataclass
class BlockDef:
    name: str
    pos: Pos  # where the block's name is written
    params: dict[str, Param]
    inputs: tuple[str, ...]
    layers: list[YNode]
    outputs: YNode | None
    node: YNode


@dataclass
class Design:
    """What a spec declares beyond its layers, evaluated: variables (after ``--set``) and blocks."""

    variables: dict[str, Any]
    variable_pos: dict[str, Pos]
    overridden: tuple[str, ...]
    blocks: dict[str, BlockDef]
    limits: DesignLimits
    locator: Locator
    #: the variables as written (name -> YNode), for the code export
    variable_nodes: dict[str, YNode] = field(default_factory=dict)


def check_identifier(p: Problems, name: str, pos: Pos, what: str) -> bool:
    if not IDENTIFIER.fullmatch(name) or name in RESERVED:
        why = " (a word of the expression language)" if name in RESERVED else ""
        p.error(
            pos,
            "invalid-name",
            f"{what} {quote(name)} is not a valid name{why}: use letters, digits and _, "
            "starting with a letter or _",
        )
        return False
    return True


class DesignReader:
    """Reads ``variables`` and ``blocks`` into a :class:`Design`; problems into ``p``."""

    def __init__(
        self, p: Problems, text: str, overrides: Mapping[str, Any], limits: DesignLimits
    ) -> None:
        self.p = p
        self.overrides = overrides
        self.limits = limits
        self.locator = Locator(text)

    def read(self, root: YNode) -> Design:
        variables, positions, nodes = self.variables(root.get("variables"))
        unknown = [k for k in self.overrides if k not in variables]
        if isinstance(self.overrides, Declared):
            self.overrides.used.update(k for k in self.overrides if k in variables)
            unknown = []
        if unknown:
            known = ", ".join(variables) or "none"
            raise SettingError(
                [
                    Diagnostic(
                        self.p.path,
                        0,
                        0,
                        "unknown-variable",
                        f"--set {k}: the spec declares no variable {quote(k)}"
                        f"{did_you_mean(k, list(variables))}; its variables: {known}",
                    )
                    for k in unknown
                ]
            )
        blocks = self.blocks(root.get("blocks"))
        self.cycles(blocks)
        return Design(
            variables,
            positions,
            tuple(k for k in self.overrides if k in variables),
            blocks,
            self.limits,
            self.locator,
            nodes,
        )

    def cycles(self, blocks: dict[str, BlockDef]) -> None:
        """A block that uses itself, directly or through others, would never end: refused."""
        uses = {
            name: [
                e.value["block"].value
                for e in b.layers
                if e.is_map and "block" in e.value and e.value["block"].value in blocks
            ]
            for name, b in blocks.items()
        }
        done: set[str] = set()
        for start in blocks:
            path: list[str] = []
            stack = [(start, 0)]
            on_path: set[str] = set()
            while stack:
                name, k = stack.pop()
                if k == 0:
                    if name in on_path:
                        cycle = [*path[path.index(name) :], name]
                        self.p.error(
                            blocks[start].pos,
                            "block-cycle",
                            f"block {quote(start)} uses itself ({' -> '.join(cycle)}); "
                            "a block cannot contain itself",
                        )
                        return
                    if name in done:
                        continue
                    path.append(name)
                    on_path.add(name)
                if k < len(uses[name]):
                    stack.append((name, k + 1))
                    stack.append((uses[name][k], 0))
                else:
                    path.pop()
                    on_path.discard(name)
                    done.add(name)

    # -- variables ---------------------------------------------------------------------
    def variables(
        self, node: YNode | None
    ) -> tuple[dict[str, Any], dict[str, Pos], dict[str, YNode]]:
        values: dict[str, Any] = {}
        positions: dict[str, Pos] = {}
        nodes: dict[str, YNode] = {}
        if node is None:
            return values, positions, nodes
        if not node.is_map:
            self.p.error(
                node.pos,
                "invalid-variable",
                f"variables must be a mapping of name to value, e.g. variables: {{width: 64}}; got {kind_of(node.plain())}",
            )
            return values, positions, nodes
        for name, value in node.value.items():
            pos = node.key_pos(name)
            if not check_identifier(self.p, name, pos, "variable"):
                continue
            ok, default = self.value(value, values)
            if not ok:
                continue
            positions[name], nodes[name] = pos, value
            values[name] = default
            if name in self.overrides:
                values[name] = self.override(name, default, self.overrides[name])
        return values, positions, nodes

    def override(self, name: str, default: Any, value: Any) -> Any:
        """``--set NAME=VALUE``, of the kind its default has (a float takes an integer too)."""
        ok = (
            default is None
            or (isinstance(default, bool) and isinstance(value, bool))
            or (
                isinstance(default, int)
                and not isinstance(default, bool)
                and isinstance(value, int)
                and not isinstance(value, bool)
            )
            or (
                isinstance(default, float)
                and isinstance(value, (int, float))
                and not isinstance(value, bool)
            )
            or (isinstance(default, str) and isinstance(value, str))
            or (isinstance(default, list) and isinstance(value, list))
            or (isinstance(default, dict) and isinstance(value, dict))
        )
        if not ok:
            raise SettingError(
                Diagnostic(
                    self.p.path,
                    0,
                    0,
                    "invalid-variable",
                    f"--set {name}: the variable is {kind_name(default)} (default "
                    f"{quote(str(default))}), but {quote(str(value))} is {kind_name(value)}",
                )
            )
        return value

    def value(self, node: YNode, env: dict[str, Any]) -> tuple[bool, Any]:
        """A value as written, its templates computed with ``env``; (False, None) on an error."""
        try:
            return True, evaluate_plain(node, env, self.limits.expr)
        except PlainTemplateError as exc:
            report_template(self.p, self.locator, exc.node, exc.error)
            return False, None

    # -- blocks ------------------------------------------------------------------------
    def blocks(self, node: YNode | None) -> dict[str, BlockDef]:
        out: dict[str, BlockDef] = {}
        if node is None:
            return out
        if not node.is_map:
            self.p.error(
                node.pos,
                "invalid-block",
                f"blocks must be a mapping of block name to its definition; got {kind_of(node.plain())}",
            )
            return out
        for name, body in node.value.items():
            pos = node.key_pos(name)
            if check_identifier(self.p, name, pos, "block"):
                block = self.block(name, pos, body)
                if block is not None:
                    out[name] = block
        return out

    def block(self, name: str, pos: Pos, node: YNode) -> BlockDef | None:
        if not node.is_map:
            self.p.error(
                node.pos,
                "invalid-block",
                f"block {quote(name)} must be a mapping with params, inputs, layers and outputs; "
                f"got {kind_of(node.plain())}",
            )
            return None
        for key in node.value:
            if key not in BLOCK_KEYS:
                self.p.error(
                    node.key_pos(key),
                    "invalid-block",
                    f"block {quote(name)} has no key {quote(key)}{did_you_mean(key, BLOCK_KEYS)}; "
                    "a block has params, inputs, layers, outputs and description",
                )
        layers = node.get("layers")
        if layers is None or not layers.is_seq or not layers.value:
            self.p.error(
                layers.pos if layers is not None else pos,
                "invalid-block",
                f"block {quote(name)} needs 'layers:', a non-empty list of layers",
            )
            return None
        params = self.params(name, node.get("params"))
        inputs = self.inputs(name, node.get("inputs"))
        return BlockDef(name, pos, params, inputs, list(layers.value), node.get("outputs"), node)

    def params(self, block: str, node: YNode | None) -> dict[str, Param]:
        out: dict[str, Param] = {}
        if node is None:
            return out
        items: list[tuple[str, Pos, YNode | None]] = []
        if node.is_map:
            items = [(k, node.key_pos(k), v) for k, v in node.value.items()]
        elif node.is_seq:
            for item in node.value:
                if item.kind == "scalar" and isinstance(item.value, str):
                    items.append((item.value, item.pos, None))
                elif item.is_map and len(item.value) == 1:
                    ((k, v),) = item.value.items()
                    items.append((k, item.key_pos(k), v))
                else:
                    self.p.error(
                        item.pos,
                        "invalid-block",
                        f"block {quote(block)}: a parameter is a name (required) or NAME: DEFAULT; "
                        f"got {kind_of(item.plain())}",
                    )
        else:
            self.p.error(
                node.pos,
                "invalid-block",
                f"block {quote(block)}: params is a list such as [filters, strides: 1] or a mapping "
                f"of name to default; got {kind_of(node.plain())}",
            )
        for name, pos, default in items:
            if not check_identifier(self.p, name, pos, "parameter"):
                continue
            if name in INSTANCE_KEYS:
                self.p.error(
                    pos,
                    "invalid-name",
                    f"block {quote(block)}: {quote(name)} cannot be a parameter: an entry that "
                    f"uses a block reads it itself ({', '.join(INSTANCE_KEYS)})",
                )
            elif name in out:
                self.p.error(
                    pos,
                    "invalid-block",
                    f"block {quote(block)}: parameter {quote(name)} is declared twice",
                )
            else:
                out[name] = Param(name, pos, default)
        return out

    def inputs(self, block: str, node: YNode | None) -> tuple[str, ...]:
        if node is None:
            return ("x",)
        items = node.value if node.is_seq else [node]
        names: list[str] = []
        for item in items:
            if item.kind != "scalar" or not isinstance(item.value, str):
                self.p.error(
                    item.pos,
                    "invalid-block",
                    f"block {quote(block)}: inputs is a name or a list of names; got {kind_of(item.plain())}",
                )
                continue
            if check_identifier(self.p, item.value, item.pos, "block input"):
                if item.value in names:
                    self.p.error(
                        item.pos,
                        "invalid-block",
                        f"block {quote(block)}: input {quote(item.value)} is named twice",
                    )
                names.append(item.value)
        if not names and node.is_seq and not node.value:
            self.p.error(
                node.pos, "invalid-block", f"block {quote(block)}: inputs is an empty list"
            )
        return tuple(names) or ("x",)


class PlainTemplateError(Exception):
    def __init__(self, node: YNode, error: TemplateError) -> None:
        self.node, self.error = node, error


def evaluate_plain(
    node: YNode,
    env: dict[str, Any],
    limits: ExprLimits,
    compiler: Callable[[str], Template | None] | None = None,
) -> Any:
    """A YNode as plain data, every template in it computed (raises PlainTemplateError);
    ``compiler``: a cache of compiled templates (the expander's), so a repeat's arguments are
    parsed once, not once per instance."""
    if node.kind == "map":
        return {k: evaluate_plain(v, env, limits, compiler) for k, v in node.value.items()}
    if node.kind == "seq":
        return [evaluate_plain(v, env, limits, compiler) for v in node.value]
    if not isinstance(node.value, str):
        return node.value
    try:
        t = compiler(node.value) if compiler else compile_template(node.value, limits)
        return node.value if t is None else render(t, env, limits)
    except TemplateError as exc:
        raise PlainTemplateError(node, exc) from None


def report_template(p: Problems, locator: Locator, node: YNode, exc: TemplateError) -> None:
    """A bad template, at the character it is about, with the expression quoted."""
    where = (
        locator.at(node.pos, node.value, exc.offset) if isinstance(node.value, str) else node.pos
    )
    shown = exc.source if exc.source.startswith("$") else "${" + exc.source + "}"
    text = node.value if isinstance(node.value, str) else ""
    if shown not in text and "$" + exc.source in text:
        shown = "$" + exc.source  # written $NAME
    p.error(where, "invalid-expression", f"in {quote(shown)}: {exc}")
