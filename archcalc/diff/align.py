"""Which layer of the old model is which layer of the new one.

Names alone do not work: Keras numbers unnamed layers per type (``dense``,
``dense_1``, ...), so inserting a Dense before the others renames every
later one. The alignment therefore trusts only names a person chose, and
places every other layer by structure. In the manner of patience diff:

1. **Anchors.** A layer whose name is explicit (not Keras's auto-name
   pattern for its type, ``dense`` / ``dense_3``) on both sides is paired by
   name, whatever else changed. The name pairs that keep their relative
   order in Keras's row order (a longest increasing subsequence) become
   anchors; the others are still paired, only moved.
2. **Between anchors,** the remaining layers are paired by a weighted
   longest common subsequence over Keras's row order: two layers can pair
   only if their types are equal, and a pair scores 2, +2 if their
   normalised arguments are equal, +1 if their names are equal. Maximising
   the total prefers "the same layer, renumbered" (dense_1 -> dense_2 with
   the same units) over "the same name, different layer", and a layer whose
   name changed but whose type and place did not is a rename.
3. Common leading and trailing runs of identical layers are paired first,
   which is what the LCS would do. A middle too large for the quadratic DP
   (over :data:`DP_CELLS` cells) is handled in linear time instead: common
   ends are paired on (type, arguments) alone, and the rest is walked with
   a look-ahead of :data:`LOOKAHEAD` layers (see :func:`_large`).

Everything left unpaired is removed (old side) or added (new side).
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass

DP_CELLS = 250_000
LOOKAHEAD = 16

SCORE_TYPE = 2
SCORE_ARGS = 2
SCORE_NAME = 1


@dataclass(frozen=True)
class Slot:
    """What the alignment knows about a layer."""

    name: str
    type: str
    auto: bool  # the name is Keras's auto-name for the type: identity by structure only
    args: Hashable  # normalised arguments (and trainable), comparable across the models


@dataclass(frozen=True)
class Alignment:
    pairs: tuple[tuple[int, int, str], ...]  # (old index, new index, "name" | "structure")
    removed: tuple[int, ...]
    added: tuple[int, ...]


def align(old: Sequence[Slot], new: Sequence[Slot]) -> Alignment:
    named_new = {s.name: j for j, s in enumerate(new) if not s.auto}
    by_name = [
        (i, named_new[s.name]) for i, s in enumerate(old) if not s.auto and s.name in named_new
    ]
    anchors = _increasing(by_name)
    pairs = {i: (j, "name") for i, j in by_name}
    taken_new = {j for _, j in by_name}
    bounds = [(-1, -1), *anchors, (len(old), len(new))]
    for (i0, j0), (i1, j1) in itertools.pairwise(bounds):
        a = [i for i in range(i0 + 1, i1) if i not in pairs]
        b = [j for j in range(j0 + 1, j1) if j not in taken_new]
        for x, y in _match([old[i] for i in a], [new[j] for j in b]):
            pairs[a[x]] = (b[y], "structure")
            taken_new.add(b[y])
    return Alignment(
        pairs=tuple(sorted((i, j, how) for i, (j, how) in pairs.items())),
        removed=tuple(i for i in range(len(old)) if i not in pairs),
        added=tuple(j for j in range(len(new)) if j not in taken_new),
    )


def _increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of ``pairs`` (sorted by old index) increasing in new index."""
    tails: list[int] = []  # tails[k] = smallest new index ending an increasing run of k+1
    tail_at: list[int] = []  # position in pairs of that tail
    prev = [-1] * len(pairs)
    for p, (_, j) in enumerate(pairs):
        k = bisect.bisect_left(tails, j)
        if k == len(tails):
            tails.append(j)
            tail_at.append(p)
        else:
            tails[k] = j
            tail_at[k] = p
        prev[p] = tail_at[k - 1] if k else -1
    out: list[tuple[int, int]] = []
    p = tail_at[-1] if tail_at else -1
    while p >= 0:
        out.append(pairs[p])
        p = prev[p]
    return out[::-1]


def _score(a: Slot, b: Slot) -> int:
    if a.type != b.type:
        return 0
    return (
        SCORE_TYPE
        + (SCORE_ARGS if a.args == b.args else 0)
        + (SCORE_NAME if a.name == b.name else 0)
    )


def _match(a: list[Slot], b: list[Slot]) -> list[tuple[int, int]]:
    """Index pairs (into a and b) of a maximum-score monotone matching."""
    head, tail = _common_ends(a, b, lambda s: s)
    mid_a, mid_b = a[head : len(a) - tail], b[head : len(b) - tail]
    small = len(mid_a) * len(mid_b) <= DP_CELLS
    middle = _dp(mid_a, mid_b) if small else _large(mid_a, mid_b)
    return [
        *((k, k) for k in range(head)),
        *((head + x, head + y) for x, y in middle),
        *((len(a) - tail + k, len(b) - tail + k) for k in range(tail)),
    ]


def _common_ends(a: list[Slot], b: list[Slot], key: Callable[[Slot], Hashable]) -> tuple[int, int]:
    """Lengths of the common prefix and suffix under ``key`` (not overlapping)."""
    short = min(len(a), len(b))
    head = 0
    while head < short and key(a[head]) == key(b[head]):
        head += 1
    tail = 0
    while tail < short - head and key(a[-1 - tail]) == key(b[-1 - tail]):
        tail += 1
    return head, tail


def _dp(a: list[Slot], b: list[Slot]) -> list[tuple[int, int]]:
    """Weighted LCS by dynamic programming, O(len(a) * len(b))."""
    n, m = len(a), len(b)
    if not n or not m:
        return []
    score = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        row, below = score[i], score[i + 1]
        ai = a[i]
        for j in range(m - 1, -1, -1):
            best = below[j] if below[j] >= row[j + 1] else row[j + 1]
            s = _score(ai, b[j])
            if s and below[j + 1] + s > best:
                best = below[j + 1] + s
            row[j] = best
    out: list[tuple[int, int]] = []
    i = j = 0
    while i < n and j < m:
        s = _score(a[i], b[j])
        if s and score[i][j] == score[i + 1][j + 1] + s:
            out.append((i, j))
            i += 1
            j += 1
        elif score[i][j] == score[i + 1][j]:
            i += 1
        else:
            j += 1
    return out


def _signature(s: Slot) -> Hashable:
    return (s.type, s.args)


def _large(a: list[Slot], b: list[Slot]) -> list[tuple[int, int]]:
    """For middles too large for the DP: linear heuristics, still by structure.

    Common ends are paired on (type, arguments) regardless of names (what an
    insertion among auto-named layers leaves); whatever remains is walked
    with a small look-ahead that resynchronises on the nearest equal
    (type, arguments), pairing layers of equal type in between.
    """
    head, tail = _common_ends(a, b, _signature)
    pairs = [(k, k) for k in range(head)]
    mid_a, mid_b = a[head : len(a) - tail], b[head : len(b) - tail]
    if len(mid_a) * len(mid_b) <= DP_CELLS:
        pairs += [(head + x, head + y) for x, y in _dp(mid_a, mid_b)]
    else:
        pairs += [(head + x, head + y) for x, y in _walk(mid_a, mid_b)]
    pairs += [(len(a) - tail + k, len(b) - tail + k) for k in range(tail)]
    return pairs


def _walk(a: list[Slot], b: list[Slot]) -> list[tuple[int, int]]:
    n, m = len(a), len(b)
    sa, sb = [_signature(s) for s in a], [_signature(s) for s in b]
    out: list[tuple[int, int]] = []
    i = j = 0
    while i < n and j < m:
        if sa[i] != sb[j]:
            skip = _resync(sa, sb, i, j)
            if skip is not None:
                i, j = i + skip[0], j + skip[1]
            elif a[i].type != b[j].type:
                i, j = i + 1, j + 1
                continue
        out.append((i, j))
        i, j = i + 1, j + 1
    return out


def _resync(sa: list[Hashable], sb: list[Hashable], i: int, j: int) -> tuple[int, int] | None:
    """The smallest skip (x, y), x + y <= LOOKAHEAD, after which the signatures agree."""
    for k in range(1, LOOKAHEAD + 1):
        for x in range(k + 1):
            y = k - x
            if i + x < len(sa) and j + y < len(sb) and sa[i + x] == sb[j + y]:
                return x, y
    return None
