"""Dtypes and dtype policies: sizes, and which dtype a layer stores and computes in.

Keras gives every layer a ``dtype`` policy (``keras/src/dtype_policies``): a
plain dtype (``"bfloat16"``: variables and compute both), or a mixed policy
(``"mixed_float16"``: float32 variables, float16 compute). The catalog
normalises a policy to its name (None for the default float32); everything
that needs bytes asks here.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from archcalc.catalog.args import ArgError, ArgType
from archcalc.diagnostics import did_you_mean
from archcalc.textsafe import quote

#: Dtype sizes in bits (keras/src/utils/dtype_utils.py DTYPE_TO_SIZE).
DTYPE_BITS: dict[str, int] = {
    "float16": 16, "float32": 32, "float64": 64, "bfloat16": 16,
    "uint8": 8, "uint16": 16, "uint32": 32, "uint64": 64,
    "int8": 8, "int16": 16, "int32": 32, "int64": 64, "int4": 4, "uint4": 4,
    "float8_e4m3fn": 8, "float8_e5m2": 8, "bool": 1, "complex64": 64, "complex128": 128,
}  # fmt: skip
#: The same in bytes (int4 is half a byte, bool an eighth, as Keras counts them): exact
#: numbers (an int, or a Fraction), so bytes of a 10^400-parameter model stay exact.
DTYPE_BYTES: dict[str, int | Fraction] = {
    k: (v // 8 if v % 8 == 0 else Fraction(v, 8)) for k, v in DTYPE_BITS.items()
}

#: Mixed-precision policies Keras accepts by name: float32 variables, the named compute dtype.
MIXED_POLICIES = ("mixed_float16", "mixed_bfloat16")
DEFAULT_DTYPE = "float32"


def policy_name(policy: Any) -> str | None:
    """The name of a policy as a config holds it: a string, or a serialised DTypePolicy."""
    if isinstance(policy, Mapping):
        config = policy.get("config")
        policy = config.get("name") if isinstance(config, Mapping) else policy.get("name")
    return policy if isinstance(policy, str) and policy else None


def variable_dtype(policy: Any) -> str:
    """The dtype Keras stores a layer's variables in (float32 for mixed policies and unknowns)."""
    name = policy_name(policy)
    if name is None or name.startswith("mixed_"):
        return DEFAULT_DTYPE
    return name if name in DTYPE_BITS else DEFAULT_DTYPE


def compute_dtype(policy: Any) -> str:
    """The dtype a layer computes (and outputs) in: ``mixed_float16`` -> float16."""
    name = policy_name(policy)
    if name is not None and name.startswith("mixed_"):
        name = name[len("mixed_") :]
    return variable_dtype(name)


class DtypePolicy(ArgType):
    """A layer's ``dtype`` policy: a dtype name, a mixed policy, or a serialised DTypePolicy.

    Normalised to its name, with ``None`` for Keras's default ``float32``.
    """

    describe = "a dtype policy such as 'float32', 'bfloat16' or 'mixed_float16'"

    def check(self, value: Any) -> Any:
        name = value
        if isinstance(value, Mapping):
            config = value.get("config")
            name = config.get("name") if isinstance(config, Mapping) else value.get("name")
        if name is None:
            return None
        if not isinstance(name, str):
            raise self.fail(value)
        if name in MIXED_POLICIES:
            return name
        if name in DTYPE_BITS:
            return None if name == DEFAULT_DTYPE else name
        raise ArgError(
            f"unknown dtype policy {quote(name)}{did_you_mean(name, [*DTYPE_BITS, *MIXED_POLICIES])}; "
            "use a dtype such as 'float32' or 'bfloat16', or 'mixed_float16'"
        )

    def schema(self) -> dict[str, Any]:
        return {"anyOf": [{"type": "string"}, {"type": "object"}, {"type": "null"}]}


DTYPE_POLICY = DtypePolicy()
