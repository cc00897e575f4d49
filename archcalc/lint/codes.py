"""Rule IDs for problems found before the lint rules run: loading and inference.

The loader, graph builder and engine already give every diagnostic a stable
code; ``archcalc lint`` reports them under that code as error findings (a
spec that cannot be loaded or inferred cannot be linted further). They
cannot be disabled. The loader's warnings (:data:`LOAD_WARNINGS`) are
reported as warnings. This table documents them for ``--list-rules`` and SARIF;
tests check that every code the loader and engine emit is listed here.
"""

from __future__ import annotations

LOAD_CODES: dict[str, str] = {
    # reading the file
    "io-error": "The file cannot be read (missing, a directory, no permission).",
    "file-too-large": "The file is larger than ARCHCALC_MAX_FILE_BYTES.",
    "encoding": "The file is binary or not UTF-8.",
    # YAML
    "yaml-syntax": "The YAML cannot be parsed.",
    "yaml-tag": "A YAML tag (!!python/object, !custom...) that would construct an object.",
    "yaml-value": "A scalar that does not fit its YAML tag, or a bad merge key.",
    "yaml-key": "A mapping key that is not a plain string.",
    "yaml-multiple-documents": "More than one YAML document in one spec.",
    "yaml-too-deep": "Nesting deeper than ARCHCALC_MAX_YAML_DEPTH.",
    "yaml-too-large": "More YAML nodes (after alias expansion) than ARCHCALC_MAX_YAML_NODES.",
    "invalid-limit": "An ARCHCALC_MAX_* environment variable that is not a positive integer.",
    "json-syntax": "A JSON file (spec or Keras model) that is not valid JSON.",
    "duplicate-key": "The same key twice in one mapping.",
    # Keras files
    "keras-archive": "A .keras file that is not a readable Keras archive (zip, config.json).",
    "keras-config": "A Keras model config archcalc cannot read (no layers, a layer without config...).",
    "ignored-argument": "A Keras config key archcalc does not know, assumed not to change shapes "
    "or counts (a warning).",
    "custom-layer": "convert wrote a layer archcalc does not know as a custom layer whose "
    "parameter count is to be filled in (a warning).",
    "opaque-layer": "A layer archcalc cannot compute (a custom layer, Lambda, a framework "
    "bridge): its output shape read from the file, its parameters from the archive's weights "
    "with --read-weights-shapes, else counted as 0 (a warning).",
    "fill-in": "A custom layer's output shape still marked FILL_IN, as convert wrote it where "
    "the Keras file does not record it.",
    "missing-extra": "An option that needs an optional extra which is not installed "
    "(--read-weights-shapes: archcalc[h5]).",
    "model-subclass": "A keras.Model or Sequential subclass: its graph of layers is read, its "
    "class's Python code (train_step, call) is not (a warning).",
    "trainable-lost": "A layer whose trainable: false Keras 3 does not apply when it loads the "
    "file (MultiHeadAttention, ConvLSTM, a wrapper of trainable layers); counted as Keras counts "
    "it (a warning).",
    # keras_hub backbone configs and Hugging Face configs
    "unknown-backbone": "A keras_hub backbone class archcalc does not model.",
    "hf-config": "A Hugging Face config.json keras_hub's converters cannot map (no converter for "
    "its model_type, a key the converter needs); as a warning, the keys the mapping used and "
    "ignored.",
    "ignored-key": "A backbone config key the backbone class does not take (keras.Model ignores "
    "it; a warning).",
    # the spec format
    "empty-spec": "The file is empty.",
    "invalid-spec": "The document is not a mapping.",
    "unknown-key": "A key the spec format does not have (top level or input).",
    "missing-layers": "No non-empty 'layers:' list.",
    "missing-inputs": "No 'inputs:' and no input_shape on the first layer, or a merge layer "
    "without 'inputs:' naming what it combines.",
    "invalid-inputs": "'inputs:' is not a mapping of name to shape.",
    "invalid-shape": "A shape that is not a list of positive sizes or null.",
    "invalid-value": "An input's batch_size or dtype is invalid.",
    "invalid-layer": "A layer entry that is not a mapping.",
    "invalid-name": "A model or layer name that is empty, not a string, or contains '/'.",
    "missing-type": "A layer entry with neither 'type' nor 'share'.",
    "unknown-layer-type": "A layer type archcalc does not know.",
    "unknown-argument": "An argument the layer type does not take.",
    "invalid-argument": "An argument value the layer type refuses, or a missing required one.",
    "share-argument": "An argument on a share entry (arguments belong to the shared layer).",
    "misplaced-input-shape": "input_shape or input_dim on a layer other than the first.",
    "duplicate-input": "Inputs given both under 'inputs:' and as input_shape.",
    "duplicate-name": "Two layers or inputs with the same name.",
    "ambiguous-input": "The first layer has no 'inputs' but the model has several inputs.",
    "invalid-reference": "A malformed reference, or an output index a layer does not have.",
    "unknown-reference": "A reference to a layer or input that does not exist.",
    # designs: variables, blocks, repeat, expressions
    "invalid-expression": "A ${...} expression (or an if:/repeat: value) that cannot be parsed "
    "or computed: a syntax error, an unknown name, a division by zero, a result too large.",
    "invalid-variable": "A 'variables:' section that is not a mapping, or a --set value of the "
    "wrong kind.",
    "unknown-variable": "A --set NAME=VALUE for a variable the spec does not declare.",
    "invalid-block": "A block definition archcalc cannot use (no layers, an unknown key, a bad "
    "parameter or input list), or blocks nested deeper than ARCHCALC_MAX_BLOCK_DEPTH.",
    "unknown-block": "An entry's block: names no block under 'blocks:'.",
    "block-argument": "An argument a block does not take, or a required one missing.",
    "block-cycle": "Blocks that use themselves, directly or through others.",
    "invalid-repeat": "A repeat: count that is not a whole number from 0 to ARCHCALC_MAX_REPEAT, "
    "or an index: that is not a name.",
    "invalid-condition": "An if: value that is not true or false.",
    "too-many-layers": "A design that expands to more layers than ARCHCALC_MAX_LAYERS.",
    # the graph and inference
    "cycle": "Layers that depend on their own output.",
    "input-count": "A layer called on more or fewer inputs than it takes.",
    "shape-error": "A layer that cannot take its input shape (Keras would raise).",
    "internal-error": "A bug in archcalc while inferring a layer; please report it.",
    "input-too-big": "The file needs more memory, or nests deeper, than archcalc can process.",
    # lint itself
    "bad-directive": "An '# archcalc:' comment archcalc cannot read.",
    "symlink-skipped": "A symbolic link found while walking a directory that leads out of it: "
    "not read (a warning).",
}

#: Codes the loader reports as warnings (the spec still loads).
LOAD_WARNINGS = frozenset(
    {
        "ignored-argument",
        "custom-layer",
        "trainable-lost",
        "symlink-skipped",
        "model-subclass",
        "opaque-layer",
        "ignored-key",
        "hf-config",
    }
)
