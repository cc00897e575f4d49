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

from archcalc._version import __version__
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
    "docs": "archcalc.cli.docs:docs",
    "report": "archcalc.cli.report:report_command",
    "export": "archcalc.cli.export:export",
    "fit": "archcalc.cli.fit:fit",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(COMMANDS))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in COMMANDS:
            module, attr = COMMANDS[cmd_name].split(":")
            return getattr(importlib.import_module(module), attr)  # type: ignore[no-any-return]
        return super().get_command(ctx, cmd_name)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        """An unknown command is a usage error that names the closest one (``sumary``)."""
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            from archcalc.diagnostics import did_you_mean

            known = self.list_commands(ctx)
            raise click.UsageError(
                f"no command '{name}'{did_you_mean(name, known)}; commands: {', '.join(known)}",
                ctx,
            )
        return super().resolve_command(ctx, args)


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog=EXIT_HELP,
    invoke_without_command=True,
)
@click.version_option(__version__, "-V", "--version", prog_name="archcalc")
@click.pass_context
def main(ctx: click.Context, **_: Any) -> None:
    """Keras-exact model summaries, diffs and lint, computed from a YAML spec or a Keras file.

    No TensorFlow, PyTorch or tensor is involved: shapes and parameter
    counts are inferred statically over the layer graph. `archcalc docs`
    lists the documentation installed with it.
    """
    if ctx.invoked_subcommand is None:  # bare `archcalc`: the help, as git and ruff do
        from archcalc.cli.common import write_out

        write_out(ctx.get_help() + "\n")


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
    except Exception as exc:  # outside a command body: click's help or a bug, no traceback
        code = _outside_error(exc)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):
        pass
    except OSError as exc:  # help or version text that could not be written
        if not code:
            code = _outside_error(exc)
    os._exit(code)


def _outside_error(exc: Exception) -> int:
    """An output that cannot be written is exit 3 in one line; anything else is a bug."""
    from archcalc.cli.common import OUTPUT_ERRNOS, OutputError, internal_error
    from archcalc.exitcodes import ExitCode

    if isinstance(exc, OSError) and exc.errno in OUTPUT_ERRNOS:
        exc = OutputError("stdout", exc)
    if isinstance(exc, OutputError):
        click.echo(str(exc), err=True)
        return int(ExitCode.INVALID_INPUT)
    return internal_error(exc)
