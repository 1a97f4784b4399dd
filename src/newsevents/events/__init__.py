"""Finding political events in a parsed article: trigger mentions (``mentions``), their arguments
(``arguments``) and modality (``modality``), one event per happening (``incidents``); the word lists in
``data/event_words.json`` (``words``). Nothing here reads spaCy extensions: the pipeline's events stage
hands in what the earlier stages found as ``mentions.Inputs``."""
