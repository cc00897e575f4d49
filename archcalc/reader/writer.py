"""Write a loaded model as a readable YAML spec (``archcalc convert``).

The output loads back to the same model: same names, order, shapes and
counts (the tests check this round trip on every Keras reference model).
It is kept short: arguments equal to Keras's defaults are left out, as are
initializers and float32 dtype policies, names that the auto-namer would
give anyway, and ``inputs`` that just read the entry above.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from typing import Any

import yaml

from archcalc.catalog import CATALOG
from archcalc.catalog.dtypes import DtypePolicy
from archcalc.catalog.keras_objects import KerasObject
from archcalc.catalog.naming import AutoNamer
from archcalc.catalog.ops_base import OpKind
from archcalc.reader.declared import FILL_IN
from archcalc.reader.op_writer import op_items
from archcalc.spec import CallSpec, InputSpec, Spec

_PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*")
_RESOLVER = yaml.resolver.Resolver()
#: display-only arguments left out unless they say something (not null / not Keras's default)
_QUIET_VALUES: dict[str, tuple[Any, ...]] = {
    "trainable": (True,),
    "activation": (None, "linear"),
    "autocast": (True,),
    "seed": (None,),
    "quantization_config": (None,),
    "lora_alpha": (None,),
}


def scalar(value: Any, key: bool = False) -> str:
    """One YAML scalar that reads back as the same value (strings quoted only when needed).

    A value's ``$`` is written ``$$``: a spec reads ``${...}`` and ``$name`` in values
    as expressions (keys are never read that way)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        text = repr(value)
        mantissa, _, exp = text.partition("e")
        if exp and "." not in mantissa:  # YAML 1.1 reads 1e-06 as a string
            text = f"{mantissa}.0e{exp}"
        return text
    text = str(value)
    if "$" in text and not key:
        text = text.replace("$", "$$")
    if (
        _PLAIN.fullmatch(text)
        and _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == "tag:yaml.org,2002:str"
    ):
        return text
    return _YAML_UNSAFE.sub(_yaml_escape, json.dumps(text, ensure_ascii=False))


#: Characters a YAML double-quoted string cannot hold as they are: non-printables (DEL,
#: C1 controls, surrogates, BOM) and what YAML reads as a line break (NEL, LS, PS), which
#: it would fold into a space. json.dumps has already escaped C0 controls, quotes, backslashes.
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")


def _yaml_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def flow(value: Any) -> str:
    """A value in YAML flow style, on one line."""
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{scalar(k, key=True)}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    return scalar(value)


def _is_default_dtype(value: Any) -> bool:
    if value is None or value == "float32":
        return True
    if isinstance(value, dict):
        cfg = value.get("config") or {}
        return cfg.get("name") == "float32"
    return False


def _drop_defaults(kind_name: str, given: dict[str, Any]) -> dict[str, Any]:
    """Leave out every argument whose removal gives the same normalised config (a Keras default)."""
    kind = CATALOG[kind_name]
    full, errors = kind.normalize(dict(given))
    if errors:
        return dict(given)
    out = dict(given)
    for key in list(given):
        if key not in kind.args or kind.args[key].required:
            continue
        trial = {k: v for k, v in out.items() if k != key}
        cfg, errs = kind.normalize(trial)
        if not errs and cfg == full:
            del out[key]
    return out


def _quiet(key: str, value: Any) -> bool:
    """Display-only noise: null regularizers/constraints, float32 policies, default flags...

    Initializers are not noise when they differ from Keras's default
    (EfficientNet's VarianceScaling): ``_drop_defaults`` drops the default ones.
    """
    if key in _QUIET_VALUES and value in _QUIET_VALUES[key]:
        return True
    if key.endswith(("_regularizer", "_constraint")) and value is None:
        return True
    return key == "dtype" and _is_default_dtype(value)


def _leaves(value: Any) -> list[Any]:
    if isinstance(value, (list, tuple)):
        return [leaf for v in value for leaf in _leaves(v)]
    return [value]


def _short_args(kind_name: str, args: dict[str, Any]) -> dict[str, Any]:
    """``[3, 3]`` -> ``3`` and ``[[1, 1], [1, 1]]`` -> ``1`` wherever Keras reads them the same."""
    kind = CATALOG[kind_name]
    full, errors = kind.normalize(args)
    if errors:
        return args
    out = dict(args)
    for key, value in args.items():
        leaves = _leaves(value)
        if not isinstance(value, list) or not leaves or any(x != leaves[0] for x in leaves):
            continue
        cfg, errs = kind.normalize({**out, key: leaves[0]})
        if not errs and cfg == full:
            out[key] = leaves[0]
    return out


def _args(kind_name: str, given: dict[str, Any]) -> dict[str, Any]:

    kind = CATALOG[kind_name]
    args = kind.args
    loud = {k: v for k, v in given.items() if not _quiet(k, v) or (k in args and args[k].required)}
    kept = _drop_defaults(kind_name, loud)
    # Initializers, regularizers, constraints and dtype policies in their short canonical
    # form ('glorot_uniform', {class_name, config}) rather than Keras's serialisation.
    cfg, errors = kind.normalize(loud)
    canonical = (KerasObject, DtypePolicy)
    out = {
        k: cfg[k] if not errors and k in args and isinstance(args[k].type, canonical) else v
        for k, v in kept.items()
    }
    return _short_args(kind_name, {k: _nested_layer_value(v) for k, v in out.items()})


def layer_args(layer: CallSpec) -> dict[str, Any]:
    """The arguments worth writing: given, not Keras's default, not noise."""
    if layer.kind_name == "Custom":
        return {k: v for k, v in layer.given.items() if not _quiet(k, v)}
    return _args(layer.kind_name, dict(layer.given))


def _nested_layer_value(value: Any) -> Any:
    """Nested layer mappings (Bidirectional's ``layer``, a list of RNN cells, a Pipeline's
    ``layers``) are trimmed the same way."""
    if isinstance(value, list):
        return [_nested_layer_value(v) for v in value]
    if isinstance(value, dict) and isinstance(value.get("type"), str) and value["type"] in CATALOG:
        head = {k: value[k] for k in ("type", "name") if k in value}
        rest = {
            k: v
            for k, v in value.items()
            if k not in ("type", "name", "trainable") and not _quiet(k, v)
        }
        if value.get("trainable") is False:
            head["trainable"] = False
        return {**head, **_args(value["type"], rest)}
    return value


def _input(inp: InputSpec) -> str:
    shape = list(inp.shape[1:])
    if inp.shape[0] is None and inp.dtype == "float32":
        return flow(shape)
    items: dict[str, Any] = {"shape": shape}
    if inp.shape[0] is not None:
        items["batch_size"] = inp.shape[0]
    if inp.dtype != "float32":
        items["dtype"] = inp.dtype
    return flow(items)


def _entries(spec: Spec, namer: AutoNamer, indent: str) -> list[str]:
    """One line per entry (a block for nested models), mirroring the loader's naming."""
    lines: list[str] = []
    for i, layer in enumerate(spec.layers):
        item: dict[str, Any] = {}
        sub_lines: list[str] = []
        nested = layer.kind_name in ("Sequential", "Functional") and not layer.is_share
        if layer.is_share:
            item["name"] = layer.name
            item["share"] = layer.share
        elif isinstance(CATALOG[layer.kind_name], OpKind):
            if layer.name == namer.peek(layer.type):
                namer(layer.type)
            else:
                item["name"] = layer.name
            item["type"] = layer.kind_name
            above = spec.layers[i - 1].name if i else None
            item.update(op_items(layer, CATALOG[layer.kind_name], above))
            lines.append(f"{indent}- {flow(item)}")
            continue
        else:
            if nested:  # the loader names a nested model after loading its layers
                sub_lines = _entries(layer.config["model"], namer, indent + "      ")
            kind = CATALOG[layer.kind_name]
            kind.name_sublayers(layer.config, namer)  # nested layers are named first
            if layer.name == namer.peek(layer.type):
                namer(layer.type)  # an auto-name: the loader will give it again
            else:
                item["name"] = layer.name
            for sub in kind.built_sublayers(layer.config, "name" in item):
                namer(sub)
            item["type"] = layer.kind_name if nested else layer.type
            if layer.kind_name == "Custom" and layer.type in CATALOG:
                item["type"] = f"ops.{layer.type}"  # a keras.ops node named like a layer
            if not layer.trainable:
                item["trainable"] = False
            item.update(layer_args(layer))
        refs = [str(r) for r in layer.inputs]
        if i == 0:
            implicit = spec.sequential and len(spec.inputs) == 1 and refs == [spec.inputs[0].name]
        else:
            implicit = refs == [spec.layers[i - 1].name]
        if layer.kind_name in CATALOG and CATALOG[layer.kind_name].family == "merging":
            implicit = False  # the loader wants a merge layer's inputs named
        if not implicit:
            item["inputs"] = refs[0] if len(refs) == 1 else refs
        for key, refs in (("initial_state", layer.states), ("mask", layer.masks)):
            if refs:
                item[key] = [str(r) for r in refs] if len(refs) > 1 else str(refs[0])
        if layer.call_args:
            item["kwargs"] = dict(layer.call_args)
        if nested:
            keys = list(item)
            lines.append(f"{indent}- {keys[0]}: {flow(item[keys[0]])}")
            lines += [f"{indent}  {k}: {flow(item[k])}" for k in keys[1:]]
            lines.append(f"{indent}  model:")
            lines += _model_body(layer.config["model"], indent + "    ", sub_lines)
        else:
            lines.append(f"{indent}- {flow(item)}{_fill_in_note(layer)}")
    return lines


def _has_fill_in(layer: CallSpec) -> bool:
    shapes = [layer.config.get("output_shape"), *(layer.config.get("output_shapes") or ())]
    return layer.kind_name == "Custom" and FILL_IN in shapes


def fill_ins(spec: Spec) -> list[str]:
    """The layers (nested ones too) whose output shape convert marked FILL_IN."""
    out = [layer.name for layer in spec.layers if _has_fill_in(layer)]
    for layer in spec.layers:
        if layer.kind_name in ("Sequential", "Functional") and not layer.is_share:
            out += fill_ins(layer.config["model"])
    return out


def _fill_in_note(layer: CallSpec) -> str:
    """A comment on an entry whose output shape convert could not read from the file."""
    if not _has_fill_in(layer):
        return ""
    return (
        f"  # {FILL_IN}: the shape this layer returns, without the batch dimension "
        "(the Keras file does not record it)"
    )


def _model_body(spec: Spec, indent: str, entry_lines: list[str]) -> list[str]:
    lines = []
    declared = [i for i in spec.inputs if i.declared]
    if declared:
        lines.append(f"{indent}inputs:")
        lines += [f"{indent}  {scalar(i.name, key=True)}: {_input(i)}" for i in declared]
    lines.append(f"{indent}layers:")
    lines += entry_lines
    default_outputs = (
        len(spec.outputs) == 1
        and spec.outputs[0].index == -1
        and spec.layers
        and spec.outputs[0].name == spec.layers[-1].name
    )
    if not default_outputs:
        outs = [str(o) if o.index >= 0 else o.name for o in spec.outputs]
        lines.append(f"{indent}outputs: {flow(outs)}")
    return lines


def spec_to_yaml(spec: Spec, source: str = "") -> str:
    """The spec as YAML text; ``source`` is named in a header comment."""
    namer = AutoNamer()
    if any(i.name == "input_layer" for i in spec.inputs):
        namer("InputLayer")
    entries = _entries(spec, namer, "  ")
    lines = []
    if source:
        lines.append(f"# Converted by archcalc from {source}")
    lines.append(f"name: {scalar(spec.name)}")
    lines += _model_body(spec, "", entries)
    return "\n".join(lines) + "\n"
