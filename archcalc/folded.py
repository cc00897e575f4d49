"""A JSON summary whose cost grows with the model's distinct structure, not its size.

For ``summary --format json`` a design is loaded with its alike repeats folded
(:func:`~archcalc.reader.designload.load_folded`): of ``repeat: 1000`` instances of a block that all get
the same arguments, only the first two are made and inferred; the second
says how many more follow it. That is exact when the second instance gives
back the shape it reads (then every later one reads and makes the same
shapes: :func:`alike`), and the numbers are put back together here: each
block row counts its folded instances (``count``), and the totals (parameters
and their bytes, MACs, FLOPs, activation bytes) add what those instances
hold. The peak of activation memory is one instance's, as in a chain of
alike instances it is the same in each. Anything else (a repeat that changes
shapes, a spec without blocks) is loaded in full, as for every other output.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from archcalc.analysis import Costs
from archcalc.analysis.attention import workspace_of
from archcalc.analysis.cost import ZERO, Op, Uncounted
from archcalc.analysis.memory import training_memory
from archcalc.blocks import structure_of
from archcalc.catalog.dtypes import DTYPE_BYTES, compute_dtype
from archcalc.reader.values import parse_ref
from archcalc.results import InferenceResult, LayerResult, Totals

if TYPE_CHECKING:  # only a type: a plain spec's JSON need not load the design reader
    from archcalc.reader.scopes import Instance


def alike(result: InferenceResult) -> bool:
    """Whether every folded repeat's second instance gives back the shapes it reads."""
    structure = structure_of(result)
    if structure is None:
        return True
    by_name = {x.name: x for x in result.layers}
    for inst in structure.walk():
        if not inst.extra:
            continue
        inside = set(inst.all_layers())
        reads = [
            by_name[conn[0]].calls[conn[1]].output_shapes[conn[2]]
            for name in inside
            for call in by_name[name].calls
            for conn in call.connections
            if conn[0] not in inside
        ]
        gives = [by_name[n].output_shapes[i] for n, i in inst.outputs if n in by_name]
        if len(set(reads)) != 1 or gives != reads[:1]:
            return False
    return True


def unit(inst: Instance, metric: Callable[[str], Any], zero: Any) -> Any:
    """One instance's ``metric``: its layers', and its repeats' counted ones."""
    total = zero
    for name in inst.layers:
        total = total + metric(name)
    for child in inst.children:
        total = total + scale(unit(child, metric, zero), 1 + child.extra)
    return total


def scale(value: Any, k: int) -> Any:
    return value.scaled(k) if hasattr(value, "scaled") else value * k


def missing(structure: Any, metric: Callable[[str], Any], zero: Any) -> Any:
    """What the instances that were not made add to ``metric``'s total."""
    total = zero
    for inst in structure.walk():
        if inst.extra:
            total = total + scale(unit(inst, metric, zero), inst.extra)
    return total


def completed(result: InferenceResult, costs: Costs | None) -> tuple[Totals, Costs | None]:
    """The totals and costs of the whole model, the folded instances counted in."""
    structure = structure_of(result)
    t = result.totals
    if structure is None or not any(i.extra for i in structure.walk()):
        return t, costs
    layers: dict[str, LayerResult] = {x.name: x for x in result.layers}

    def more(field: str) -> Any:
        return missing(structure, lambda n: getattr(layers[n], field), 0)

    trainable = t.trainable + more("trainable_params")
    frozen = t.non_trainable + more("non_trainable_params")
    totals = Totals(
        trainable + frozen,
        trainable,
        frozen,
        t.trainable_bytes + more("trainable_bytes"),
        t.non_trainable_bytes + more("non_trainable_bytes"),
    )
    if costs is None:
        return totals, None

    c, m = costs.compute, costs.memory
    per_layer = {x.name: x.cost for x in c.layers}
    compute = replace(c, total=c.total + missing(structure, lambda n: per_layer.get(n, ZERO), ZERO))
    sizes = {x.name: x.output_bytes for x in m.layers}
    inside = {x.name: _workspace(x, costs) for x in result.layers}
    extra_bytes = missing(structure, lambda n: (sizes.get(n) or 0) + inside[n], 0)
    activations = None if m.activation_bytes is None else m.activation_bytes + extra_bytes
    training = training_memory(totals, m.dtype, m.optimizer, activations)
    memory = replace(
        m,
        param_bytes=training.params,
        trainable_param_bytes=training.gradients,
        activation_bytes=activations,
        training=training,
    )
    return totals, replace(costs, compute=compute, memory=memory)


def renamed(result: InferenceResult, data: dict[str, Any]) -> None:
    """In a JSON summary of a folded design, what reads a folded repeat reads its last
    instance, by the names that one's layers would have (``h999_mlp_residual``)."""

    structure = structure_of(result)
    names = (
        {} if structure is None else {k: v for i in structure.walk() for k, v in i.renames.items()}
    )
    if not names:
        return

    def ref(text: str) -> str:
        r = parse_ref(text)
        name = names.get(r.name, r.name)
        return name if r.index == 0 else f"{name}[{r.index}]"

    stack = list(data["layers"])
    while stack:
        row = stack.pop()
        row["inputs"] = [ref(x) for x in row.get("inputs", ())]
        stack.extend(row.get("layers", ()))
    data["outputs"] = [ref(x) for x in data["outputs"]]


def _workspace(layer: LayerResult, costs: Costs) -> Any:
    """Bytes of the tensors inside a layer's calls (attention's scores), which the
    activation total keeps for training (analysis/memory.py's workspace)."""

    fn = workspace_of(layer.type)
    if fn is None:
        return 0
    dtype = costs.options.dtype or compute_dtype(layer.config.get("dtype"))
    width = DTYPE_BYTES.get(dtype, 0)
    total = 0
    for call in layer.live_calls:
        try:
            total += fn(Op(layer.type, layer.config, call.input_shapes, call.output_shapes))
        except Uncounted:
            return 0
    return total * costs.options.batch_size * width
