"""One way in for every command: a path or stdin, read and parsed once, and one answer to
"YAML spec or Keras model?" (archcalc/reader/load.py)."""

from __future__ import annotations

import pytest

from archcalc.cli import main
from archcalc.reader import yamlnodes
from tests.conftest import KERAS, SPECS

CONFIG = KERAS / "seed_functional.keras.json"  # what Keras's model.to_json() wrote


def invoke(runner, *args, input=None):
    return runner.invoke(main, list(args), env={"COLUMNS": "200"}, input=input)


def test_keras_json_on_stdin_is_a_keras_model(runner) -> None:
    """``cat model.json | archcalc summary -`` prints Keras's table, as the file does."""
    text = CONFIG.read_text()
    from_stdin = invoke(runner, "summary", "-", input=text)
    from_file = invoke(runner, "summary", str(CONFIG))
    assert from_stdin.exit_code == 0, from_stdin.output
    assert from_stdin.stdout == from_file.stdout
    expected = (KERAS / "seed_functional.keras-wide.txt").read_text()
    assert from_stdin.stdout.rstrip("\n") == expected.rstrip("\n")


@pytest.mark.parametrize(
    "args",
    [("lint", "-"), ("convert", "-"), ("diff", str(SPECS / "seed_functional.yaml"), "-")],
)
def test_every_command_reads_keras_json_from_stdin(runner, args) -> None:
    r = invoke(runner, *args, input=CONFIG.read_text())
    assert r.exit_code == 0, r.output
    assert "class_name" not in r.stderr


def test_a_yaml_spec_on_stdin_still_reads(runner) -> None:
    r = invoke(runner, "summary", "-", input=(SPECS / "seed_functional.yaml").read_text())
    assert r.exit_code == 0
    assert r.stdout.startswith('Model: "seed_functional"')


def test_a_keras_json_file_is_parsed_once(runner, monkeypatch) -> None:
    calls = []
    real = yamlnodes._Builder.build

    def counting(self, text):
        calls.append(self.path)
        return real(self, text)

    monkeypatch.setattr(yamlnodes._Builder, "build", counting)
    assert invoke(runner, "summary", str(CONFIG)).exit_code == 0
    assert calls == [str(CONFIG)]
