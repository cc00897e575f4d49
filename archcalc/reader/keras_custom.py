"""``archcalc convert`` on a layer archcalc does not know: a custom entry to fill in."""

from __future__ import annotations

from archcalc.diagnostics import Diagnostic, Severity
from archcalc.reader.keras_tensors import TensorReader, mapping, scalar
from archcalc.reader.yamlnodes import YNode


class CustomWriter(TensorReader):
    """Writes an unknown layer as a custom entry, its output shape from the model's records."""

    def declared(
        self,
        layer: YNode,
        cls: YNode,
        name: YNode | None,
        inputs: list[YNode] | None,
        explicit: bool,
        what: str,
    ) -> YNode | None:
        """For ``convert``: an unknown layer as a custom entry, its output shape from the model."""
        label = str(name.value) if name is not None else str(cls.value)
        outs = []
        for t in range(8):
            shape = self.shapes.get((label, 0, t))
            if shape is None:
                break
            outs.append(YNode([scalar(d, cls.pos) for d in shape[1:]], cls.pos, "seq"))
        if not outs:
            self.error(
                cls.pos,
                "unknown-layer-type",
                f"{label}: {what}, and the model does not record its output shape, so it cannot be "
                "written as a custom layer; write the spec by hand (`archcalc docs keras-files`)",
            )
            return None
        custom = mapping(
            cls.pos,
            **(
                {"output_shape": outs[0]}
                if len(outs) == 1
                else {"output_shapes": YNode(outs, cls.pos, "seq")}
            ),
            params=scalar(0, cls.pos),
        )
        items: dict[str, YNode] = {"type": cls, "custom": custom}
        if name is not None:
            items = {"name": name, **items}
        if inputs is not None and (explicit or len(inputs) != 1):
            items["inputs"] = YNode(inputs, inputs[0].pos if inputs else layer.pos, "seq")
        self.warnings.append(
            Diagnostic.at(
                self.path,
                cls.pos,
                "custom-layer",
                f"{label}: {what}; written as a custom layer with its output shape from the model and "
                "params: 0 — fill in its parameter count",
                Severity.WARNING,
            )
        )
        return YNode(items, layer.pos, "map", {k: v.pos for k, v in items.items()})
