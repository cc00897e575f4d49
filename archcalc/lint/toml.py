"""A small TOML reader that also records the line of every key.

Why not only ``tomllib``: Python 3.10 has none, and archcalc adds no runtime
dependency; and ``tomllib`` keeps no positions, while a config error must
say ``pyproject.toml:12: ...``. So :func:`read_toml` returns the data *and*
a map from key path (``("tool", "archcalc", "lint", "rules", "budget")``,
array-of-table items as integer indexes) to its 1-based line.

:func:`load_toml` uses ``tomllib`` for the values when it exists (the
reference parser decides what is valid TOML) and this reader for the lines.
The reader covers the TOML that pyproject files use: comments, ``[table]``
and ``[[array.of.tables]]`` headers, dotted and quoted keys, basic, literal
and multi-line strings, integers (with ``_``, hex, octal, binary), floats,
booleans, arrays and inline tables; dates and times are kept as their text.
"""

from __future__ import annotations

import re
from typing import Any

from archcalc.textsafe import excerpt, quote

KeyPath = tuple[Any, ...]
#: The longest integer read: Python's own limit on converting text to int.
MAX_INT_DIGITS = 4300

_BARE = re.compile(r"[A-Za-z0-9_-]+")
_NUMBER = re.compile(r"[+-]?[0-9A-Za-z_.:+-]+")
_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}


class TomlError(ValueError):
    """Invalid TOML; ``line`` is 1-based."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(f"{message} (line {line})")
        self.message = message
        self.line = line


#: How deeply arrays and inline tables may nest (tomllib itself would hit Python's recursion limit).
MAX_DEPTH = 100


class _Reader:
    def __init__(self, text: str) -> None:
        self.s = text.replace("\r\n", "\n")
        self.i = 0
        self.lines: dict[KeyPath, int] = {}
        self.depth = 0
        self._counted = (0, 1)  # (offset, its line): lines are counted on from there

    # -- low level ------------------------------------------------------------
    @property
    def line(self) -> int:
        """The current line, counted incrementally (linear in the file, not per key)."""
        at, line = self._counted
        if self.i >= at:
            line += self.s.count("\n", at, self.i)
        else:
            line = self.s.count("\n", 0, self.i) + 1
        self._counted = (self.i, line)
        return line

    def fail(self, message: str) -> TomlError:
        return TomlError(message, self.line)

    def peek(self, n: int = 1) -> str:
        return self.s[self.i : self.i + n]

    def skip_ws(self, newlines: bool = False) -> None:
        """Spaces and tabs (and, inside arrays, newlines and comments)."""
        while self.i < len(self.s):
            c = self.s[self.i]
            if c in " \t" or (newlines and c == "\n"):
                self.i += 1
            elif newlines and c == "#":
                self.skip_comment()
            else:
                break

    def skip_comment(self) -> None:
        end = self.s.find("\n", self.i)
        self.i = len(self.s) if end < 0 else end

    def end_of_line(self) -> None:
        self.skip_ws()
        if self.peek() == "#":
            self.skip_comment()
        if self.i < len(self.s) and self.peek() != "\n":
            raise self.fail(f"unexpected {quote(self.peek())} after a value")

    # -- keys -----------------------------------------------------------------
    def key(self) -> list[str]:
        parts = []
        while True:
            self.skip_ws()
            c = self.peek()
            if c == '"':
                parts.append(self.basic_string())
            elif c == "'":
                parts.append(self.literal_string())
            else:
                m = _BARE.match(self.s, self.i)
                if not m:
                    raise self.fail("expected a key")
                parts.append(m.group())
                self.i = m.end()
            self.skip_ws()
            if self.peek() != ".":
                return parts
            self.i += 1

    # -- values ---------------------------------------------------------------
    def value(self) -> Any:
        self.skip_ws()
        c = self.peek()
        if self.peek(3) in ('"""', "'''"):
            return self.multiline_string(self.peek(3))
        if c == '"':
            return self.basic_string()
        if c == "'":
            return self.literal_string()
        if c in "[{":
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise self.fail(f"arrays and inline tables nest deeper than {MAX_DEPTH} levels")
            value = self.array() if c == "[" else self.inline_table()
            self.depth -= 1
            return value
        for word, val in (("true", True), ("false", False)):
            if self.s.startswith(word, self.i):
                self.i += len(word)
                return val
        m = _NUMBER.match(self.s, self.i)
        if not m:
            raise self.fail(f"expected a value, got {quote(c)}")
        text = m.group()
        # A date-time may hold one space between date and time.
        if re.fullmatch(r"\d{4}-\d\d-\d\d", text) and re.match(r" \d\d:", self.s[m.end() :]):
            m = _NUMBER.match(self.s, m.end() + 1)
            assert m is not None
            text = self.s[self.i : m.end()]
        self.i = m.end()
        return _number(text, self)

    def basic_string(self) -> str:
        self.i += 1
        out = []
        while True:
            if self.i >= len(self.s) or self.s[self.i] == "\n":
                raise self.fail("unterminated string")
            c = self.s[self.i]
            if c == '"':
                self.i += 1
                return "".join(out)
            if c == "\\":
                out.append(self.escape())
            else:
                out.append(c)
                self.i += 1

    def escape(self) -> str:
        c = self.s[self.i + 1 : self.i + 2]
        if c in _ESCAPES:
            self.i += 2
            return _ESCAPES[c]
        if c in ("u", "U"):
            n = 4 if c == "u" else 8
            digits = self.s[self.i + 2 : self.i + 2 + n]
            try:
                self.i += 2 + n
                return chr(int(digits, 16))
            except ValueError:
                raise self.fail(f"invalid escape \\{c}{digits}") from None
        raise self.fail(f"invalid escape \\{c}")

    def literal_string(self) -> str:
        end = self.s.find("'", self.i + 1)
        newline = self.s.find("\n", self.i + 1)
        if end < 0 or 0 <= newline < end:
            raise self.fail("unterminated string")
        text = self.s[self.i + 1 : end]
        self.i = end + 1
        return text

    def multiline_string(self, quote: str) -> str:
        start = self.i + 3
        end = self.s.find(quote, start)
        if end < 0:
            raise self.fail("unterminated multi-line string")
        while self.s[end + 3 : end + 4] == quote[0]:  # up to two quotes may end the content
            end += 1
        self.i = end + 3
        body = self.s[start:end]
        if body.startswith("\n"):
            body = body[1:]
        if quote == "'''":
            return body
        body = re.sub(r"\\[ \t]*\n\s*", "", body)  # line-ending backslash
        out, j = [], 0
        while j < len(body):
            if body[j] == "\\":
                sub = _Reader(body[j : j + 10])  # an escape is at most 10 characters
                out.append(sub.escape())
                j += sub.i
            else:
                out.append(body[j])
                j += 1
        return "".join(out)

    def array(self) -> list[Any]:
        self.i += 1
        out: list[Any] = []
        while True:
            self.skip_ws(newlines=True)
            if self.peek() == "]":
                self.i += 1
                return out
            out.append(self.value())
            self.skip_ws(newlines=True)
            if self.peek() == ",":
                self.i += 1
            elif self.peek() != "]":
                raise self.fail("expected ',' or ']' in an array")

    def inline_table(self) -> dict[str, Any]:
        self.i += 1
        table: dict[str, Any] = {}
        self.skip_ws()
        if self.peek() == "}":
            self.i += 1
            return table
        while True:
            self.key_value(table, ())
            self.skip_ws()
            if self.peek() == "}":
                self.i += 1
                return table
            if self.peek() != ",":
                raise self.fail("expected ',' or '}' in an inline table")
            self.i += 1

    # -- document -------------------------------------------------------------
    def key_value(self, table: dict[str, Any], prefix: KeyPath) -> None:
        line = self.line
        parts = self.key()
        if self.peek() != "=":
            raise self.fail("expected '=' after a key")
        self.i += 1
        for k in range(1, len(parts) + 1):
            self.lines.setdefault(prefix + tuple(parts[:k]), line)
        target = _descend(table, parts[:-1], self)
        if parts[-1] in target:
            raise self.fail(f"duplicate key {quote('.'.join(parts))}")
        target[parts[-1]] = value = self.value()
        if isinstance(value, dict):
            self.record(value, (*prefix, *parts), line)

    def record(self, value: dict[str, Any], path: KeyPath, line: int) -> None:
        """Inline tables: their keys are on the line of the table itself."""
        for k, v in value.items():
            self.lines.setdefault((*path, k), line)
            if isinstance(v, dict):
                self.record(v, (*path, k), line)

    def document(self) -> dict[str, Any]:
        root: dict[str, Any] = {}
        current, path = root, ()
        while True:
            self.skip_ws(newlines=True)
            if self.i >= len(self.s):
                return root
            if self.peek() == "[":
                current, path = self.header(root)
            else:
                self.key_value(current, path)
            self.end_of_line()

    def header(self, root: dict[str, Any]) -> tuple[dict[str, Any], KeyPath]:
        line = self.line
        many = self.peek(2) == "[["
        self.i += 2 if many else 1
        parts = self.key()
        close = "]]" if many else "]"
        if self.peek(len(close)) != close:
            raise self.fail(f"expected {close!r} to close the table header")
        self.i += len(close)
        parent = _descend(root, parts[:-1], self)
        for k in range(1, len(parts)):
            self.lines.setdefault(tuple(parts[:k]), line)
        last = parts[-1]
        if many:
            items = parent.setdefault(last, [])
            if not isinstance(items, list):
                raise self.fail(f"{quote('.'.join(parts))} is not an array of tables")
            items.append({})
            path: KeyPath = (*parts, len(items) - 1)
            self.lines.setdefault(tuple(parts), line)
            self.lines[path] = line
            return items[-1], path
        table = parent.setdefault(last, {})
        if not isinstance(table, dict):
            raise self.fail(f"{quote('.'.join(parts))} is not a table")
        self.lines.setdefault(tuple(parts), line)
        return table, tuple(parts)


def _descend(table: dict[str, Any], parts: list[str], reader: _Reader) -> dict[str, Any]:
    for part in parts:
        nxt = table.setdefault(part, {})
        if isinstance(nxt, list):  # the last [[item]] of an array of tables
            nxt = nxt[-1]
        if not isinstance(nxt, dict):
            raise reader.fail(f"{quote(part)} is a value, not a table")
        table = nxt
    return table


def _number(text: str, reader: _Reader) -> Any:
    plain = text.replace("_", "")
    digits = plain.lstrip("+-")
    if digits.isdigit() and len(digits) > MAX_INT_DIGITS:
        raise reader.fail(
            f"an integer of {len(digits):,} digits is longer than archcalc reads "
            f"({MAX_INT_DIGITS:,} digits at most)"
        )
    try:
        if plain[:2] in ("0x", "0o", "0b"):
            return int(plain[2:], {"x": 16, "o": 8, "b": 2}[plain[1]])
        if re.fullmatch(r"[+-]?\d+", plain):
            return int(plain)
        if re.fullmatch(r"[+-]?(inf|nan)", plain):
            return float(plain)
        if re.fullmatch(r"[+-]?\d+(\.\d+)?([eE][+-]?\d+)?", plain):
            return float(plain)
    except ValueError:
        pass
    if re.fullmatch(r"[0-9][0-9:.TtZz+ -]*", text):
        return text  # a date or time: kept as text (archcalc never reads one)
    raise reader.fail(f"invalid value {quote(text)}")


def read_toml(text: str) -> tuple[dict[str, Any], dict[KeyPath, int]]:
    """The document and the line of every key; raises :class:`TomlError`."""
    reader = _Reader(text)
    return reader.document(), reader.lines


def load_toml(text: str) -> tuple[dict[str, Any], dict[KeyPath, int]]:
    """Values from ``tomllib`` when available (else :func:`read_toml`), lines from the reader."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        return read_toml(text)
    try:  # first, as it bounds depth and integer length, which tomllib does not
        _, lines = read_toml(text)
    except TomlError as exc:
        if "nest deeper" in exc.message or "digits is longer" in exc.message:
            raise
        lines = {}  # TOML the small reader does not cover: tomllib decides
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        raise TomlError(
            excerpt(re.sub(r"\s*\(at line.*\)$", "", str(exc))), int(m.group(1)) if m else 1
        ) from None
    except (RecursionError, ValueError) as exc:  # too deep, or an integer past Python's limit
        raise TomlError(f"cannot read the TOML: {excerpt(str(exc))}", 1) from None
    return data, lines
