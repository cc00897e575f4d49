"""``archcalc fit``: will a model run (or fine-tune) in this much memory?"""

from __future__ import annotations

import re

import click

from archcalc.cli.common import exit_help, format_option, report, run_guarded, use_color, write_out
from archcalc.exitcodes import ExitCode

#: 1024-based units with IEC names, 1000-based with SI names (as disks and cards are sold)
_UNITS = {
    "": 1, "b": 1,
    "kib": 1 << 10, "mib": 1 << 20, "gib": 1 << 30, "tib": 1 << 40,
    "kb": 10**3, "mb": 10**6, "gb": 10**9, "tb": 10**12,
    "k": 10**3, "m": 10**6, "g": 10**9, "t": 10**12,
}  # fmt: skip
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([A-Za-z]*)\s*$")
DTYPES = ("bfloat16", "float16", "float32", "int8", "int4")
COMPUTE_DTYPES = ("bfloat16", "float16", "float32")
FIT_EXIT_HELP = exit_help(
    ok="it fits",
    findings="it does not fit",
    failure="the model could not be read, parsed or inferred, or the output could not be written",
)


def parse_size(ctx: click.Context, param: click.Parameter, value: str) -> int:
    m = _SIZE.match(value or "")
    unit = m.group(2).lower() if m else ""
    if not m or unit not in _UNITS:
        raise click.BadParameter(
            f"{value!r} is not a size; write a number and a unit such as 24GiB (1024-based KiB, "
            "MiB, GiB, TiB) or 80GB (1000-based KB, MB, GB, TB)"
        )
    size = int(float(m.group(1)) * _UNITS[unit])
    if size <= 0:
        raise click.BadParameter("the memory must be more than 0 bytes")
    return size


@click.command(epilog=FIT_EXIT_HELP)
@click.argument("model", type=click.Path(dir_okay=True, allow_dash=True))
@click.option(
    "--memory",
    required=True,
    callback=parse_size,
    metavar="SIZE",
    help="The memory budget: 24GiB, 80GB, 16000MiB...",
)
@click.option(
    "--seq-len",
    type=click.IntRange(min=1),
    default=None,
    help="Tokens per sequence (the length of the model's unknown input axes); required when the model has one.",
)
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Sequences per batch.",
)
@click.option(
    "--dtype",
    type=click.Choice(DTYPES),
    default=None,
    help="Weights' dtype; int8/int4 as Keras's quantize() stores them  [default: as the model is saved]",
)
@click.option(
    "--compute-dtype",
    type=click.Choice(COMPUTE_DTYPES),
    default=None,
    help="Activations' and the KV cache's dtype  [default: --dtype; bfloat16 for int8/int4]",
)
@click.option(
    "--task",
    type=click.Choice(("inference", "full", "lora")),
    default=None,
    help="inference (a prefill, then decoding), full fine-tuning or LoRA  [default: lora with --lora-rank, else inference]",
)
@click.option(
    "--lora-rank",
    type=click.IntRange(min=1),
    default=None,
    help="LoRA rank (implies --task lora)  [default: 16]",
)
@click.option(
    "--lora-targets",
    default="q,v",
    show_default=True,
    help="Projections LoRA adapts, comma-separated: q, k, v, o, up, gate, down (keras_hub's enable_lora: q,v).",
)
@click.option(
    "--optimizer",
    type=click.Choice(("adamw", "adam", "momentum", "sgd")),
    default="adamw",
    show_default=True,
    help="Optimizer state: adam/adamw 2 slots, momentum 1, sgd 0.",
)
@click.option(
    "--recompute",
    is_flag=True,
    help="Activation recomputation: keep each block's input, recompute its insides in the backward pass.",
)
@click.option(
    "--flash-attention",
    is_flag=True,
    help="Attention kernels that never hold the score matrices (FlashAttention); default: materialised, as an eager attention does.",
)
@click.option(
    "--kv-cache",
    type=click.Choice(("keras_hub", "window")),
    default="keras_hub",
    show_default=True,
    help="keras_hub: max_length tokens in every layer (as keras_hub allocates); window: a sliding-window layer keeps its window (vLLM).",
)
@format_option(("text", "json"), "text: the breakdown; json: the same for tools.")
@click.option("-q", "--quiet", is_flag=True, help="Do not print warnings.")
def fit(
    model: str,
    memory: int,
    seq_len: int | None,
    batch_size: int,
    dtype: str | None,
    compute_dtype: str | None,
    task: str | None,
    lora_rank: int | None,
    lora_targets: str,
    optimizer: str,
    recompute: bool,
    flash_attention: bool,
    kv_cache: str,
    fmt: str,
    quiet: bool,
) -> None:
    """Say whether MODEL runs (or fine-tunes) in --memory: every term of the memory with its
    formula (weights, KV cache, activations, gradients, optimizer state, logits), the largest
    batch and sequence that fit, and the FLOPs of the batch (`archcalc docs costs`).

    MODEL is anything summary reads: a keras_hub preset's config.json, a Hugging Face
    config.json, a YAML spec or a Keras file.
    """
    import sys

    task = task or ("lora" if lora_rank else "inference")
    targets = tuple(t.strip() for t in lora_targets.split(",") if t.strip())
    from archcalc.analysis.llm import lora_targets as check_targets

    try:
        check_targets(targets)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--lora-targets") from None

    def body() -> int:
        from archcalc.analysis import fit as fitting
        from archcalc.analysis.llm import layout
        from archcalc.cli.common import load_spec
        from archcalc.engine import infer_spec
        from archcalc.reader.variants import sequence_axes
        from archcalc.render.fit import Limits, render_json, render_text

        spec = load_spec(model)
        if not quiet:
            report(list(spec.warnings), use_color("auto", sys.stderr))
        unknown = sequence_axes(spec)
        if unknown and seq_len is None:
            names = ", ".join(i.name for i in unknown)
            raise click.UsageError(f"{names} take sequences of any length: give --seq-len")
        opts = fitting.FitOptions(
            memory=memory,
            seq_len=seq_len or 1,
            batch_size=batch_size,
            dtype=dtype,
            compute_dtype=compute_dtype,
            task=task,
            lora_rank=lora_rank or 16,
            lora_targets=targets,
            optimizer=optimizer,
            recompute=recompute,
            flash_attention=flash_attention,
            kv_cache=kv_cache,
            sequence=bool(unknown),
        )
        limit = layout(infer_spec(spec)).max_positions if unknown else None
        if limit is not None and opts.seq_len > limit:
            raise click.UsageError(
                f"--seq-len {opts.seq_len:,} is longer than the {limit:,} positions the model's "
                "position table holds"
            )
        try:
            answer = fitting.answer(spec, opts, with_compute=True)
            limits = Limits(
                fitting.largest_batch(spec, opts),
                fitting.largest_seq(spec, opts, limit) if unknown else opts.seq_len,
                limit,
            )
        except ValueError as exc:
            raise click.UsageError(str(exc)) from None
        write_out(render_json(answer, limits) if fmt == "json" else render_text(answer, limits))
        return ExitCode.OK if answer.fits else ExitCode.FINDINGS

    run_guarded(body)
