"""Read a model from a git revision, ``REV:PATH``, without checking anything out.

``git`` runs in the current directory, so the repository is the one that
contains it, and PATH follows git's own rule: relative to the repository
root, or to the current directory when written ``./PATH`` / ``../PATH``.
The blob is written under its own file name into a temporary directory and
loaded from there exactly as a file on disk would be (so any format
``archcalc.reader.load_path`` reads works); every message then names
``REV:PATH`` instead of the temporary file.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from dataclasses import replace
from typing import Any

from archcalc.diagnostics import ArchcalcError, Diagnostic
from archcalc.textsafe import quote

GIT_TIMEOUT = 20.0  # seconds for each git command


def rev_path(arg: str) -> tuple[str, str] | None:
    """``(REV, PATH)`` when ``arg`` is meant as a git revision of a file, else None.

    A path that exists on disk always wins; ``-`` is stdin.
    """
    if arg == "-" or os.path.exists(arg) or ":" not in arg:
        return None
    rev, _, path = arg.partition(":")
    if not path:
        return None
    return rev, path


class _GitError(Exception):
    pass


def _git(args: list[str], stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", *args],
            input=stdin,
            stdin=None if stdin is not None else subprocess.DEVNULL,
            capture_output=True,
            timeout=GIT_TIMEOUT,
            check=False,
        )
    except FileNotFoundError:
        raise _GitError("git is not installed (or not on PATH)") from None
    except subprocess.TimeoutExpired:
        raise _GitError(f"git did not answer within {GIT_TIMEOUT:g} seconds") from None
    except OSError as exc:
        raise _GitError(f"git could not be run ({exc})") from None


def read_blob(rev: str, path: str, max_bytes: int) -> bytes:
    """The file's bytes at ``rev``; raises _GitError with a message that says what is wrong."""
    top = _git(["rev-parse", "--show-toplevel"])
    if top.returncode != 0:
        raise _GitError(f"the current directory ({os.getcwd()}) is not inside a git repository")
    if rev.startswith("-"):
        raise _GitError(f"{quote(rev)} is not a revision")
    if rev:  # an empty REV (":PATH") is git's index, the staged version
        ok = _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"])
        if ok.returncode != 0:
            raise _GitError(
                f"there is no revision {quote(rev)} in this repository "
                "(a branch, tag or commit, e.g. main, v1.0, HEAD~1)"
            )
    spec = f"{rev}:{path}"
    if "\n" in spec or "\r" in spec:
        raise _GitError(f"there is no file {quote(path)} in a revision (a path has no line break)")
    check = _git(["cat-file", "--batch-check"], stdin=spec.encode() + b"\n")
    # "<object> <type> <size>", or "<spec> missing": the spec may hold spaces, so the
    # answer is read from its end, never split from the start.
    fields = check.stdout.decode(errors="replace").strip().rsplit(" ", 2)
    found = len(fields) == 3 and fields[2].isdigit() and not fields[0].startswith(f"{rev}:")
    if check.returncode != 0 or not found:
        where = f"revision {rev}" if rev else "the index"
        hint = ""
        root = top.stdout.decode(errors="replace").strip()
        if not path.startswith(("./", "../")) and os.path.exists(path) and _differs(root):
            hint = (
                f"; a path after ':' is relative to the repository root ({root}): "
                f"write {rev}:./{path} for one relative to the current directory"
            )
        raise _GitError(f"there is no file {quote(path)} in {where}{hint}")
    if fields[1] != "blob":
        raise _GitError(f"{quote(path)} is a {fields[1]} in revision {rev}, not a file")
    if int(fields[2]) > max_bytes:
        raise _GitError(f"the file is larger than {max_bytes:,} bytes")
    shown = _git(["cat-file", "blob", spec])
    if shown.returncode != 0:
        raise _GitError(shown.stderr.decode(errors="replace").strip() or "git cat-file failed")
    return shown.stdout


def _differs(root: str) -> bool:
    try:
        return os.path.realpath(root) != os.path.realpath(os.getcwd())
    except OSError:
        return True


def load_rev_path(
    arg: str, rev: str, path: str, side: str, variables: dict[str, Any] | None = None
) -> Any:
    """Load ``REV:PATH`` into a Spec whose path (and every message) is ``arg``."""
    from archcalc.cli.common import load_spec
    from archcalc.reader.limits import Limits

    try:
        data = read_blob(rev, path, Limits.from_env().max_file_bytes)
    except _GitError as exc:
        extra = f"; and there is no file named {quote(arg)}" if not os.path.exists(arg) else ""
        raise ArchcalcError(
            Diagnostic(arg, 0, 0, "git-error", f"cannot load the {side} model: {exc}{extra}")
        ) from None
    with tempfile.TemporaryDirectory(prefix="archcalc-diff-") as tmp:
        local = os.path.join(tmp, os.path.basename(path.rstrip("/")) or "model.yaml")
        with open(local, "wb") as fh:
            fh.write(data)
        try:
            spec = load_spec(local, variables)
        except ArchcalcError as exc:
            raise ArchcalcError([_renamed(d, local, arg) for d in exc.diagnostics]) from None
    return replace(spec, path=arg)


def _renamed(d: Diagnostic, local: str, arg: str) -> Diagnostic:
    return replace(
        d, path=arg if d.path == local else d.path, message=d.message.replace(local, arg)
    )
