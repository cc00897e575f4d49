# keras.io: https://keras.io/examples/audio/stft/
# source: keras-team/keras-io examples/audio/stft.py @ 311b1919825a3ee1ec1839a9cf311a07f2b56ca5
#         (header: Date created 2024/10/04, Last modified 2025/12/08). SAMPLE_RATE 16000, NUM_CLASSES 10 (ESC-10).
# model2d: keras.applications.MobileNet(include_top=False, pooling="max") uses weights=None here (example: the
# default ImageNet weights; same shapes and counts).
META = {
    "path": "examples/audio/stft.py",
    "url": "https://keras.io/examples/audio/stft/",
    "commit": "311b1919825a3ee1ec1839a9cf311a07f2b56ca5",
    "last_modified": "2025/12/08",
    "venv": "kvenv",
    "desc": "2D audio classifier: one waveform Input((None,1)) -> three trainable STFTSpectrogram(expand_dims, same padding, fft 2048) -> Concatenate(-1) -> nested keras.applications.MobileNet(include_top=False, pooling=max) -> Dense head",
    "exercises": ["STFTSpectrogram expand_dims (conv on spectrograms)", "nested application model on dynamic spatial dims", "shared Input fan-out"],
}
PART = "2d"
#: the example's code is in kio/stft_model1d.py (the same for each of its models);
#: kio_build.load_module runs it with this PART
CODE = "stft_model1d"
