"""Costs through the CLI and the renderers: columns, footer, JSON, layout, units."""

from __future__ import annotations

import json
import re

import pytest

import archcalc
from archcalc.cli import main
from archcalc.render.cells import TableOptions
from archcalc.render.costs import human_count, parse_columns
from archcalc.render.table import WidthError, column_layout
from tests.conftest import KERAS, SPECS
from tests.test_costs import SEED_FLOPS, SEED_MACS, TORCHINFO

ALL = "macs,flops,memory,percent"


def invoke(runner, *args, columns: int = 200):
    return runner.invoke(main, list(args), env={"COLUMNS": str(columns)}, prog_name="archcalc")


def test_default_output_stays_keras(runner) -> None:
    r = invoke(runner, "summary", str(SPECS / "seed_conv.yaml"))
    expected = (KERAS / "seed_conv.keras-wide.txt").read_text()
    assert r.exit_code == 0 and r.stdout.rstrip("\n") == expected.rstrip("\n")


def test_columns_and_footer(runner, golden) -> None:
    r = invoke(runner, "summary", str(SPECS / "seed_conv.yaml"), "--columns", ALL)
    assert r.exit_code == 0, r.output
    golden.check("costs/seed_conv-columns.txt", r.stdout)
    lines = r.stdout.splitlines()
    assert [h.strip() for h in lines[2].strip("┃").split("┃")] == [
        "Layer (type)", "Output Shape", "Param #", "MACs", "FLOPs", "Activations", "% FLOPs",
    ]  # fmt: skip
    conv = next(x for x in lines if x.startswith("│ conv2d_1 "))
    # 10,240,000 MACs; 2 x that + 12,800 bias; 20x20x32 floats = 50 KB; its share of FLOPs
    share = 100 * (2 * 10_240_000 + 12_800) / SEED_FLOPS
    assert [c.strip() for c in conv.strip("│").split("│")][3:] == [
        "10.24 M", "20.49 M", "50.00 KB", f"{share:.2f}%",
    ]  # fmt: skip
    # Keras's own lines are untouched, the footer follows them
    keras = (KERAS / "seed_conv.keras-wide.txt").read_text().rstrip("\n").splitlines()
    assert lines[-8:-5] == keras[-3:]
    assert lines[-5] == f" MACs: {SEED_MACS:,} (10.71 M)"
    assert lines[-4].startswith(f" FLOPs: {SEED_FLOPS:,} (21.46 M) = ")


def test_costs_flag_adds_only_the_footer(runner) -> None:
    r = invoke(runner, "summary", str(SPECS / "seed_conv.yaml"), "--costs", "--batch-size", "2")
    keras = (KERAS / "seed_conv.keras-wide.txt").read_text().rstrip("\n").splitlines()
    assert r.stdout.splitlines()[: len(keras)] == keras
    assert f" MACs: {2 * SEED_MACS:,} (21.41 M)" in r.stdout
    assert " Batch size: 2 (the whole batch), float32;" in r.stdout


def test_torchinfo_convention_table(runner) -> None:
    r = invoke(
        runner, "summary", str(SPECS / "seed_conv.yaml"), "--convention", "torchinfo",
        "--columns", "macs,flops,percent",
    )  # fmt: skip
    assert r.exit_code == 0
    assert f" Mult-Adds (torchinfo 1.8.0): {TORCHINFO:,} (10.74 M)" in r.stdout
    assert "% MACs" in r.stdout and "FLOPs:" not in r.stdout


def test_json_always_carries_costs(runner) -> None:
    r = invoke(runner, "summary", "-f", "json", str(SPECS / "seed_conv.yaml"))
    data = json.loads(r.stdout)
    assert data["total_params"] == 32_866  # existing fields stay
    c, m = data["compute"], data["memory"]
    assert (c["macs"], c["flops"], c["batch_size"], c["complete"]) == (
        SEED_MACS, SEED_FLOPS, 1, True,
    )  # fmt: skip
    assert c["flops_by_category"]["pool"] == 2 * 2 * 3200
    conv = data["layers"][1]
    assert (conv["macs"], conv["flops_by_category"]) == (
        460_800, {"macc": 2 * 460_800, "bias": 24 * 24 * 32},
    )  # fmt: skip
    assert conv["output_bytes"] == 24 * 24 * 32 * 4
    assert m["param_bytes"] == 32_866 * 4 and m["optimizer"] == "adam"
    assert m["training_bytes"]["total"] == 4 * 32_866 * 4 + 38_418 * 4


def test_json_options(runner) -> None:
    r = invoke(
        runner, "summary", "-f", "json", str(SPECS / "seed_conv.yaml"), "--batch-size", "8",
        "--dtype", "float16", "--optimizer", "sgd", "--convention", "torchinfo",
    )  # fmt: skip
    data = json.loads(r.stdout)
    assert data["compute"]["macs"] == 8 * TORCHINFO == 85_907_472
    assert data["compute"]["flops"] is None and data["layers"][1]["flops"] is None
    m = data["memory"]
    assert (m["dtype"], m["param_bytes"], m["activation_bytes"]) == ("float16", 65_732, 8 * 76_836)
    assert m["training_bytes"]["optimizer_state"] == 0


def test_json_shared_layer_calls(runner) -> None:
    data = json.loads(invoke(runner, "summary", "-f", "json", str(SPECS / "siamese.yaml")).stdout)
    tower = next(x for x in data["layers"] if x["name"] == "tower_conv")
    per_call = 14 * 14 * 3 * 3 * 3 * 8
    assert [c["macs"] for c in tower["calls"]] == [per_call, per_call]
    assert tower["macs"] == 2 * per_call and tower["params"] == 3 * 3 * 3 * 8 + 8


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--columns", "macs,flop"], "unknown column 'flop' (did you mean 'flops'?)"),
        (["--columns", "params"], "choose from macs, flops, activations, percent"),
        (["--dtype", "float13"], "Invalid value for '--dtype'"),
        (["--optimizer", "lion"], "Invalid value for '--optimizer'"),
        (["--batch-size", "0"], "Invalid value for '--batch-size'"),
    ],
)
def test_bad_cost_options_exit_2(runner, args: list[str], fragment: str) -> None:
    r = invoke(runner, "summary", str(SPECS / "seed_conv.yaml"), *args)
    assert r.exit_code == 2 and fragment in r.stderr and "Traceback" not in r.stderr


def _widths(text: str) -> list[int]:
    top = text.splitlines()[1]
    return [len(part) for part in top[1:-1].split("┳")]


@pytest.mark.parametrize("model", ["seed_conv", "seed_functional"])
def test_narrow_terminal(runner, model: str) -> None:
    """Numbers are never cut short: at 80 columns one cost column fits; all four ask for more room."""
    r = invoke(runner, "summary", str(SPECS / f"{model}.yaml"), "--columns", "macs", columns=80)
    assert r.exit_code == 0, r.output
    assert all(len(line) <= 76 for line in r.stdout.splitlines()[:-5])
    widths = _widths(r.stdout)
    assert min(widths) >= 4 and len(widths) == (4 if model == "seed_conv" else 5)
    assert "…" not in "".join(
        line.split("│")[3] for line in r.stdout.splitlines() if line.startswith("│")
    )
    if model == "seed_conv":
        assert " 25,632 " in r.stdout and " 10.24 M " in r.stdout  # 5*5*32*32 + 32 params, whole
    args = ["summary", str(SPECS / f"{model}.yaml"), "--columns", ALL]
    r = invoke(runner, *args, "--width", "76")
    assert r.exit_code == 2 and "would be cut short; use --width" in r.stderr
    wider = int(r.stderr.split("--width ")[1].split()[0])
    r = invoke(runner, *args, "--width", str(wider))
    numbers = [
        "".join(line.split("│")[3:8]) for line in r.stdout.splitlines() if line.startswith("│")
    ]
    assert r.exit_code == 0 and "…" not in "".join(numbers)  # Param # and the four cost columns
    # Piped (CliRunner's stdout is no terminal) with no --width: printed as wide as that.
    piped = invoke(runner, *args, columns=80)
    assert piped.exit_code == 0 and piped.stdout == r.stdout


def test_docs_costs_commands_work_as_shown(runner, monkeypatch) -> None:
    """The cost docs' commands, piped and with no --width, as written: each exits 0, and a
    block that shows output (``...`` = lines left out) shows what the command prints."""
    from tests.conftest import ROOT

    monkeypatch.chdir(ROOT)
    ran = 0
    for doc in ("docs/costs.readme-section.md", "docs/costs.md", "README.md"):
        text = (ROOT / doc).read_text()
        for block in re.findall(r"```console\n(\$ archcalc summary .*?)\n```", text, re.S):
            commands = [x for x in block.splitlines() if x.startswith("$ ")]
            for command in commands:
                args = command[2:].split("#")[0].split()[1:]
                r = runner.invoke(main, args, env={"COLUMNS": None})
                assert r.exit_code == 0, (doc, command, r.stderr)
                ran += 1
            if len(commands) == 1:
                shown = block.split("\n", 1)[1]
                head, _, tail = shown.partition("...\n")
                assert r.stdout.startswith(head) and r.stdout.rstrip("\n").endswith(tail), doc
    assert ran >= 5


def test_layout_keeps_keras_columns() -> None:
    """With room to spare, Keras's columns keep their exact widths; cost columns go after
    Param #, also with Keras's Trainable column; widths always add up to the line."""
    for name in ("seed_conv", "seed_functional"):
        result = archcalc.infer(archcalc.load(str(SPECS / f"{name}.yaml")))
        for trainable in (False, True):
            plain = column_layout(
                result, TableOptions(terminal_columns=500, show_trainable=trainable)
            )
            opts = TableOptions(
                terminal_columns=500, show_trainable=trainable, columns=("macs", "percent")
            )
            length, widths, header, align = column_layout(result, opts)
            assert widths[:3] + widths[5:] == plain[1]
            assert header[3:5] == ["MACs", "% FLOPs"] and align[3:5] == ["right", "right"]
            assert length == plain[0] + 12 + 11 == sum(widths)
    with pytest.raises(WidthError, match="fewer --columns"):
        column_layout(result, TableOptions(line_length=50, columns=("macs", "flops", "percent")))


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (0, "0"),
        (999, "999"),
        (1_000, "1.00 K"),
        (6_400, "6.40 K"),
        (999_994, "999.99 K"),
        (999_999, "1.00 M"),  # 999.999 K would print as 1000.00 K
        (SEED_MACS, "10.71 M"),
        (2_500_000_000, "2.50 G"),
        (5 * 10**15, "5000.00 T"),
    ],
)
def test_human_count(n: int, text: str) -> None:
    assert human_count(n) == text


def test_parse_columns() -> None:
    assert parse_columns("MACs, flops,memory,%,macs") == ("macs", "flops", "activations", "percent")
    assert parse_columns("") == ()
    with pytest.raises(ValueError, match="did you mean 'activations'"):
        parse_columns("activation")


def test_colour_output_has_the_same_text(runner) -> None:
    """Colour goes through rich, plain text through the grid: the same table and footer."""
    import re

    args = ["summary", str(SPECS / "seed_functional.yaml"), "--columns", ALL, "--expand-nested"]
    plain = invoke(runner, *args).stdout
    coloured = invoke(runner, *args, "--color", "always").stdout
    assert "\x1b[" in coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain


def _keras_block(title: str) -> list[str]:
    """One summary from tests/golden/keras/more-summaries.txt, by its title's start."""
    text = (KERAS / "more-summaries.txt").read_text(encoding="utf-8")
    block = text.split(f"######## {title}", 1)[1].split("\n", 1)[1]
    return block.split("\n######## ", 1)[0].rstrip("\n").splitlines()


def test_dtype_table_follows_the_dtype_asked_for(runner) -> None:
    """Keras with a bfloat16 policy stores 2-byte variables: `Total params: 42 (84.00 B)`.
    --dtype bfloat16 prints Keras's table for that model, and the footer agrees with it."""
    keras = [x for x in _keras_block("bf16 ") if x.strip()]
    spec = "layers:\n  - {type: Dense, units: 8, input_shape: [2]}\n  - {type: Dense, units: 2}\n"
    r = runner.invoke(
        main, ["summary", "-", "--dtype", "bfloat16"], input=spec, env={"COLUMNS": None}
    )
    assert r.exit_code == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[: len(keras)] == keras
    assert (
        " Training memory (adam): " in r.stdout
        and "= 84.00 B params + 84.00 B gradients" in r.stdout
    )


@pytest.mark.parametrize("dtype", ["bfloat16", "float16", "float64", "int8"])
def test_dtype_table_footer_and_json_agree(runner, golden, dtype: str) -> None:
    """Table, footer and JSON give the parameters' bytes at --dtype: count x width, and the
    non-trainable ones (BatchNormalization's moving statistics) with the same width."""
    from archcalc.catalog.dtypes import DTYPE_BYTES
    from archcalc.render.units import readable_memory_size

    spec = (
        "inputs: {x: [16]}\nlayers:\n  - {type: Dense, units: 32}\n"
        "  - {type: BatchNormalization}\n  - {type: Dense, units: 4}\n"
    )
    width = DTYPE_BYTES[dtype]
    # (16 + 1) * 32 + 4 * 32 + (32 + 1) * 4 = 544 + 128 + 132; 2 * 32 moving statistics
    total, non_trainable = 544 + 128 + 132, 64
    table = runner.invoke(main, ["summary", "-", "--dtype", dtype], input=spec)
    data = json.loads(
        runner.invoke(main, ["summary", "-", "--dtype", dtype, "-f", "json"], input=spec).stdout
    )
    assert f" Total params: {total:,} ({readable_memory_size(total * width)})" in table.stdout
    assert (
        f" Non-trainable params: 64 ({readable_memory_size(non_trainable * width)})" in table.stdout
    )
    assert f"= {readable_memory_size(total * width)} params + " in table.stdout
    assert data["param_bytes"] == {
        "total": total * width,
        "trainable": (total - non_trainable) * width,
        "non_trainable": non_trainable * width,
    }
    assert data["memory"]["param_bytes"] == total * width
    # MACs 16x32 + 32x4; FLOPs 2 x MACs + 32 + 4 bias adds + BatchNormalization's 2 per element
    assert data["compute"]["macs"] == 16 * 32 + 32 * 4
    assert data["compute"]["flops"] == 2 * (16 * 32 + 32 * 4) + (32 + 4) + 2 * 32
    if dtype in ("bfloat16", "float16", "float64"):  # activations follow a float --dtype
        # the input and every output: 16 + 32 + 32 + 4 elements; the peak while
        # BatchNormalization runs, its input and output (32 + 32); Adam keeps 2 slots
        activations, trainable = (16 + 32 + 32 + 4) * width, (total - non_trainable) * width
        assert data["memory"]["activation_bytes"] == activations
        assert data["memory"]["peak_activation_bytes"] == (32 + 32) * width
        assert data["memory"]["training_bytes"]["total"] == (
            total * width + trainable + 2 * trainable + activations
        )
    if dtype == "bfloat16":
        golden.check("costs/dtype-bfloat16.txt", table.stdout)
        golden.check("costs/dtype-bfloat16.json", json.dumps(data, indent=1) + "\n")
