# keras.io: https://keras.io/examples/vision/captcha_ocr/
# source: keras-team/keras-io examples/vision/captcha_ocr.py @ 00bb6a3411d19fa2c28d6413d90fff4fb7424203
#         (header: Date created 2020/06/14, Last modified 2024/03/13, converted to Keras 3)
# The example sets KERAS_BACKEND=tensorflow (its CTC loss uses tf.compat.v1); built with the tensorflow backend.
# Deviation: CTCLayer gets a compute_output_shape (see below) so that it builds symbolically in Keras 3.15.
# Vocabulary: the 19 characters keras.io reports for captcha_images_v2 (StringLookup -> 20 entries incl. OOV).
META = {
    "path": "examples/vision/captcha_ocr.py",
    "url": "https://keras.io/examples/vision/captcha_ocr/",
    "commit": "00bb6a3411d19fa2c28d6413d90fff4fb7424203",
    "last_modified": "2024/03/13",
    "venv": "hubvenv",
    "backend": "tensorflow",
    "desc": "Prediction model cut from the OCR training model: Model(model.input[0], dense2.output) (no CTCLayer; unused label Input dropped)",
    "exercises": ["sub-model of a functional model", "Bidirectional LSTM", "Reshape"],
}
PART = "prediction"
#: the example's code is in kio/captcha_ocr.py (the same for each of its models);
#: kio_build.load_module runs it with this PART
CODE = "captcha_ocr"
