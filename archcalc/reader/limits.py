"""Resource limits for untrusted input, adjustable through the environment (ARCHCALC_MAX_*)."""

from __future__ import annotations

import os
from dataclasses import dataclass

from archcalc.diagnostics import ArchcalcError, Diagnostic
from archcalc.textsafe import quote


def env_int(name: str, default: int) -> int:
    """A limit from the environment; a value that is not a positive integer is an error."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = int(raw.replace("_", ""))
    except ValueError:
        value = 0
    if value <= 0:
        raise ArchcalcError(
            Diagnostic(
                name,
                0,
                0,
                "invalid-limit",
                f"must be a positive integer (a count of bytes, nodes or levels); got {quote(raw)}",
            )
        )
    return value


@dataclass(frozen=True)
class Limits:
    """Resource limits for untrusted input; raise them through the environment.

    ``ARCHCALC_MAX_FILE_BYTES`` (default 32 MiB), ``ARCHCALC_MAX_YAML_NODES``
    (default 5,000,000 nodes after alias expansion) and
    ``ARCHCALC_MAX_YAML_DEPTH`` (default 100 levels of nesting).
    """

    max_file_bytes: int = 32 * 1024 * 1024
    max_nodes: int = 5_000_000
    max_depth: int = 100

    @classmethod
    def from_env(cls) -> Limits:
        d = cls()
        return cls(
            max_file_bytes=env_int("ARCHCALC_MAX_FILE_BYTES", d.max_file_bytes),
            max_nodes=env_int("ARCHCALC_MAX_YAML_NODES", d.max_nodes),
            max_depth=env_int("ARCHCALC_MAX_YAML_DEPTH", d.max_depth),
        )
