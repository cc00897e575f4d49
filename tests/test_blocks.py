"""Blocks, repeat, if, variables and computed values in specs.

Each design spec is checked against the same model written out layer by
layer: both must print the same Keras table (names, shapes, counts, row order,
Sequential or Functional). Errors are checked at their file:line:column with
the block instances that produced them.
"""

from __future__ import annotations

import textwrap

import pytest

import archcalc
from archcalc.diagnostics import ArchcalcError
from archcalc.reader.designcheck import SettingError
from archcalc.reader.load import model_from_text
from archcalc.render.table import render_table


def table(text: str, variables: dict | None = None) -> str:
    spec = model_from_text(textwrap.dedent(text), "model.yaml", variables=variables).spec
    return render_table(archcalc.infer(spec))


EQUIVALENT = {
    "repeat-layer-stays-sequential": (
        """
        inputs: {x: [8]}
        layers:
          - {type: Dense, units: 4, repeat: 3}
        """,
        """
        inputs: {x: [8]}
        layers:
          - {type: Dense, units: 4}
          - {type: Dense, units: 4}
          - {type: Dense, units: 4}
        """,
    ),
    "repeat-index-and-names": (
        """
        inputs: {x: [8]}
        layers:
          - {name: "fc${i + 1}", type: Dense, units: "${2 ** (i + 2)}", repeat: 3}
          - {name: out, type: Dense, units: 1, repeat: 2}
        """,
        """
        inputs: {x: [8]}
        layers:
          - {name: fc1, type: Dense, units: 4}
          - {name: fc2, type: Dense, units: 8}
          - {name: fc3, type: Dense, units: 16}
          - {name: out_0, type: Dense, units: 1}
          - {name: out_1, type: Dense, units: 1}
        """,
    ),
    "variables-in-shapes-and-arguments": (
        """
        variables: {width: 16, classes: 3, hidden: "${2 * width}"}
        inputs: {x: [$width]}
        layers:
          - {type: Dense, units: $hidden}
          - {type: Dense, units: $classes, activation: softmax}
        """,
        """
        inputs: {x: [16]}
        layers:
          - {type: Dense, units: 32}
          - {type: Dense, units: 3, activation: softmax}
        """,
    ),
    "block-names-prefixed-auto-names-counted": (
        """
        blocks:
          mlp:
            params: [units, act: relu]
            layers:
              - {name: fc, type: Dense, units: $units, activation: $act}
              - {type: Dense, units: $units}
        inputs: {x: [8]}
        layers:
          - {block: mlp, name: a, units: 4}
          - {block: mlp, name: b, units: 2, act: tanh}
          - {type: Dense, units: 1}
        """,
        """
        inputs: {x: [8]}
        layers:
          - {name: a_fc, type: Dense, units: 4, activation: relu}
          - {type: Dense, units: 4}
          - {name: b_fc, type: Dense, units: 2, activation: tanh}
          - {type: Dense, units: 2}
          - {type: Dense, units: 1}
        """,
    ),
    "residual-block-with-condition": (
        """
        blocks:
          res:
            params: [units, project: false]
            layers:
              - {name: proj, type: Dense, units: $units, if: project}
              - {name: fc, type: Dense, units: $units, inputs: x}
              - {name: add, type: Add, inputs: ["${'proj' if project else 'x'}", fc]}
        inputs: {x: [8]}
        layers:
          - {block: res, name: r1, units: 4, project: true}
          - {block: res, name: "r${i + 2}", units: 4, repeat: 2}
        """,
        """
        inputs: {x: [8]}
        layers:
          - {name: r1_proj, type: Dense, units: 4, inputs: x}
          - {name: r1_fc, type: Dense, units: 4, inputs: x}
          - {name: r1_add, type: Add, inputs: [r1_proj, r1_fc]}
          - {name: r2_fc, type: Dense, units: 4, inputs: r1_add}
          - {name: r2_add, type: Add, inputs: [r1_add, r2_fc]}
          - {name: r3_fc, type: Dense, units: 4, inputs: r2_add}
          - {name: r3_add, type: Add, inputs: [r2_add, r3_fc]}
        """,
    ),
    "nested-blocks-two-inputs-two-outputs": (
        """
        blocks:
          pair:
            inputs: [a, b]
            layers:
              - {name: sum, type: Add, inputs: [a, b]}
              - {name: prod, type: Multiply, inputs: [a, b]}
            outputs: [sum, prod]
          outer:
            layers:
              - {name: fc, type: Dense, units: 4}
              - {block: pair, name: p, inputs: [x, fc]}
              - {name: cat, type: Concatenate, inputs: ["p[0]", "p[1]"]}
        inputs: {x: [4]}
        layers:
          - {block: outer, name: o}
        """,
        """
        inputs: {x: [4]}
        layers:
          - {name: o_fc, type: Dense, units: 4}
          - {name: o_p_sum, type: Add, inputs: [x, o_fc]}
          - {name: o_p_prod, type: Multiply, inputs: [x, o_fc]}
          - {name: o_cat, type: Concatenate, inputs: [o_p_sum, o_p_prod]}
        """,
    ),
    "id-names-for-the-body-only": (
        """
        blocks:
          two:
            layers:
              - {type: Dense, units: 3, id: first}
              - {type: Dense, units: 3, id: second}
              - {type: Add, inputs: [first, second]}
        inputs: {x: [3]}
        layers:
          - {block: two, id: t}
          - {type: Dense, units: 1, inputs: t}
        """,
        """
        inputs: {x: [3]}
        layers:
          - {type: Dense, units: 3, inputs: x}
          - {type: Dense, units: 3}
          - {type: Add, inputs: [dense, dense_1]}
          - {type: Dense, units: 1, inputs: add}
        """,
    ),
    "forward-reference-in-a-block": (
        """
        blocks:
          b:
            layers:
              - {name: late, type: Add, inputs: [x, early]}
              - {name: early, type: Dense, units: 2, inputs: x}
            outputs: [late]
        inputs: {x: [2]}
        layers:
          - {block: b, name: b}
        """,
        """
        inputs: {x: [2]}
        layers:
          - {name: b_late, type: Add, inputs: [x, b_early]}
          - {name: b_early, type: Dense, units: 2, inputs: x}
        outputs: [b_late]
        """,
    ),
    "repeat-zero-and-unnamed-instances": (
        """
        variables: {n: 0}
        blocks:
          one:
            layers:
              - {name: fc, type: Dense, units: 2}
        inputs: {x: [2]}
        layers:
          - {type: Dense, units: 5, repeat: $n}
          - {block: one}
          - {block: one}
        """,
        """
        inputs: {x: [2]}
        layers:
          - {name: one_fc, type: Dense, units: 2}
          - {name: one_1_fc, type: Dense, units: 2}
        """,
    ),
    "trainable-false-on-an-instance": (
        """
        blocks:
          b:
            layers:
              - {type: Dense, units: 2}
              - {type: Dense, units: 2, trainable: true}
        inputs: {x: [2]}
        layers:
          - {block: b, trainable: false}
        """,
        """
        inputs: {x: [2]}
        layers:
          - {type: Dense, units: 2, trainable: false}
          - {type: Dense, units: 2, trainable: true}
        """,
    ),
}


@pytest.mark.parametrize("case", sorted(EQUIVALENT))
def test_design_equals_the_spec_written_out(case: str) -> None:
    design, flat = EQUIVALENT[case]
    assert table(design) == table(flat)


def test_a_dollar_sign_is_written_twice() -> None:
    spec = model_from_text(
        'inputs: {x: [2]}\nlayers:\n  - {name: "cost$$", type: Dense, units: 2}\n', "m.yaml"
    ).spec
    assert spec.layers[0].name == "cost$"
    with pytest.raises(ArchcalcError, match=r"in '\$': '\$' starts \$\{EXPRESSION\} or \$NAME"):
        model_from_text(
            'inputs: {x: [2]}\nlayers:\n  - {name: "cost$", type: Dense, units: 2}\n', "m.yaml"
        )


def test_set_overrides_a_variable() -> None:
    design = """
    variables: {width: 16, rate: 0.5}
    inputs: {x: [$width]}
    layers:
      - {type: Dense, units: "${2 * width}"}
      - {type: Dropout, rate: $rate}
    """
    flat = """
    inputs: {x: [48]}
    layers:
      - {type: Dense, units: 96}
      - {type: Dropout, rate: 1}
    """
    assert table(design, {"width": 48, "rate": 1}) == table(flat)


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        (
            {"widht": 3},
            "declares no variable 'widht' (did you mean 'width'?); its variables: width",
        ),
        ({"width": "wide"}, "the variable is an integer (default '16'), but 'wide' is a string"),
        ({"width": 2.5}, "but '2.5' is a number"),
    ],
)
def test_set_refuses_what_the_spec_cannot_take(variables: dict, message: str) -> None:
    spec = "variables: {width: 16}\ninputs: {x: [$width]}\nlayers:\n  - {type: Dense, units: 2}\n"
    with pytest.raises(SettingError) as exc:
        model_from_text(spec, "model.yaml", variables=variables)
    assert message in str(exc.value)
    assert exc.value.exit_code == 2


def test_set_on_a_spec_without_variables() -> None:
    with pytest.raises(SettingError, match="declares no variable 'width'; its variables: none"):
        model_from_text(
            "inputs: {x: [2]}\nlayers: [{type: Dense, units: 1}]\n",
            "m.yaml",
            variables={"width": 2},
        )


BLOCK = """\
blocks:
  mlp:
    params: [units]
    layers:
      - {name: fc, type: Dense, units: "${units / 2}"}
  outer:
    layers:
      - {block: mlp, name: m, units: 5}
inputs: {x: [4]}
layers:
"""

ERRORS = {
    "error-names-each-instance": (
        BLOCK + "  - {block: outer, name: o}\n",
        [
            (
                5,
                40,
                "invalid-argument",
                "o_m_fc: units must be a positive integer, got 2.5 (${units / 2} gives 2.5)",
                ["in o_m (block mlp) at model.yaml:8:9", "in o (block outer) at model.yaml:11:5"],
            )
        ],
    ),
    "repeat-names-the-repetition": (
        'inputs: {x: [4]}\nlayers:\n  - {type: Dense, units: "${3 - i}", repeat: 5}\n',
        [
            (
                3,
                26,
                "invalid-argument",
                "got 0 (${3 - i} gives 0)",
                ["in repetition i = 3 of 5 at model.yaml:3:5"],
            ),
            (
                3,
                26,
                "invalid-argument",
                "got -1 (${3 - i} gives -1)",
                ["in repetition i = 4 of 5 at model.yaml:3:5"],
            ),
        ],
    ),
    "unknown-name-in-an-expression": (
        'variables: {width: 4}\ninputs: {x: [4]}\nlayers:\n  - {type: Dense, units: "${2 * widht}"}\n',
        [
            (
                4,
                33,
                "invalid-expression",
                "in '${2 * widht}': unknown name 'widht' (did you mean 'width'?)",
                [],
            )
        ],
    ),
    "unknown-name-written-as-$name": (
        "variables: {width: 4}\ninputs: {x: [4]}\nlayers:\n  - {type: Dense, units: $widht}\n",
        [(4, 27, "invalid-expression", "in '$widht': unknown name 'widht'", [])],
    ),
    "unquoted-expression-in-flow-style": (
        "inputs: {x: [4]}\nlayers:\n  - {type: Dense, units: ${2 * 3}}\n",
        [(3, 27, "yaml-syntax", 'inside { } or [ ] must be quoted: "${2 * 3}"', [])],
    ),
    "syntax-error-in-block-style": (
        "inputs: {x: [4]}\nlayers:\n  - type: Dense\n    units: ${2 * (3}\n",
        [(4, 20, "invalid-expression", "expected ')' to close the '('", [])],
    ),
    "unknown-block-and-parameter": (
        BLOCK + "  - {block: mpl}\n  - {block: mlp, unit: 3}\n",
        [
            (
                11,
                13,
                "unknown-block",
                "unknown block 'mpl' (did you mean 'mlp'?); the blocks: mlp, outer",
                [],
            ),
            (
                12,
                18,
                "block-argument",
                "block 'mlp' has no parameter 'unit' (did you mean 'units'?)",
                [],
            ),
        ],
    ),
    "missing-argument": (
        BLOCK + "  - {block: mlp}\n",
        [
            (
                11,
                5,
                "block-argument",
                "block 'mlp' needs the argument 'units' (it has no default)",
                [],
            )
        ],
    ),
    "unknown-reference-in-a-block": (
        "blocks:\n  b:\n    layers:\n      - {name: fc, type: Dense, units: 2, inputs: xx}\n"
        "inputs: {x: [4]}\nlayers:\n  - {block: b, name: inst}\n",
        [
            (
                4,
                51,
                "unknown-reference",
                "block 'b': there is no input or layer named 'xx' in the block (did you mean 'x'?)",
                ["in inst (block b) at model.yaml:7:5"],
            )
        ],
    ),
    "block-uses-itself": (
        "blocks:\n  a:\n    layers: [{block: b}]\n  b:\n    layers: [{block: a}]\n"
        "inputs: {x: [4]}\nlayers:\n  - {block: a}\n",
        [(2, 3, "block-cycle", "block 'a' uses itself (a -> b -> a)", [])],
    ),
    "condition-must-be-boolean": (
        "inputs: {x: [4]}\nlayers:\n  - {type: Dense, units: 2, if: 1 + 1}\n",
        [(3, 33, "invalid-condition", "if must be true or false; got an integer ('2')", [])],
    ),
    "repeat-must-be-a-count": (
        "inputs: {x: [4]}\nlayers:\n  - {type: Dense, units: 2, repeat: 2.5}\n",
        [(3, 37, "invalid-repeat", "repeat must be a whole number; got a number ('2.5')", [])],
    ),
    "block-input-count": (
        "blocks:\n  two:\n    inputs: [a, b]\n    layers: [{type: Add, inputs: [a, b]}]\n"
        "inputs: {x: [4]}\nlayers:\n  - {block: two}\n  - {block: two, inputs: [x]}\n",
        [
            (
                7,
                5,
                "missing-inputs",
                "block 'two' takes 2 inputs (a, b); say which with inputs:",
                [],
            ),
            (8, 26, "input-count", "block 'two' takes 2 input(s) (a, b), got 1", []),
        ],
    ),
    "reserved-parameter-name": (
        "blocks:\n  b:\n    params: [name, units]\n    layers: [{type: Dense, units: $units}]\n"
        "inputs: {x: [4]}\nlayers:\n  - {block: b, units: 2}\n",
        [(3, 14, "invalid-name", "'name' cannot be a parameter", [])],
    ),
    "skipped-entry-referenced": (
        "inputs: {x: [4]}\nblocks:\n  b:\n    layers:\n      - {name: a, type: Dense, units: 2, if: false}\n"
        "      - {type: Dense, units: 2, inputs: a}\n"
        "layers:\n  - {block: b}\n",
        [
            (
                6,
                41,
                "unknown-reference",
                "'a' refers to the entry at line 5, which its 'if:' leaves out here",
                ["in b (block b) at model.yaml:8:5"],
            )
        ],
    ),
}


@pytest.mark.parametrize("case", sorted(ERRORS))
def test_errors_are_positioned_with_their_instances(case: str) -> None:
    text, expected = ERRORS[case]
    with pytest.raises(ArchcalcError) as exc:
        archcalc.infer(model_from_text(text, "model.yaml").spec)
    got = [(d.line, d.column, d.code, d.message, d.via_lines()) for d in exc.value.diagnostics]
    assert len(got) == len(expected), got
    for (line, col, code, msg, via), (gl, gc, gcode, gmsg, gvia) in zip(expected, got, strict=True):
        assert (gl, gc, gcode, gvia) == (line, col, code, via), gmsg
        assert msg in gmsg


def test_format_is_a_traceback() -> None:
    with pytest.raises(ArchcalcError) as exc:
        model_from_text(BLOCK + "  - {block: outer, name: o}\n", "model.yaml")
    assert str(exc.value).splitlines()[1:] == [
        "  in o_m (block mlp) at model.yaml:8:9",
        "  in o (block outer) at model.yaml:11:5",
    ]


@pytest.mark.parametrize(
    ("env", "text", "message"),
    [
        (
            {"ARCHCALC_MAX_REPEAT": "10"},
            "inputs: {x: [2]}\nlayers: [{type: Dense, units: 2, repeat: 11}]\n",
            "repeat must be from 0 to 10; got 11; raise ARCHCALC_MAX_REPEAT",
        ),
        (
            {"ARCHCALC_MAX_LAYERS": "100"},
            "blocks:\n  b:\n    layers: [{type: Dense, units: 2, repeat: 10}]\n"
            "inputs: {x: [2]}\nlayers: [{block: b, repeat: 11}]\n",
            "the model expands to more than 100 layers; raise ARCHCALC_MAX_LAYERS",
        ),
        (
            {"ARCHCALC_MAX_BLOCK_DEPTH": "1"},
            "blocks:\n  a:\n    layers: [{block: b}]\n  b:\n    layers: [{type: Dense, units: 2}]\n"
            "inputs: {x: [2]}\nlayers: [{block: a}]\n",
            "blocks nest deeper than 1 levels; raise ARCHCALC_MAX_BLOCK_DEPTH",
        ),
    ],
)
def test_design_limits(monkeypatch: pytest.MonkeyPatch, env: dict, text: str, message: str) -> None:
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    with pytest.raises(ArchcalcError, match=message.replace("(", r"\(").replace(")", r"\)")):
        model_from_text(text, "model.yaml")


def test_the_layer_limit_is_checked_before_anything_is_made(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """10^10 layers are refused by counting, without making them (memoised per block)."""
    text = (
        "blocks:\n  b1:\n    layers: [{type: Dense, units: 2, repeat: 100000}]\n"
        "  b2:\n    layers: [{block: b1, repeat: 100000}]\n"
        "inputs: {x: [2]}\nlayers: [{block: b2}]\n"
    )
    with pytest.raises(ArchcalcError, match="more than 1,000,000 layers"):
        model_from_text(text, "model.yaml")
