"""Running Graphviz's ``dot`` program: the only part of ``plot`` that needs an outside tool.

Keras's ``plot_model`` needs pydot and Graphviz; archcalc writes the DOT text
itself and only shells out for image formats. The program is found on PATH,
fed the source on stdin, and bounded by a timeout, so a huge graph or a
wedged ``dot`` is an error message, never a hang.
"""

from __future__ import annotations

import shutil
import subprocess

IMAGE_FORMATS = ("svg", "png", "pdf")

INSTALL_HINT = """\
install Graphviz, which provides it:
  Debian, Ubuntu:  apt install graphviz
  macOS:           brew install graphviz
  Fedora:          dnf install graphviz
  conda:           conda install graphviz
  Windows:         winget install graphviz
or use -f dot / -f mermaid, which need nothing"""


class GraphvizError(Exception):
    """``dot`` is missing, failed or timed out; the message says which and what to do."""


def find_dot() -> str | None:
    return shutil.which("dot")


def run_dot(source: str, fmt: str, timeout: float = 60.0) -> bytes:
    """``source`` rendered by ``dot -T<fmt>``; raises GraphvizError."""
    exe = find_dot()
    if exe is None:
        raise GraphvizError(
            f"the {fmt} format needs Graphviz's 'dot' program, which is not on PATH;\n{INSTALL_HINT}"
        )
    try:
        proc = subprocess.run(
            [exe, f"-T{fmt}"],
            input=source.encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise GraphvizError(
            f"Graphviz's dot did not finish within {timeout:g} s; try --timeout with more "
            "seconds, or -f dot and lay the graph out elsewhere"
        ) from None
    except OSError as exc:
        raise GraphvizError(f"could not run Graphviz's dot ({exe}): {exc}") from None
    if proc.returncode != 0 or not proc.stdout:
        detail = proc.stderr.decode("utf-8", "replace").strip() or f"exit status {proc.returncode}"
        raise GraphvizError(f"Graphviz's dot failed to render {fmt}: {detail}")
    return proc.stdout
