"""The summary command through click's CliRunner: exit codes, streams, options."""

from __future__ import annotations

import json

import pytest

from archcalc.cli import main
from tests.conftest import KERAS, SPECS

BAD = (
    "inputs: {x: [5, 5, 3]}\nlayers:\n  - {name: conv2, type: Conv2D, filters: 8, kernel_size: 7}\n"
)


def invoke(runner, *args, env=None, input=None):
    return runner.invoke(
        main, list(args), env={"COLUMNS": "200", **(env or {})}, input=input, prog_name="archcalc"
    )


def test_summary_ok(runner) -> None:
    r = invoke(runner, "summary", str(SPECS / "seed_functional.yaml"))
    assert r.exit_code == 0
    expected = (KERAS / "seed_functional.keras-wide.txt").read_text()
    assert r.stdout.rstrip("\n") == expected.rstrip("\n")
    assert r.stderr == ""


def test_summary_json(runner) -> None:
    r = invoke(runner, "summary", "--format", "json", str(SPECS / "seed_functional.yaml"))
    assert r.exit_code == 0
    data = json.loads(r.stdout)
    assert data["total_params"] == 832 + 800 + 65_450 + 11
    assert [x["name"] for x in data["layers"]][:3] == ["input_data", "conv1", "conv2"]
    assert data["layers"][0]["output_shape"] == [None, 28, 28, 1]
    assert data["layers"][-3]["inputs"] == ["flat1", "flat2"]


def test_bad_spec_exit_3_no_traceback(runner, write) -> None:
    path = write(BAD)
    r = invoke(runner, "summary", path)
    assert r.exit_code == 3
    assert r.stdout == ""
    assert r.stderr.startswith(
        f"{path}:3:5: conv2: kernel_size 7 is larger than the input (5) on axis 1"
    )
    assert "Traceback" not in r.stderr


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["summary"], "Missing argument 'SPEC'"),
        (["summary", "x.yaml", "--format", "xml"], "Invalid value for '-f' / '--format'"),
        (["summary", "x.yaml", "--bogus"], "--bogus"),
        (["summary", "x.yaml", "--width", "5"], "Invalid value for '-w' / '--width'"),
        (["nosuchcommand"], "no command 'nosuchcommand'; commands: convert, diff, docs,"),
    ],
)
def test_usage_errors_exit_2(runner, args, fragment) -> None:
    r = invoke(runner, *args)
    assert r.exit_code == 2
    assert fragment in r.stderr


def test_width_too_narrow_for_columns_is_usage_error(runner) -> None:
    # 108-wide table with 4 columns: at width 20, int(0.3 * 20) = 6 but the next is int(0.56*20) - 6 = 5,
    # int(0.74*20) - 11 = 3 < 4, which Keras also refuses ("Insufficient console width").
    r = invoke(runner, "summary", str(SPECS / "seed_functional.yaml"), "--width", "20")
    assert r.exit_code == 2
    assert "narrower than 4" in r.stderr


def test_missing_file_and_directory(runner, tmp_path) -> None:
    r = invoke(runner, "summary", str(tmp_path / "nope.yaml"))
    assert (r.exit_code, r.stderr.strip()) == (3, f"{tmp_path / 'nope.yaml'}: no such file")
    r = invoke(runner, "summary", str(tmp_path))
    assert r.exit_code == 3
    assert "is a directory" in r.stderr


def test_stdin(runner) -> None:
    spec = "layers:\n  - {type: Dense, units: 8, input_shape: [2]}\n  - {type: Dense, units: 2}\n"
    r = invoke(runner, "summary", "-", input=spec)
    assert r.exit_code == 0
    assert r.stdout.startswith('Model: "sequential"')  # Keras's default name
    assert " Total params: 42 (168.00 B)" in r.stdout  # (2+1)*8 + (8+1)*2 = 42, 4 bytes each


def test_width_option_and_terminal_width(runner) -> None:
    spec = str(SPECS / "seed_sequential.yaml")
    wide = invoke(runner, "summary", spec).stdout.splitlines()
    assert {len(line) for line in wide[1:-3]} == {88}
    narrow = invoke(runner, "summary", spec, env={"COLUMNS": "80"}).stdout.splitlines()
    assert {len(line) for line in narrow[1:-3]} == {76}  # terminal width - 4, as Keras
    forced = invoke(runner, "summary", spec, "--width", "60").stdout.splitlines()
    assert {len(line) for line in forced[1:-3]} == {60}


def test_color(runner) -> None:
    spec = str(SPECS / "seed_sequential.yaml")
    plain = invoke(runner, "summary", spec).stdout
    assert "\x1b[" not in plain  # piped: no colour codes
    colored = invoke(runner, "summary", spec, "--color", "always").stdout
    assert "\x1b[" in colored
    assert (
        "\x1b["
        not in invoke(runner, "summary", spec, "--color", "auto", env={"NO_COLOR": "1"}).stdout
    )


def test_dead_layer_warning(runner, write) -> None:
    path = write(
        "inputs: {a: [4]}\nlayers:\n  - {name: d1, type: Dense, units: 3}\n"
        "  - {name: dead, type: Dense, units: 5, inputs: a}\n  - {name: out, type: Dense, units: 1, inputs: d1}\n"
        "outputs: [out]\n"
    )
    r = invoke(runner, "summary", path)
    assert r.exit_code == 0
    assert f"{path}:4:5: warning: dead: no model output depends on this layer" in r.stderr
    assert "dead (Dense)" not in r.stdout
    # Keras leaves it out of the totals too: (4+1)*3 + (3+1)*1 = 19
    assert " Total params: 19 " in r.stdout
    assert invoke(runner, "summary", path, "--quiet").stderr == ""


def test_version_and_module_entry(runner) -> None:
    import subprocess
    import sys

    from archcalc import __version__

    r = invoke(runner, "--version")
    assert r.exit_code == 0 and __version__ in r.stdout
    out = subprocess.run(
        [sys.executable, "-m", "archcalc", "--version"], capture_output=True, text=True
    )
    assert out.returncode == 0 and __version__ in out.stdout


def test_a_bug_outside_a_command_is_one_line_not_a_traceback(monkeypatch, capsys) -> None:
    import os

    import archcalc.cli as cli

    def broken() -> None:
        raise NameError("name 'x' is not defined")

    def exit_(code: int) -> None:
        raise SystemExit(code)

    monkeypatch.setattr(cli, "main", broken)
    monkeypatch.setattr(os, "_exit", exit_)
    with pytest.raises(SystemExit) as info:
        cli.run()
    assert info.value.code == 3
    err = capsys.readouterr().err
    assert err == (
        "archcalc: internal error (NameError: name 'x' is not defined); "
        "please report it with the input file\n"
    )
