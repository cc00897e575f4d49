"""Untrusted input: a clear answer every time, nothing executed, nothing hung.

Every file in tests/hostile/ goes through every command that reads models,
in a subprocess with a timeout: exit code 3, a ``file:...`` diagnostic on
stderr, no traceback. Archives and oversized files are generated here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

import archcalc
from archcalc.render.json import render_json
from tests.conftest import ROOT

HOSTILE = Path(__file__).resolve().parent / "hostile"
FILES = sorted(p.name for p in HOSTILE.iterdir() if p.name != "README.md")
#: every command that reads a model file: argv before the path
COMMANDS = {
    "summary": ["summary"],
    "summary-json": ["summary", "--format", "json"],
    "convert": ["convert"],
    "plot-dot": ["plot", "--format", "dot"],
    "plot-mermaid": ["plot", "--format", "mermaid"],
    "diff": ["diff", str(ROOT / "specs" / "seed_sequential.yaml")],
    "report": ["report"],
}


def run(
    *args: str, env: dict[str, str] | None = None, timeout: float = 30
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "archcalc", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        env={**os.environ, "COLUMNS": "120", **(env or {})},
    )


#: files convert turns into a spec with a shape to fill in (what summary refuses): a Lambda
#: whose output shape the file does not record
CONVERT_ASKS = {"lambda.json"}


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("name", FILES)
def test_hostile_file(name: str, command: str) -> None:
    path = str(HOSTILE / name)
    started = time.monotonic()
    r = run(*COMMANDS[command], path)
    assert time.monotonic() - started < 20
    if command == "convert" and name in CONVERT_ASKS:
        assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
        assert "custom: {output_shape: FILL_IN, params: 0}" in r.stdout
        assert "4wEAAAAA" not in r.stdout  # the marshalled code is not carried over
        return
    assert r.returncode == 3, r.stdout + r.stderr
    assert "Traceback" not in r.stderr
    assert r.stderr.startswith(path), r.stderr
    assert r.stdout == ""


def test_no_code_runs_from_python_tags() -> None:
    marker = Path(
        "/tmp/archcalc-pwned"
    )  # what python_apply.yaml would create under yaml.unsafe_load
    marker.unlink(missing_ok=True)
    for name in ("python_apply.yaml", "python_name.yaml", "python_module.yaml"):
        with pytest.raises(archcalc.ArchcalcError, match="is not allowed: archcalc reads plain"):
            archcalc.load(str(HOSTILE / name))
    assert not marker.exists()


def test_lambda_is_never_deserialised() -> None:
    with pytest.raises(archcalc.ArchcalcError) as info:
        archcalc.load(str(HOSTILE / "lambda.json"))
    [d] = info.value.diagnostics
    assert (
        "Lambda layer: it holds Python code, which archcalc never runs or deserialises" in d.message
    )
    assert (d.line, d.column) > (0, 0)


def _archive(path: Path, entries: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> str:
    with zipfile.ZipFile(path, "w", compression) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return str(path)


SEED_CONFIG = (ROOT / "tests/golden/keras/seed_sequential.keras.json").read_bytes()


def test_keras_archive_with_parent_paths_is_refused(tmp_path: Path) -> None:
    path = _archive(tmp_path / "slip.keras", {"config.json": SEED_CONFIG, "../../evil.txt": b"x"})
    r = run("summary", path)
    assert r.returncode == 3
    assert "the archive entry '../../evil.txt' points outside the archive; refusing it" in r.stderr
    assert not (tmp_path.parent.parent / "evil.txt").exists()


def test_keras_zip_bomb_is_refused_quickly(tmp_path: Path) -> None:
    # 40 MiB of spaces compresses to ~40 KiB; config.json must stay under 32 MiB.
    path = _archive(tmp_path / "bomb.keras", {"config.json": b" " * (40 * 1024 * 1024)})
    assert os.path.getsize(path) < 200_000
    started = time.monotonic()
    r = run("summary", path)
    assert time.monotonic() - started < 10
    assert r.returncode == 3
    assert "config.json would unpack to 41,943,040 bytes, more than the limit" in r.stderr


def test_keras_archive_without_config(tmp_path: Path) -> None:
    path = _archive(tmp_path / "empty.keras", {"metadata.json": b"{}"})
    r = run("summary", path)
    assert (r.returncode, r.stderr.strip()) == (
        3,
        f"{path}: the archive has no config.json, so it is not a Keras 3 .keras file",
    )


def test_keras_archive_with_bad_json(tmp_path: Path) -> None:
    path = _archive(
        tmp_path / "bad.keras", {"config.json": b'{"class_name": "Sequential", "config": {'}
    )
    r = run("summary", path)
    assert r.returncode == 3
    assert r.stderr.startswith(f"{path}[config.json]:")


def test_large_file_is_refused_and_limit_adjustable(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"# padding\n" * (33 * 1024 * 1024 // 10 + 1))
    r = run("summary", str(big))
    assert r.returncode == 3
    assert "larger than 33,554,432 bytes; raise ARCHCALC_MAX_FILE_BYTES" in r.stderr
    spec = ROOT / "specs" / "seed_sequential.yaml"
    r = run("summary", str(spec), env={"ARCHCALC_MAX_FILE_BYTES": "100"})
    assert r.returncode == 3 and "larger than 100 bytes" in r.stderr
    r = run("summary", str(spec), env={"ARCHCALC_MAX_FILE_BYTES": "100000"})
    assert r.returncode == 0


def test_alias_limit_is_adjustable() -> None:
    path = str(HOSTILE / "billion_laughs.yaml")
    r = run("summary", path, env={"ARCHCALC_MAX_YAML_NODES": "50"})
    assert r.returncode == 3 and "more than 50 YAML nodes" in r.stderr


def test_huge_dimensions_are_exact() -> None:
    n = 10**20
    spec = f"inputs: {{x: [{n}]}}\nlayers:\n  - {{type: Dense, units: {n}}}\n"
    result = archcalc.infer(archcalc.load_text(spec))
    assert result.total_params == n * n + n  # kernel (n, n) + bias (n,)
    text = render_json(result)
    assert f'"total_params": {n * n + n},' in text
    assert "e+" not in text and "E+" not in text
    assert json.loads(text)["layers"][1]["output_shape"] == [None, n]
    assert f"{n * n + n:,}" in archcalc.render_summary(result)


def test_long_chain_has_no_recursion_limit() -> None:
    layers = "\n".join("  - {type: Dense, units: 4}" for _ in range(5000))
    result = archcalc.infer(archcalc.load_text(f"inputs: {{x: [4]}}\nlayers:\n{layers}\n"))
    assert len(result.layers) == 5001
    assert result.total_params == 5000 * (4 * 4 + 4)
    assert result.layers[-1].name == "dense_4999"


def test_wide_dag() -> None:
    branches = "\n".join(
        f"  - {{name: b{i}, type: Dense, units: 2, inputs: x}}" for i in range(3000)
    )
    refs = ", ".join(f"b{i}" for i in range(3000))
    spec = f"inputs: {{x: [4]}}\nlayers:\n{branches}\n  - {{name: cat, type: Concatenate, inputs: [{refs}]}}\n"
    result = archcalc.infer(archcalc.load_text(spec))
    assert result.layer("cat").output_shapes == ((None, 3000 * 2),)
    assert result.total_params == 3000 * (4 * 2 + 2)


def test_lint_reports_every_hostile_file() -> None:
    """lint turns each unreadable file into an error finding (exit 1) and goes on to the next."""
    r = run("lint", "--format", "json", str(HOSTILE))
    assert r.returncode == 1, r.stderr
    assert "Traceback" not in r.stderr
    data = json.loads(r.stdout)
    findings = data["findings"] if isinstance(data, dict) else data
    reported = {Path(f["path"]).name for f in findings if f["level"] == "error"}
    # A directory walk skips JSON that looks like neither a model nor a spec (package.json...);
    # named explicitly, such a file is linted like any other.
    assert reported == set(FILES) - {"json_array.json"}
    r = run("lint", str(HOSTILE / "json_array.json"))
    assert r.returncode == 1 and "invalid-spec" in r.stdout
