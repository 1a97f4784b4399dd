"""Grouping reports into events: candidate pairs by blocking, then average linkage inside each component.

1. Blocking: only reports of the same country whose date windows overlap are compared (a sweep over the
   reports sorted by window start), and only pairs that pass ``similarity.compatible``.
2. Components: pairs scoring at least the threshold link reports (and the stored events they belong to).
   Average linkage can only ever join what such a pair connects, so each component is clustered alone.
3. Clustering: inside a component, the two groups with the highest mean pairwise similarity are joined,
   again and again, while that mean reaches ``threshold``, no pair across them is below ``floor`` and no
   pair is incompatible (two countries, two reports from one article unless the settings allow it...).
   Measuring a group by all its members, not its closest one, is what stops chaining: A~B and B~C never
   drag in a C unlike A.

Stored events take part as fixed groups: a new report may join one, two stored events are never joined
here (a reviewer does that with ``join``). Ties are broken by the reports' canonical keys (date, content
hash), so the result depends on the set of reports, not on the order they arrived in.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from newsevents.merge.reports import Report
from newsevents.merge.settings import MergeSettings, merge_settings
from newsevents.merge.similarity import compatible, similarity


@dataclass(frozen=True, slots=True)
class Assignment:
    """New reports that form one event: added to the stored event ``existing``, or a new event when None."""

    existing: int | None
    reports: tuple[Report, ...]


@dataclass(slots=True)
class _Link:
    """All pairwise similarities between two groups, kept as a running sum."""

    total: float = 0.0
    pairs: int = 0
    lowest: float = 1.0
    blocked: bool = False

    def add(self, other: _Link) -> None:
        self.total += other.total
        self.pairs += other.pairs
        self.lowest = min(self.lowest, other.lowest)
        self.blocked = self.blocked or other.blocked


@dataclass(slots=True)
class _Group:
    reports: list[Report]
    existing: int | None
    key: tuple[str, str]


def candidate_pairs(new: Sequence[Report], old: Sequence[Report]) -> Iterable[tuple[Report, Report]]:
    """Pairs (at least one of them new) of the same country whose date windows overlap."""
    by_country: dict[str | None, list[tuple[int, int, bool, Report]]] = defaultdict(list)
    undated: dict[str | None, list[tuple[bool, Report]]] = defaultdict(list)
    for is_new, reports in ((True, new), (False, old)):
        for r in reports:
            window = r.window()
            if window is None:
                undated[r.country_code].append((is_new, r))
            else:
                by_country[r.country_code].append((window[0].toordinal(), window[1].toordinal(), is_new, r))
    for entries in by_country.values():
        entries.sort(key=lambda e: (e[0], e[3].key))
        for i, (_, end_i, new_i, r_i) in enumerate(entries):
            for start_j, _, new_j, r_j in entries[i + 1:]:
                if start_j > end_i:
                    break
                if new_i or new_j:
                    yield r_i, r_j
    for group in undated.values():
        for i, (new_i, r_i) in enumerate(group):
            for new_j, r_j in group[i + 1:]:
                if new_i or new_j:
                    yield r_i, r_j


def cluster(
    new: Sequence[Report], existing: Mapping[int, Sequence[Report]] | None = None,
    settings: MergeSettings | None = None,
) -> list[Assignment]:
    """Assign every new report to a stored event or to a new one; each new report appears exactly once."""
    settings = settings or merge_settings()
    existing = existing or {}
    home = {r.id: eid for eid, members in existing.items() for r in members}
    old = [r for members in existing.values() for r in members]
    scored: list[_Scored] = []
    parent: dict[int, int] = {}
    for a, b in candidate_pairs(new, old):
        score = similarity(a, b, settings) if compatible(a, b, settings) else None
        scored.append((a, b, score))
        if score is not None and score >= settings.threshold:
            _union(parent, _node(a, home), _node(b, home))
    components: dict[int, list[Report]] = defaultdict(list)
    for r in new:
        components[_find(parent, _node(r, home))].append(r)
    pairs: dict[int, list[_Scored]] = defaultdict(list)
    for a, b, score in scored:
        root = _find(parent, _node(a, home))
        if root in components and root == _find(parent, _node(b, home)):
            pairs[root].append((a, b, score))
    events: dict[int, list[int]] = defaultdict(list)
    for eid in sorted(existing):
        root = _find(parent, -1 - eid)
        if root in components:
            events[root].append(eid)
    assignments: list[Assignment] = []
    for root, members in components.items():
        linked = {eid: existing[eid] for eid in events.get(root, [])}
        assignments.extend(_cluster_component(members, linked, home, pairs.get(root, []), settings))
    assignments.sort(key=lambda a: min(r.key for r in a.reports))
    return assignments


_Scored = tuple[Report, Report, float | None]  # a compared pair and its similarity (None: incompatible)


def _pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def _node(r: Report, home: Mapping[int, int]) -> int:
    # Stored events and new reports share one id space for union-find: events get negative numbers.
    eid = home.get(r.id)
    return -1 - eid if eid is not None else r.id


def _find(parent: dict[int, int], x: int) -> int:
    root = x
    while parent.get(root, root) != root:
        root = parent[root]
    while parent.get(x, x) != root:
        parent[x], x = root, parent[x]
    return root


def _union(parent: dict[int, int], a: int, b: int) -> None:
    ra, rb = _find(parent, a), _find(parent, b)
    if ra != rb:
        parent[max(ra, rb)] = min(ra, rb)


def _groups(new: Sequence[Report], existing: Mapping[int, Sequence[Report]]) -> list[_Group]:
    groups = [_Group(list(members), eid, min(x.key for x in members)) for eid, members in existing.items()]
    groups.extend(_Group([r], None, r.key) for r in new)
    groups.sort(key=lambda g: g.key)
    return groups


class _Linkage:
    """The links between live groups that could still be joined, and a heap of the joinable ones.

    Only links whose every cross pair was compared and found compatible are kept: a pair that was never
    compared is incompatible (blocking compares every compatible pair), and one incompatible pair blocks
    the two groups for good, so a missing link means "never". This keeps the work proportional to the
    compatible pairs rather than to the square of the component's size."""

    def __init__(self, groups: list[_Group], pairs: Iterable[_Scored], settings: MergeSettings) -> None:
        self.groups, self.settings = groups, settings
        index = {r.id: gi for gi, g in enumerate(groups) for r in g.reports}
        found: dict[tuple[int, int], _Link] = {}
        for a, b, score in pairs:
            i, j = index[a.id], index[b.id]
            if i != j:
                found.setdefault(_pair(i, j), _Link()).add(
                    _Link(pairs=1, blocked=True) if score is None else _Link(score, 1, score))
        self.links: dict[tuple[int, int], _Link] = {}
        self.neighbours: dict[int, set[int]] = defaultdict(set)
        self.version: dict[tuple[int, int], int] = defaultdict(int)
        self.heap: list[tuple[float, list[tuple[str, str]], int, int, int]] = []
        for (i, j), link in found.items():
            if link.pairs == len(groups[i].reports) * len(groups[j].reports):
                self._set(i, j, link)

    def _set(self, i: int, j: int, link: _Link) -> None:
        key = _pair(i, j)
        self.version[key] += 1
        if link.blocked or (self.groups[i].existing is not None and self.groups[j].existing is not None):
            self.links.pop(key, None)
            self.neighbours[i].discard(j)
            self.neighbours[j].discard(i)
            return
        self.links[key] = link
        self.neighbours[i].add(j)
        self.neighbours[j].add(i)
        mean = round(link.total / link.pairs, 9)
        if mean >= self.settings.threshold and link.lowest >= self.settings.floor:
            keys = sorted((self.groups[i].key, self.groups[j].key))
            heapq.heappush(self.heap, (-mean, keys, key[0], key[1], self.version[key]))

    def best(self) -> tuple[int, int] | None:
        """The two groups to join next: highest mean similarity, ties to the lowest canonical keys."""
        while self.heap:
            _, _, i, j, version = heapq.heappop(self.heap)
            if (i, j) in self.links and self.version[(i, j)] == version:
                return i, j
        return None

    def join(self, i: int, j: int) -> None:
        """Group ``j`` joins group ``i``: the links of both to every other group are summed."""
        gi, gj = self.groups[i], self.groups[j]
        gi.reports.extend(gj.reports)
        gi.existing = gi.existing if gi.existing is not None else gj.existing
        gi.key = min(gi.key, gj.key)
        self._set(i, j, _Link(blocked=True))
        for k in sorted((self.neighbours[i] | self.neighbours[j]) - {i, j}):
            with_i, with_j = self.links.get(_pair(i, k)), self.links.get(_pair(j, k))
            self._set(j, k, _Link(blocked=True))
            merged = _Link(blocked=True)
            if with_i is not None and with_j is not None:
                merged = _Link(with_i.total, with_i.pairs, with_i.lowest)
                merged.add(with_j)
            self._set(i, k, merged)
        self.neighbours.pop(j, None)


def _cluster_component(
    new: Sequence[Report], existing: Mapping[int, Sequence[Report]], home: Mapping[int, int],
    pairs: Sequence[_Scored], settings: MergeSettings,
) -> list[Assignment]:
    if len(new) == 1 and not existing:
        return [Assignment(None, (new[0],))]
    groups = _groups(new, existing)
    linkage = _Linkage(groups, pairs, settings)
    alive = set(range(len(groups)))
    while (best := linkage.best()) is not None:
        linkage.join(*best)
        alive.discard(best[1])
    return [
        Assignment(g.existing, tuple(sorted((r for r in g.reports if r.id not in home), key=lambda r: r.key)))
        for g in (groups[i] for i in sorted(alive))
        if any(r.id not in home for r in g.reports)
    ]
