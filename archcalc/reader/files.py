"""Reading untrusted files: regular files only, never past the size limit, decoded as editors do.

A FIFO, a device or a socket is an ``io-error`` (never a hang, never
``/dev/zero`` read until memory runs out); UTF-8 with or without a BOM, and
UTF-16/32 with a BOM (what Windows PowerShell 5 writes with ``>``), are
decoded; anything else is refused with the position of the first bad byte.
"""

from __future__ import annotations

import codecs
import os
import stat
from typing import Any, BinaryIO

from archcalc.diagnostics import ArchcalcError, Diagnostic, Pos
from archcalc.reader.limits import Limits

#: the path that means standard input, and the name messages give it
STDIN = "-"
STDIN_NAME = "<stdin>"

_SPECIAL = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a directory"),
)


def _not_regular(mode: int) -> str:
    """What kind of special file ``mode`` is ('' for a regular file)."""
    if stat.S_ISREG(mode):
        return ""
    return next((what for test, what in _SPECIAL if test(mode)), "not a regular file")


def open_regular(path: str, fail: Any) -> BinaryIO:
    """``path`` opened for reading, refused unless it is a regular file.

    A FIFO would block the reader forever and a device (``/dev/zero``) never
    ends, so the type is checked before opening, and again on the open file
    (opening does not block: ``O_NONBLOCK``), so a swapped path cannot slip through.
    ``fail(code, message)`` makes the error to raise.
    """
    try:
        what = _not_regular(os.stat(path).st_mode)
        if what:
            hint = " (lint accepts directories)" if what == "a directory" else ""
            raise fail(
                "io-error", f"is {what}, not a regular file; archcalc reads only files{hint}"
            )
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise fail("io-error", "no such file") from None
    except OSError as exc:
        raise fail("io-error", f"cannot read the file: {exc.strerror or exc}") from None
    what = _not_regular(os.fstat(fd).st_mode)
    if what:
        os.close(fd)
        raise fail("io-error", f"is {what}, not a regular file; archcalc reads only files")
    return os.fdopen(fd, "rb")


def read_bytes(path: str, limits: Limits) -> bytes:
    """A regular file's bytes, at most the size limit; else an ArchcalcError saying why."""

    def fail(code: str, msg: str) -> ArchcalcError:
        return ArchcalcError(Diagnostic(path, 0, 0, code, msg))

    try:
        with open_regular(path, fail) as fh:
            data = fh.read(limits.max_file_bytes + 1)
    except OSError as exc:
        raise fail("io-error", f"cannot read the file: {exc.strerror or exc}") from None
    return _within(path, data, limits, "the file is larger")


def read_stream(stream: BinaryIO, path: str, limits: Limits) -> bytes:
    """Standard input's bytes, stopping one byte past the size limit (``-`` may be /dev/zero)."""
    return _within(path, stream.read(limits.max_file_bytes + 1), limits, "the input is larger")


def _within(path: str, data: bytes, limits: Limits, what: str) -> bytes:
    if len(data) > limits.max_file_bytes:
        raise ArchcalcError(
            Diagnostic(
                path,
                0,
                0,
                "file-too-large",
                f"{what} than {limits.max_file_bytes:,} bytes; "
                "raise ARCHCALC_MAX_FILE_BYTES if it is legitimate",
            )
        )
    return data


def read_text(path: str, limits: Limits) -> str:
    """The file's text, or an ArchcalcError that says why it cannot be read."""
    return decode(path, read_bytes(path, limits))


#: Byte-order marks of the encodings editors save text in; UTF-32 before UTF-16,
#: whose little-endian mark begins UTF-32's.
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _position(data: bytes, offset: int) -> Pos:
    line = data.count(b"\n", 0, offset) + 1
    return Pos(line, offset - (data.rfind(b"\n", 0, offset) + 1) + 1)


def decode(path: str, data: bytes) -> str:
    """The text of a file: UTF-8, or UTF-16/32 with a byte-order mark (what Windows
    PowerShell 5 writes with ``>``); binary or other encodings are refused with a position."""
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), "utf-8")
    if encoding in ("utf-16", "utf-32"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise ArchcalcError(
                Diagnostic.at(
                    path,
                    Pos(),
                    "encoding",
                    f"the file starts with a {encoding.upper()} byte-order mark but is not valid "
                    f"{encoding.upper()} (at byte {exc.start:,}); save it as UTF-8",
                )
            ) from None
    nul = data.find(b"\x00")
    if nul >= 0:
        raise ArchcalcError(
            Diagnostic.at(
                path,
                _position(data, nul),
                "encoding",
                "this is a binary file (it contains NUL bytes), not a YAML spec",
            )
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ArchcalcError(
            Diagnostic.at(
                path,
                _position(data, exc.start),
                "encoding",
                f"the file is not UTF-8 (byte 0x{data[exc.start]:02x} here); save it as UTF-8",
            )
        ) from None
