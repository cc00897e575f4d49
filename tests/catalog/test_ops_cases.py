"""Every keras.ops reference case, as a spec in the op syntax and as a Keras file (ops_cases.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.catalog.ops_cases import (
    GROUPS,
    Case,
    check_refused,
    check_result,
    load_cases,
    run_keras,
    run_spec,
)

CASES = {g: load_cases(g) for g in GROUPS}
ALL = [c for cases in CASES.values() for c in cases]

#: refused calls whose recorded form is a valid call: what made Keras refuse them is lost
#: when the call is written down (so a file could never hold the refused form)
UNREPRESENTABLE = {
    "getitem_numpy_int": "x[:, np.int64(1)]: Keras refuses a numpy integer in a key, but "
    "serialises it as the plain 1 it accepts",
}
#: cases Keras ran without making an op node, or whose call cannot be written in a file at all
#: (each kind named, with how many; the counts keep this list honest)
NOT_NODES = {
    "identity": 5,  # keras.activations.linear and four preprocess_input(): the input itself
    "traced_or_unserialisable": 10,  # control flow, scale_and_translate: no config to write
    "raised_before_any_op": 8,  # mish/hard_silu/sparsemax on a KerasTensor, shape(), x == y...
}


def _ids(cases: list[Case]) -> list[str]:
    return [c["id"] for c in cases]


BUILT = [c for c in ALL if "nodes" in c]
REFUSED = [
    c for c in ALL if "nodes" not in c and "refused_calls" in c and c["id"] not in UNREPRESENTABLE
]


@pytest.mark.parametrize("case", BUILT, ids=_ids(BUILT))
def test_spec_gives_keras_rows(case: Case) -> None:
    check_result(case, run_spec(case))


@pytest.mark.parametrize("case", BUILT, ids=_ids(BUILT))
def test_keras_file_gives_keras_rows(case: Case, tmp_path: Path) -> None:
    check_result(case, run_keras(case, tmp_path))


@pytest.mark.parametrize("case", REFUSED, ids=_ids(REFUSED))
def test_refused_as_keras_refuses(case: Case, tmp_path: Path) -> None:
    check_refused(case, tmp_path)


def test_every_case_is_checked_or_accounted_for() -> None:
    rest = [c for c in ALL if "nodes" not in c and "refused_calls" not in c]
    identity = [c for c in rest if "input KerasTensor itself" in c.get("no_node", "")]
    traced = [c for c in rest if c.get("error", {}).get("type") in ("OSError", "NotImplementedError")
              and c["error"]["stage"] in ("to_json", "call") and "error" in c and c["op"]]  # fmt: skip
    others = [c for c in rest if c not in identity and c not in traced]
    assert len(identity) == NOT_NODES["identity"]
    assert len(traced) == NOT_NODES["traced_or_unserialisable"], _ids(traced)
    assert len(others) == NOT_NODES["raised_before_any_op"], _ids(others)
    assert len(ALL) == 1591
    assert len(BUILT) + len(REFUSED) + len(UNREPRESENTABLE) + len(rest) == len(ALL)
