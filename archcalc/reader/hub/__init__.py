"""keras_hub backbone configs and Hugging Face configs -> the spec tree of the backbone.

``archcalc summary config.json`` on a keras_hub preset's ``config.json``
(``{"module": "keras_hub.src.models...", "class_name": "LlamaBackbone",
"config": {...}}``) builds the Functional graph that backbone class builds
(encoders.py, decoders.py, gemma.py: one builder per family) and loads it
like any spec; a transformers ``config.json`` is first mapped to the
keras_hub backbone the way keras_hub's converters map it (hf.py).
"""

from __future__ import annotations

from archcalc.catalog.args import ArgError
from archcalc.catalog.hub_base import check_repeats
from archcalc.diagnostics import ArchcalcError, Diagnostic, Severity
from archcalc.reader.hub import decoders, encoders, gemma, llama, moe  # noqa: F401 - they register
from archcalc.reader.hub.build import BACKBONES, Graph, check_config
from archcalc.reader.hub.hf import hf_backbone
from archcalc.reader.hubcheck import is_hf_config
from archcalc.reader.ynode import YNode
from archcalc.textsafe import quote


def hub_tree(root: YNode, path: str) -> tuple[YNode, list[Diagnostic]]:
    """The spec tree of a keras_hub backbone config, and the warnings (ignored keys)."""
    cls = root.value["class_name"]
    b = BACKBONES.get(cls.value)
    if b is None:
        known = ", ".join(sorted(BACKBONES))
        raise ArchcalcError(
            Diagnostic.at(
                path,
                cls.pos,
                "unknown-backbone",
                f"{quote(cls.value)} is not a keras_hub backbone archcalc models; it reads {known}",
            )
        )
    cfg_node = root.value["config"]
    if not cfg_node.is_map:
        raise ArchcalcError(
            Diagnostic.at(
                path,
                cfg_node.pos,
                "keras-config",
                "a backbone's config must be a mapping of its arguments",
            )
        )
    given = cfg_node.plain()
    cfg, errors, ignored = check_config(b, given)
    diags = [
        Diagnostic.at(
            path,
            cfg_node.value[e.arg].pos if e.arg in cfg_node.value else cfg_node.pos,
            "invalid-argument",
            f"{b.class_name}: {e}",
        )
        for e in errors
    ]
    if diags:
        raise ArchcalcError(diags)
    graph = Graph(cfg["dtype"])
    try:
        for key in ("num_layers", "num_inner_repetitions"):
            if isinstance(cfg.get(key), int):
                check_repeats(cfg[key], key)
        b.build(cfg, graph)
    except ArgError as exc:
        pos = cfg_node.value[exc.arg].pos if exc.arg in cfg_node.value else cfg_node.pos
        raise ArchcalcError(
            Diagnostic.at(path, pos, "invalid-argument", f"{b.class_name}: {exc}")
        ) from None
    warnings = [
        Diagnostic.at(
            path,
            cfg_node.key_pos(key),
            "ignored-key",
            f"{b.class_name} takes no argument {quote(key)}; keras_hub hands it to keras.Model, "
            "which does not use it, so it changes nothing",
            Severity.WARNING,
        )
        for key in ignored
    ]
    name = (
        given.get("name")
        if isinstance(given.get("name"), str) and given.get("name")
        else b.default_name
    )
    return graph.tree(name, cfg_node.pos), warnings


def backbone_tree(root: YNode, path: str) -> tuple[YNode, list[Diagnostic]]:
    """The spec tree of a keras_hub config or a Hugging Face config (mapped first to the
    keras_hub backbone it describes), and the warnings on the way."""
    warnings: list[Diagnostic] = []
    if is_hf_config(root):
        root, warnings = hf_backbone(root, path)
    tree, more = hub_tree(root, path)
    return tree, [*warnings, *more]
