"""Parameter counts of the layers archcalc cannot compute, from a ``.keras`` archive's weights.

Only on request (``--read-weights-shapes``) and only with the optional extra
``archcalc[h5]``: h5py is imported here, when asked, and nowhere else.

Why opt-in: archcalc runs on untrusted files in CI, and HDF5 is a large C
library whose parsers have had memory-safety bugs; a default run never hands it
a byte. When asked, archcalc bounds what it gives it: the weights member is
copied out of the archive to a private temporary file, refused past
``ARCHCALC_MAX_WEIGHTS_BYTES`` (default 2 GiB); only the layers' groups are
walked, at most ``MAX_OBJECTS`` objects, following hard links only (never a soft
or external link, which could name another file); and what is read is metadata
(each variable's shape), except where a layer stores a variable twice (below).

Keras stores each layer's variables under its save path (``keras_assets``):
``<path>/vars/0``, ``1``... and its sublayers' below. The file records shapes,
not which variables are trainable: a custom layer's are counted trainable, but for
its own variables when it is frozen (Keras freezes the variables a layer created with
``trainable=False`` itself, not those of the sublayers it holds). A layer that keeps a reference to its
sublayer's variable (``self.v = self.layer.kernel``, as a weight-normalisation
wrapper does) has it stored twice, while Keras counts it once: a variable of a
layer's own ``vars`` equal in shape, dtype and content to one of its sublayers'
(and not constant, as fresh zeros would be) is counted once. Content is compared
only for unfiltered, non-virtual datasets of at most ``MAX_COMPARE_BYTES``.
"""

from __future__ import annotations

import os
import tempfile
from math import prod
from types import TracebackType
from typing import Any

from archcalc.diagnostics import ArchcalcError, Diagnostic
from archcalc.reader.keras_archive import copy_member

MEMBER = "model.weights.h5"
MAX_OBJECTS = 200_000
MAX_COMPARE_BYTES = 64 * 1024 * 1024
DEFAULT_MAX_BYTES = 2 * 1024**3
EXTRA = (
    "install archcalc with its extra h5 (pip install '.[h5]' in its repository) or pip install h5py"
)


def max_weights_bytes() -> int:
    raw = os.environ.get("ARCHCALC_MAX_WEIGHTS_BYTES")
    if raw is None:
        return DEFAULT_MAX_BYTES
    if not raw.isdigit() or int(raw) <= 0:
        raise ArchcalcError(
            Diagnostic(
                "ARCHCALC_MAX_WEIGHTS_BYTES",
                0,
                0,
                "invalid-limit",
                f"ARCHCALC_MAX_WEIGHTS_BYTES must be a positive integer (bytes); got {raw[:40]!r}",
            )
        )
    return int(raw)


def _h5py(path: str) -> Any:
    try:
        import h5py
    except ImportError:
        raise ArchcalcError(
            Diagnostic(
                path,
                0,
                0,
                "missing-extra",
                "--read-weights-shapes reads the archive's model.weights.h5 with h5py, the "
                f"optional extra, which is not installed: {EXTRA}",
            )
        ) from None
    return h5py


class WeightShapes:
    """The weights file of one archive, open for counting; use as a context manager."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._dir: tempfile.TemporaryDirectory[str] | None = None
        self._file: Any = None
        self._h5: Any = None
        self.missing = False  # the archive has no weights file
        self.visited = 0

    def __enter__(self) -> WeightShapes:
        h5py = self._h5 = _h5py(self.path)
        self._dir = tempfile.TemporaryDirectory(prefix="archcalc-")
        target = os.path.join(self._dir.name, "weights.h5")
        with open(target, "wb") as out:
            found = copy_member(self.path, MEMBER, max_weights_bytes(), out)
        if not found:
            self.missing = True
            return self
        try:
            self._file = h5py.File(target, "r")
        except (OSError, ValueError) as exc:
            raise self._fail(f"cannot read model.weights.h5 as HDF5: {str(exc)[:200]}") from None
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._file is not None:
            self._file.close()
        if self._dir is not None:
            self._dir.cleanup()

    def _fail(self, message: str) -> ArchcalcError:
        return ArchcalcError(Diagnostic(self.path, 0, 0, "keras-archive", message))

    def count(self, path: str) -> tuple[int, int] | None:
        """Parameters stored under a layer's save path: (its own variables', its sublayers'),
        or None when the file has no such layer."""
        if self._file is None:
            return None
        group = self._file
        for part in path.split("/"):
            group = self._child(group, part)
            if group is None:
                return None
        try:
            return self._split(group, 0)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise self._fail(f"cannot read model.weights.h5: {str(exc)[:200]}") from None

    def _child(self, group: Any, name: str) -> Any:
        """A hard-linked subgroup (None for anything else)."""
        h5py = self._h5
        if not isinstance(group, h5py.Group):
            return None
        link = group.get(name, getlink=True)
        if not isinstance(link, h5py.HardLink):
            return None
        self._visit()
        child = group.get(name)
        return child if isinstance(child, (h5py.Group, h5py.Dataset)) else None

    def _visit(self) -> None:
        self.visited += 1
        if self.visited > MAX_OBJECTS:
            raise self._fail(
                f"model.weights.h5 holds more than {MAX_OBJECTS:,} objects under its layers; "
                "refusing to walk it"
            )

    def _datasets(self, group: Any, depth: int) -> list[Any]:
        """Every dataset below ``group`` (hard links only)."""
        if depth > 100:
            raise self._fail("model.weights.h5 nests more than 100 levels; refusing to walk it")
        out = []
        for name in list(group.keys()):
            child = self._child(group, name)
            if child is None:
                continue
            if isinstance(child, self._h5.Dataset):
                out.append(child)
            else:
                out.extend(self._datasets(child, depth + 1))
        return out

    def _split(self, group: Any, depth: int) -> tuple[int, int]:
        """A layer group's parameters: (its own variables', its sublayers'), each once."""
        own_group = self._child(group, "vars")
        own = self._datasets(own_group, depth + 1) if own_group is not None else []
        below: list[Any] = []
        total = 0
        for name in list(group.keys()):
            if name == "vars":
                continue
            child = self._child(group, name)
            if child is None or not isinstance(child, self._h5.Group):
                continue
            total += sum(self._split(child, depth + 1))
            below.extend(self._datasets(child, depth + 1))
        mine = sum(_size(ds) for ds in own if not any(self._same(ds, o) for o in below))
        return mine, total

    def _same(self, a: Any, b: Any) -> bool:
        """The same variable stored twice: equal shape, dtype and (non-constant) content."""
        if a.shape != b.shape or a.dtype != b.dtype or not _readable(a) or not _readable(b):
            return False
        if _size(a) * a.dtype.itemsize > MAX_COMPARE_BYTES:
            return False
        x, y = a[()], b[()]
        flat = x.reshape(-1)
        if flat.size == 0 or (flat == flat[0]).all():
            return False
        return bool((x == y).all())


def _size(ds: Any) -> int:
    return int(prod(int(d) for d in ds.shape))


def _readable(ds: Any) -> bool:
    """Content archcalc compares: plain stored data, no filter pipeline, no virtual mapping."""
    try:
        return not ds.is_virtual and ds.id.get_create_plist().get_nfilters() == 0
    except (AttributeError, OSError, ValueError):
        return False
