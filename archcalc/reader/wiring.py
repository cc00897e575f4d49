"""How a model's calls connect when the spec does not say: inputs, the previous entry,
the outputs, and whether Keras would build it as a Sequential model."""

from __future__ import annotations

from archcalc.catalog import CATALOG
from archcalc.catalog.naming import AutoNamer
from archcalc.diagnostics import Pos
from archcalc.reader.entries import replace_field
from archcalc.reader.problems import Problems
from archcalc.reader.values import read_refs
from archcalc.reader.ynode import YNode
from archcalc.shapes import Shape
from archcalc.spec import CallSpec, InputSpec, TensorRef


def model_inputs(
    p: Problems,
    inputs: list[InputSpec],
    first_input_shape: Shape | None,
    layers_node: YNode,
    root: YNode,
    namer: AutoNamer,
    nested: bool,
) -> list[InputSpec]:
    """The inputs: as declared, or Keras 2's ``input_shape`` on the first layer, or (a nested
    Sequential) the shape of the call."""
    if first_input_shape is not None:
        first = layers_node.value[0]
        if inputs:
            p.error(
                first.key_pos("input_shape"),
                "duplicate-input",
                "the model inputs are given twice: under 'inputs:' and as input_shape on the first layer; keep one",
            )
        else:
            inputs = [InputSpec(namer("InputLayer"), (None, *first_input_shape), first.pos)]
    if not inputs and nested and not p.errors:
        # A nested Sequential takes its input shape from the call, as in Keras.
        inputs = [InputSpec("input_layer", (None,), root.pos, declared=False)]
    if not inputs and not p.errors:
        p.error(
            root.pos,
            "missing-inputs",
            "the model has no input: add 'inputs:' (e.g. inputs: {x: [28, 28, 1]}) "
            "or input_shape on the first layer",
        )
    return inputs


def wire(p: Problems, layers: list[CallSpec], inputs: list[InputSpec]) -> list[CallSpec]:
    """Each entry without ``inputs:`` reads the entry above it (the first: the only input)."""
    wired: list[CallSpec] = []
    for i, spec in enumerate(layers):
        if not spec.inputs:
            ref = _previous(p, spec, layers[i - 1] if i else None, inputs)
            if ref is None:
                continue
            spec = replace_field(spec, "inputs", (ref,))
        wired.append(spec)
    return wired


def _previous(
    p: Problems, spec: CallSpec, above: CallSpec | None, inputs: list[InputSpec]
) -> TensorRef | None:
    if CATALOG[spec.kind_name].family == "merging" and not spec.is_share:
        # Keras: "A merge layer should be called on a list of inputs"; reading
        # just the layer above is almost always a forgotten skip connection.
        p.error(
            spec.pos,
            "missing-inputs",
            f"{spec.name}: {spec.type} combines several tensors, so it needs 'inputs:' "
            "naming them (e.g. inputs: [a, b]); it would only read the layer above",
        )
        return None
    if above is not None:
        return TensorRef(above.name, 0, spec.pos)
    if len(inputs) != 1:
        p.error(
            spec.pos,
            "ambiguous-input",
            f"{spec.name}: the first layer reads the model's only input, but there are "
            f"{len(inputs)} inputs ({', '.join(x.name for x in inputs)}); say which with inputs:",
        )
        return None
    return TensorRef(inputs[0].name, 0, spec.pos)


def model_outputs(
    p: Problems, root: YNode, wired: list[CallSpec]
) -> tuple[tuple[TensorRef, ...], Pos]:
    """``outputs:`` as written, or every output of the last entry."""
    outputs: tuple[TensorRef, ...] = (TensorRef(wired[-1].name, -1),) if wired else ()
    out_node = root.get("outputs")
    if out_node is None:
        return outputs, Pos()
    refs = read_refs(p, out_node, "outputs")
    return (refs if refs is not None else outputs), out_node.pos


def is_sequential(
    inputs: list[InputSpec], wired: list[CallSpec], outputs: tuple[TensorRef, ...]
) -> bool:
    """Keras's Sequential model: one input, a chain, and the last layer's whole output."""
    return (
        len(inputs) == 1
        and not any(s.explicit_inputs or s.is_share for s in wired)
        and len(outputs) == 1
        and outputs[0].name == wired[-1].name
        and outputs[0].index in (0, -1)
    )
