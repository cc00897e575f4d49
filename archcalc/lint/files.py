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

from archcalc.diagnostics import ArchcalcError, Diagnostic, Severity
from archcalc.lint.config import ConfigError, Patch, read_config_file
from archcalc.lint.globs import GlobError, compile_glob, glob_match, glob_matches  # noqa: F401
from archcalc.reader.files import STDIN, open_regular
from archcalc.reader.load import looks_like_model_json
from archcalc.textsafe import quote

SPEC_SUFFIXES = (".yaml", ".yml", ".keras")
SKIP_DIRS = frozenset({"node_modules", "__pycache__", "venv", "site-packages"})
YAML_CONFIGS = (".archcalc.yaml", ".archcalc.yml")
CONFIG_FILES = frozenset(YAML_CONFIGS)


class PathError(ValueError):
    """A command-line path that names nothing (a usage error)."""


class ConfigFinder:
    """Finds and caches the config files that apply to a spec, walking up from its directory."""

    def __init__(self, explicit: str | None = None, isolated: bool = False) -> None:
        self.explicit = explicit
        self.isolated = isolated
        self.by_dir: dict[str, tuple[Patch, ...]] = {}
        self.files: dict[str, Patch | None] = {}

    def read(self, path: str) -> Patch | None:

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
