"""Output that cannot be written (a full disk, /dev/full, an I/O error) is exit 3, one line.

It is not an internal error ("please report it"): nothing is wrong with archcalc
or the input. Run as the console script runs, in a subprocess, for every
command and for click's own help and version text.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

COMMANDS = [
    ["summary", "specs/seed_conv.yaml"],
    ["summary", "specs/seed_conv.yaml", "-f", "json"],
    ["diff", "specs/seed_conv.yaml", "specs/examples/seed_conv_wide.yaml"],
    ["lint", "specs/seed_conv.yaml"],
    ["lint", "--list-rules"],
    ["layers"],
    ["schema"],
    ["docs", "lint"],
    ["convert", "specs/seed_conv.yaml"],
    ["plot", "specs/seed_conv.yaml"],
    ["--help"],
    ["summary", "--help"],
    ["--version"],
]

# stdout replaced by a stream whose every write fails with the given errno
FAILING_STDOUT = """
import io, os, sys
class Failing(io.RawIOBase):
    def writable(self): return True
    def write(self, b): raise OSError({code}, os.strerror({code}))
sys.stdout = io.TextIOWrapper(io.BufferedWriter(Failing()), encoding="utf-8")
sys.argv = ["archcalc", *sys.argv[1:]]
from archcalc.cli import run
run()
"""


def _check(r: subprocess.CompletedProcess[str], command: list[str], reason: str) -> None:
    prog = (
        f"archcalc {command[0]}"
        if command[0] in ("convert", "plot", "diff", "report")
        else "archcalc"
    )
    assert r.returncode == 3, r.stderr
    assert r.stderr == f"{prog}: cannot write stdout: {reason}\n"


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_dev_full(command: list[str]) -> None:
    with open("/dev/full", "w") as full:
        r = subprocess.run(
            [sys.executable, "-m", "archcalc", *command],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            timeout=60,
        )
    _check(r, command, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("code", [errno.EIO, errno.ENOSPC, errno.EFBIG])
@pytest.mark.parametrize("command", [COMMANDS[0], COMMANDS[3], COMMANDS[9]], ids=" ".join)
def test_other_write_errors(command: list[str], code: int) -> None:
    r = subprocess.run(
        [sys.executable, "-c", FAILING_STDOUT.format(code=code), *command],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    _check(r, command, os.strerror(code))
