"""Turning a processed Doc into the contract's Result: the one place that reads every stage's output."""

from __future__ import annotations

from spacy.tokens import Doc

from newsevents.errors import WARN_NO_PUBLISHED
from newsevents.model import ErrorInfo, Result
from newsevents.pipeline.doc import article_of


def _stage(doc: Doc, attr: str) -> tuple:  # type: ignore[type-arg]
    return tuple(getattr(doc._, attr)) if doc.has_extension(attr) else ()


def assemble(doc: Doc) -> Result:
    article = article_of(doc)
    assert article is not None, "the runner sets doc._.ne_article"
    warnings = list(article.warnings)
    if not article.published:
        warnings.append(
            ErrorInfo(
                WARN_NO_PUBLISHED, "no publication date: relative dates ('Monday', 'last week') unresolved"
            )
        )
    return Result(
        id=article.id,
        events=_stage(doc, "ne_events"),
        claims=_stage(doc, "ne_claims"),
        places=_stage(doc, "ne_places"),
        dates=_stage(doc, "ne_dates"),
        warnings=tuple(warnings),
    )
