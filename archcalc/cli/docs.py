"""``archcalc docs [TOPIC]``: the user documentation, from wherever archcalc is installed.

The Markdown pages of the repository's documentation folder are copied into
the wheel as ``archcalc/docs/`` (setup.py), so help texts and error
messages can point at ``archcalc docs TOPIC`` and the page is there to open,
with or without a clone. Run from a source checkout (an editable install),
the checkout's own pages are used.
"""

from __future__ import annotations

from pathlib import Path

import click

from archcalc.cli.common import exit_help, write_out
from archcalc.exitcodes import ExitCode

DOCS_FAILURE = "the documentation is not installed, or the output could not be written"

DOCS_EXIT_HELP = exit_help(usage="usage error (bad option, unknown topic)", failure=DOCS_FAILURE)


def docs_dir() -> Path | None:
    """The installed pages (``archcalc/docs``), else a source checkout's; None if neither."""
    package = Path(__file__).resolve().parent.parent
    for where in (package / "docs", package.parent / "docs"):
        if (where / "spec-format.md").is_file():
            return where
    return None


def topics() -> dict[str, Path]:
    where = docs_dir()
    if where is None:
        return {}
    pages = sorted(p for p in where.glob("*.md") if not p.name.endswith(".readme-section.md"))
    return {p.stem: p for p in pages}


def _title(page: Path) -> str:
    first = page.read_text(encoding="utf-8").split("\n", 1)[0]
    return first.lstrip("# ").replace("`", "")


@click.command(epilog=DOCS_EXIT_HELP)
@click.argument("topic", required=False)
@click.option("--path", "show_path", is_flag=True, help="Print the page's file path instead.")
def docs(topic: str | None, show_path: bool) -> None:
    """Print archcalc's documentation on TOPIC (Markdown); without TOPIC, list the topics.

    The pages are installed with archcalc: `archcalc docs spec-format` is the
    spec format reference, `archcalc docs lint` the lint rules and CI set-up.
    """
    pages = topics()
    if not pages:
        click.echo("archcalc docs: the documentation is not installed with this archcalc", err=True)
        raise SystemExit(int(ExitCode.INVALID_INPUT))
    if topic is None:
        width = max(len(t) for t in pages)
        lines = [f"  {t:<{width}}  {_title(p)}" for t, p in pages.items()]
        write_out("Topics (archcalc docs TOPIC):\n" + "\n".join(lines) + "\n")
        return
    page = pages.get(topic) or pages.get(topic.removesuffix(".md"))
    if page is None:
        from archcalc.diagnostics import did_you_mean

        raise click.UsageError(
            f"no documentation on '{topic}'{did_you_mean(topic, list(pages))}; "
            f"topics: {', '.join(pages)}"
        )
    write_out(f"{page}\n" if show_path else page.read_text(encoding="utf-8"))
