"""``python -m archcalc``: the same entry point as the console script."""

from __future__ import annotations

from archcalc.cli import run

if __name__ == "__main__":
    run()
