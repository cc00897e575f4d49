# keras.io: https://keras.io/examples/structured_data/tabtransformer/
# source: keras-team/keras-io examples/structured_data/tabtransformer.py @ 28d2577f440ffcea1ae6a0feea026a4d9efd29d6
#         (header: Date created 2022/01/18 per keras.io; Keras 3 revision: scalar float Inputs, ops.expand_dims/ops.stack)
# Vocabulary sizes are those of the UCI census (adult) training file: workclass 9, education 16, marital_status 7,
# occupation 15, relationship 6, race 5, gender 2, native_country 42 (values replaced by placeholders).
META = {
    "path": "examples/structured_data/tabtransformer.py",
    "url": "https://keras.io/examples/structured_data/tabtransformer/",
    "commit": "28d2577f440ffcea1ae6a0feea026a4d9efd29d6",
    "last_modified": "2022/01/18 (Keras 3 revision)",
    "venv": "kvenv",
    "desc": "TabTransformer example baseline MLP: 13 scalar Inputs, Embeddings + ops.expand_dims, concatenate, 2 nested Sequential feedforward blocks (LayerNorm/Dense gelu/Dropout), nested Sequential MLP (BatchNorm/Dense selu/Dropout), Dense sigmoid. keras.io reports 109,629 trainable weights",
    "exercises": ["scalar Inputs shape ()", "keras.ops expand_dims nodes", "nested Sequential", "layers.concatenate of 3D and 2D?"],
}
PART = "baseline"
#: the example's code is in kio/tabtransformer.py (the same for each of its models);
#: kio_build.load_module runs it with this PART
CODE = "tabtransformer"
