"""Which files a lint run reads, and which config files apply to each.

Paths on the command line may be files (always linted, whatever their
name), directories (recursed: each directory's files sorted, then its
subdirectories sorted, into ``*.yaml``, ``*.yml``,
``*.keras``, and ``*.json`` files that look like a Keras ``model.to_json()``
or a spec (a JSON object with ``"class_name"`` or ``"layers"``);
hidden entries and ``node_modules``/``__pycache__``/virtualenvs are
skipped) or globs (``specs/**/*.yaml``, for shells that do not expand
them). ``exclude`` globs from the config apply to every file, named or
found, as pre-commit passes names one by one. archcalc's own config files
are never linted as specs.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from archcalc.reader.load import looks_like_model_json
from archcalc.textsafe import quote

if TYPE_CHECKING:
    from archcalc.diagnostics import Diagnostic
    from archcalc.lint.config import Patch

SPEC_SUFFIXES = (".yaml", ".yml", ".keras")
SKIP_DIRS = frozenset({"node_modules", "__pycache__", "venv", "site-packages"})
YAML_CONFIGS = (".archcalc.yaml", ".archcalc.yml")
CONFIG_FILES = frozenset(YAML_CONFIGS)
STDIN = "-"


class PathError(ValueError):
    """A command-line path that names nothing (a usage error)."""


class GlobError(ValueError):
    """A glob that cannot mean anything (``[z-a]``, an unclosed class...)."""


#: POSIX character classes inside ``[...]``, as git's wildmatch knows them.
_POSIX = {
    "alpha": str.isalpha,
    "digit": str.isdigit,
    "alnum": str.isalnum,
    "upper": str.isupper,
    "lower": str.islower,
    "space": str.isspace,
    "punct": lambda c: c.isascii() and not c.isalnum() and c.isprintable() and not c.isspace(),
    "xdigit": lambda c: c in "0123456789abcdefABCDEF",
}

#: a compiled token: ("lit", char) | ("one", None) | ("set", (negated, ranges, posix)) |
#: ("star", crosses "/") | ("skip", how many tokens an empty "**/" skips)
Token = tuple[str, Any]


def _char_class(pattern: str, i: int) -> tuple[Token, int]:
    """The ``[...]`` starting at ``pattern[i]``: its token and the index after it
    (an unclosed ``[`` is a literal one)."""
    j = i + 1
    negated = j < len(pattern) and pattern[j] in "!^"
    j += negated
    ranges: list[tuple[str, str]] = []
    posix: list[Any] = []
    first = True
    while j < len(pattern) and (pattern[j] != "]" or first):
        first = False
        if pattern.startswith("[:", j):
            end = pattern.find(":]", j + 2)
            name = pattern[j + 2 : end] if end > 0 else ""
            if name not in _POSIX:
                raise GlobError(f"unknown character class '[:{name}:]' in {quote(pattern)}")
            posix.append(_POSIX[name])
            j = end + 2
            continue
        c = pattern[j + 1] if pattern[j] == "\\" and j + 1 < len(pattern) else pattern[j]
        j += 2 if pattern[j] == "\\" else 1
        if j + 1 < len(pattern) and pattern[j] == "-" and pattern[j + 1] != "]":
            hi = pattern[j + 1]
            if hi < c:
                raise GlobError(
                    f"the range '{c}-{hi}' in {quote(pattern)} is backwards; write '{hi}-{c}'"
                )
            ranges.append((c, hi))
            j += 2
        else:
            ranges.append((c, c))
    if j >= len(pattern):  # never closed: a literal '[', as fnmatch reads it
        return ("lit", "["), i + 1
    return ("set", (negated, tuple(ranges), tuple(posix))), j + 1


def compile_glob(pattern: str) -> tuple[Token, ...]:
    """``**`` spans directories, ``*`` and ``?`` stay within one, ``[...]`` as in git.

    The pattern becomes a list of tokens that :func:`glob_matches` runs as a
    set of states over the name, so matching takes time linear in the name's
    length (a regular expression would backtrack exponentially on
    ``*a*a*a*a*a*b``). Raises GlobError for a pattern that cannot mean anything.
    """
    tokens: list[Token] = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if pattern.startswith("**/", i):
            tokens += [("skip", 2), ("star", True), ("lit", "/")]
            i += 3
        elif pattern.startswith("**", i):
            tokens.append(("star", True))
            i += 2
        elif c == "*":
            tokens.append(("star", False))
            i += 1
        elif c == "?":
            tokens.append(("one", None))
            i += 1
        elif c == "[":
            token, i = _char_class(pattern, i)
            tokens.append(token)
        else:
            if c == "\\" and i + 1 < len(pattern):
                i += 1
                c = pattern[i]
            tokens.append(("lit", c))
            i += 1
    return tuple(tokens)


def _in_set(ch: str, arg: Any) -> bool:
    negated, ranges, posix = arg
    hit = any(lo <= ch <= hi for lo, hi in ranges) or any(test(ch) for test in posix)
    return hit != negated and ch != "/"


def _closure(tokens: tuple[Token, ...], states: set[int]) -> set[int]:
    todo = list(states)
    while todo:
        s = todo.pop()
        if s < len(tokens):
            kind, arg = tokens[s]
            nxt = (s + 1, s + 1 + arg) if kind == "skip" else (s + 1,) if kind == "star" else ()
            for t in nxt:
                if t not in states:
                    states.add(t)
                    todo.append(t)
    return states


def glob_matches(tokens: tuple[Token, ...], name: str) -> bool:
    """Whether the whole ``name`` matches; O(len(name) x len(tokens)), never backtracking."""
    states = _closure(tokens, {0})
    for ch in name:
        step: set[int] = set()
        for s in states:
            if s == len(tokens):
                continue
            kind, arg = tokens[s]
            if kind == "star":
                if arg or ch != "/":
                    step.add(s)
            elif (
                (kind == "lit" and ch == arg)
                or (kind == "one" and ch != "/")
                or (kind == "set" and _in_set(ch, arg))
            ):
                step.add(s + 1)
        if not step:
            return False
        states = _closure(tokens, step)
    return len(tokens) in states


def glob_match(patterns: Iterable[str], path: str, base: str) -> bool:
    """Whether ``path``, relative to ``base``, matches one of ``patterns`` (gitignore-like).

    A pattern with a ``/`` is anchored at ``base`` and also matches the files
    below a directory it names; one without matches a file or directory name
    at any depth; a trailing ``/`` matches directories only.
    """
    rel = os.path.relpath(os.path.abspath(path), base).replace(os.sep, "/")
    if rel.startswith("../"):
        return False
    parts = rel.split("/")
    for pattern in patterns:
        pattern = pattern.removeprefix("./")
        only_dirs = pattern.endswith("/")
        pattern = pattern.rstrip("/")
        if "/" in pattern:
            candidates = ["/".join(parts[:k]) for k in range(1, len(parts) + 1)]
        else:
            candidates = parts
        if only_dirs:
            candidates = candidates[:-1]
        tokens = compile_glob(pattern)
        if any(glob_matches(tokens, c) for c in candidates):
            return True
    return False


class ConfigFinder:
    """Finds and caches the config files that apply to a spec, walking up from its directory."""

    def __init__(self, explicit: str | None = None, isolated: bool = False) -> None:
        self.explicit = explicit
        self.isolated = isolated
        self.by_dir: dict[str, tuple[Patch, ...]] = {}
        self.files: dict[str, Patch | None] = {}

    def read(self, path: str) -> Patch | None:
        from archcalc.lint.config import read_config_file

        if path not in self.files:
            self.files[path] = read_config_file(path)
        return self.files[path]

    def patches_for(self, spec_path: str | None) -> tuple[Patch, ...]:
        """pyproject first, then .archcalc.yaml: the order they are layered in."""
        if self.isolated:
            return ()
        if self.explicit:
            patch = self.read(self.explicit)
            if patch is None:
                from archcalc.diagnostics import Diagnostic
                from archcalc.lint.config import ConfigError

                raise ConfigError(
                    Diagnostic(self.explicit, 0, 0, "config", "has no [tool.archcalc] table")
                )
            return (patch,)
        start = os.path.dirname(os.path.abspath(spec_path)) if spec_path else os.getcwd()
        if start not in self.by_dir:
            self.by_dir[start] = self._walk(start)
        return self.by_dir[start]

    def _walk(self, start: str) -> tuple[Patch, ...]:
        toml: Patch | None = None
        yml: Patch | None = None
        d = start
        while True:
            if yml is None:
                for name in YAML_CONFIGS:
                    if os.path.isfile(os.path.join(d, name)):
                        yml = self.read(os.path.join(d, name))
                        break
            if toml is None and os.path.isfile(os.path.join(d, "pyproject.toml")):
                toml = self.read(os.path.join(d, "pyproject.toml"))
            parent = os.path.dirname(d)
            if (toml is not None and yml is not None) or parent == d:
                break
            d = parent
        return tuple(p for p in (toml, yml) if p is not None)


def excluded(spec_path: str, patches: Iterable[Patch]) -> bool:
    return any(p.exclude and glob_match(p.exclude, spec_path, p.base) for p in patches)


def _looks_like_model_json(path: str) -> bool:
    """A Keras ``model.to_json()`` file or a spec written in JSON, not any JSON file.

    Special files (a FIFO named ``x.json``) are kept, so that reading them reports why not.
    """
    from archcalc.diagnostics import ArchcalcError
    from archcalc.reader.yamlnodes import open_regular

    try:
        with open_regular(path, lambda code, msg: ArchcalcError([])) as fh:
            head = fh.read(65536)
    except ArchcalcError:
        return os.path.exists(path)
    except OSError:
        return False
    return looks_like_model_json(head)


def _outside(path: str, root: str) -> bool:
    """Whether ``path`` is a symbolic link whose target is not inside ``root``."""
    if not os.path.islink(path):
        return False
    target = os.path.realpath(path)
    return os.path.commonpath([target, root]) != root


def _walk(root: str, skipped: list[Diagnostic]) -> Iterable[str]:
    """The spec files below ``root``; symbolic links that lead out of it are skipped, and said so.

    A committed link to ``~/.ssh/id_rsa`` must not be read (its text would be quoted back
    in a finding); links to directories are never followed (os.walk's default).
    """
    real_root = os.path.realpath(root)
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(
            d
            for d in dirnames
            if not d.startswith(".")
            and d not in SKIP_DIRS
            and not os.path.isfile(os.path.join(dirpath, d, "pyvenv.cfg"))
        )
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = os.path.join(dirpath, name)
            if not (name.endswith(SPEC_SUFFIXES) or name.endswith(".json")):
                continue
            if _outside(path, real_root):
                skipped.append(_skipped(path, root))
            elif name.endswith(SPEC_SUFFIXES) or _looks_like_model_json(path):
                yield path


def _skipped(path: str, root: str) -> Diagnostic:
    from archcalc.diagnostics import Diagnostic, Severity

    return Diagnostic(
        path,
        0,
        0,
        "symlink-skipped",
        f"not linted: a symbolic link to a file outside {quote(root)}; archcalc does not "
        "follow links out of the tree it walks (name the file itself to lint it)",
        Severity.WARNING,
    )


def collect(
    args: Iterable[str], finder: ConfigFinder, skipped: list[Diagnostic] | None = None
) -> list[str]:
    """The files to lint, in command-line order, each once; raises PathError.

    Links found while walking a directory (or a glob's matches) that lead out of it
    are not linted; each becomes a warning in ``skipped``.
    """
    out: dict[str, None] = {}
    skipped = [] if skipped is None else skipped
    for arg in args:
        if arg == STDIN:
            out[STDIN] = None
            continue
        if os.path.isdir(arg):
            found = list(_walk(arg, skipped))
        elif os.path.exists(arg):
            found = [arg]
        elif any(c in arg for c in "*?["):
            found = []
            base = os.path.realpath(_glob_base(arg))
            for match in sorted(glob.glob(arg, recursive=True)):
                if os.path.isdir(match):
                    found.extend(_walk(match, skipped))
                elif _outside(match, base):
                    skipped.append(_skipped(match, _glob_base(arg)))
                else:
                    found.append(match)
            if not found and not skipped:
                raise PathError(f"{arg}: the pattern matches no file")
        else:
            raise PathError(f"{arg}: no such file or directory")
        for path in found:
            if os.path.basename(path) in CONFIG_FILES:
                continue
            if not excluded(path, finder.patches_for(path)):
                out[path] = None
    return list(out)


def _glob_base(pattern: str) -> str:
    """The directory a glob searches: its path up to the first wildcard."""
    head = pattern[: min(pattern.index(c) for c in "*?[" if c in pattern)]
    return os.path.dirname(head) or "."
