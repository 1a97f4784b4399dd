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

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from newsevents.merge.reports import Report
from newsevents.merge.similarity import MergeSettings, compatible, similarity


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
    settings = settings or MergeSettings()
    existing = existing or {}
    home = {r.id: eid for eid, members in existing.items() for r in members}
    old = [r for members in existing.values() for r in members]
    scores: dict[tuple[int, int], float | None] = {}
    parent: dict[int, int] = {}
    for a, b in candidate_pairs(new, old):
        score = similarity(a, b, settings) if compatible(a, b, settings) else None
        scores[_pair(a.id, b.id)] = score
        if score is not None and score >= settings.threshold:
            _union(parent, _node(a, home), _node(b, home))
    components: dict[int, list[Report]] = defaultdict(list)
    for r in new:
        components[_find(parent, _node(r, home))].append(r)
    events: dict[int, list[int]] = defaultdict(list)
    for eid in sorted(existing):
        root = _find(parent, -1 - eid)
        if root in components:
            events[root].append(eid)
    assignments: list[Assignment] = []
    for root, members in components.items():
        linked = {eid: existing[eid] for eid in events.get(root, [])}
        assignments.extend(_cluster_component(members, linked, home, scores, settings))
    assignments.sort(key=lambda a: min(r.key for r in a.reports))
    return assignments


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


def _pair_link(a: Report, b: Report, scores: Mapping[tuple[int, int], float | None],
               settings: MergeSettings) -> _Link:
    key = _pair(a.id, b.id)
    if key in scores:
        score = scores[key]
    else:
        score = similarity(a, b, settings) if compatible(a, b, settings) else None
    if score is None:
        return _Link(pairs=1, blocked=True)
    return _Link(score, 1, score)


def _cluster_component(
    new: Sequence[Report], existing: Mapping[int, Sequence[Report]], home: Mapping[int, int],
    scores: Mapping[tuple[int, int], float | None], settings: MergeSettings,
) -> list[Assignment]:
    if len(new) == 1 and not existing:
        return [Assignment(None, (new[0],))]
    groups = _groups(new, existing)
    links: dict[tuple[int, int], _Link] = {}
    for i, gi in enumerate(groups):
        for j in range(i + 1, len(groups)):
            gj = groups[j]
            link = _Link()
            if gi.existing is not None and gj.existing is not None:
                link.blocked = True
            else:
                for a in gi.reports:
                    for b in gj.reports:
                        link.add(_pair_link(a, b, scores, settings))
            links[(i, j)] = link
    alive = set(range(len(groups)))
    while (best := _best_pair(groups, alive, links, settings)) is not None:
        i, j = best
        groups[i].reports.extend(groups[j].reports)
        groups[i].existing = groups[i].existing if groups[i].existing is not None else groups[j].existing
        groups[i].key = min(groups[i].key, groups[j].key)
        alive.discard(j)
        for k in alive - {i}:
            merged = links[_pair(i, k)]
            merged.add(links[_pair(j, k)])
            if groups[i].existing is not None and groups[k].existing is not None:
                merged.blocked = True
    return [
        Assignment(g.existing, tuple(sorted((r for r in g.reports if r.id not in home), key=lambda r: r.key)))
        for g in (groups[i] for i in sorted(alive))
        if any(r.id not in home for r in g.reports)
    ]


def _best_pair(groups: Sequence[_Group], alive: set[int], links: Mapping[tuple[int, int], _Link],
               settings: MergeSettings) -> tuple[int, int] | None:
    """The two live groups to join next: highest mean similarity, ties to the lowest canonical keys."""
    best: tuple[float, list[tuple[str, str]], tuple[int, int]] | None = None
    for (i, j), link in links.items():
        if i not in alive or j not in alive or link.blocked or not link.pairs or link.lowest < settings.floor:
            continue
        mean = round(link.total / link.pairs, 9)
        if mean < settings.threshold:
            continue
        keys = sorted((groups[i].key, groups[j].key))
        if best is None or mean > best[0] or (mean == best[0] and keys < best[1]):
            best = (mean, keys, (i, j))
    return best[2] if best else None
