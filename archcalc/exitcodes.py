"""Exit codes: the one place that defines what archcalc's status means.

The policy separates "the tool could not do its job" from "the check found
something", as black and ruff do:

- ``OK`` (0): success; for ``diff``, the models are the same; for ``lint``, no
  finding at or above ``--fail-on``.
- ``FINDINGS`` (1): the command worked and found something: lint findings,
  or differences for ``diff``.
- ``USAGE`` (2): bad command line (unknown option, missing argument); click
  uses 2 as well.
- ``INVALID_INPUT`` (3): an input could not be read, parsed or inferred; the
  diagnostics say where and why. The output that cannot be written (a full
  disk, ``/dev/full``, an I/O error) is the same kind of failure: exit 3.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    FINDINGS = 1
    USAGE = 2
    INVALID_INPUT = 3
