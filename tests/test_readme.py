"""The README shows real output and the commands CI runs."""

from __future__ import annotations

import re

from click.testing import CliRunner

from archcalc.cli import main
from tests.conftest import KERAS, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def setup_commands() -> list[str]:
    section = README.split("## Set up", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.*?)\n```", section, re.S)


def test_two_setup_commands_and_ci_runs_the_test_one() -> None:
    install, test = setup_commands()
    assert install.endswith("pip install . && archcalc summary specs/seed_functional.yaml")
    assert test.endswith("pip install '.[test]' && python -m pytest")
    ci = (ROOT / ".ci" / "run").read_text()
    assert test.split(" && ", 2)[2] in ci  # the same install-and-test command


def test_readme_table_is_what_keras_printed() -> None:
    block = README.split("(in a terminal at least 112 columns wide):\n\n```\n", 1)[1].split(
        "\n```", 1
    )[0]
    assert block == (KERAS / "seed_functional.keras-wide.txt").read_text().rstrip("\n")


def test_readme_console_blocks_are_current(monkeypatch) -> None:
    """Every ``$ archcalc summary|lint|fit ...`` console block shows what that command prints
    now (a ``...`` line stands for the lines left out between its head and its tail)."""
    monkeypatch.chdir(ROOT)
    blocks = re.findall(
        r"```console\n\$ archcalc (summary|lint|fit) (.*?)\n(.*?)\n```", README, re.S
    )
    assert {b[0] for b in blocks} == {"summary", "lint", "fit"}
    for command, args, shown in blocks:
        r = CliRunner().invoke(
            main, [command, *args.split()], env={"COLUMNS": "200"}, catch_exceptions=False
        )
        assert r.exit_code in (0, 1), r.stderr
        out = r.stdout.rstrip("\n")
        if "\n...\n" in shown:
            head, tail = shown.split("\n...\n", 1)
            assert out.startswith(head + "\n") and out.endswith("\n" + tail), command
        else:
            assert out == shown, command


def test_readme_error_example_is_one_real_run(monkeypatch) -> None:
    """The errors shown together come from one file: the spec shown, run as the README says."""
    monkeypatch.chdir(ROOT)
    section = README.split("## Errors and exit codes", 1)[1].split("\n## ", 1)[0]
    spec = re.search(r"```yaml\n(.*?)```", section, re.S).group(1)
    command = re.search(r"`(archcalc summary (\S+))` reports", section)
    shown = re.search(r"exits with code 3:\n\n```\n(.*?)```", section, re.S).group(1)
    assert (ROOT / command.group(2)).read_text(encoding="utf-8") == spec
    r = CliRunner().invoke(main, command.group(1).split()[1:])
    assert (r.exit_code, r.stdout, r.stderr) == (3, "", shown)
