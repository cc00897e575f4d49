"""The signal ops of ``keras.ops.math``: fft, fft2, rfft, irfft, stft, istft,
extract_sequences, segment reductions and the complex views.

The FFT family takes a (real, imaginary) pair of tensors and returns one;
framing ops cut the last axis into windows. Keras's shape rules and errors
are reproduced.
"""

from __future__ import annotations

from typing import Any, ClassVar

from archcalc.catalog.base import Config
from archcalc.catalog.ops_args import arg
from archcalc.catalog.ops_base import OpKind, T, integer, tensor
from archcalc.catalog.ops_define import define, define_all
from archcalc.catalog.ops_dtypes import FLOATX
from archcalc.shapes import ShapeError


# -- signal ---------------------------------------------------------------------------------
def _pair(x: Any) -> tuple[T, T]:
    if not isinstance(x, list) or len(x) != 2:
        raise ShapeError("Input `x` should be a tuple of two tensors - real and imaginary.")
    real, imag = tensor(x[0], "x[0]"), tensor(x[1], "x[1]")
    if real.shape != imag.shape:
        raise ShapeError(
            "Both the real and imaginary parts should have the same shape. Received: "
            f"x[0].shape = {real}, x[1].shape = {imag}"
        )
    return real, imag


class FFT(OpKind):
    """``fft((real, imag))`` / ``fft2`` / ``ifft2``: the same pair of shapes."""

    counted_as = "fft"

    module = "keras.src.ops.math"
    doc = "two outputs (real, imaginary), the input's shape"
    axes: ClassVar[int] = 1

    def spec(self, cfg: Config, x: Any) -> list[T]:
        real, imag = _pair(x)
        if real.ndim < self.axes:
            raise ShapeError(
                f"Input should have rank >= {self.axes}. Received: input.shape = {real}"
            )
        if any(d is None for d in real.shape[-self.axes :]):
            raise ShapeError(
                f"Input should have its last {self.axes} axes fully-defined. Received: input.shape = {real}"
            )
        return [T(real.shape, real.dtype), T(imag.shape, imag.dtype)]


class RFFT(OpKind):
    """``rfft(x, fft_length)``: the last axis ``n // 2 + 1``, real and imaginary."""

    counted_as = "fft"

    module = "keras.src.ops.math"
    doc = "two outputs, the last axis n // 2 + 1"

    def spec(self, cfg: Config, x: Any) -> list[T]:
        x = tensor(x)
        if not x.ndim:
            raise ShapeError(f"Input should have rank >= 1. Received: input.shape = {x}")
        n = cfg.get("fft_length") if cfg.get("fft_length") is not None else x.shape[-1]
        shape = (*x.shape[:-1], None if n is None else n // 2 + 1)
        return [T(shape, x.dtype), T(shape, x.dtype)]


class IRFFT(OpKind):
    """``irfft((real, imag), fft_length)``: the last axis ``fft_length`` (or 2 (n - 1))."""

    counted_as = "fft"

    module = "keras.src.ops.math"
    doc = "the last axis fft_length"

    def spec(self, cfg: Config, x: Any) -> T:
        real, _ = _pair(x)
        n = cfg.get("fft_length")
        if n is None:
            n = None if real.shape[-1] is None else 2 * (real.shape[-1] - 1)
        return T((*real.shape[:-1], n), real.dtype)


class STFT(OpKind):
    """``stft(x, sequence_length, sequence_stride, fft_length)``: frames x bins, twice."""

    counted_as = "fft"

    module = "keras.src.ops.math"
    doc = "two outputs (frames, fft_length // 2 + 1)"

    def spec(self, cfg: Config, x: Any) -> list[T]:
        x = tensor(x)
        fft = integer(cfg["fft_length"], "fft_length")
        frames = None
        if x.shape[-1] is not None:
            padded = (fft // 2) * 2 if cfg.get("center", True) else 0
            frames = 1 + (x.shape[-1] + padded - fft) // integer(
                cfg["sequence_stride"], "sequence_stride"
            )
        shape = (*x.shape[:-1], frames, fft // 2 + 1)
        return [T(shape, x.dtype), T(shape, x.dtype)]


class ISTFT(OpKind):
    """``istft((real, imag), ...)``: the frames overlapped back into a signal."""

    counted_as = "fft"

    module = "keras.src.ops.math"
    doc = "the signal"

    def spec(self, cfg: Config, x: Any) -> T:
        real, _ = _pair(x)
        if real.ndim < 2:
            raise ShapeError(f"Input should have rank >= 2. Received: input.shape = {real}")
        fft = integer(cfg["fft_length"], "fft_length")
        length = cfg.get("length")
        if real.shape[-2] is not None:
            size = (real.shape[-2] - 1) * integer(cfg["sequence_stride"], "sequence_stride") + fft
            if length is not None:
                size = length
            elif cfg.get("center", True):
                size -= (fft // 2) * 2
        else:
            size = length
        return T((*real.shape[:-2], size), real.dtype)


class ExtractSequences(OpKind):
    """``extract_sequences(x, sequence_length, sequence_stride)``: frames of the last axis."""

    data_movement = True

    module = "keras.src.ops.math"
    doc = "(frames, sequence_length)"

    def spec(self, cfg: Config, x: Any) -> T:
        x = tensor(x)
        if not x.ndim:
            raise ShapeError(f"Input should have rank >= 1. Received: input.shape = {x}")
        length = integer(cfg["sequence_length"], "sequence_length")
        frames = None
        if x.shape[-1] is not None:
            frames = 1 + (x.shape[-1] - length) // integer(
                cfg["sequence_stride"], "sequence_stride"
            )
        return T((*x.shape[:-1], frames, length), x.dtype)


class Segment(OpKind):
    """``segment_sum(data, segment_ids, num_segments)``: ``num_segments`` rows."""

    counted_as = "read_once"

    module = "keras.src.ops.math"
    doc = "(num_segments, ...)"

    def spec(self, cfg: Config, data: Any, segment_ids: Any) -> T:
        x = tensor(data, "data")
        return T((cfg.get("num_segments"), *x.shape[1:]), x.dtype)


class ComplexView(OpKind):
    """``view_as_real`` (a last axis of 2, float32) / ``view_as_complex`` (that axis gone)."""

    data_movement = True

    module = "keras.src.ops.math"
    doc = "real pairs to complex values, or back"

    def spec(self, cfg: Config, x: Any) -> T:
        x = tensor(x)
        if self.keras_class == "ViewAsReal":
            return T((*x.shape, 2), FLOATX)
        return T(x.shape[:-1], "complex64")


def _register() -> None:
    define(FFT, "FFT", "math")
    define_all(FFT, "FFT2 IFFT2", "math", axes=2)
    define(RFFT, "RFFT", "math", (arg("fft_length", None),))
    define(IRFFT, "IRFFT", "math", (arg("fft_length", None),))
    frame = (arg("sequence_length"), arg("sequence_stride"), arg("fft_length"))
    define(STFT, "STFT", "math", (*frame, arg("window", "hann"), arg("center", True)))
    define(
        ISTFT,
        "ISTFT",
        "math",
        (*frame, arg("length", None), arg("window", "hann"), arg("center", True)),
    )
    define(
        ExtractSequences,
        "ExtractSequences",
        "math",
        (arg("sequence_length"), arg("sequence_stride")),
    )
    seg = (arg("num_segments", None), arg("sorted", False))
    define_all(Segment, "SegmentSum SegmentMax SegmentMin SegmentProd", "math", seg)
    define_all(ComplexView, "ViewAsComplex ViewAsReal", "math")


_register()
