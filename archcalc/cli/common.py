"""Plumbing every command shares: colour choice, diagnostics output, the error guard, loading."""

from __future__ import annotations

import errno
import gc
import os
import sys
from collections.abc import Callable
from typing import Any

import click

from archcalc.exitcodes import ExitCode

#: exit code 3, for commands that read a model and write a result
INPUT_OR_OUTPUT = (
    "an input could not be read, parsed or inferred, or the output could not be written"
)


def exit_help(
    findings: str | None = None,
    ok: str = "success",
    usage: str = "usage error (bad option or argument)",
    failure: str = INPUT_OR_OUTPUT,
) -> str:
    """A command's "Exit codes:" epilog, listing only the codes that command returns
    (1 only where there are findings or differences)."""
    rows = [(0, ok), (1, findings), (2, usage), (3, failure)]
    return "\b\nExit codes:\n" + "".join(f"  {c}  {text}\n" for c, text in rows if text)


#: the group's help: every code any command returns
EXIT_HELP = exit_help(findings="findings (lint) or differences (diff)")
#: a command that reads a model and prints or writes a result: 0, 2 or 3
RESULT_EXIT_HELP = exit_help()
#: a command that only prints what archcalc knows (no input): 0, 2, or 3 when stdout fails
PRINT_EXIT_HELP = exit_help(failure="the output could not be written")

COLOR_OPTION = click.option(
    "--color",
    "color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour output; auto = only on a terminal, never with NO_COLOR set.",
)


def format_option(formats: tuple[str, ...], help: str) -> Callable[[Any], Any]:
    """``-f/--format`` into ``fmt``, defaulting to the first format: each command's output choice."""
    return click.option(
        "-f",
        "--format",
        "fmt",
        type=click.Choice(formats),
        default=formats[0],
        show_default=True,
        help=help,
    )


def use_color(choice: str, stream: Any) -> bool:
    """``auto``: colour only on a terminal, and never when NO_COLOR is set (no-color.org)."""
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and os.environ.get("TERM") != "dumb"


def report(diagnostics: list[Any], color: bool = False) -> None:
    """Write diagnostics to stderr, one ``file:line:col: message`` per line."""
    from archcalc.textsafe import visible

    for d in diagnostics:
        line = visible(d.headline())  # names and paths from the input: no raw controls
        if color:
            style = "red" if str(d.severity) == "error" else "yellow"
            where = visible(d.location)
            rest = line[len(where) + 2 :]
            line = click.style(where + ":", bold=True) + " " + click.style(rest, fg=style)
        click.echo(line, err=True)
        for via in d.via_lines():  # a layer a block made: where each level was written
            click.echo("  " + visible(via), err=True)


def run_guarded(func: Callable[[], int]) -> None:
    """Run a command body: ArchcalcError -> its diagnostics and exit 3; never a traceback."""
    from archcalc.diagnostics import ArchcalcError

    # A one-shot process allocates many small objects and frees them at exit:
    # the cyclic collector only costs time here (about half of a 100k-layer run).
    gc.disable()
    for stream in (sys.stdout, sys.stderr):  # a lone surrogate in a name: written as \ud800
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    color = use_color("auto", sys.stderr)
    try:
        code = func()
    except ArchcalcError as exc:
        report(exc.diagnostics, color)
        code = getattr(exc, "exit_code", ExitCode.INVALID_INPUT)  # a bad --set: usage
    except click.exceptions.ClickException:
        raise
    except BrokenPipeError:
        code = ExitCode.OK
    except OutputError as exc:
        click.echo(str(exc), err=True)
        code = ExitCode.INVALID_INPUT
    except RecursionError:
        click.echo("archcalc: the input is nested too deeply to process", err=True)
        code = ExitCode.INVALID_INPUT
    except MemoryError:
        code = None  # reported below, once the traceback (and the model it holds) is released
    except Exception as exc:  # a bug: say so plainly, with no traceback
        code = internal_error(exc)
    if code is None:
        out_of_memory()
    sys.exit(int(code))


OUT_OF_MEMORY = b"archcalc: out of memory while processing the input\n"


def out_of_memory() -> None:
    """The one line for a MemoryError, written with no allocation to speak of; then exit 3.

    Written straight to file descriptor 2 and ended with ``os._exit``: after a
    MemoryError nothing else (click, buffered streams, interpreter teardown) gets
    another chance to fail.
    """
    try:
        os.write(2, OUT_OF_MEMORY)
    finally:
        os._exit(int(ExitCode.INVALID_INPUT))


def internal_error(exc: BaseException) -> int:
    """A bug: one plain line on stderr instead of a traceback; the exit code to use."""
    from archcalc.textsafe import excerpt

    click.echo(
        f"archcalc: internal error ({type(exc).__name__}: {excerpt(str(exc))}); "
        "please report it with the input file",
        err=True,
    )
    return int(ExitCode.INVALID_INPUT)


def load_spec(
    path: str, variables: dict[str, Any] | None = None, read_weights: bool = False
) -> Any:
    """A Spec from a path ('-' = stdin: a YAML spec or a Keras JSON config), with ``--set``
    variables; raises ArchcalcError."""
    from archcalc.reader.load import load_path

    return load_path(path, variables=variables, read_weights=read_weights)


def infer_path(
    path: str,
    variables: dict[str, Any] | None = None,
    read_weights: bool = False,
    seq_len: int | None = None,
) -> Any:
    """Load and infer: the InferenceResult for a path (its unknown input axes ``seq_len`` long,
    when given); raises ArchcalcError."""
    from archcalc.engine import infer_spec
    from archcalc.reader.variants import with_lengths

    return infer_spec(with_lengths(load_spec(path, variables, read_weights), seq_len))


READ_WEIGHTS_OPTION = click.option(
    "--read-weights-shapes",
    "read_weights",
    is_flag=True,
    help="Count the parameters of layers archcalc cannot compute (custom layers, Lambda, "
    "framework bridges) from the shapes of their variables in a .keras archive's "
    "model.weights.h5. Off by default: it hands that HDF5 file to h5py, the optional extra "
    "(archcalc[h5]); see `archcalc docs keras-files`.",
)


class OutputError(Exception):
    """The result could not be written (a full disk, /dev/full, an I/O error): exit 3, one
    line, and not an internal error, since nothing is wrong with archcalc or its input."""

    def __init__(self, where: str, exc: OSError, command: str = "") -> None:
        prog = f"archcalc {command}" if command else "archcalc"
        super().__init__(f"{prog}: cannot write {where}: {exc.strerror or exc}")


#: errno values that mean "the output cannot be written", wherever an OSError surfaces
OUTPUT_ERRNOS = frozenset(
    getattr(errno, name)
    for name in ("ENOSPC", "EIO", "EDQUOT", "EFBIG", "EROFS", "EBADF", "ENXIO")
    if hasattr(errno, name)
)


def write_out(text: str) -> None:
    """A command's result on stdout; raises OutputError when it cannot be written."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError("stdout", exc) from None


def emit(data: str | bytes, output: str | None, command: str) -> int:
    """Write a command's result to ``output`` or stdout; an unwritable file or a full disk
    is exit 3 with one line, not a traceback."""
    try:
        if output is None:
            sys.stdout.flush()
            _write_encoded(sys.stdout.buffer, data)
            sys.stdout.buffer.flush()
        else:
            with open(output, "wb") as fh:
                _write_encoded(fh, data)
    except BrokenPipeError:
        raise
    except OSError as exc:
        click.echo(str(OutputError(output or "stdout", exc, command)), err=True)
        return ExitCode.INVALID_INPUT
    return ExitCode.OK


def _write_encoded(fh: Any, data: str | bytes, chunk: int = 1 << 20) -> None:
    """UTF-8 in pieces: a huge table is never held twice, as text and as bytes."""
    if isinstance(data, bytes):
        fh.write(data)
        return
    for start in range(0, len(data), chunk):
        fh.write(data[start : start + chunk].encode("utf-8", "backslashreplace"))
