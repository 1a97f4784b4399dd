"""The checks every article passes before the pipeline: empty, over-size, binary, not English."""

from __future__ import annotations

import pytest

from newsevents.config import Settings, load_config
from newsevents.ingest import validate
from newsevents.model import Article, Rejected


@pytest.fixture(scope="module")
def settings() -> Settings:
    return load_config().settings


def code(text: str, settings: Settings) -> str:
    result = validate(Article(id="x", text=text, origin="here"), settings)
    return result.error.code if isinstance(result, Rejected) else "ok"


def test_english_news_passes(story: str, settings: Settings) -> None:
    assert code(story, settings) == "ok"


def test_a_short_english_headline_without_function_words_passes(settings: Settings) -> None:
    assert code("Explosion kills five soldiers near Kabul airport", settings) == "ok"
    assert code("Minister resigns", settings) == "ok"


def test_other_languages_are_e104(french: str, german: str, settings: Settings) -> None:
    assert code(french, settings) == "E104"
    assert code(german, settings) == "E104"
    assert code("Die Polizei nahm am Sonntag drei Männer fest, sagte ein Sprecher.", settings) == "E104"


def test_other_scripts_are_e104(settings: Settings) -> None:
    assert code("Тысячи людей вышли на улицы города в воскресенье, сообщила полиция.", settings) == "E104"
    assert code("警方表示，星期日有数千人在市中心游行，要求交通部长辞职。", settings) == "E104"


def test_empty_oversize_and_binary(settings: Settings) -> None:
    assert code(" \n ", settings) == "E101"
    assert code("word " * (settings.max_chars // 5 + 1), settings) == "E105"
    assert code("abc\x00\x01\x02" * 50, settings) == "E102"
    assert code("\ufffd\ufffd ok " * 50, settings) == "E102"  # binary that was decoded as text


def test_rejected_keeps_id_origin_and_an_excerpt(french: str, settings: Settings) -> None:
    result = validate(Article(id="fr-1", text=french, origin="in/fr.txt"), settings)
    assert isinstance(result, Rejected)
    assert (result.id, result.origin, result.excerpt) == ("fr-1", "in/fr.txt", french[:200])
    assert "fr" in result.error.message
