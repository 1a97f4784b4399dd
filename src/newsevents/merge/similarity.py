"""Whether two event reports may describe the same real-world event, and how alike they are.

``compatible`` is a hard gate (same country and admin1 where both are known, overlapping date windows, a
compatible type, different articles unless ``MergeSettings.same_article``): reports that fail it are never
merged, whatever else they share. ``similarity`` scores a compatible pair from 0 to 1 as a weighted mean of
six cues; a cue that one of the reports does not give (no actors, no counts, no coordinates, no evidence
words) drops out of the mean instead of counting as a disagreement. No trained model is involved: the
weights (``MergeSettings``, from the config's ``[merge]`` section) are set by hand and checked against the
labelled clusters in ``newsevents/eval/expectations/clusters.json``.
"""

from __future__ import annotations

import math

from newsevents.events.ontology import load_ontology
from newsevents.gazetteer.distance import haversine_km
from newsevents.merge.reports import Report
from newsevents.merge.settings import MergeSettings as MergeSettings  # importers find it here too
from newsevents.merge.settings import merge_settings

# Sub-event types that different reporters (and our classifier) use for one and the same happening:
# a protest the police broke up is also reported as a peaceful protest, a communal mob attack as an attack.
COMPATIBLE_SUB_TYPES: tuple[frozenset[str], ...] = (
    frozenset({"Peaceful protest", "Protest with intervention", "Excessive force against protesters",
               "Violent demonstration"}),
    frozenset({"Violent demonstration", "Mob violence", "Attack", "Looting/property destruction"}),
    frozenset({"Attack", "Armed clash", "Abduction/forced disappearance", "Sexual violence"}),
    frozenset({"Armed clash", "Government regains territory", "Non-state actor overtakes territory"}),
    frozenset({"Air/drone strike", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED",
               "Suicide bomb", "Grenade", "Attack"}),
)
# Armed violence of any kind, and the strategic developments that are moves in armed conflict: the classifier
# often gives one happening (a train hijacking, a hotel siege) different ones of these types from sentence to
# sentence, so they may merge. The type cue still scores such a pair as a mismatch (0.5), so other cues must
# agree; protests, arrests, agreements and the like stay apart from violence.
VIOLENT_EVENT_TYPES = load_ontology().violent_types  # the codebook's (data/ontology.json)
CONFLICT_SUB_TYPES = frozenset({
    "Change to group/activity", "Government regains territory", "Non-state actor overtakes territory",
    "Non-violent transfer of territory", "Headquarters or base established", "Disrupted weapons use",
})
# Event types whose sub-types are unrelated to each other (an arrest and a peace deal are both "Strategic
# developments"): within these, only the same sub-type, or a listed compatible one, may merge.
SUB_TYPE_MUST_MATCH = frozenset({"Strategic developments"})


def _armed(sub_type: str, event_type: str) -> bool:
    return event_type in VIOLENT_EVENT_TYPES or sub_type in CONFLICT_SUB_TYPES


def types_compatible(a: str, b: str, event_a: str, event_b: str) -> bool:
    if a == b:
        return True
    if any(a in group and b in group for group in COMPATIBLE_SUB_TYPES):
        return True
    if _armed(a, event_a) and _armed(b, event_b):
        return True
    return event_a == event_b and event_a not in SUB_TYPE_MUST_MATCH


def compatible(a: Report, b: Report, settings: MergeSettings | None = None) -> bool:
    """The hard gate: True when ``a`` and ``b`` could be reports of one event."""
    if a.article_id == b.article_id and not (settings or merge_settings()).same_article:
        return False
    if a.country_code != b.country_code:
        return False  # an unknown country matches only another unknown one
    if a.admin1 and b.admin1 and a.admin1 != b.admin1:
        return False
    if not types_compatible(a.sub_event_type, b.sub_event_type, a.event_type, b.event_type):
        return False
    wa, wb = a.window(), b.window()
    if wa is None or wb is None:
        return wa is None and wb is None
    return wa[0] <= wb[1] and wb[0] <= wa[1]


def type_score(a: Report, b: Report) -> float:
    return 1.0 if a.sub_event_type == b.sub_event_type else 0.5


def date_score(a: Report, b: Report) -> float | None:
    ma, mb = a.midpoint(), b.midpoint()
    if ma is None or mb is None:
        return None
    days = abs((ma - mb).days)
    precise = (a.time_precision or 3) == 1 and (b.time_precision or 3) == 1
    return max(0.0, 1.0 - days / (3.0 if precise else 7.0))


def place_score(a: Report, b: Report, settings: MergeSettings) -> float | None:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    if a.geonames_id is not None and a.geonames_id == b.geonames_id:
        return 1.0
    if max(a.geo_precision or 3, b.geo_precision or 3) >= 3:
        return 0.6  # a region or a country: the same area, not evidence of the same spot
    km = haversine_km(a.lat, a.lon, b.lat, b.lon)
    if km <= settings.near_km:
        return 1.0
    return max(0.0, 1.0 - (km - settings.near_km) / (settings.far_km - settings.near_km))


def actor_score(a: Report, b: Report) -> float | None:
    if not a.actor_names or not b.actor_names:
        return None
    shared = len(a.actor_names & b.actor_names) / len(a.actor_names | b.actor_names)
    types = len(a.actor_types & b.actor_types) / len(a.actor_types | b.actor_types)
    # Named actors that differ are evidence of two events; actor types alone say little.
    return 0.7 * shared + 0.3 * types if shared else 0.2 * types


def count_score(a: Report, b: Report) -> float | None:
    ca, cb = dict(a.counts), dict(b.counts)
    shared = sorted(set(ca) & set(cb))
    if not shared:
        return None
    ratios = [min(ca[k], cb[k]) / max(ca[k], cb[k]) if max(ca[k], cb[k]) else 1.0 for k in shared]
    return sum(ratios) / len(ratios)


def word_score(a: Report, b: Report, prior: float = 0.0) -> float | None:
    """Cosine of the evidence's content-word sets (the Otsuka-Ochiai coefficient), shrunk towards 0 by
    ``prior`` pseudo-words when the shorter evidence has few words."""
    if not a.words or not b.words:
        return None
    cosine = len(a.words & b.words) / math.sqrt(len(a.words) * len(b.words))
    n = min(len(a.words), len(b.words))
    return cosine * n / (n + prior)


def similarity(a: Report, b: Report, settings: MergeSettings) -> float:
    """How alike two compatible reports are, 0 to 1 (call ``compatible`` first)."""
    cues = (
        (settings.weight_type, type_score(a, b)),
        (settings.weight_date, date_score(a, b)),
        (settings.weight_place, place_score(a, b, settings)),
        (settings.weight_actors, actor_score(a, b)),
        (settings.weight_counts, count_score(a, b)),
        (settings.weight_words, word_score(a, b, settings.word_prior)),
    )
    total = sum(w for w, s in cues if s is not None)
    if not total:
        return 0.0
    # Rounded so that sums of scores are the same whatever order they are added in.
    return round(math.fsum(w * s for w, s in cues if s is not None) / total, 9)
