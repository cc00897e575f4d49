"""A Hugging Face transformers ``config.json`` -> the keras_hub backbone config keras_hub makes of it.

keras_hub loads a transformers checkpoint by mapping its ``config.json``
(``model_type``) to a backbone class and arguments in
``keras_hub/src/utils/transformers/convert_<family>.py``
(``convert_backbone_config``). This module is that mapping, key for key
(keras_hub 0.32): a key the converter reads with ``[...]`` is required, one
it reads with ``.get`` has the converter's default, and every other key is
ignored; a warning names both lists, since a figure then follows from the
used keys only (Gemma's ``intermediate_size`` is doubled; RoBERTa's position
table loses HF's 2 offset rows; Llama's ``tie_word_embeddings`` is honoured,
Mistral's ignored).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from archcalc.diagnostics import ArchcalcError, Diagnostic, Severity
from archcalc.reader.hub.build import node
from archcalc.reader.hub.hf_maps import CONVERTERS, Missing, Tracked
from archcalc.reader.ynode import YNode
from archcalc.textsafe import quote


@dataclass(frozen=True)
class Converted:
    """What keras_hub's converter makes of an HF config, and which of its keys it read."""

    module: str
    class_name: str
    config: dict[str, Any]
    used: tuple[str, ...]  # read and present (nested keys as rope_scaling.factor)
    absent: tuple[str, ...]  # read with .get and absent: the converter's default
    ignored: tuple[str, ...]  # top-level keys it never reads


def convert(data: dict[str, Any]) -> Converted:
    """keras_hub's mapping of ``data``; raises Missing (a required key) or ValueError."""
    model_type = data.get("model_type")
    found = CONVERTERS.get(model_type) if isinstance(model_type, str) else None
    if found is None:
        raise LookupError(model_type)
    module, class_name, mapping = found
    tracked = Tracked(data)
    config = mapping(tracked)
    read = tracked.used
    top = {k.split(".")[0] for k in read}
    used = tuple(k for k in read if k.split(".")[0] in data)
    absent = tuple(k for k in read if k not in used)
    ignored = tuple(k for k in data if k not in top)
    return Converted(module, class_name, config, used, absent, ignored)


def _fail(path: str, at: YNode, message: str) -> ArchcalcError:
    return ArchcalcError(Diagnostic.at(path, at.pos, "hf-config", message))


def hf_backbone(root: YNode, path: str) -> tuple[YNode, list[Diagnostic]]:
    """The keras_hub backbone config (as a preset would hold it) and a warning naming the keys
    keras_hub's converter used and those it ignored."""
    type_node = root.get("model_type")
    model_type = type_node.value if type_node is not None else None
    if not isinstance(model_type, str):
        raise _fail(
            path,
            type_node or root,
            "a transformers config.json needs its model_type (a string) to be mapped",
        )
    try:
        c = convert(root.plain())
    except LookupError:
        known = ", ".join(sorted(CONVERTERS))
        raise _fail(
            path,
            type_node or root,
            f"keras_hub has no converter archcalc follows for model_type {quote(model_type)} "
            f"(keras_hub 0.32 has none for phi3, for instance); archcalc maps {known}",
        ) from None
    except Missing as exc:
        module = CONVERTERS[model_type][0]
        raise _fail(
            path,
            root,
            f"{module}.convert_backbone_config reads {quote(str(exc.args[0]))}, which this config "
            "lacks (keras_hub fails with a KeyError); add it",
        ) from None
    except (ValueError, TypeError) as exc:
        raise _fail(path, root, f"{CONVERTERS[model_type][0]}: {exc}") from None
    text = (
        f"mapped to keras_hub's {c.class_name} as {c.module}.convert_backbone_config does: "
        f"used {', '.join(c.used)}"
        + (f"; absent, so the converter's defaults: {', '.join(c.absent)}" if c.absent else "")
        + (f"; ignored {', '.join(c.ignored)}" if c.ignored else "")
    )
    warning = Diagnostic.at(path, root.pos, "hf-config", text, Severity.WARNING)
    tree = node({"class_name": c.class_name, "config": c.config, "module": "keras_hub"}, root.pos)
    return tree, [warning]
