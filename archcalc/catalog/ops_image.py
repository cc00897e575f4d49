"""``keras.ops.image``: resize, crop/pad, patches, colour spaces, transforms, sobel, ssim.

Image ops take one image (rank 3) or a batch (rank 4) in ``data_format``
(null: channels_last); Keras's shape rules and errors are reproduced.
"""

from __future__ import annotations

from typing import Any, ClassVar

from archcalc.catalog.base import Config
from archcalc.catalog.ops_args import DATA_FORMAT_ARG, arg
from archcalc.catalog.ops_base import OpKind, T, integer, require_rank, tensor
from archcalc.catalog.ops_define import define, define_all
from archcalc.catalog.ops_dtypes import is_float
from archcalc.shapes import ShapeError, conv_output_length


def _hw_axes(cfg: Config) -> tuple[int, int]:
    return (-3, -2) if (cfg.get("data_format") or "channels_last") == "channels_last" else (-2, -1)


def _image(x: Any, what: str = "images") -> T:
    x = tensor(x, what)
    if x.ndim not in (3, 4):
        raise ShapeError(
            f"Invalid {what} rank: expected rank 3 (single image) or rank 4 (batch of images). "
            f"Received input with shape: {what}.shape={x}"
        )
    return x


class Resize(OpKind):
    """``image.resize(images, size)``: height and width become ``size``."""

    counted_as = "image"

    module = "keras.src.ops.image"
    doc = "height and width set to size"

    def spec(self, cfg: Config, images: Any) -> T:
        x = _image(images)
        size = cfg["size"]
        if not isinstance(size, list | tuple) or len(size) != 2:
            raise ShapeError(f"size must be [height, width], got {size!r}")
        shape = list(x.shape)
        h, w = _hw_axes(cfg)
        shape[h], shape[w] = integer(size[0], "size"), integer(size[1], "size")
        return T(tuple(shape), x.dtype)


class SameImage(OpKind):
    """Image ops that keep the images' shape (blur, transforms, colour-space changes)."""

    counted_as = "image"

    module = "keras.src.ops.image"
    doc = "the images' shape"
    #: colour conversions from RGB/HSV need 3 float channels
    needs_rgb: ClassVar[bool] = False

    def spec(self, cfg: Config, images: Any, *rest: Any) -> T:
        x = _image(images)
        if self.needs_rgb:
            if not is_float(x.dtype):
                raise ShapeError(
                    f"Invalid images dtype: expected float dtype. Received: images.dtype={x.dtype}"
                )
            channels = x.shape[-1 if _hw_axes(cfg)[0] == -3 else -3]
            if channels is not None and channels != 3:
                raise ShapeError(
                    f"Input images must have 3 channels, but received images with {channels} channels."
                )
        if self.keras_class == "AffineTransform" and rest:
            t = tensor(rest[0], "transform")
            if t.ndim not in (1, 2):
                raise ShapeError(
                    f"Invalid transform rank: expected rank 1 or 2. Received: transform.shape={t}"
                )
        return T(x.shape, x.dtype)


class Grayscale(OpKind):
    """``image.rgb_to_grayscale(images)``: one channel."""

    counted_as = "grayscale"

    module = "keras.src.ops.image"
    doc = "one channel"

    def spec(self, cfg: Config, images: Any) -> T:
        x = _image(images)
        shape = list(x.shape)
        axis = -1 if _hw_axes(cfg)[0] == -3 else -3
        if shape[axis] is not None and shape[axis] not in (1, 3):
            raise ShapeError(
                f"Invalid channel size: expected 3 (RGB) or 1 (Grayscale). Received input with shape: images.shape={x}"
            )
        shape[axis] = 1
        return T(tuple(shape), x.dtype)


class Framed(OpKind):
    """``image.pad_images`` / ``image.crop_images``: two of (before, after, target) per axis."""

    data_movement = True

    module = "keras.src.ops.image"
    doc = "height and width padded or cropped"

    def spec(self, cfg: Config, images: Any) -> T:
        x = _image(images)
        verb = "padding" if self.keras_class == "PadImages" else "cropping"
        sign = 1 if verb == "padding" else -1
        shape = list(x.shape)
        for axis, (first, second, target) in zip(
            _hw_axes(cfg),
            (
                (f"top_{verb}", f"bottom_{verb}", "target_height"),
                (f"left_{verb}", f"right_{verb}", "target_width"),
            ),
            strict=True,
        ):
            a, b, t = cfg.get(first), cfg.get(second), cfg.get(target)
            if [a, b, t].count(None) != 1:
                raise ShapeError(
                    f"Must specify exactly two of {first}, {second}, {target}. "
                    f"Received: {first}={a}, {second}={b}, {target}={t}"
                )
            for name, v in ((first, a), (second, b), (target, t)):
                if v is not None and integer(v, name) < 0:
                    raise ShapeError(f"{name} must be >= 0. Received: {name}={v}")
            size = shape[axis]
            if t is None:
                if size is None and verb == "cropping":
                    raise ShapeError(
                        f"When the image size is unknown, `{target}` must be specified."
                    )
                t = None if size is None else size + sign * (a + b)
            elif size is not None:
                a = a if a is not None else sign * (t - size) - b
                b = b if b is not None else sign * (t - size) - a
            for name, v in ((first, a), (second, b), (target, t)):
                if v is not None and v < 0:
                    raise ShapeError(f"{name} must be >= 0. Received: {name}={v}")
            shape[axis] = t
        return T(tuple(shape), x.dtype)


class Patches(OpKind):
    """``image.extract_patches(images, size, strides)``: a grid of flattened patches."""

    data_movement = True

    module = "keras.src.ops.image"
    doc = "a grid of flattened patches"

    def spec(self, cfg: Config, images: Any) -> T:
        x = tensor(images, "images")
        size = cfg["size"]
        size = (size, size) if isinstance(size, int) else tuple(size)
        strides = cfg.get("strides") or size
        strides = (strides,) * len(size) if isinstance(strides, int) else tuple(strides)
        last = (cfg.get("data_format") or "channels_last") == "channels_last"
        shape = list(x.shape)
        n = len(size)
        if len(shape) == n + 1:
            shape = [1, *shape]
        if len(shape) != n + 2:
            raise ShapeError(f"extract_patches needs images of rank {n + 1} or {n + 2}, got {x}")
        channels = shape[-1] if last else shape[1]
        spatial = shape[1:-1] if last else shape[2:]
        dil = cfg.get("dilation_rate", 1)
        dil = (dil,) * n if isinstance(dil, int) else tuple(dil)
        padding = str(cfg.get("padding", "valid")).lower()
        out = [
            conv_output_length(s, k, st, padding, d)
            for s, k, st, d in zip(spatial, size, strides, dil, strict=True)
        ]
        filters = None
        if channels is not None:
            filters = channels
            for k in size:
                filters *= k
        full = [shape[0], *out, filters] if last else [shape[0], filters, *out]
        if len(x.shape) == n + 1:
            full = full[1:]
        return T(tuple(full), x.dtype)


class Sobel(OpKind):
    """``image.sobel_edges(images)``: a last axis of 2 (dy, dx); batches only."""

    counted_as = "sobel"

    module = "keras.src.ops.image"
    doc = "a new last axis of 2"

    def spec(self, cfg: Config, images: Any) -> T:
        x = tensor(images, "images")
        require_rank(x, (4,), "images")
        return T((*x.shape, 2), x.dtype)


class SSIM(OpKind):
    """``image.ssim(image1, image2)``: one value per image."""

    counted_as = "ssim"

    module = "keras.src.ops.image"
    doc = "one value per image"

    def spec(self, cfg: Config, image1: Any, image2: Any) -> T:
        a = _image(image1, "image1")
        _image(image2, "image2")
        return T(() if a.ndim == 3 else (a.shape[0],), a.dtype)


class MapCoordinates(OpKind):
    """``image.map_coordinates(inputs, coordinates, order)``: the coordinates' trailing shape."""

    counted_as = "image"

    module = "keras.src.ops.image"
    doc = "coordinates.shape[1:]"

    def spec(self, cfg: Config, inputs: Any, coordinates: Any) -> T:
        x, c = tensor(inputs, "inputs"), tensor(coordinates, "coordinates")
        if c.ndim < 2:
            raise ShapeError(
                f"Invalid coordinates rank: expected at least rank 2. Received input with shape: {c}"
            )
        if c.shape[0] != x.ndim:
            raise ShapeError(
                f"First dim of `coordinates` must be the same as the rank of `inputs`. Received "
                f"inputs with shape: {x} and coordinate leading dim of {c.shape[0]}"
            )
        return T(c.shape[1:], x.dtype)


class ScaleAndTranslate(OpKind):
    """``image.scale_and_translate(images, output_shape, scale, translation, ...)``."""

    counted_as = "scale_translate"

    module = "keras.src.ops.image"
    doc = "the given output_shape"

    def spec(self, cfg: Config, images: Any, output_shape: Any, scale: Any, translation: Any) -> T:
        x = tensor(images, "images")
        if not isinstance(output_shape, list):
            raise ShapeError("output_shape must be a list of sizes")
        return T(tuple(integer(d, "output_shape") for d in output_shape), x.dtype)


def _register() -> None:
    fmt = (DATA_FORMAT_ARG,)
    interp = arg("interpolation", "bilinear")
    define(Resize, "Resize", "image",
           (arg("size"), interp, arg("antialias", False), arg("crop_to_aspect_ratio", False),
            arg("pad_to_aspect_ratio", False), arg("fill_mode", "constant"), arg("fill_value", 0.0),
            DATA_FORMAT_ARG))  # fmt: skip
    define(SameImage, "AffineTransform", "image",
           (interp, arg("fill_mode", "constant"), arg("fill_value", 0), DATA_FORMAT_ARG))  # fmt: skip
    define(
        SameImage, "PerspectiveTransform", "image", (interp, arg("fill_value", 0), DATA_FORMAT_ARG)
    )
    define(
        SameImage,
        "GaussianBlur",
        "image",
        (arg("kernel_size", (3, 3)), arg("sigma", (1.0, 1.0)), DATA_FORMAT_ARG),
    )
    define(SameImage, "ElasticTransform", "image",
           (arg("alpha", 20.0), arg("sigma", 5.0), interp, arg("fill_mode", "reflect"),
            arg("fill_value", 0.0), arg("seed", None), DATA_FORMAT_ARG))  # fmt: skip
    define_all(SameImage, "RGBToHSV HSVToRGB", "image", fmt, needs_rgb=True)
    define(Grayscale, "RGBToGrayscale", "image", fmt)
    sides = ("top", "left", "bottom", "right")
    define(Framed, "PadImages", "image",
           (*(arg(f"{s}_padding", None) for s in sides), arg("target_height", None), arg("target_width", None),
            DATA_FORMAT_ARG))  # fmt: skip
    define(Framed, "CropImages", "image",
           (*(arg(f"{s}_cropping", None) for s in sides), arg("target_height", None), arg("target_width", None),
            DATA_FORMAT_ARG))  # fmt: skip
    define(Patches, "ExtractPatches", "image",
           (arg("size"), arg("strides", None), arg("dilation_rate", 1), arg("padding", "valid"), DATA_FORMAT_ARG))  # fmt: skip
    define(Sobel, "SobelEdges", "image", fmt)
    define(SSIM, "SSIM", "image",
           (arg("max_val", 1.0), arg("filter_size", 11), arg("filter_sigma", 1.5), arg("k1", 0.01),
            arg("k2", 0.03), DATA_FORMAT_ARG))  # fmt: skip
    define(
        MapCoordinates,
        "MapCoordinates",
        "image",
        (arg("order"), arg("fill_mode", "constant"), arg("fill_value", 0)),
    )
    define(ScaleAndTranslate, "ScaleAndTranslate", "image",
           (arg("spatial_dims"), arg("method"), arg("antialias", True)))  # fmt: skip


_register()
