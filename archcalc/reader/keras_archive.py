"""A ``.keras`` archive, read as untrusted input: its ``config.json``, every limit checked first.

Only ``config.json`` is opened — never the weights, never code. The entry
count is read from the end record before :mod:`zipfile` parses the central
directory; entries that point outside the archive or repeat a name are refused.
"""

from __future__ import annotations

import os
import struct
import zipfile
from typing import Any, BinaryIO

from archcalc.diagnostics import ArchcalcError, Diagnostic
from archcalc.reader.files import decode, open_regular, read_text
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


def read_keras_text(path: str, limits: Limits) -> tuple[str, str]:
    """The model config's JSON text and the name to report positions against."""
    if not path.endswith(".keras"):
        return read_text(path, limits), path
    where = f"{path}[config.json]"

    def fail(msg: str, code: str = "keras-archive") -> ArchcalcError:
        return ArchcalcError(Diagnostic(path, 0, 0, code, msg))

    with open_regular(path, lambda code, msg: fail(msg, code)) as fh:
        data = _config_bytes(fh, limits, fail)
    return decode(where, data), where


def _config_bytes(fh: BinaryIO, limits: Limits, fail: Any) -> bytes:
    """config.json from an open archive, every limit checked before the work it bounds."""
    try:
        entries = _declared_entries(fh)
        if entries is None or not zipfile.is_zipfile(fh):
            raise fail(
                "is not a .keras archive (a .keras file is the zip archive model.save() writes)"
            )
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
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OSError,
        RuntimeError,
        NotImplementedError,
        EOFError,
        ValueError,
        struct.error,
    ) as exc:
        raise fail(f"cannot read the archive: {excerpt(str(exc))}") from None
    if len(data) > limits.max_file_bytes:
        raise fail(
            f"config.json unpacks to more than {limits.max_file_bytes:,} bytes; refusing it",
            "file-too-large",
        )
    return data
