#!/usr/bin/env python
"""Run archcalc's exported Keras modules in real Keras and keep what model.summary() prints.

Usage (in the scratch Keras venv, one model per fresh process, as the other generators):
    KERAS_BACKEND=torch COLUMNS=200 python export_summaries.py OUT_DIR module.py [module.py ...]

For each module (written by `archcalc export SPEC --to keras -o NAME.py`), a fresh
process imports it, calls build_model() and captures model.summary() through
print_fn (text + "\n" per call, as models.py does), into OUT_DIR/NAME.summary.txt.
A module that fails to import or build writes OUT_DIR/NAME.error.txt instead.
Nothing here is imported by archcalc or the tests.
"""
import os
import subprocess
import sys

CHILD = r"""
import importlib.util, sys
path, out = sys.argv[1], sys.argv[2]
spec = importlib.util.spec_from_file_location("exported", path)
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
model = module.build_model()
chunks = []
model.summary(print_fn=lambda s, *a, **k: chunks.append(s))
with open(out, "w", encoding="utf-8") as f:
    f.write("".join(c + "\n" for c in chunks))
"""


def main(argv):
    out_dir, modules = argv[0], argv[1:]
    os.makedirs(out_dir, exist_ok=True)
    env = {**os.environ, "KERAS_BACKEND": "torch", "COLUMNS": "200"}
    failed = 0
    for path in modules:
        name = os.path.splitext(os.path.basename(path))[0]
        target = os.path.join(out_dir, name + ".summary.txt")
        proc = subprocess.run(
            [sys.executable, "-c", CHILD, path, target],
            env=env,
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
        )
        if proc.returncode:
            failed += 1
            with open(os.path.join(out_dir, name + ".error.txt"), "w", encoding="utf-8") as f:
                f.write(proc.stdout + proc.stderr)
        print(f"{name:28s} rc={proc.returncode}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
