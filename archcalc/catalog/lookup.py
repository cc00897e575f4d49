"""Lookup and text layers (keras/src/layers/preprocessing): StringLookup, IntegerLookup,
TextVectorization; the shared encodings and the other lookup kinds are in ``encoding.py``.

None has weights (Keras counts no parameters; TF-IDF weights are a TensorFlow variable, not a
Keras one). The output depth of the ``one_hot``, ``multi_hot``, ``count`` and ``tf_idf``
modes is ``max_tokens`` with ``pad_to_max_tokens``, else the vocabulary's size: the
``vocabulary`` list plus ``num_oov_indices`` OOV tokens plus 1 for ``mask_token`` in ``int``
mode only (leading mask/OOV tokens in the list are not counted twice). A layer adapted on
data, or given a vocabulary file, has no list: its size is ``vocabulary_size``, the argument
Keras's ``get_config`` writes (and its constructor accepts), which a ``.keras`` file carries
and a spec may give. archcalc never opens a vocabulary file a model names.

The shapes are Keras's symbolic ones, what ``summary()`` shows; where running the layer
gives another (multi_hot on ``(None,)`` reports ``(depth,)``, the batch axis consumed;
TextVectorization multi_hot on ``(None, 1)`` reports ``(None, 1, depth)`` but returns
``(batch, depth)``), docs/layer-catalog.md lists them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from archcalc.catalog.args import (
    BOOL,
    NONNEG_INT,
    AnyValue,
    Arg,
    ArgError,
    ArgType,
    Choice,
    Custom,
    Int,
    ListOf,
    Nullable,
    Str,
)
from archcalc.catalog.base import Config, register, require
from archcalc.catalog.encoding import SALT, LookupKind, encoded
from archcalc.shapes import Shape

MODES = ("int", "one_hot", "multi_hot", "count", "tf_idf")
#: Keras's deprecated spellings, read as the current ones.
OLD_MODES = {"binary": "multi_hot", "tf-idf": "tf_idf"}


def output_mode(modes: tuple[str, ...]) -> Custom:
    def check(value: Any) -> str:
        value = OLD_MODES.get(value, value) if isinstance(value, str) else value
        return Choice(modes).check(value)

    return Custom(check, "one of " + ", ".join(repr(m) for m in modes), {"enum": list(modes)})


def _vocabulary(value: Any) -> Any:
    """A list of tokens, or a string: the path of a vocabulary file (never opened)."""
    if isinstance(value, str):
        return value
    if not isinstance(value, (list, tuple)):
        raise ValueError
    return tuple(value)


VOCABULARY = Arg(
    "vocabulary",
    Nullable(Custom(_vocabulary, "a list of tokens or a file path", {})),
    None,
    "the tokens (a file path is never read: give vocabulary_size with it)",
)
VOCABULARY_SIZE = Arg(
    "vocabulary_size",
    Nullable(NONNEG_INT),
    None,
    "the vocabulary's size with its OOV and mask tokens, as Keras's get_config writes it "
    "(an adapted layer's, or a vocabulary file's)",
)
IDF_WEIGHTS = Arg("idf_weights", Nullable(ListOf(AnyValue())), None, "tf_idf: one per token")
MAX_TOKENS = Arg("max_tokens", Nullable(Int(min=2)), None, "the largest vocabulary (OOV included)")
SPARSE = Arg("sparse", BOOL, False, "sparse output (TensorFlow backend only)")
TORCH = (
    "Keras raises this under the torch and JAX backends, and archcalc follows Keras's torch results"
)


def torch_refuses(cfg: Config, arg: str) -> None:
    require(not cfg[arg], f"{arg}: true works only with the TensorFlow backend ({TORCH})", arg)


def _hashable(token: Any) -> Any:
    """A token as a dict key (a YAML token may be a list or a mapping, which Keras refuses
    later; here it only has to be counted)."""
    try:
        hash(token)
    except TypeError:
        return repr(token)
    return token


def vocab_size(
    cfg: Config, special: list[Any], token: ArgType, where: str = "vocabulary"
) -> int | None:
    """Keras's vocabulary size: the list's tokens plus the special ones (or vocabulary_size)."""
    vocabulary, given = cfg["vocabulary"], cfg["vocabulary_size"]
    if isinstance(vocabulary, tuple):
        for t in vocabulary:
            try:
                token.check(t)
            except ArgError:
                require(False, f"{where} must be a list of tokens, each {token.describe}", where)
    if not isinstance(vocabulary, tuple):
        if isinstance(vocabulary, str) and given is None and cfg["output_mode"] != "int":
            require(
                cfg["pad_to_max_tokens"],
                f"{where} is a file path, which archcalc does not open (it reads untrusted "
                "models): give vocabulary_size (the file's lines plus the OOV and mask tokens, "
                "as Keras's get_config writes it) or the vocabulary as a list",
                "vocabulary",
            )
        return given
    require(bool(vocabulary), f"{where} is empty (Keras: 'Cannot set an empty vocabulary')")
    tokens = (
        vocabulary[len(special) :] if list(vocabulary[: len(special)]) == special else vocabulary
    )
    repeated = sorted(str(t) for t, n in Counter(_hashable(t) for t in tokens).items() if n > 1)
    require(
        not repeated,
        f"{where} repeats {', '.join(repeated[:3])} (Keras: 'has at least one repeated term')",
        "vocabulary",
    )
    mask = cfg.get("mask_token")
    require(
        mask is None or mask not in tokens,
        f"{where} holds the mask token {mask!r} after its start (Keras: 'Found reserved mask "
        "token at unexpected location'); remove it or put the special tokens first",
        "vocabulary",
    )
    oov = cfg.get("oov_token")
    require(
        not cfg.get("invert") or oov not in tokens,
        f"{where} holds the OOV token {oov!r} after its start, which invert cannot map back "
        "(Keras: 'Found reserved OOV token at unexpected location')",
        "vocabulary",
    )
    size = len(special) + len(tokens)
    require(
        cfg["max_tokens"] is None or size <= cfg["max_tokens"],
        f"the vocabulary has {size} tokens with the OOV and mask tokens, more than "
        f"max_tokens {cfg['max_tokens']}",
        "max_tokens",
    )
    if cfg["output_mode"] == "tf_idf":
        weights = cfg["idf_weights"]
        require(
            weights is not None,
            "tf_idf with a vocabulary needs idf_weights, one per token",
            "idf_weights",
        )
        require(
            len(weights) == len(vocabulary),
            f"idf_weights has {len(weights)} values for {len(vocabulary)} tokens",
            "idf_weights",
        )
    require(
        given is None or given == size or cfg["output_mode"] == "int" or cfg["pad_to_max_tokens"],
        f"vocabulary_size {given} does not match the vocabulary ({size} tokens with the OOV and "
        "mask tokens); leave it out",
        "vocabulary_size",
    )
    return size


def check_modes(cfg: Config) -> None:
    """The checks Keras's lookup constructors share."""
    mode = cfg["output_mode"]
    require(
        not (cfg["pad_to_max_tokens"] and cfg["max_tokens"] is None),
        "pad_to_max_tokens needs max_tokens",
        "max_tokens",
    )
    require(
        cfg["idf_weights"] is None or mode == "tf_idf",
        f"idf_weights is only for output_mode tf_idf, not {mode}",
        "idf_weights",
    )
    if isinstance(cfg["vocabulary"], str):
        require(mode != "tf_idf", "tf_idf cannot load a vocabulary file", "vocabulary")


def lookup_args(token: ArgType, oov: Any) -> tuple[Arg, ...]:
    """The arguments of Keras's IndexLookup, for a token type and its OOV token."""
    return (
        MAX_TOKENS,
        Arg("num_oov_indices", NONNEG_INT, 1, "OOV tokens"),
        Arg("mask_token", Nullable(token), None, "the token that means padding"),
        Arg("oov_token", token, oov, display=True),
        VOCABULARY,
        IDF_WEIGHTS,
        Arg("invert", BOOL, False, "indices to tokens (int mode only)"),
        Arg("output_mode", output_mode(MODES), "int"),
        Arg("pad_to_max_tokens", BOOL, False, "encode to max_tokens values"),
        SPARSE,
        Arg("oov_method", Choice(("floormod", "farmhash")), "floormod", display=True),
        SALT,
        VOCABULARY_SIZE,
        Arg("has_input_vocabulary", Nullable(BOOL), None, display=True),
        # Keras pops dtype (and serialises float32): the output dtypes are the layer's own
        Arg("dtype", AnyValue(), None, display=True),
    )


class IndexLookupKind(LookupKind):
    """Keras's IndexLookup: tokens to indices, or to an encoding of ``depth`` values."""

    common_args = ()
    token: ArgType = Str()

    def validate(self, cfg: Config) -> None:
        cfg["dtype"] = None  # Keras pops it and serialises float32
        mode = cfg["output_mode"]
        check_modes(cfg)
        require(not (cfg["invert"] and mode != "int"), "invert needs output_mode int", "invert")
        torch_refuses(cfg, "sparse")
        oov_start = 1 if cfg["mask_token"] is not None and mode == "int" else 0
        special = [cfg["mask_token"]] * oov_start + [cfg["oov_token"]] * cfg["num_oov_indices"]
        size = vocab_size(cfg, special, self.token)
        cfg["vocabulary_size"] = size  # vocab_size gives back vocabulary_size when it counts none

    def depth(self, cfg: Config) -> int | None:
        return cfg["max_tokens"] if cfg["pad_to_max_tokens"] else cfg["vocabulary_size"]

    def output_shape(self, cfg: Config, inputs: list[Shape]) -> Shape:
        return encoded(cfg["output_mode"], inputs[0], self.depth(cfg))

    def output_dtype(self, cfg: Config, inputs: Sequence[str]) -> str:
        return "int64" if cfg["output_mode"] == "int" else "float32"


@register("StringLookup", family="lookup")
class StringLookup(IndexLookupKind):
    """Maps strings to indices (or encodes them); the OOV token is ``[UNK]``."""

    token = Str()
    ARGS = (
        *lookup_args(Str(), "[UNK]"),
        Arg("encoding", Str(), "utf-8", display=True),
    )


@register("IntegerLookup", family="lookup")
class IntegerLookup(IndexLookupKind):
    """Maps integers to indices (or encodes them); the OOV token is -1."""

    token = Int()
    ARGS = (
        *lookup_args(Int(), -1),
        Arg("vocabulary_dtype", Choice(("int64",)), "int64", "Keras supports int64 only"),
    )

    def validate(self, cfg: Config) -> None:
        super().validate(cfg)
        require(
            cfg["oov_method"] == "farmhash" or cfg["salt"] is None,
            "salt needs oov_method farmhash for integer vocabularies",
            "salt",
        )


STANDARDIZE = ("lower_and_strip_punctuation", "lower", "strip_punctuation")
SPLIT = ("whitespace", "character")


def _named_or_function(names: tuple[str, ...]) -> Custom:
    def check(value: Any) -> Any:
        if isinstance(value, dict):
            return value  # a registered Python function, serialised: kept as is
        return Choice(names).check(value)

    return Custom(check, " or ".join(repr(n) for n in names) + ", null, or a function")


def _ngrams(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return tuple(Int().check(v) for v in value)
    return Int().check(value)


@register("TextVectorization", family="lookup")
class TextVectorization(LookupKind):
    """Splits strings into tokens and looks them up with a StringLookup it makes itself.

    ``int`` gives ``(batch, output_sequence_length)`` (``None`` without one), whatever the
    input's rank; the other modes encode a token axis appended to the input (none with
    ``split: null``). The vocabulary counts ``""`` (the mask, int mode only) and ``[UNK]``.
    ``output_mode: one_hot`` is refused: Keras reports a shape for it and then fails when
    the layer runs. Its StringLookup takes the next ``string_lookup`` auto-name, also when
    the layer has a name of its own.
    """

    build_sublayers = ("StringLookup",)
    ARGS = (
        MAX_TOKENS,
        Arg("standardize", Nullable(_named_or_function(STANDARDIZE)), STANDARDIZE[0]),
        Arg("split", Nullable(_named_or_function(SPLIT)), "whitespace"),
        Arg(
            "ngrams",
            Nullable(Custom(_ngrams, "an integer or a list of integers", {})),
            None,
            "n-gram sizes: n (1 to n) or a list",
        ),
        Arg("output_mode", output_mode(("int", "multi_hot", "count", "tf_idf", "one_hot")), "int"),
        Arg("output_sequence_length", Nullable(Int(min=0)), None, "int mode: pad or cut to it"),
        Arg("pad_to_max_tokens", BOOL, False, "encode to max_tokens values"),
        VOCABULARY,
        IDF_WEIGHTS,
        SPARSE,
        Arg("ragged", BOOL, False, "ragged output (TensorFlow backend only)"),
        Arg("encoding", Str(), "utf-8", display=True),
        VOCABULARY_SIZE,
        Arg("has_input_vocabulary", Nullable(BOOL), None, display=True),
    )

    def validate(self, cfg: Config) -> None:
        mode = cfg["output_mode"]
        torch_refuses(cfg, "sparse")
        torch_refuses(cfg, "ragged")
        require(
            mode != "one_hot",
            "TextVectorization with output_mode one_hot fails when it runs (Keras reports a "
            "shape for it); use multi_hot, count or tf_idf",
            "output_mode",
        )
        require(
            mode == "int" or cfg["output_sequence_length"] is None,
            f"output_sequence_length is only for output_mode int, not {mode}",
            "output_sequence_length",
        )
        check_modes(cfg)
        special = [""] * (mode == "int") + ["[UNK]"]
        size = vocab_size({**cfg, "mask_token": ""}, special, Str())
        cfg["vocabulary_size"] = size  # vocab_size gives back vocabulary_size when it counts none

    def output_shape(self, cfg: Config, inputs: list[Shape]) -> Shape:
        shape = inputs[0]
        mode = cfg["output_mode"]
        if mode == "int":
            return (shape[0], cfg["output_sequence_length"])
        if cfg["split"] is None:
            shape = (*shape, 1) if len(shape) <= 1 else shape
        else:
            shape = (*shape, None)
        depth = cfg["max_tokens"] if cfg["pad_to_max_tokens"] else cfg["vocabulary_size"]
        return encoded(mode, shape, depth)

    def output_dtype(self, cfg: Config, inputs: Sequence[str]) -> str:
        return "int64" if cfg["output_mode"] == "int" else "float32"
