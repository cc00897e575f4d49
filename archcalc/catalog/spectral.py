"""SpectralNormalization (keras/src/layers/normalization) and the spectrograms MelSpectrogram
and STFTSpectrogram (keras/src/layers/preprocessing).

SpectralNormalization wraps a layer that has a ``kernel`` (or ``embeddings``)
weight and adds ``vector_u`` ``(1, kernel.shape[-1])``, non-trainable, in
the kernel's dtype. Keras tracks the wrapped kernel as the wrapper's own
variable, so the weights list ``<inner>/kernel``, ``vector_u``, then the rest
of the inner layer's (``<inner>/bias``).

MelSpectrogram has no weights; its frame count is Keras's symbolic one,
``(T + sequence_stride + 1) // sequence_stride``, one more than the frames it
computes when ``T % sequence_stride == sequence_stride - 1`` (what
``summary()`` shows). A rank-1 input ``(None,)`` is one unbatched signal:
``(num_mel_bins, frames)``. STFTSpectrogram computes its transform as a
convolution whose kernels, ``real_kernel`` and ``imag_kernel``
``(frame_length, 1, fft_length // 2 + 1)``, are ordinary trainable weights.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from archcalc.catalog.args import (
    BOOL,
    DATA_FORMAT,
    POS_INT,
    REQUIRED,
    Arg,
    Choice,
    Float,
    Nullable,
    Str,
)
from archcalc.catalog.base import (
    Config,
    LayerKind,
    WeightSpec,
    register,
    require,
)
from archcalc.catalog.convolutional import channel_axis, windowed_lengths
from archcalc.catalog.nested import LayerArg, NestedLayer, name_nested
from archcalc.catalog.preprocessing import PreprocessingKind
from archcalc.shapes import Shape, ShapeError, format_shape


def _one_input(kind: LayerKind) -> str | None:
    if kind.min_inputs == 1 and kind.max_inputs == 1:
        return None
    return (
        f"SpectralNormalization calls its layer on one tensor; {kind.name} takes a list of inputs"
    )


#: the weights Keras normalises, by the name the wrapped layer gives them
NORMALISED = ("kernel", "embeddings")


@register("SpectralNormalization", family="normalization")
class SpectralNormalization(LayerKind):
    """The wrapped layer, its kernel normalised by its largest singular value while training."""

    weights_doc = "the wrapped layer's, and ``vector_u`` ``(1, kernel.shape[-1])`` (non-trainable)"

    supports_masking = False
    takes_mask = False
    inference_identity = False
    data_movement = False
    trainable_lost_on_load = False

    min_ndim = 1
    ARGS = (
        Arg(
            "layer",
            LayerArg("a layer with a kernel", "{type: Dense, units: 8}", _one_input),
            REQUIRED,
            "the layer whose kernel (or embeddings) is normalised",
        ),
        Arg("power_iterations", POS_INT, 1, "power-iteration steps per training step"),
    )

    def output_shape(self, cfg: Config, inputs: list[Shape]) -> Shape:
        layer: NestedLayer = cfg["layer"]
        return layer.outputs(inputs, "on")[0]

    def weights(self, cfg: Config, inputs: list[Shape]) -> list[WeightSpec]:
        layer: NestedLayer = cfg["layer"]
        inner = layer.weights(inputs, layer.label)
        names = [f"{layer.label}/{n}" for n in NORMALISED]
        kernel = next((w for w in inner if w.name in names), None)
        if kernel is None:
            raise ShapeError(
                f"SpectralNormalization normalises its layer's kernel (or embeddings), but this "
                f"{layer.type} has neither (Keras: \"{layer.type} object has no attribute 'kernel' "
                "nor 'embeddings'\"); wrap a Dense, a convolution, an Embedding..."
            )
        u = WeightSpec("vector_u", (1, kernel.shape[-1]), trainable=False, dtype=kernel.dtype)
        if layer.config.get("lora_rank"):  # the kernel is then computed, not a variable of its own
            return [u, *inner]
        return [kernel, u, *(w for w in inner if w is not kernel)]

    def build_axes(self, cfg: Config, inputs: list[Shape]) -> dict[int, int]:
        d = inputs[0][-1]
        return {-1: d} if d is not None else {}

    def children(self, cfg: Config) -> tuple[NestedLayer]:
        """The wrapped layer."""
        return (cfg["layer"],)

    def name_sublayers(self, cfg: Config, namer: Callable[[str], str]) -> Config:
        return name_nested(cfg, ("layer",), namer)


@register("MelSpectrogram")
class MelSpectrogram(PreprocessingKind):
    """``(B, T)`` -> ``(B, num_mel_bins, frames)``, Keras's symbolic frame count."""

    ARGS = (
        Arg("fft_length", POS_INT, 2048, "FFT size (at least sequence_length)"),
        Arg("sequence_stride", POS_INT, 512, "samples between frames"),
        Arg("sequence_length", Nullable(POS_INT), None, "window length; null: fft_length"),
        Arg("window", Nullable(Str()), "hann", display=True),
        Arg("sampling_rate", Float(min=0, min_open=True), 16000, display=True),
        Arg("num_mel_bins", POS_INT, 128, "mel bands: the output's second axis"),
        Arg("min_freq", Float(), 20.0, display=True),
        Arg("max_freq", Nullable(Float()), None, "null: sampling_rate / 2", display=True),
        Arg("power_to_db", BOOL, True, display=True),
        Arg("top_db", Float(), 80.0, display=True),
        Arg("mag_exp", Float(), 2.0, display=True),
        Arg("min_power", Float(), 1e-10, display=True),
        Arg("ref_power", Float(), 1.0, display=True),
    )

    def validate(self, cfg: Config) -> None:
        cfg["sequence_length"] = cfg["sequence_length"] or cfg["fft_length"]
        cfg["max_freq"] = cfg["max_freq"] or int(cfg["sampling_rate"] / 2)
        require(
            cfg["fft_length"] >= cfg["sequence_length"],
            f"fft_length {cfg['fft_length']} must be at least sequence_length "
            f"{cfg['sequence_length']} (Keras refuses it)",
            "fft_length",
        )

    @staticmethod
    def frames(cfg: Config, length: int | None) -> int | None:
        stride = cfg["sequence_stride"]
        return None if length is None else (length + stride + 1) // stride

    def output_shape(self, cfg: Config, inputs: list[Shape]) -> Shape:
        shape = inputs[0]
        if len(shape) == 1:  # one unbatched signal, as Keras reads it
            return (cfg["num_mel_bins"], self.frames(cfg, shape[0]))
        return (shape[0], cfg["num_mel_bins"], self.frames(cfg, shape[1]))


STFT_MODES = ("log", "magnitude", "psd", "real", "imag", "angle", "stft")


def stft_sizes(cfg: Config) -> tuple[int, int]:
    """Keras's resolved ``frame_step`` and ``fft_length``."""
    step = cfg["frame_step"] or cfg["frame_length"] // 2
    fft = cfg["fft_length"] or 2 ** math.ceil(math.log2(cfg["frame_length"]))
    return step, fft


@register("STFTSpectrogram")
class STFTSpectrogram(PreprocessingKind):
    """``(B, T, C)`` -> ``(B, frames, F * C)`` (``expand_dims``: ``(B, frames, F, C)``),
    ``F = fft_length // 2 + 1``, doubled in mode 'stft'."""

    #: frame step and FFT length, for the cost rule (asked of the kind)
    sizes = staticmethod(stft_sizes)

    weights_doc = "``real_kernel``, ``imag_kernel`` ``(frame_length, 1, fft_length // 2 + 1)``"

    ndim = 3
    ARGS = (
        Arg("mode", Choice(STFT_MODES), "log", "what the output holds; 'stft' doubles F"),
        Arg("frame_length", POS_INT, 256, "samples per frame"),
        Arg(
            "frame_step", Nullable(POS_INT), None, "samples between frames; null: frame_length // 2"
        ),
        Arg("fft_length", Nullable(POS_INT), None, "null: the power of 2 >= frame_length"),
        Arg("window", Nullable(Str()), "hann", display=True),
        Arg("periodic", BOOL, False, display=True),
        Arg("scaling", Nullable(Choice(("density", "spectrum"))), "density", display=True),
        Arg("padding", Choice(("valid", "same")), "valid"),
        Arg("expand_dims", BOOL, False, "keep frequency and channels apart"),
        Arg("data_format", DATA_FORMAT, "channels_last"),
    )

    def validate(self, cfg: Config) -> None:
        step, length = cfg["frame_step"], cfg["frame_length"]
        require(
            step is None or step <= length,
            f"frame_step {step} must not be greater than frame_length {length} (Keras refuses it)",
            "frame_step",
        )
        require(
            step is not None or length > 1,
            "frame_length 1 leaves frame_step (frame_length // 2) at 0; give a frame_step",
            "frame_length",
        )
        fft = cfg["fft_length"]
        require(
            fft is None or fft >= length,
            f"fft_length {fft} must be at least frame_length {length} (Keras refuses it)",
            "fft_length",
        )

    def output_shape(self, cfg: Config, inputs: list[Shape]) -> Shape:
        shape = inputs[0]
        step, fft = stft_sizes(cfg)
        freq = (fft // 2 + 1) * (2 if cfg["mode"] == "stft" else 1)
        channels = shape[channel_axis(cfg)]
        if channels is None:
            raise ShapeError(
                f"the channel axis of the input {format_shape(shape)} is unknown (None), but the "
                f'output has {freq} frequency bins per channel (Keras: "unsupported operand '
                "type(s) for *: 'int' and 'NoneType'\"); give the channels a size"
            )
        try:
            (frames,) = windowed_lengths(
                cfg, shape, 1, (cfg["frame_length"],), (step,), cfg["padding"], what="frame_length"
            )
        except ShapeError as exc:
            raise ShapeError(
                f'{exc} (Keras: "Computed output size would be zero or negative")'
            ) from None
        first = cfg["data_format"] == "channels_first"
        if cfg["expand_dims"]:
            return (
                (shape[0], channels, frames, freq) if first else (shape[0], frames, freq, channels)
            )
        return (shape[0], freq * channels, frames) if first else (shape[0], frames, freq * channels)

    def weights(self, cfg: Config, inputs: list[Shape]) -> list[WeightSpec]:
        _, fft = stft_sizes(cfg)
        shape = (cfg["frame_length"], 1, fft // 2 + 1)
        w = [] if cfg["mode"] == "imag" else [WeightSpec("real_kernel", shape)]
        return w if cfg["mode"] == "real" else [*w, WeightSpec("imag_kernel", shape)]
