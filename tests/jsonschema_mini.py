"""A minimal JSON Schema (draft-07) validator for the keywords ``archcalc schema`` emits.

``jsonschema`` is not a dependency; this covers exactly the subset the
generated schema uses, and :data:`KEYWORDS` lets a test prove the schema
uses nothing else (so no keyword is silently ignored here).
"""

from __future__ import annotations

import re
from typing import Any

ANNOTATIONS = {"$schema", "$comment", "title", "description", "default", "definitions"}
KEYWORDS = {
    "$ref", "type", "enum", "const", "properties", "required", "additionalProperties",
    "minProperties", "items", "minItems", "maxItems", "minimum", "maximum",
    "exclusiveMinimum", "exclusiveMaximum", "minLength", "pattern", "anyOf", "oneOf",
    "allOf", "if", "then", "else",
}  # fmt: skip

_TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
}


def unknown_keywords(schema: Any) -> set[str]:
    """Keywords anywhere in ``schema`` that this validator does not implement."""
    found: set[str] = set()
    if isinstance(schema, dict):
        for key, value in schema.items():
            if key not in KEYWORDS | ANNOTATIONS:
                found.add(key)
            if key in ("properties", "definitions"):
                for sub in value.values():
                    found |= unknown_keywords(sub)
            elif key in ("items", "additionalProperties", "if", "then", "else"):
                found |= unknown_keywords(value)
            elif key in ("anyOf", "oneOf", "allOf"):
                for sub in value:
                    found |= unknown_keywords(sub)
    return found


def errors(instance: Any, schema: Any, root: Any = None, path: str = "$") -> list[str]:
    """Every violation of ``schema`` by ``instance``, as ``path: what``."""
    root = schema if root is None else root
    if schema is True or schema == {}:
        return []
    if schema is False:
        return [f"{path}: not allowed"]
    out: list[str] = []
    if "$ref" in schema:
        target = root
        for part in [p for p in schema["$ref"].removeprefix("#").split("/") if p]:
            target = target[part.replace("~1", "/").replace("~0", "~")]
        out += errors(instance, target, root, path)
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_TYPES[t](instance) for t in types):
            return [*out, f"{path}: {instance!r} is not of type {schema['type']}"]
    if "enum" in schema and not any(_same(instance, e) for e in schema["enum"]):
        out.append(f"{path}: {instance!r} is not one of {schema['enum']}")
    if "const" in schema and not _same(instance, schema["const"]):
        out.append(f"{path}: {instance!r} is not {schema['const']!r}")
    if _TYPES["number"](instance):
        for key, bad in (
            ("minimum", lambda v, b: v < b),
            ("maximum", lambda v, b: v > b),
            ("exclusiveMinimum", lambda v, b: v <= b),
            ("exclusiveMaximum", lambda v, b: v >= b),
        ):
            if key in schema and bad(instance, schema[key]):
                out.append(f"{path}: {instance} violates {key} {schema[key]}")
    if isinstance(instance, str):
        if len(instance) < schema.get("minLength", 0):
            out.append(f"{path}: too short")
        if "pattern" in schema and not re.search(schema["pattern"], instance):
            out.append(f"{path}: does not match {schema['pattern']}")
    if isinstance(instance, list):
        if len(instance) < schema.get("minItems", 0) or len(instance) > schema.get(
            "maxItems", len(instance)
        ):
            out.append(f"{path}: wrong number of items ({len(instance)})")
        if "items" in schema:
            for i, item in enumerate(instance):
                out += errors(item, schema["items"], root, f"{path}[{i}]")
    if isinstance(instance, dict):
        props = schema.get("properties", {})
        for key in schema.get("required", []):
            if key not in instance:
                out.append(f"{path}: '{key}' is required")
        if len(instance) < schema.get("minProperties", 0):
            out.append(f"{path}: too few properties")
        for key, value in instance.items():
            if key in props:
                out += errors(value, props[key], root, f"{path}.{key}")
            elif "additionalProperties" in schema:
                out += errors(value, schema["additionalProperties"], root, f"{path}.{key}")
    for sub in schema.get("allOf", []):
        out += errors(instance, sub, root, path)
    if "anyOf" in schema and all(errors(instance, s, root, path) for s in schema["anyOf"]):
        out.append(f"{path}: matches none of anyOf")
    if "oneOf" in schema and sum(not errors(instance, s, root, path) for s in schema["oneOf"]) != 1:
        out.append(f"{path}: does not match exactly one of oneOf")
    if "if" in schema:
        branch = "then" if not errors(instance, schema["if"], root, path) else "else"
        if branch in schema:
            out += errors(instance, schema[branch], root, path)
    return out


def _same(a: Any, b: Any) -> bool:
    return type(a) is type(b) and a == b if isinstance(a, bool) or isinstance(b, bool) else a == b
