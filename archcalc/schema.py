"""The JSON Schema (draft-07) of the spec format, generated from the layer catalog.

Every layer type's arguments come from the same ``Arg`` declarations the
loader validates with (``LayerKind.args``, ``ArgType.schema()``), so the
schema cannot drift from what archcalc accepts, and a layer kind added to
the catalog appears in it with no further work. Editors use it through
yaml-language-server: ``# yaml-language-server: $schema=archcalc.schema.json``.

Each entry of ``layers`` is a share entry (it has ``share:``), an instance
of a block (it has ``block:``), a custom layer (it has ``custom:``), or a
typed entry, whose arguments are chosen by ``if type is X then ...`` so a
validator reports the wrong argument, not "matches none of 60 schemas". Any
argument may also be a computed value (``${...}``, ``$name``).
"""

from __future__ import annotations

import json
from typing import Any

from archcalc._version import __version__
from archcalc.catalog import CATALOG

DRAFT = "http://json-schema.org/draft-07/schema#"

_NAME = {"type": "string", "minLength": 1, "pattern": "^[^/]*$"}
_REFS = {
    "description": "a layer or input name (name[k]: its k-th output), or a list of them",
    "anyOf": [
        {"type": "string", "minLength": 1},
        {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1},
    ],
}
_POS_INT = {"type": "integer", "minimum": 1}
#: a computed value (docs/spec-format.md, "Expressions"): any argument, size or count may be one
_EXPR = {"$ref": "#/definitions/expression"}
_EXPRESSION = {
    "description": "a computed value: ${EXPRESSION} (its value, with its type) or $NAME; "
    "text around them makes text (`archcalc docs spec-format`)",
    "type": "string",
    "pattern": r"\$(\{|[A-Za-z_])",
}
_SHAPE = {
    "description": "sizes without the batch dimension; null = unknown",
    "type": "array",
    "items": {"anyOf": [{"type": "integer", "minimum": 1}, {"type": "null"}, _EXPR]},
}
_CONDITION = {
    "description": "keep the entry only when this is true: a boolean, or an expression "
    "(with or without ${}) such as i == 0",
    "anyOf": [{"type": "boolean"}, {"type": "string", "minLength": 1}],
}
_DESIGN_KEYS = {
    "repeat": {
        "description": "make the entry this many times in a chain; the index (i, or index:) "
        "counts from 0",
        "anyOf": [{"type": "integer", "minimum": 0}, {"type": "string", "minLength": 1}],
    },
    "index": {
        "description": "the repeat index's name (default i)",
        "type": "string",
        "pattern": "^[A-Za-z_][A-Za-z0-9_]*$",
    },
    "if": _CONDITION,
    "id": {
        **_NAME,
        "description": "a name the entries of this body use for this one, without naming the Keras layer",
    },
}


def _computed(schema: dict[str, Any]) -> dict[str, Any]:
    """A value's schema that also takes an expression, the value or any part of it
    (``kernel_size: [$kh, $kw]``); a nested model (``$ref``) stays as it is."""
    if not schema or "$ref" in schema:
        return schema
    return {"anyOf": [_parts(schema), _EXPR]}


def _parts(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` with the items and properties inside it computed (not itself)."""
    out = dict(schema)
    if isinstance(out.get("items"), dict):
        out["items"] = _computed(out["items"])
    for key in ("anyOf", "oneOf"):
        if key in out:
            out[key] = [_parts(x) for x in out[key]]
    if "properties" in out:
        out["properties"] = {k: _computed(v) for k, v in out["properties"].items()}
    return out


def _jsonable(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool, list, dict)):
        return value
    return str(value)


_INITIAL_STATE = {
    "$ref": "#/definitions/refs",
    "description": "a recurrent call's initial states (Keras's initial_state=), checked against "
    "the states the layer keeps",
}


def _entry_keys() -> dict[str, Any]:
    return {
        "name": {**_NAME, "description": "layer name (default: Keras's auto-name)"},
        "inputs": {"$ref": "#/definitions/refs"},
        "mask": {
            "$ref": "#/definitions/refs",
            "description": "mask tensors Keras passes to the call (wiring, not shapes)",
        },
        "trainable": {"type": "boolean", "description": "false: parameters are non-trainable"},
        "input_shape": {"$ref": "#/definitions/shape"},
        "input_dim": {**_POS_INT, "description": "first layer only: input_shape [input_dim]"},
        **_DESIGN_KEYS,
    }


#: a value inside an op entry's args/kwargs (``archcalc docs spec-format``, keras.ops nodes)
_OP_ARG = {
    "description": "a tensor reference (a string), a number, true/false, null, a list, or one "
    "of {slice: [start, stop, step]}, {ellipsis: true}, {constant: [...], dtype: ...}, "
    "{string: ...}",
    "anyOf": [
        {"type": "string", "minLength": 1},
        {"type": ["number", "boolean", "null"]},
        {"type": "array", "items": {"$ref": "#/definitions/op-arg"}},
        {
            "type": "object",
            "properties": {
                "slice": {
                    "type": "array",
                    "items": {"type": ["integer", "null"]},
                    "minItems": 1,
                    "maxItems": 3,
                }
            },
            "required": ["slice"],
            "additionalProperties": False,
        },
        {
            "type": "object",
            "properties": {"ellipsis": {"const": True}},
            "required": ["ellipsis"],
            "additionalProperties": False,
        },
        {
            "type": "object",
            "properties": {"constant": {}, "dtype": {"type": "string"}},
            "required": ["constant"],
            "additionalProperties": False,
        },
        {
            "type": "object",
            "properties": {"string": {"type": "string"}},
            "required": ["string"],
            "additionalProperties": False,
        },
    ],
}


def _op_entry_keys() -> dict[str, Any]:
    return {
        "name": {**_NAME, "description": "node name (default: Keras's auto-name)"},
        "args": {
            "type": "array",
            "items": {"$ref": "#/definitions/op-arg"},
            "description": "the call's positional arguments, as Keras records them",
        },
        "kwargs": {
            "type": "object",
            "additionalProperties": {"$ref": "#/definitions/op-arg"},
            "description": "the call's keyword arguments",
        },
        "inputs": {
            "$ref": "#/definitions/refs",
            "description": "shorthand for args: the call's tensors in order",
        },
    }


def type_names(kind: Any) -> list[str]:
    """The names a spec may give a kind as its type (an op also as ops.X)."""
    names = [kind.name, *kind.aliases]
    if kind.family == "ops" and not kind.name.startswith("ops."):
        names.append(f"ops.{kind.name}")
    return names


def layer_schema(kind: Any) -> dict[str, Any]:
    """One layer type (or keras.ops node): its entry keys and every constructor argument."""
    is_op = kind.family == "ops"
    keys = _op_entry_keys() if is_op else _entry_keys()
    props: dict[str, Any] = {"type": {"enum": type_names(kind)}, **keys}
    if kind.takes_initial_state:
        props["initial_state"] = _INITIAL_STATE
    required = ["type"]
    for arg in kind.args.values():
        if is_op and arg.name in keys:  # args/kwargs: the call's, described above
            continue
        s = _computed(dict(arg.type.schema()))
        text = arg.doc or arg.type.describe
        s["description"] = (
            f"{text} (Keras default: {json.dumps(_jsonable(arg.default))})"
            if not arg.required
            else text
        )
        if arg.required:
            required.append(arg.name)
        else:
            s["default"] = _jsonable(arg.default)
        props[arg.name] = s
    if kind.CALL_ARGS:  # the call's own keyword arguments (ReversibleEmbedding's reverse)
        props["kwargs"] = _call_args(kind)
    doc = (kind.__doc__ or kind.doc or f"Keras {kind.name}").strip().splitlines()[0]
    return {
        "type": "object",
        "title": kind.name,
        "description": doc,
        "properties": props,
        "required": required,
        "additionalProperties": False,
    }


def _call_args(kind: Any) -> dict[str, Any]:
    return {
        "type": "object",
        "description": "keyword arguments of this call that change its output",
        "properties": {
            a.name: {**a.type.schema(), "description": a.doc or a.type.describe}
            for a in kind.CALL_ARGS
        },
        "additionalProperties": False,
    }


def _custom_schema(kind: Any) -> dict[str, Any]:
    """A layer archcalc does not know, declared by what it produces; its own arguments are free."""
    declared = layer_schema(kind)
    declared["properties"].pop("type")
    for key in _entry_keys():
        declared["properties"].pop(key, None)
    declared["required"].remove("type")
    return {
        "type": "object",
        "description": "a custom layer: any class name, with its output shape and parameter count",
        "properties": {
            "type": {"type": "string", "minLength": 1, "description": "the custom layer's class"},
            "custom": {
                **declared,
                "title": "custom",
                "description": kind.__doc__.strip().splitlines()[0],
            },
            **_entry_keys(),
        },
        "required": ["type", "custom"],
    }


def spec_schema() -> dict[str, Any]:

    # Custom is not a type name: an unknown type with a `custom:` mapping uses it
    kinds = {k.name: k for k in CATALOG.values() if k.name not in ("InputLayer", "Custom")}
    names = sorted(kinds)
    definitions: dict[str, Any] = {
        "refs": _REFS,
        "shape": _SHAPE,
        "op-arg": _OP_ARG,
        "input": {
            "anyOf": [
                {"$ref": "#/definitions/shape"},
                {
                    "type": "object",
                    "properties": {
                        "shape": {"$ref": "#/definitions/shape"},
                        "batch_size": {"anyOf": [_POS_INT, {"type": "null"}]},
                        "dtype": {"type": "string"},
                    },
                    "required": ["shape"],
                    "additionalProperties": False,
                },
            ]
        },
        "share": {
            "type": "object",
            "description": "a further call of an earlier layer, with the same weights",
            "properties": {
                "name": {**_NAME, "description": "the name of this call's output"},
                "share": {
                    "type": "string",
                    "minLength": 1,
                    "description": "the layer to call again",
                },
                "inputs": {"$ref": "#/definitions/refs"},
                "initial_state": _INITIAL_STATE,
                "mask": {
                    "$ref": "#/definitions/refs",
                    "description": "mask tensors Keras passes to the call (wiring, not shapes)",
                },
                "kwargs": {
                    "type": "object",
                    "description": "keyword arguments of this call that change its output",
                },
            },
            "required": ["share"],
            "additionalProperties": False,
        },
        "expression": _EXPRESSION,
        "layer": {
            "if": {"type": "object", "required": ["share"]},
            "then": {"$ref": "#/definitions/share"},
            "else": {
                "if": {"type": "object", "required": ["block"]},
                "then": {"$ref": "#/definitions/instance"},
                "else": {"$ref": "#/definitions/entry"},
            },
        },
        "instance": {
            "type": "object",
            "description": "an instance of a block: its arguments are the block's parameters",
            "properties": {
                "block": {"type": "string", "minLength": 1, "description": "a block under blocks:"},
                "name": {
                    **_NAME,
                    "description": "the instance's name, which prefixes its layers' names",
                },
                "inputs": {"$ref": "#/definitions/refs"},
                "trainable": {"anyOf": [{"type": "boolean"}, _EXPR]},
                **_DESIGN_KEYS,
            },
            "required": ["block"],
        },
        "block": {
            "type": "object",
            "description": "a sub-graph with parameters, its own inputs and outputs",
            "properties": {
                "description": {"type": "string"},
                "params": {
                    "description": "[name, name: default, ...] (a bare name is required), or name -> default",
                    "anyOf": [
                        {"type": "object"},
                        {
                            "type": "array",
                            "items": {
                                "anyOf": [
                                    {"type": "string", "pattern": "^[A-Za-z_][A-Za-z0-9_]*$"},
                                    {"type": "object", "minProperties": 1},
                                ]
                            },
                        },
                    ],
                },
                "inputs": {
                    "description": "the block's input names (default: one, x)",
                    "anyOf": [
                        {"type": "string"},
                        {"type": "array", "items": {"type": "string"}, "minItems": 1},
                    ],
                },
                "layers": {
                    "type": "array",
                    "minItems": 1,
                    "items": {"$ref": "#/definitions/layer"},
                },
                "outputs": {"$ref": "#/definitions/refs"},
            },
            "required": ["layers"],
            "additionalProperties": False,
        },
        "entry": {
            "if": {"type": "object", "required": ["custom"]},
            "then": {"$ref": "#/definitions/custom"},
            "else": {
                "type": "object",
                "required": ["type"],
                "properties": {
                    "type": {
                        "description": "the Keras layer class (or keras.ops class)",
                        "enum": sorted(n for k in kinds.values() for n in type_names(k)),
                    }
                },
                "allOf": [
                    {
                        "if": {
                            "properties": {"type": {"enum": type_names(kinds[n])}},
                            "required": ["type"],
                        },
                        "then": {"$ref": f"#/definitions/layer-{n}"},
                    }
                    for n in names
                ],
            },
        },
    }
    if "Custom" in CATALOG:
        definitions["custom"] = _custom_schema(CATALOG["Custom"])
    for n in names:
        definitions[f"layer-{n}"] = layer_schema(kinds[n])
    return {
        "$schema": DRAFT,
        "$comment": f"generated by archcalc {__version__} (archcalc schema)",
        "title": "archcalc model spec",
        "description": "A Keras model as YAML: inputs, layers and outputs (`archcalc docs spec-format`).",
        "type": "object",
        "properties": {
            "name": {**_NAME, "description": "model name (default: the file's stem)"},
            "description": {"type": "string"},
            "variables": {
                "type": "object",
                "description": "name -> default value; --set NAME=VALUE overrides one",
            },
            "blocks": {
                "type": "object",
                "description": "block name -> definition",
                "additionalProperties": {"$ref": "#/definitions/block"},
            },
            "inputs": {
                "type": "object",
                "description": "input name -> shape without the batch dimension",
                "minProperties": 1,
                "additionalProperties": {"$ref": "#/definitions/input"},
            },
            "layers": {"type": "array", "minItems": 1, "items": {"$ref": "#/definitions/layer"}},
            "outputs": {"$ref": "#/definitions/refs"},
        },
        "required": ["layers"],
        "additionalProperties": False,
        "definitions": definitions,
    }


def render_schema(indent: int = 2) -> str:
    return json.dumps(spec_schema(), indent=indent) + "\n"
