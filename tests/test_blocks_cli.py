"""The commands on specs with blocks: --set everywhere, --depth, JSON structure, plot clusters,
diff per block, --sweep. Parameter counts are Keras's (tests/test_zoo.py's) or arithmetic."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from archcalc.cli import main
from tests.conftest import SPECS
from tests.test_keras_models import read
from tests.test_zoo import CASES

ZOO = SPECS / "zoo"
GPT = str(ZOO / "gpt_decoder.yaml")
RESNET = str(ZOO / "resnet50.yaml")


def gpt_params(
    d: int = 768, heads: int = 12, n: int = 12, seq: int = 1024, vocab: int = 50_257
) -> int:
    """GPT-2's count by arithmetic (tests/test_zoo.py), plus the untied head."""
    block = 2 * 2 * d + 4 * (d * d + d) + (d * 4 * d + 4 * d) + (4 * d * d + d)
    return n * block + vocab * d + seq * d + 2 * d + d * vocab


def run(runner: CliRunner, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(main, list(args), env={"COLUMNS": "200"})


def params_column(text: str) -> list[int]:
    """The Param # cells of a summary table's rows (each row's first line)."""
    out = []
    for line in text.splitlines():
        cells = line.split("│")
        if len(cells) > 4 and re.fullmatch(r"\s*[\d,]+\s*", cells[3]):
            out.append(int(cells[3].replace(",", "")))
    return out


@pytest.mark.parametrize("spec", ["resnet50", "densenet121", "inceptionv3", "gpt_decoder", "unet"])
def test_depth_rows_add_up_to_keras_total(runner: CliRunner, spec: str) -> None:
    result = run(runner, "summary", str(ZOO / f"{spec}.yaml"), "--depth", "1")
    assert result.exit_code == 0, result.output
    assert sum(params_column(result.stdout)) == CASES[spec][1]
    assert f"Total params: {CASES[spec][1]:,}" in result.stdout


def test_depth_folds_identical_repeats(runner: CliRunner) -> None:
    two = run(runner, "summary", RESNET, "--depth", "2", "-w", "250").stdout
    assert "conv2_block2 … conv2_block3 (bottleneck ×2)" in two
    assert "conv4_block2 … conv4_block6 (bottleneck ×5)" in two
    one = run(runner, "summary", GPT, "--depth", "1").stdout
    # 12 identical decoder blocks in one row; 768 -> 3072 -> 768: arithmetic
    assert "h0 … h11 (decoder ×12)" in one
    d = 768
    block = 2 * 2 * d + 4 * (d * d + d) + (d * 4 * d + 4 * d) + (4 * d * d + d)
    assert f"{12 * block:,}" in one


def test_the_default_table_stays_keras(runner: CliRunner) -> None:
    result = run(runner, "summary", RESNET)
    assert result.stdout == read("app_resnet50", "summary-wide.txt")[:-1]


def test_json_keeps_the_structure(runner: CliRunner) -> None:
    data = json.loads(run(runner, "summary", GPT, "-f", "json").stdout)
    rows = data["layers"]
    blocks = [r for r in rows if "block" in r]
    assert [(b["name"], b["count"], b["first"], b["last"]) for b in blocks] == [
        ("h0", 12, "h0", "h11")
    ]
    assert sum(r["params"] for r in rows) == data["total_params"] == gpt_params()
    assert [x["name"] for x in blocks[0]["layers"]][:2] == ["h0_ln_1", "h0_attn"]


def test_json_flat_is_keras_rows(runner: CliRunner) -> None:
    data = json.loads(run(runner, "summary", RESNET, "-f", "json", "--flat").stdout)
    keras = json.loads(read("app_resnet50", "layers.json"))
    assert [x["name"] for x in data["layers"]] == [x["name"] for x in keras["layers"]]


def test_set_on_every_command(runner: CliRunner, tmp_path) -> None:  # type: ignore[no-untyped-def]
    small = (
        "--set",
        "d_model=64",
        "--set",
        "num_heads=4",
        "--set",
        "num_layers=2",
        "--set",
        "vocab_size=100",
    )
    want = gpt_params(d=64, heads=4, n=2, vocab=100)
    summary = run(runner, "summary", GPT, *small, "-f", "json")
    assert json.loads(summary.stdout)["total_params"] == want
    converted = run(runner, "convert", GPT, *small, "-o", str(tmp_path / "flat.yaml"))
    assert converted.exit_code == 0, converted.output
    again = run(runner, "summary", str(tmp_path / "flat.yaml"), "-f", "json")
    assert json.loads(again.stdout)["total_params"] == want
    plot = run(runner, "plot", GPT, *small, "-f", "mermaid")
    assert plot.exit_code == 0 and "h1_mlp_residual" in plot.stdout and "h2_" not in plot.stdout
    lint = run(runner, "lint", "--isolated", GPT, *small, "--set", "max_params=1000")
    assert lint.exit_code == 1 and f"{want:,} parameters" in lint.stdout
    report = run(runner, "report", GPT, *small, "--no-graph", "-o", str(tmp_path / "r.html"))
    assert report.exit_code == 0, report.output
    assert f"{want:,}" in (tmp_path / "r.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("summary", GPT, "--set", "widht=3"), "declares no variable 'widht'"),
        (("summary", GPT, "--set", "d_model=wide"), "the variable is an integer"),
        (("summary", GPT, "--set", "d_model"), "expected NAME=VALUE"),
        (("summary", GPT, "--sweep", "seq_len="), "give at least one value"),
        (("diff", GPT, GPT, "--set-new", "nope=1"), "declares no variable 'nope'"),
        (("lint", GPT, "--set", "nope=1"), "unknown rule, option or variable 'nope'"),
        (
            ("summary", str(SPECS / "seed_functional.yaml"), "--set", "width=2"),
            "its variables: none",
        ),
    ],
)
def test_bad_set_is_a_usage_error(runner: CliRunner, args: tuple[str, ...], fragment: str) -> None:
    result = run(runner, *args)
    assert result.exit_code == 2, result.output
    assert fragment in result.output
    assert "Traceback" not in result.output


def test_diff_two_settings_reports_the_block_once(runner: CliRunner) -> None:
    result = run(
        runner,
        "diff",
        GPT,
        GPT,
        "--set-new",
        "d_model=1024",
        "--set-new",
        "num_heads=16",
        "--only-changes",
    )
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    block = [x for x in lines if x.startswith("Block ")]
    assert block == [
        "Block decoder ×12 (h0 … h11): in each: attn num_heads: 12 → 16; mlp_fc units: 3072 → 4096; mlp_proj units: 768 → 1024"
    ]
    assert lines.index(block[0]) < next(i for i, x in enumerate(lines) if "Layer (type)" in x)
    assert "Model d_model: 768 → 1024" in result.stdout
    data = json.loads(
        run(
            runner,
            "diff",
            GPT,
            GPT,
            "--set-new",
            "d_model=1024",
            "--set-new",
            "num_heads=16",
            "-f",
            "json",
        ).stdout
    )
    assert [(b["block"], len(b["instances"])) for b in data["blocks"]] == [("decoder", 12)]
    assert data["totals"][0]["new"] == gpt_params(d=1024, heads=16)


def test_diff_block_argument(runner: CliRunner, tmp_path) -> None:  # type: ignore[no-untyped-def]
    wider = (
        (ZOO / "resnet50.yaml")
        .read_text(encoding="utf-8")
        .replace(
            "{block: stack, name: conv5, filters: 512", "{block: stack, name: conv5, filters: 256"
        )
    )
    (tmp_path / "r.yaml").write_text(wider, encoding="utf-8")
    result = run(runner, "diff", RESNET, str(tmp_path / "r.yaml"), "--only-changes")
    heads = [x for x in result.stdout.splitlines() if x.startswith("Block ")]
    assert heads[0] == "Block stack (conv5): filters: 512 → 256"
    assert heads[1].startswith("Block bottleneck (conv5_block1): filters: 512 → 256; in each: ")
    assert "0_conv filters: 2048 → 1024" in heads[1]
    assert heads[2].startswith(
        "Block bottleneck ×2 (conv5_block2 … conv5_block3): filters: 512 → 256"
    )


def test_plot_clusters_and_fold(runner: CliRunner) -> None:
    dot = run(runner, "plot", RESNET).stdout
    assert 'subgraph "cluster_block:conv2_block3" {' in dot
    folded = run(runner, "plot", RESNET, "--fold").stdout
    assert "conv2_block3_1_conv" not in folded
    assert 'label="conv2_block2 … conv2_block3 (bottleneck ×2)"' in folded
    assert '"conv2_block2_out" -> "conv3_block1_1_conv";' in folded  # leaves from the drawn one
    plain = run(runner, "plot", RESNET, "--no-blocks").stdout
    assert "cluster_block" not in plain


def test_sweep_rows_by_arithmetic(runner: CliRunner) -> None:
    result = run(
        runner,
        "summary",
        GPT,
        "--sweep",
        "seq_len=128,2048",
        "--sweep",
        "num_layers=1,2",
        "-f",
        "json",
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["sweep"]
    got = [(r["variables"], r["total_params"]) for r in rows]
    assert got == [
        ({"seq_len": s, "num_layers": n}, gpt_params(seq=s, n=n))
        for s in (128, 2048)
        for n in (1, 2)
    ]
    table = run(runner, "summary", GPT, "--sweep", "seq_len=128,2048").stdout
    assert f"{gpt_params(seq=2048):,}" in table and table.startswith('Sweep of "gpt_decoder"')


def gpt_macs(seq: int, n: int = 12, d: int = 768, vocab: int = 50257) -> int:
    """Per decoder block: the query, key, value and output projections (4 T d^2), the scores
    and the context over T x T pairs (2 T^2 d), the feed-forward's d -> 4d -> d (8 T d^2);
    then the head, T d V (embeddings, norms and adds have no MACs)."""
    return n * (12 * seq * d * d + 2 * seq * seq * d) + seq * d * vocab


def test_sweep_macs_by_arithmetic(runner: CliRunner) -> None:
    """The README's sweep over seq_len: MACs grow with T d^2 and T^2 d."""
    result = run(runner, "summary", GPT, "--sweep", "seq_len=128,1024,8192", "-f", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["sweep"]
    assert [r["macs"] for r in rows] == [gpt_macs(s) for s in (128, 1024, 8192)]
    # the README's table shows them rounded: 16.11 G, 145.82 G, 2.25 T
    assert [f"{gpt_macs(s) / 1e9:.2f}" for s in (128, 1024)] == ["16.11", "145.82"]
    assert f"{gpt_macs(8192) / 1e12:.2f}" == "2.25"


def test_sweep_title_is_the_spec_name(runner: CliRunner, tmp_path: Path) -> None:
    """The table and JSON name the model as the spec does, not as its file is called."""
    spec = tmp_path / "file.yaml"
    spec.write_text(
        "name: wide_${width}\nvariables: {width: 4}\ninputs: {x: [3]}\n"
        "layers:\n  - {type: Dense, units: $width}\n",
        encoding="utf-8",
    )
    table = run(runner, "summary", str(spec), "--sweep", "width=2,3").stdout
    assert table.startswith('Sweep of "wide_2"')


def test_sweep_failed_combination_and_bound(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = run(runner, "summary", GPT, "--sweep", "seq_len=0,16")
    assert result.exit_code == 3
    assert "seq_len=0 failed: line 34: input 'tokens': dimension 0 is not a size" in result.stdout
    monkeypatch.setenv("ARCHCALC_MAX_SWEEP", "3")
    bound = run(runner, "summary", GPT, "--sweep", "seq_len=1,2", "--sweep", "num_layers=1,2")
    assert bound.exit_code == 2 and "4 combinations, more than 3" in bound.output


@pytest.mark.parametrize(
    ("spec", "sets"),
    [
        ("gpt_decoder", ("--set", "num_layers=40")),
        ("resnet50", ()),
        ("mobilenetv2", ()),
        ("xception", ()),
        ("densenet121", ()),  # its repeats change shapes: loaded in full
        (
            "transformer_encoder",
            ("--set", "num_layers=5", "--batch-size", "3", "--dtype", "bfloat16"),
        ),
    ],
)
def test_json_of_folded_repeats_is_the_full_json(
    runner: CliRunner, spec: str, sets: tuple[str, ...]
) -> None:
    """The JSON summary makes only the first instances of an alike repeat and counts the
    rest: byte for byte what the model made in full gives."""
    from archcalc.analysis import CostOptions, analyze
    from archcalc.engine import infer_spec
    from archcalc.reader.load import load_path
    from archcalc.render.json import render_json

    path = str(ZOO / f"{spec}.yaml")
    got = run(runner, "summary", path, "-f", "json", *sets)
    assert got.exit_code == 0, got.output
    given = dict(s.split("=") for s in sets[1::2] if "=" in s and not s.startswith("-"))
    variables = {k: int(v) for k, v in given.items() if k == "num_layers"}
    options = (
        CostOptions(batch_size=3, dtype="bfloat16") if "--batch-size" in sets else CostOptions()
    )
    full = infer_spec(load_path(path, variables=variables))
    assert got.stdout == render_json(full, analyze(full, options))


def test_a_thousand_blocks_fold(runner: CliRunner) -> None:
    """1,000 decoder blocks: the JSON is the size of a 10-block one, and counts all 1,000."""
    small = run(runner, "summary", GPT, "-f", "json", "--set", "num_layers=10").stdout
    big = run(runner, "summary", GPT, "-f", "json", "--set", "num_layers=1000").stdout
    data = json.loads(big)
    assert data["total_params"] == gpt_params(n=1000)
    row = next(r for r in data["layers"] if "block" in r)
    assert (row["count"], row["first"], row["last"]) == (1000, "h0", "h999")
    assert next(r for r in data["layers"] if r["name"] == "ln_f")["inputs"] == ["h999_mlp_residual"]
    assert len(big) < 1.01 * len(small)
