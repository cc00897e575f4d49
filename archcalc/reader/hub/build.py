"""A keras_hub backbone's Functional graph, written as a spec tree from its hyperparameters.

A preset's ``config.json`` holds only the backbone class and its
constructor arguments; the layers follow from the class. Each family module
registers a :class:`Backbone` (its arguments with keras_hub's defaults,
checked by the catalog's argument types, and a ``build`` function) that
adds layers to a :class:`Graph` in the order keras_hub's ``__init__`` calls
them; the graph becomes the same YNode tree a YAML spec parses to, so the
ordinary loader, engine and renderers do the rest. The dtype policy (a
``DTypePolicyMap`` for quantized presets) is resolved per layer path here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from archcalc.catalog import CATALOG
from archcalc.catalog.args import Arg, ArgError, check_args, names
from archcalc.catalog.hub_base import HUB_DTYPE, HubLayer
from archcalc.diagnostics import Pos
from archcalc.reader.ynode import YNode

Config = dict[str, Any]


def node(value: Any, pos: Pos) -> YNode:
    """Plain data as a spec tree, every node at ``pos`` (the config that produced it)."""
    if isinstance(value, Mapping):
        return YNode(
            {str(k): node(v, pos) for k, v in value.items()},
            pos,
            "map",
            {str(k): pos for k in value},
        )
    if isinstance(value, (list, tuple)):
        return YNode([node(v, pos) for v in value], pos, "seq")
    return YNode(value, pos, "scalar")


class Graph:
    """The layers of one backbone, in call order, with their inputs and dtypes."""

    def __init__(self, dtype: Any) -> None:
        self.dtype = dtype  # None, a policy name, or {"name": default, "policy_map": {...}}
        self.inputs: dict[str, Any] = {}
        self.entries: list[dict[str, Any]] = []
        self.outputs: list[str] = []

    def input(self, name: str, shape: list[int | None], dtype: str = "int32") -> str:
        self.inputs[name] = {"shape": shape, "dtype": dtype} if dtype != "float32" else shape
        return name

    def layer(self, name: str, type_name: str, inputs: str | list[str], **args: Any) -> str:
        """One layer's call; its dtype is the backbone's policy for its path."""
        entry: dict[str, Any] = {"name": name, "type": type_name, "inputs": inputs}
        entry.update({k: v for k, v in args.items() if k != "kwargs"})
        if "kwargs" in args:
            entry["kwargs"] = args["kwargs"]
        dtype = self.policy_for(name, isinstance(CATALOG.get(type_name), HubLayer))
        if dtype is not None:
            entry["dtype"] = dtype
        self.entries.append(entry)
        return name

    def share(self, name: str, layer: str, inputs: str | list[str]) -> str:
        """Another call of an earlier layer (T5's shared token embedding)."""
        self.entries.append({"name": name, "share": layer, "inputs": inputs})
        return name

    def op(self, name: str, type_name: str, args: list[Any]) -> str:
        """A keras.ops node (``x * sqrt(hidden)``, ``x[:, 0, :]``) in the spec's op syntax."""
        self.entries.append({"name": name, "type": type_name, "args": args})
        return name

    def policy_for(self, path: str, inner: bool) -> Any:
        """The dtype a layer gets: a DTypePolicyMap gives each path its own policy, and a
        keras_hub layer the map's entries under it (relative to it)."""
        dtype = self.dtype
        if not isinstance(dtype, Mapping):
            return dtype
        policies = dtype["policy_map"]
        if not inner:
            return policies.get(path, dtype["name"])
        cut = path + "/"
        under = {k[len(cut) :]: v for k, v in policies.items() if k.startswith(cut)}
        if not under:
            return dtype["name"]
        return {
            "class_name": "DTypePolicyMap",
            "config": {"default_policy": dtype["name"], "policy_map": under},
        }

    def tree(self, name: str, pos: Pos) -> YNode:
        doc: dict[str, Any] = {"name": name, "inputs": self.inputs, "layers": self.entries}
        if self.outputs:
            doc["outputs"] = self.outputs
        return node(doc, pos)


@dataclass(frozen=True)
class Backbone:
    """A keras_hub backbone class: its constructor arguments and how it builds its graph."""

    class_name: str
    default_name: str
    args: tuple[Arg, ...]
    build: Callable[[Config, Graph], None]
    #: arguments a family's get_config writes that its constructor does not take (kept quiet)
    quiet: tuple[str, ...] = ()


BACKBONES: dict[str, Backbone] = {}


def backbone(
    class_name: str, default_name: str, args: tuple[Arg, ...], quiet: tuple[str, ...] = ()
) -> Callable[[Callable[[Config, Graph], None]], Callable[[Config, Graph], None]]:
    """Register a family's build function under its keras_hub class name."""

    def wrap(fn: Callable[[Config, Graph], None]) -> Callable[[Config, Graph], None]:
        BACKBONES[class_name] = Backbone(class_name, default_name, args, fn, quiet)
        return fn

    return wrap


#: keras.Model / Backbone keyword arguments every backbone config may carry
MODEL_KEYS = ("name", "trainable", "dtype")


def check_config(b: Backbone, given: dict[str, Any]) -> tuple[Config, list[ArgError], list[str]]:
    """The backbone's complete arguments, the errors, and the keys it ignores."""
    args = names(b.args)
    defaults = {
        a.name: a.type.check(a.default) if a.default is not None else None
        for a in b.args
        if not a.required
    }
    known = {k: v for k, v in given.items() if k in args}
    ignored = [k for k in given if k not in args and k not in MODEL_KEYS and k not in b.quiet]
    cfg, errors = check_args(args, known, b.class_name, defaults)
    if "dtype" in given:
        try:
            cfg["dtype"] = HUB_DTYPE.check(given["dtype"])
        except ArgError as exc:
            errors.append(ArgError(f"dtype {exc}", "dtype"))
    else:
        cfg["dtype"] = None
    return cfg, errors, ignored
