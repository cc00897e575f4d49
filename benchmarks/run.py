#!/usr/bin/env python3
"""archcalc's speed and memory targets, measured on whole processes.

Usage::

    python benchmarks/run.py                       # everything that can run here
    python benchmarks/run.py --repeat 7 --quick    # skip the 100,000-layer spec
    python benchmarks/run.py --keras-python /path/to/venv/bin/python   # also time Keras

Each case runs ``--repeat`` times in a fresh process; the median wall time and
the largest peak RSS (``os.wait4``'s ``ru_maxrss``) are reported, with the
target next to it. Generated specs go to a temporary directory. Nothing here
is imported by the package or the tests.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESNET = ROOT / "specs" / "zoo" / "resnet50.yaml"
GPT = ROOT / "specs" / "zoo" / "gpt_decoder.yaml"
KERAS_SCRIPT = (
    "import keras\n"
    "m = keras.applications.ResNet50(weights=None)\n"
    "m.summary(print_fn=lambda s, **k: None)\n"
)


@dataclass
class Measure:
    name: str
    seconds: float
    rss_mib: float
    target: str = ""

    def row(self) -> str:
        return f"| {self.name} | {self.seconds:.3f} | {self.rss_mib:.1f} | {self.target} |"


#: a directory outside the checkout, so ``python -m archcalc`` runs the archcalc installed in
#: this Python (a checkout in the working directory would shadow it)
WORKDIR = tempfile.gettempdir()


def child_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a measured process: bytecode is cached as on a user's machine (an
    environment that sets PYTHONDONTWRITEBYTECODE would time the compiler, not archcalc)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, **(extra or {})}


def run_once(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one process, output discarded."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env or child_env(),
        cwd=WORKDIR,
    )
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    err = proc.stderr.read().decode() if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed:\n{err}")
    return elapsed, usage.ru_maxrss / 1024


def measure(
    name: str, argv: list[str], repeat: int, target: str = "", env: dict[str, str] | None = None
) -> Measure:
    run_once(argv, env)  # warm-up: bytecode written, files in the page cache
    runs = [run_once(argv, env) for _ in range(repeat)]
    return Measure(name, statistics.median(t for t, _ in runs), max(m for _, m in runs), target)


def chain_spec(path: Path, layers: int) -> Path:
    lines = ["name: chain", "inputs: {x: [16]}", "layers:"]
    lines += ["  - {type: Dense, units: 16}"] * layers
    path.write_text("\n".join(lines) + "\n")
    return path


def llama_70b(path: Path) -> Path:
    """A keras_hub preset config with Llama 3 70B's published shapes (80 decoder layers)."""
    config = {
        "vocabulary_size": 128256, "num_layers": 80, "num_query_heads": 64, "hidden_dim": 8192,
        "intermediate_dim": 28672, "num_key_value_heads": 8, "rope_max_wavelength": 500000.0,
        "layer_norm_epsilon": 1e-05, "dropout": 0,
    }  # fmt: skip
    doc = {
        "module": "keras_hub.src.models.llama3.llama3_backbone",
        "class_name": "Llama3Backbone",
        "config": config,
        "registered_name": "keras_hub>Llama3Backbone",
    }
    path.write_text(json.dumps(doc))
    return path


def lint_dir(path: Path, count: int) -> Path:
    path.mkdir(exist_ok=True)
    base = (ROOT / "specs" / "seed_functional.yaml").read_text()
    for i in range(count):
        (path / f"model_{i:04d}.yaml").write_text(base.replace("seed_functional", f"model_{i}"))
    return path


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="skip the 100,000-layer spec")
    parser.add_argument(
        "--keras-python", default=None, help="a Python with Keras (torch backend) to time Keras too"
    )
    args = parser.parse_args()

    py = sys.executable
    archcalc = [py, "-m", "archcalc"]
    env = child_env({"COLUMNS": "200"})
    where = subprocess.run(
        [py, "-c", "import archcalc; print(archcalc.__file__)"],
        capture_output=True,
        text=True,
        cwd=WORKDIR,
    ).stdout.strip()
    print(f"archcalc measured: {where}\n")
    results: list[Measure] = []
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        base = measure(
            "python -c 'import yaml, click'", [py, "-c", "import yaml, click"], args.repeat
        )
        results.append(base)
        version = measure(
            "archcalc --version",
            [*archcalc, "--version"],
            args.repeat,
            f"<= {1.5 * base.seconds:.3f} s (1.5x)",
        )
        results.append(version)
        small = measure(  # issue 14's aim: a small spec's JSON within 1.5x of the bare imports
            "summary 2-layer spec (json)",
            [*archcalc, "summary", "-f", "json", str(chain_spec(tmpdir / "two.yaml", 2))],
            args.repeat,
            f"<= {1.5 * base.seconds:.3f} s (1.5x)",
            env,
        )
        results.append(small)
        side_by_side = [small]
        if RESNET.exists():
            for fmt in ("table", "json"):
                m = measure(
                    f"summary ResNet50 spec ({fmt})",
                    [*archcalc, "summary", "-f", fmt, str(RESNET)],
                    args.repeat,
                    "<= 0.25 s, <= 50 MiB"
                    + (f"; <= {2 * base.seconds:.3f} s (2x)" if fmt == "json" else ""),
                    env,
                )
                results.append(m)
                if fmt == "json":
                    side_by_side.append(m)
        big = llama_70b(tmpdir / "llama3_70b.json")
        for name, extra in (
            ("summary 70B-class keras_hub config (80 decoder layers)", []),
            ("summary 70B-class config, --seq-len 8192 --costs", ["--seq-len", "8192", "--costs"]),
        ):
            results.append(
                measure(
                    name, [*archcalc, "summary", str(big), *extra], args.repeat, "<= 0.3 s", env
                )
            )
        fit = ["--memory", "80GiB", "--seq-len", "8192", "--dtype", "bfloat16", "--lora-rank", "16"]
        results.append(
            measure(
                "fit 70B-class config, LoRA at 8192 tokens (with the largest batch and length)",
                [*archcalc, "fit", str(big), *fit],
                args.repeat,
                "",
                env,
            )
        )
        per_layer = []
        one = measure(
            "summary 1-layer spec (fixed cost)",
            [*archcalc, "summary", str(chain_spec(tmpdir / "one.yaml", 1))],
            args.repeat,
            "",
            env,
        )
        results.append(one)
        sizes = [1_000, 10_000] + ([] if args.quick else [100_000])
        for n in sizes:
            spec = chain_spec(tmpdir / f"chain_{n}.yaml", n)
            m = measure(
                f"summary {n:,}-layer chain",
                [*archcalc, "summary", str(spec)],
                max(1, args.repeat // (2 if n >= 100_000 else 1)),
                "<= 3 s, <= 250 MiB" if n == 100_000 else "",
                env,
            )
            results.append(m)
            per_layer.append((n, (m.seconds - one.seconds) / (n - 1) * 1e6))
        blocks = []
        if GPT.exists():  # a design with `repeat`: cost grows with distinct structure
            for n in (10, 1000):
                m = measure(
                    f"summary {n:,}-block GPT spec (json)",
                    [*archcalc, "summary", "-f", "json", "--set", f"num_layers={n}", str(GPT)],
                    args.repeat,
                    "" if n == 10 else "about the 10-block time",
                    env,
                )
                results.append(m)
                blocks.append(m)
        has_lint = (
            subprocess.run(
                [*archcalc, "lint", "--help"], capture_output=True, cwd=WORKDIR
            ).returncode
            == 0
        )
        if has_lint:
            specs = lint_dir(tmpdir / "many", 500)
            results.append(
                measure(
                    "lint 500 specs",
                    [*archcalc, "lint", str(specs)],
                    max(1, args.repeat // 2),
                    "<= 10 s",
                    env,
                )
            )
        keras = None
        if args.keras_python:
            kenv = child_env({"KERAS_BACKEND": "torch", "COLUMNS": "200"})
            keras = measure(
                "Keras 3: import + ResNet50 + summary",
                [args.keras_python, "-c", KERAS_SCRIPT],
                args.repeat,
                "",
                kenv,
            )
            results.append(keras)

    print("| case | median wall (s) | peak RSS (MiB) | target |")
    print("| --- | --- | --- | --- |")
    for r in results:
        print(r.row())
    print()
    for m in side_by_side:
        print(f"{m.name} / {base.name}: {m.seconds / base.seconds:.2f}x")
    print()
    print("Time per layer (beyond the 1-layer spec's fixed cost), in microseconds:")
    for n, us in per_layer:
        print(f"  {n:>7,} layers: {us:6.1f} us/layer")
    if len(per_layer) > 1:
        lo, hi = min(us for _, us in per_layer), max(us for _, us in per_layer)
        print(f"  spread: {100 * (hi - lo) / lo:.0f}% (target: constant within +-30%)")
    if len(blocks) == 2:
        print(
            f"\n1,000 / 10 decoder blocks (JSON): {blocks[1].seconds / blocks[0].seconds:.2f}x "
            f"the time, {blocks[1].rss_mib / blocks[0].rss_mib:.2f}x the memory"
        )
    if keras is not None:
        ours = next(
            (r for r in results if r.name.startswith("summary ResNet50 spec (table)")), None
        )
        if ours is not None:
            print(
                f"\nKeras / archcalc on ResNet50: {keras.seconds / ours.seconds:.0f}x the time, {keras.rss_mib / ours.rss_mib:.0f}x the memory"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
