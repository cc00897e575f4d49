"""The command line: a click group whose commands live one per module.

Commands are imported only when used (``LazyGroup``), so ``archcalc
--version`` and ``archcalc summary`` pay for nothing else. Only this package
prints or exits; see :mod:`archcalc.cli.common` for the shared plumbing and
:mod:`archcalc.exitcodes` for the exit codes.
"""

from __future__ import annotations

import importlib
from typing import Any

import click

from archcalc import __version__
from archcalc.cli.common import EXIT_HELP

#: command name -> "module:attribute"; add a command by adding a line here.
COMMANDS = {
    "summary": "archcalc.cli.summary:summary",
    "layers": "archcalc.cli.summary:layers",
    "convert": "archcalc.cli.convert:convert",
    "lint": "archcalc.cli.lint:lint",
    "schema": "archcalc.cli.schema:schema",
    "plot": "archcalc.cli.plot:plot",
    "diff": "archcalc.cli.diff:diff",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(COMMANDS))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in COMMANDS:
            module, attr = COMMANDS[cmd_name].split(":")
            return getattr(importlib.import_module(module), attr)  # type: ignore[no-any-return]
        return super().get_command(ctx, cmd_name)


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog=EXIT_HELP,
)
@click.version_option(__version__, "-V", "--version", prog_name="archcalc")
def main(**_: Any) -> None:
    """Keras-exact model summaries, diffs and lint, computed from a YAML spec or a Keras file.

    No TensorFlow, PyTorch or tensor is involved: shapes and parameter
    counts are inferred statically over the layer graph.
    """


def run() -> None:
    """Console-script entry point: ``main``, then exit without tearing the heap down.

    A big model leaves millions of small objects; freeing them one by one at
    interpreter exit costs as much as a sizeable share of the work itself, and
    the operating system reclaims the memory anyway. Output is flushed first.
    """
    import os
    import sys

    try:
        main()
        code = 0
    except SystemExit as exc:
        if exc.code is None or isinstance(exc.code, int):
            code = exc.code or 0
        else:
            sys.stderr.write(f"{exc.code}\n")
            code = 1
    except MemoryError:
        from archcalc.cli.common import out_of_memory

        out_of_memory()
        return
    except Exception as exc:  # a bug outside a command body (option handling): no traceback
        from archcalc.cli.common import internal_error

        code = internal_error(exc)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):
        pass
    os._exit(code)
