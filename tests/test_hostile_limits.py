"""Hostile inputs, round two: each class answered with its exit code and message, within
bounded time and memory, without leaking file contents or following links out of a tree.

Every case runs the real CLI in a subprocess under a resource limit (address space and
CPU time, set with ``resource.setrlimit`` before exec) and a wall-clock timeout, and
measures the child's peak memory (its own VmHWM). The bounds are generous (a loaded
2-core machine must not flake them): they catch a hang, a quadratic blow-up or a
gigabyte-sized allocation, not a slow day.
"""

from __future__ import annotations

import json
import os
import resource
import struct
import subprocess
import sys
import tempfile
import threading
import time
import warnings
import zipfile
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import pytest

from tests.conftest import ROOT

SEED = ROOT / "specs" / "seed_sequential.yaml"
SEED_KERAS = (ROOT / "tests/golden/keras/seed_sequential.keras.json").read_bytes()
GIB = 1024**3


@dataclass
class Run:
    code: int
    out: str
    err: str
    seconds: float
    peak_mib: float


#: the child runs archcalc through this, and reports its own peak memory (VmHWM) as it exits
#: (archcalc ends with os._exit, so the report is made there):
#: ``ru_maxrss`` from ``os.wait4`` would also count the pytest process it was forked from
#: (Linux keeps the pre-exec high-water mark), which grows as the suite runs
CHILD = """
import os, sys
_exit = os._exit
def _peak_exit(code):
    try:
        with open("/proc/self/status") as f:
            kib = next(int(line.split()[1]) for line in f if line.startswith("VmHWM:"))
        with open(os.environ["ARCHCALC_TEST_PEAK"], "w") as f:
            f.write(str(kib))
    except BaseException:
        pass
    _exit(code)
os._exit = _peak_exit
sys.argv = ["archcalc", *sys.argv[1:]]
from archcalc.cli import run
run()
"""


def run_limited(
    *args: str,
    stdin: str | None = None,
    memory: int = 2 * GIB,
    cpu_seconds: int = 120,
    timeout: float = 120,
    cwd: Path = ROOT,
    env: dict[str, str] | None = None,
) -> Run:
    """``archcalc ARGS`` in a child limited to ``memory`` bytes of address space and
    ``cpu_seconds``; killed after ``timeout`` s of wall time (a blocked read uses no CPU)."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))

    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.TemporaryDirectory() as scratch,
    ):
        peak_file = Path(scratch) / "peak"
        source = open(stdin, "rb") if stdin else subprocess.DEVNULL  # noqa: SIM115
        started = time.monotonic()
        proc = subprocess.Popen(
            [sys.executable, "-c", CHILD, *args],
            stdin=source,
            stdout=out,
            stderr=err,
            cwd=cwd,
            env={
                **os.environ,
                "COLUMNS": "120",
                "ARCHCALC_TEST_PEAK": str(peak_file),
                **(env or {}),
            },
            preexec_fn=limit,
        )
        killer = threading.Timer(timeout, proc.kill)
        killer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            killer.cancel()
            if source is not subprocess.DEVNULL:
                source.close()
        seconds = time.monotonic() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        result = Run(
            proc.returncode,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
            seconds,
            # its own high-water mark; when it ended without one (os._exit after a
            # MemoryError, a kill), what wait4 saw
            int(peak_file.read_text()) / 1024 if peak_file.exists() else usage.ru_maxrss / 1024,
        )
    assert result.code >= 0, f"killed by signal {-result.code}: {result.err[-500:]}"
    assert "Traceback" not in result.err, result.err
    return result


# -- security: no secret leaks, no special files, links stay in the tree ---------------------

SECRET = "-----BEGIN TEST PRIVATE KEY-----\n" + "\n".join(["c2VjcmV0LXNlY3JldC1zZWNyZXQ" * 2] * 30)


def test_symlink_out_of_the_tree_is_skipped_never_read(tmp_path: Path) -> None:
    (tmp_path / "secret").mkdir()
    key = tmp_path / "secret" / "id_test"
    key.write_text(SECRET)
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "model.yaml").symlink_to(key)
    (repo / "ok.yaml").write_text(SEED.read_text())
    r = run_limited("lint", "--format", "github", "repo", cwd=tmp_path)
    assert r.code == 0, r.err
    assert r.out == (
        "::warning file=repo/model.yaml,title=archcalc (symlink-skipped)::not linted: a symbolic "
        "link to a file outside 'repo'%3B archcalc does not follow links out of the tree it walks "
        "(name the file itself to lint it)\n".replace("%3B", ";")
    )
    assert "c2Vj" not in r.out + r.err
    assert r.seconds < 30 and r.peak_mib < 300


def test_a_named_secret_is_quoted_as_a_short_excerpt(tmp_path: Path) -> None:
    key = tmp_path / "id_test"
    key.write_text(SECRET)
    r = run_limited("lint", "--format", "github", str(key))
    assert r.code == 1
    assert "the document is the string '-----BEGIN TEST PRIVATE KEY----- c2Vj" in r.out
    assert f"…' ({len(SECRET):,} characters)" in r.out
    assert r.out.count("c2VjcmV0") <= 2  # 80 characters of the value, never the key
    assert r.seconds < 30 and r.peak_mib < 300


@pytest.mark.parametrize("command", [["summary"], ["lint"], ["diff", str(SEED)]])
def test_fifo_is_an_io_error_not_a_hang(tmp_path: Path, command: list[str]) -> None:
    fifo = tmp_path / "model.yaml"
    os.mkfifo(fifo)
    r = run_limited(*command, str(fifo), timeout=60)
    assert "is a named pipe (FIFO), not a regular file; archcalc reads only files" in r.out + r.err
    assert r.code == (1 if command == ["lint"] else 3)
    assert r.seconds < 30 and r.peak_mib < 300


def test_lint_of_a_folder_with_a_fifo_reports_it_and_the_other_files(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.yaml")
    (tmp_path / "bad.yaml").write_text("inputs: {x: [4]}\nlayers:\n  - {type: Dense}\n")
    r = run_limited("lint", "--format", "json", str(tmp_path), timeout=60)
    assert r.code == 1
    found = {(Path(f["path"]).name, f["rule"]) for f in json.loads(r.out)["findings"]}
    assert found == {("pipe.yaml", "io-error"), ("bad.yaml", "invalid-argument")}
    assert r.seconds < 30 and r.peak_mib < 300


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_keras_file_linked_to_dev_zero(tmp_path: Path) -> None:
    (tmp_path / "model.keras").symlink_to("/dev/zero")
    r = run_limited("summary", str(tmp_path / "model.keras"), memory=GIB)
    assert (r.code, r.err.strip()) == (
        3,
        f"{tmp_path / 'model.keras'}: is a character device, not a regular file; "
        "archcalc reads only files",
    )
    assert r.seconds < 30 and r.peak_mib < 300


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
@pytest.mark.parametrize("command", ["summary", "lint"])
def test_stdin_from_dev_zero_stops_at_the_size_limit(command: str) -> None:
    r = run_limited(command, "-", stdin="/dev/zero", memory=GIB)
    assert "larger than 33,554,432 bytes; raise ARCHCALC_MAX_FILE_BYTES" in r.out + r.err
    assert r.code == (1 if command == "lint" else 3)
    assert r.seconds < 30 and r.peak_mib < 400


def test_lint_stdin_that_is_not_utf8(tmp_path: Path) -> None:
    data = tmp_path / "latin1.yaml"
    data.write_bytes(b"inputs: {x: [4]}\nlayers:\n  - {name: caf\xe9, type: Dense, units: 2}\n")
    r = run_limited("lint", "-", stdin=str(data))
    assert r.code == 1
    assert "<stdin>:3:15: error encoding the file is not UTF-8 (byte 0xe9 here)" in r.out
    assert r.seconds < 30 and r.peak_mib < 300


def _archive(path: Path, entries: list[tuple[str, bytes]]) -> Path:
    with warnings.catch_warnings(), zipfile.ZipFile(path, "w") as zf:
        warnings.simplefilter("ignore")  # "Duplicate name": the point of one test
        for name, data in entries:
            zf.writestr(name, data)
    return path


def test_archive_with_two_config_entries_is_refused(tmp_path: Path) -> None:
    path = _archive(
        tmp_path / "twice.keras",
        [("config.json", SEED_KERAS), ("config.json", b'{"class_name": "Sequential"}')],
    )
    r = run_limited("summary", str(path))
    assert r.code == 3
    assert "the archive holds two entries named 'config.json'" in r.err
    assert "refuses an ambiguous archive" in r.err


def test_archive_entry_count_is_refused_before_the_directory_is_read(tmp_path: Path) -> None:
    path = _archive(tmp_path / "many.keras", [("config.json", SEED_KERAS)])
    data = bytearray(path.read_bytes())
    end = data.rfind(b"PK\x05\x06")
    data[end + 8 : end + 12] = struct.pack("<HH", 60000, 60000)  # what the record declares
    path.write_bytes(bytes(data))
    r = run_limited("summary", str(path))
    assert (r.code, r.err.strip()) == (
        3,
        f"{path}: the archive declares 60,000 entries, more than a Keras model has "
        "(10,000 at most); refusing it",
    )
    assert r.seconds < 30 and r.peak_mib < 300


def test_archive_with_a_count_forged_low_is_refused_by_its_directory_size(tmp_path: Path) -> None:
    names = [(f"{'w' * 1000}{i}", b"") for i in range(11_000)]  # 11 MB of directory
    path = _archive(tmp_path / "low.keras", [("config.json", SEED_KERAS), *names])
    data = bytearray(path.read_bytes())
    end = data.rfind(b"PK\x05\x06")
    data[end + 8 : end + 12] = struct.pack("<HH", 1, 1)  # "one entry"
    path.write_bytes(bytes(data))
    r = run_limited("summary", str(path))
    assert r.code == 3
    assert "the archive's central directory is 11," in r.err
    assert "more than a Keras model's (10,240,000 at most); refusing it" in r.err
    assert r.seconds < 30 and r.peak_mib < 300


# -- globs, config files and directives ------------------------------------------------------


def test_backtracking_glob_is_linear(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        "[tool.archcalc.lint]\nexclude = ['*a*a*a*a*a*a*a*a*b', '[[:alpha:]]*x']\n"
    )
    (tmp_path / ("a" * 200 + ".yaml")).write_text(SEED.read_text())
    r = run_limited("lint", ".", cwd=tmp_path, env={"PYTHONWARNINGS": "error"})
    assert (r.code, r.out, r.err) == (0, "All checks passed (1 file).\n", "")
    assert r.seconds < 30


def test_backwards_glob_range_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / ".archcalc.yaml").write_text("exclude:\n  - '[z-a].yaml'\n")
    (tmp_path / "m.yaml").write_text(SEED.read_text())
    r = run_limited("lint", ".", cwd=tmp_path)
    assert (r.code, r.err) == (
        2,
        f"{tmp_path}/.archcalc.yaml:2:5: exclude: the range 'z-a' in '[z-a].yaml' is backwards; "
        "write 'a-z'\n",
    )


def test_pyproject_with_200k_keys_reads_in_linear_time(tmp_path: Path) -> None:
    keys = "".join(f"k{i} = {i}\n" for i in range(200_000))
    (tmp_path / "pyproject.toml").write_text(f"[tool.other]\n{keys}[tool.archcalc.lint]\n")
    (tmp_path / "m.yaml").write_text(SEED.read_text())
    r = run_limited("lint", "m.yaml", cwd=tmp_path)
    assert (r.code, r.out) == (0, "All checks passed (1 file).\n")
    assert r.seconds < 60 and r.peak_mib < 600


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("x = " + "[" * 5000 + "]" * 5000, "arrays and inline tables nest deeper than 100 levels"),
        ("x = " + "9" * 5001, "an integer of 5,001 digits is longer than archcalc reads"),
    ],
    ids=["deep", "digits"],
)
def test_pyproject_too_deep_or_too_long_is_a_config_error(
    tmp_path: Path, toml: str, message: str
) -> None:
    (tmp_path / "pyproject.toml").write_text(f"[tool.archcalc.lint]\n{toml}\n")
    (tmp_path / "m.yaml").write_text(SEED.read_text())
    r = run_limited("lint", "m.yaml", cwd=tmp_path)
    assert r.code == 2
    assert r.err.startswith(f"{tmp_path / 'pyproject.toml'}:2:1: invalid TOML: {message}")
    assert r.seconds < 30 and r.peak_mib < 300


@pytest.mark.parametrize(
    ("directive", "message"),
    [
        ("max_params=" + "9" * 5001, "max_params: an integer of 5,001 digits is longer"),
        ("dead-layer=" + "[" * 3000, "dead-layer: level must be one of"),
    ],
    ids=["digits", "brackets"],
)
def test_lint_directive_values_get_their_own_message(
    tmp_path: Path, directive: str, message: str
) -> None:
    spec = tmp_path / "m.yaml"
    spec.write_text(f"# archcalc: lint {directive}\n" + SEED.read_text())
    r = run_limited("lint", "--isolated", str(spec))
    assert r.code == 1
    assert f"{spec}:1:18: error bad-directive {message}" in r.out
    assert r.seconds < 30 and r.peak_mib < 300


# -- limits before the work, memory proportional to the model --------------------------------


def test_json_node_limit_holds_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "nodes.json"
    path.write_text(
        '{"class_name": "Sequential", "config": {"layers": [' + "0," * 8_000_000 + "0]}}"
    )
    r = run_limited("summary", str(path), memory=GIB)
    assert (r.code, r.err.strip()) == (
        3,
        f"{path}:1:1: the JSON holds more than 5,000,000 values and keys; "
        "raise ARCHCALC_MAX_YAML_NODES if it is legitimate",
    )
    assert r.seconds < 30 and r.peak_mib < 300


def test_wide_concatenate_memory_is_proportional(tmp_path: Path) -> None:
    n = 200_000  # references; ~1 KiB each is the aim, beyond the interpreter
    path = tmp_path / "wide.yaml"
    path.write_text(
        "inputs: {x: [1]}\nlayers:\n  - {type: Concatenate, inputs: [" + "x, " * n + "x]}\n"
    )
    r = run_limited("summary", "--format", "json", str(path))
    assert r.code == 0, r.err
    assert json.loads(r.out)["layers"][1]["output_shape"] == [None, n + 1]
    assert r.peak_mib < 60 + n * 1.5 / 1024


def test_out_of_memory_is_one_line_and_exit_3(tmp_path: Path) -> None:
    path = tmp_path / "inputs.yaml"
    n = 100_000
    path.write_text(
        "inputs:\n"
        + "".join(f"  i{i}: [1]\n" for i in range(n))
        + "layers:\n  - {type: Concatenate, inputs: ["
        + ", ".join(f"i{i}" for i in range(n))
        + "]}\n"
    )
    r = run_limited("summary", str(path), memory=150 * 1024**2)  # it needs about 215 MiB
    assert (r.code, r.out, r.err) == (3, "", "archcalc: out of memory while processing the input\n")


# -- exact arithmetic -------------------------------------------------------------------------


def test_a_parameter_count_of_10_to_the_400_is_exact(tmp_path: Path) -> None:
    n = 10**200
    path = tmp_path / "huge.yaml"
    path.write_text(
        f"inputs: {{x: [{n}]}}\nlayers:\n  - {{type: Dense, units: {n}, dtype: int4}}\n"
    )
    r = run_limited("summary", "--format", "json", "--costs", str(path))
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert data["layers"][1]["params"] == n * n + n
    assert data["param_bytes"]["total"] == (n * n + n) // 2  # int4: half a byte, exactly
    table = run_limited("summary", "--costs", str(path))
    assert table.code == 0
    # Keras's readable_memory_size divides once more past its last unit (1024**6 "PB"),
    # and archcalc prints what Keras prints; exactly, rounded half to even
    hundredths = round(Fraction(n * n + n, 2) * 100 / 1024**6)
    pb = f"{hundredths // 100}.{hundredths % 100:02d} PB"
    assert f" Total params: {n * n + n:,} ({pb})" in table.out
    assert " T)" in table.out and "e+" not in table.out


def test_a_count_past_4300_digits_is_written_in_full_in_json(tmp_path: Path) -> None:
    d = 10**2999
    path = tmp_path / "flat.yaml"
    path.write_text(f"inputs: {{x: [{d}, {d}]}}\nlayers:\n  - {{type: Flatten}}\n")
    r = run_limited("summary", "--format", "json", str(path))
    assert r.code == 0, r.err
    assert f'"output_shape": [null, 1{"0" * 5998}]' in r.out
    table = run_limited("summary", str(path))
    assert table.code == 0
    assert "(None, 100000000000…" in table.out  # shortened honestly (then wrapped)
    assert "5,999" in table.out and "digits))" in table.out


# -- outputs ----------------------------------------------------------------------------------


def test_utf16_file_from_powershell_is_read(tmp_path: Path) -> None:
    path = tmp_path / "model.yaml"
    path.write_bytes(SEED.read_text().encode("utf-16"))  # with its byte-order mark
    r = run_limited("summary", "--format", "json", str(path))
    assert r.code == 0, r.err
    assert json.loads(r.out)["total_params"] == (2 + 1) * 8 + (8 + 1) * 2


def test_sarif_uris_are_percent_encoded(tmp_path: Path) -> None:
    path = tmp_path / "a #1 100%.yaml"
    path.write_text("inputs: {x: [4]}\nlayers:\n  - {type: Dense}\n")
    r = run_limited("lint", "--format", "sarif", path.name, cwd=tmp_path)
    assert r.code == 1
    [result] = json.loads(r.out)["runs"][0]["results"]
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "a%20%231%20100%25.yaml"


def test_convert_round_trips_yaml_line_break_characters(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(
        'inputs: {x: [4]}\nlayers:\n  - {name: "a\\Nb\\Lc\\Pd", type: Dense, units: 2}\n'
    )
    r = run_limited("convert", str(path))
    assert r.code == 0
    assert '{name: "a\\u0085b\\u2028c\\u2029d", type: Dense, units: 2}' in r.out
    (tmp_path / "back.yaml").write_text(r.out)
    again = run_limited("summary", "--format", "json", str(tmp_path / "back.yaml"))
    assert json.loads(again.out)["layers"][1]["name"] == "a\x85b\u2028c\u2029d"


def test_keras_json_with_a_long_key_loads(tmp_path: Path) -> None:
    data = json.loads(SEED_KERAS)
    data["config"]["k" * 1100] = 1  # YAML's 1,024-character limit on implicit keys
    path = tmp_path / "model.json"
    path.write_text(json.dumps(data))
    r = run_limited("summary", "--format", "json", str(path))
    assert r.code == 0, r.err


def test_diff_of_a_missing_file_with_spaces_in_a_revision() -> None:
    r = run_limited("diff", "--", "HEAD:no such.yaml", str(SEED))
    assert r.code == 3
    assert r.err.startswith(
        "HEAD:no such.yaml: cannot load the OLD model: there is no file 'no such.yaml' in revision HEAD"
    )
