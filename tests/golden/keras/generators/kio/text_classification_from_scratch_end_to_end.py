# keras.io: https://keras.io/examples/nlp/text_classification_from_scratch/
# source: keras-team/keras-io examples/nlp/text_classification_from_scratch.py @ 01ae2db402523e96f804c6fc3b0a59582e6a671e
#         (header: Date created 2019/11/06 per keras.io; Keras 3 revision)
# TextVectorization.adapt() runs on 6 synthetic sentences instead of IMDB (the vocabulary does not change any
# shape or parameter count: max_tokens=20000 and output_sequence_length=500 are fixed).
META = {
    "path": "examples/nlp/text_classification_from_scratch.py",
    "url": "https://keras.io/examples/nlp/text_classification_from_scratch/",
    "commit": "01ae2db402523e96f804c6fc3b0a59582e6a671e",
    "last_modified": "2019/11/06 (Keras 3 revision)",
    "venv": "hubvenv",
    "desc": "End-to-end model: Input((1,), string) -> TextVectorization(custom_standardization, max_tokens 20000, length 500) -> the trained int model as a nested Functional",
    "exercises": ["TextVectorization inside the model", "string Input", "nested Functional model", "standardize= custom Python function"],
}
PART = "end_to_end"
#: the example's code is in kio/text_classification_from_scratch.py (the same for each of its models);
#: kio_build.load_module runs it with this PART
CODE = "text_classification_from_scratch"
