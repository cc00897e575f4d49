"""Keras's layer names: snake-cased class names and the per-prefix auto-name counters.

Keras names an unnamed layer (or keras.ops node) from one global counter per
snake-cased class name, when it is constructed: ``dense``, ``dense_1`` ...
Explicit names do not advance the counters. The reader, the mask nodes, the
spec writer and lint all need these rules, so they live on the catalog's
floor, below everything that uses them.
"""

from __future__ import annotations

import functools
import re


@functools.lru_cache(maxsize=1024)
def to_snake_case(name: str) -> str:
    """Keras's ``naming.to_snake_case``: Conv2D -> conv2d, LeakyReLU -> leaky_re_lu."""
    name = re.sub(r"\W+", "", name)
    name = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub("([a-z])([A-Z])", r"\1_\2", name).lower()


class AutoNamer:
    """Keras's per-prefix counter: dense, dense_1, dense_2 ... (explicit names don't count)."""

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}

    def peek(self, class_name: str) -> str:
        """The name the next unnamed layer of this class would get."""
        prefix = to_snake_case(class_name)
        n = self.counts.get(prefix, 0)
        return prefix if n == 0 else f"{prefix}_{n}"

    def __call__(self, class_name: str) -> str:
        name = self.peek(class_name)
        prefix = to_snake_case(class_name)
        self.counts[prefix] = self.counts.get(prefix, 0) + 1
        return name
