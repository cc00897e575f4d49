# keras.io: https://keras.io/examples/nlp/masked_language_modeling/
# source: keras-team/keras-io examples/nlp/masked_language_modeling.py @ 09c4aa9d6978273c043b2c748d40d8792fb9cb28
#         (header: Date created 2020/09/18 per keras.io; Keras 3 + keras_hub.layers.PositionEmbedding revision)
# Config: MAX_LEN 256, VOCAB_SIZE 30000, EMBED_DIM 128, NUM_HEAD 8, FF_DIM 128, NUM_LAYERS 1, LR 0.001
# (the example's Config). The TextVectorization layer stays outside the models in this example.
# As in the example, the MLM model is saved and reloaded with custom_objects before the classifier is cut from it.
META = {
    "path": "examples/nlp/masked_language_modeling.py",
    "url": "https://keras.io/examples/nlp/masked_language_modeling/",
    "commit": "09c4aa9d6978273c043b2c748d40d8792fb9cb28",
    "last_modified": "2020/09/18 (Keras 3 revision)",
    "venv": "hubvenv",
    "desc": "end_to_end_model: class ModelEndtoEnd(keras.Model) overriding evaluate and build, instantiated as ModelEndtoEnd(classifier.inputs, classifier.outputs) on the already-built classifier graph (so its layers are shared with the classifier), after unfreezing the BERT sub-model",
    "exercises": ["keras.Model subclass with build() override called functionally", "graph reused from another model (layers shared)", "nested Functional unfrozen after compile"],
}
PART = "end_to_end"
#: the example's code is in kio/masked_language_modeling.py (the same for each of its models);
#: kio_build.load_module runs it with this PART
CODE = "masked_language_modeling"
