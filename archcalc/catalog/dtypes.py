"""Dtypes and dtype policies: sizes, and which dtype a layer stores and computes in.

Keras gives every layer a ``dtype`` policy (``keras/src/dtype_policies``): a
plain dtype (``"bfloat16"``: variables and compute both), or a mixed policy
(``"mixed_float16"``: float32 variables, float16 compute). The catalog
normalises a policy to its name (None for the default float32); everything
that needs bytes asks here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
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

#: Keras's quantized policy classes (what ``layer.quantize(mode)`` gives a layer)
POLICY_CLASSES = ("QuantizedDTypePolicy", "Int4DTypePolicy", "QuantizedFloat8DTypePolicy")
MODES = ("int8", "int4", "float8")
INT4_BLOCK = 128  # Keras's default sub-channel block (``int4`` = ``int4/128``)
AMAX_HISTORY = 1024  # float8's amax history length


@dataclass(frozen=True)
class Quantization:
    """A quantized policy, parsed: ``mode`` int8/int4/float8, the int4 block size (-1: one
    scale per output channel) and the source dtype its float variables keep. Keras names the
    policy ``int8_from_float32`` (``int4/128_from_float32``)."""

    mode: str
    block: int
    source: str

    @property
    def name(self) -> str:
        mode = f"int4/{self.block}" if self.mode == "int4" else self.mode
        return f"{mode}_from_{self.source}"


def parse_mode(mode: str) -> tuple[str, int] | None:
    """``int8`` / ``int4`` / ``int4/64`` / ``float8`` -> (mode, block); None if not a mode."""
    head, _, block = mode.partition("/")
    if head not in MODES:
        return None
    if head != "int4":
        return (head, 0) if not block else None
    if not block:
        return head, INT4_BLOCK
    try:
        size = int(block)
    except ValueError:
        return None
    return (head, size) if size == -1 or size > 0 else None


def quantization(policy: Any) -> Quantization | None:
    """The quantization of a normalised policy name (``int8_from_float32``), or None."""
    name = policy_name(policy)
    if name is None or "_from_" not in name:
        return None
    mode, _, source = name.partition("_from_")
    parsed = parse_mode(mode)
    if parsed is None or source not in DTYPE_BITS:
        return None
    return Quantization(parsed[0], parsed[1], source)


def policy_name(policy: Any) -> str | None:
    """The name of a policy as a config holds it: a string, or a serialised DTypePolicy."""
    if isinstance(policy, Mapping):
        config = policy.get("config")
        policy = config.get("name") if isinstance(config, Mapping) else policy.get("name")
    return policy if isinstance(policy, str) and policy else None


def variable_dtype(policy: Any) -> str:
    """The dtype Keras stores a layer's variables in (float32 for mixed policies and unknowns;
    a quantized policy's source dtype, which its float variables keep)."""
    name = policy_name(policy)
    q = quantization(name)
    if q is not None:
        return q.source
    if name is None or name.startswith("mixed_"):
        return DEFAULT_DTYPE
    return name if name in DTYPE_BITS else DEFAULT_DTYPE


def compute_dtype(policy: Any) -> str:
    """The dtype a layer computes (and outputs) in: ``mixed_float16`` -> float16."""
    name = policy_name(policy)
    if name is not None and name.startswith("mixed_"):
        name = name[len("mixed_") :]
    return variable_dtype(name)


def _quantized_policy(value: Mapping[str, Any]) -> str | None:
    """A serialised quantized policy (``QuantizedDTypePolicy`` {mode, source_name}) as its
    Keras name; None when it is not one."""
    if value.get("class_name") not in POLICY_CLASSES:
        return None
    config = value.get("config")
    mode = config.get("mode") if isinstance(config, Mapping) else None
    source = (config.get("source_name") if isinstance(config, Mapping) else None) or DEFAULT_DTYPE
    parsed = parse_mode(mode) if isinstance(mode, str) else None
    if parsed is None or source not in DTYPE_BITS:
        raise ArgError(
            f"{value.get('class_name')} needs config.mode int8, int4 (int4/BLOCK) or float8 and a "
            f"source_name dtype; got mode {quote(str(mode))}, source_name {quote(str(source))}"
        )
    return Quantization(parsed[0], parsed[1], source).name


class DtypePolicy(ArgType):
    """A layer's ``dtype`` policy: a dtype name, a mixed policy, or a serialised DTypePolicy.

    Normalised to its name, with ``None`` for Keras's default ``float32``.
    """

    describe = "a dtype policy such as 'float32', 'bfloat16' or 'mixed_float16'"

    def check(self, value: Any) -> Any:
        name = value
        if isinstance(value, Mapping) and value.get("class_name") in POLICY_CLASSES:
            return _quantized_policy(value)
        if isinstance(value, str) and quantization(value) is not None:
            return quantization(value).name  # type: ignore[union-attr]
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


def is_float(dtype: str) -> bool:
    """A floating dtype (bfloat16, float8_*, float16 ... float64): what a float --dtype or
    autocasting replaces."""
    return dtype.startswith(("float", "bfloat"))
