"""A ``.keras`` archive, read as untrusted input: its ``config.json``, every limit checked first.

``config.json`` is opened, and the vocabulary files lookup layers save (their lines are
counted, as bounded as config.json) — the weights only on request (keras_weights.py), never
code. The entry
count is read from the end record before :mod:`zipfile` parses the central
directory; entries that point outside the archive or repeat a name are refused.
"""

from __future__ import annotations

import os
import struct
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from archcalc.diagnostics import ArchcalcError, Diagnostic
from archcalc.reader.files import decode, open_regular, read_text
from archcalc.reader.keras_assets import vocabulary_sizes
from archcalc.reader.limits import Limits
from archcalc.textsafe import excerpt, quote

MAX_ARCHIVE_ENTRIES = 10_000
#: The largest central directory read: 1 KiB per entry (46 bytes and a name) at the limit.
MAX_DIRECTORY_BYTES = MAX_ARCHIVE_ENTRIES * 1024


def _declared_entries(fh: BinaryIO) -> int | None:
    """The entry count the zip's end-of-central-directory record declares (None: not found;
    negative: the directory's size in bytes, when that alone is over the limit).

    Read before :mod:`zipfile` parses the central directory, which it does whole
    (two million entries take a gigabyte), so a huge archive is refused first.
    """
    fh.seek(0, os.SEEK_END)
    size = fh.tell()
    tail = min(size, 22 + 65535)  # the record, and at most a maximal comment after it
    fh.seek(size - tail)
    data = fh.read(tail)
    at = data.rfind(b"PK\x05\x06")
    if at < 0 or at + 22 > len(data):
        return None
    total, directory_bytes = struct.unpack("<HI", data[at + 10 : at + 16])
    if total == 0xFFFF and at >= 20 and data[at - 20 : at - 16] == b"PK\x06\x07":
        return MAX_ARCHIVE_ENTRIES + 1  # a ZIP64 directory: more entries than 16 bits hold
    if directory_bytes > MAX_DIRECTORY_BYTES:
        return -directory_bytes  # the count may be forged low: zipfile reads by size
    return int(total)


@dataclass(frozen=True)
class KerasArchive:
    """What archcalc reads of a model file: the config's text, where positions point, and
    (a ``.keras`` archive) the line counts of the vocabulary assets its lookup layers saved."""

    text: str
    where: str
    #: ``assets/layers/<path>/vocabulary.txt`` -> its number of lines, by ``<path>``
    vocabularies: dict[str, int] = field(default_factory=dict)

    @property
    def is_archive(self) -> bool:
        return self.where.endswith("[config.json]")


def read_keras_archive(path: str, limits: Limits) -> KerasArchive:
    """config.json (and vocabulary sizes) of a ``.keras`` archive; any other file's text."""
    if not path.endswith(".keras"):
        return KerasArchive(read_text(path, limits), path)
    where = f"{path}[config.json]"

    def fail(msg: str, code: str = "keras-archive") -> ArchcalcError:
        return ArchcalcError(Diagnostic(path, 0, 0, code, msg))

    with open_regular(path, lambda code, msg: fail(msg, code)) as fh:
        data, vocabularies = _config_bytes(fh, limits, fail)
    return KerasArchive(decode(where, data), where, vocabularies)


def copy_member(path: str, member: str, limit: int, dest: BinaryIO) -> bool:
    """Copy one archive member into ``dest``, refused past ``limit`` bytes; False if absent."""

    def fail(msg: str, code: str = "keras-archive") -> ArchcalcError:
        return ArchcalcError(Diagnostic(path, 0, 0, code, msg))

    with (
        open_regular(path, lambda code, msg: fail(msg, code)) as fh,
        _guarded(fail),
        _checked_zip(fh, fail) as zf,
    ):
        info = next((i for i in zf.infolist() if i.filename == member), None)
        if info is None:
            return False
        if info.file_size > limit:
            raise fail(
                f"{member} would unpack to {info.file_size:,} bytes, more than the limit of "
                f"{limit:,}",
                "file-too-large",
            )
        with zf.open(info) as entry:  # the header may lie: count what really comes out
            copied = 0
            while chunk := entry.read(1 << 20):
                copied += len(chunk)
                if copied > limit:
                    raise fail(f"{member} unpacks to more than {limit:,} bytes", "file-too-large")
                dest.write(chunk)
    return True


_READ_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    OSError,
    RuntimeError,
    NotImplementedError,
    EOFError,
    ValueError,
    struct.error,
)


@contextmanager
def _guarded(fail: Any) -> Iterator[None]:
    """A zip library error becomes the archive's own message."""
    try:
        yield
    except _READ_ERRORS as exc:
        raise fail(f"cannot read the archive: {excerpt(str(exc))}") from None


@contextmanager
def _checked_zip(fh: BinaryIO, fail: Any) -> Iterator[zipfile.ZipFile]:
    """The open archive, once its entry count and every entry name have been checked."""
    entries = _declared_entries(fh)
    if entries is None or not zipfile.is_zipfile(fh):
        raise fail("is not a .keras archive (a .keras file is the zip archive model.save() writes)")
    if entries < 0:
        raise fail(
            f"the archive's central directory is {-entries:,} bytes, more than a Keras "
            f"model's ({MAX_DIRECTORY_BYTES:,} at most); refusing it"
        )
    if entries > MAX_ARCHIVE_ENTRIES:
        raise fail(
            f"the archive declares {entries:,} entries, more than a Keras model has "
            f"({MAX_ARCHIVE_ENTRIES:,} at most); refusing it"
        )
    fh.seek(0)
    with zipfile.ZipFile(fh) as zf:
        infos = zf.infolist()
        if len(infos) > MAX_ARCHIVE_ENTRIES:
            raise fail(
                f"the archive has {len(infos):,} entries, more than a Keras model has; refusing it"
            )
        seen: set[str] = set()
        for info in infos:
            name = info.filename.replace("\\", "/")
            if name.startswith("/") or ".." in name.split("/") or ":" in name.split("/")[0]:
                raise fail(
                    f"the archive entry {quote(info.filename)} points outside the archive; refusing it"
                )
            if name in seen:
                raise fail(
                    f"the archive holds two entries named {quote(info.filename)}; zip readers "
                    "disagree on which one counts (Keras reads the last, others the first), "
                    "so archcalc refuses an ambiguous archive"
                )
            seen.add(name)
        yield zf


def _config_bytes(fh: BinaryIO, limits: Limits, fail: Any) -> tuple[bytes, dict[str, int]]:
    """config.json from an open archive, every limit checked before the work it bounds; and
    the vocabulary assets' line counts."""
    with _guarded(fail), _checked_zip(fh, fail) as zf:
        infos = zf.infolist()
        info = next((i for i in infos if i.filename == "config.json"), None)
        if info is None:
            raise fail("the archive has no config.json, so it is not a Keras 3 .keras file")
        if info.file_size > limits.max_file_bytes:
            raise fail(
                f"config.json would unpack to {info.file_size:,} bytes, more than the limit of "
                f"{limits.max_file_bytes:,} (ARCHCALC_MAX_FILE_BYTES)",
                "file-too-large",
            )
        with zf.open(info) as entry:  # never trust the header: stop reading at the limit
            data = entry.read(limits.max_file_bytes + 1)
        vocabularies = vocabulary_sizes(zf, infos, limits, fail)
    if len(data) > limits.max_file_bytes:
        raise fail(
            f"config.json unpacks to more than {limits.max_file_bytes:,} bytes; refusing it",
            "file-too-large",
        )
    return data, vocabularies
