"""Whether a document is a keras_hub or Hugging Face config, told cheaply.

Every document is asked this, so it lives apart from the keras_hub reader
(:mod:`archcalc.reader.hub`), which only such a config loads.
"""

from __future__ import annotations

from archcalc.reader.ynode import YNode


def is_hf_config(root: YNode | None) -> bool:
    """A Hugging Face transformers ``config.json``: ``model_type`` or ``architectures``, and
    none of the keys a spec or a Keras config has."""
    if root is None or not root.is_map:
        return False
    keys = root.value
    spec_like = any(k in keys for k in ("class_name", "layers", "inputs"))
    return not spec_like and ("model_type" in keys or "architectures" in keys)


KERAS_MODEL_CLASSES = ("Functional", "Model", "Sequential")


def is_hub_config(root: YNode | None) -> bool:
    """A keras_hub object's serialisation: ``class_name`` + ``config``, from keras_hub."""
    if root is None or not root.is_map:
        return False
    cls, cfg = root.get("class_name"), root.get("config")
    if (
        cls is None
        or cfg is None
        or not isinstance(cls.value, str)
        or cls.value in KERAS_MODEL_CLASSES
    ):
        return False
    module, registered = root.get("module"), root.get("registered_name")
    hub = any(
        n is not None and isinstance(n.value, str) and n.value.startswith("keras_hub")
        for n in (module, registered)
    )
    return hub or (cls.value.endswith("Backbone") and cfg.is_map and cfg.get("layers") is None)
