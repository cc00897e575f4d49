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


def test_readme_costs_block_is_current(monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    block = re.search(r"```console\n\$ archcalc summary (.*?)\n(.*?)\n```", README, re.S)
    assert block is not None
    args, shown = block.group(1).split(), block.group(2)
    r = CliRunner().invoke(main, ["summary", *args], env={"COLUMNS": "200"}, catch_exceptions=False)
    assert r.exit_code == 0
    assert r.stdout.rstrip("\n") == shown
