"""Where a ``.keras`` archive keeps each layer's state, and the lookup vocabularies it holds.

Keras saves a model's layers under *save paths* (``saving_lib``): each layer of a
model's ``layers`` list is keyed by its snake-cased class name, numbered in list
order (``integer_lookup``, ``integer_lookup_1``...), not by its own name, and a
nested model's layers sit under its key (``layers/functional/layers/dense``). The
weights file (``model.weights.h5``) and the assets use the same paths.

A lookup layer that was adapted, or given its vocabulary as a file, saves the
vocabulary as ``assets/<save path>/vocabulary.txt`` (one token per line, special
tokens included) and keeps only its size in the config. Its lines are counted as
Keras's ``load_assets`` reads them, each file as bounded as ``config.json``.
"""

from __future__ import annotations

import re
import zipfile
from typing import Any

from archcalc.catalog.naming import AutoNamer
from archcalc.diagnostics import Diagnostic
from archcalc.reader.limits import Limits
from archcalc.reader.ynode import YNode
from archcalc.textsafe import quote

_VOCABULARY = re.compile(r"assets/(?P<path>.+)/vocabulary\.txt")
#: the assets read at most this many times the config's limit, all files together
_ASSETS_BUDGET = 4


def vocabulary_sizes(
    zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], limits: Limits, fail: Any
) -> dict[str, int]:
    """Save path -> number of vocabulary lines, for every vocabulary asset of the archive."""
    sizes: dict[str, int] = {}
    budget = _ASSETS_BUDGET * limits.max_file_bytes
    for info in infos:
        m = _VOCABULARY.fullmatch(info.filename)
        if m is None:
            continue
        limit = min(limits.max_file_bytes, budget)
        if info.file_size > limit:
            raise fail(
                f"{quote(info.filename)} would unpack to {info.file_size:,} bytes, more than the "
                f"limit of {limit:,} (ARCHCALC_MAX_FILE_BYTES)",
                "file-too-large",
            )
        with zf.open(info) as entry:  # never trust the header: stop reading at the limit
            data = entry.read(limit + 1)
        if len(data) > limit:
            raise fail(
                f"{quote(info.filename)} unpacks to more than {limit:,} bytes; refusing it",
                "file-too-large",
            )
        budget -= len(data)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise fail(
                f"{quote(info.filename)} is not UTF-8 text (byte {exc.start:,}), so Keras could "
                "not read this vocabulary back"
            ) from None
        lines = text.splitlines()  # as load_assets: read(), splitlines(), trailing blanks off
        while lines and lines[-1] == "":
            lines.pop()
        sizes[m.group("path")] = len(lines)
    return sizes


def save_keys(layers: list[YNode], sequential: bool) -> list[str | None]:
    """Each config layer's key among its model's saved layers (None: Keras saves none).

    Functional models save every layer, InputLayers included, but not keras.ops nodes;
    Sequential models save their layers without the InputLayer.
    """
    namer = AutoNamer()
    keys: list[str | None] = []
    for layer in layers:
        cls = layer.get("class_name") if layer.is_map else None
        module = layer.get("module") if layer.is_map else None
        is_op = module is not None and str(module.value or "").startswith("keras.src.ops")
        if cls is None or not isinstance(cls.value, str) or is_op:
            keys.append(None)
        else:
            keys.append(None if sequential and cls.value == "InputLayer" else namer(cls.value))
    return keys


def with_vocabulary(
    cfg: YNode, size: int, path: str, where: str, label: str
) -> tuple[YNode, Diagnostic | None]:
    """A lookup layer's config with ``vocabulary_size`` from its asset's line count.

    A config that states another size is what Keras refuses when it loads the file
    (for any output mode but ``int``, unless ``pad_to_max_tokens``); the error says so.
    """
    stated = cfg.get("vocabulary_size")
    mode = cfg.get("output_mode")
    pad = cfg.get("pad_to_max_tokens")
    problem = None
    if (
        stated is not None
        and isinstance(stated.value, int)
        and stated.value != size
        and (mode is None or mode.value != "int")
        and not (pad is not None and pad.value is True)
    ):
        problem = Diagnostic.at(
            where,
            stated.pos,
            "keras-config",
            f"{label}vocabulary_size is {stated.value}, but the archive's vocabulary "
            f"(assets/{path}/vocabulary.txt) has {size} lines; Keras refuses to load it: "
            '"the vocabulary size cannot be changed after the layer is called. Old vocab size '
            f'is {stated.value}, new vocab size is {size}"',
        )
    pos = stated.pos if stated is not None else cfg.pos
    items = {**cfg.value, "vocabulary_size": YNode(size, pos, "scalar")}
    keys = {**cfg.keys, "vocabulary_size": pos}
    return YNode(items, cfg.pos, "map", keys), problem
