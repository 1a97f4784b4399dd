from newsevents.pipeline.zones import find_zones

PAGE = """Port workers walk out in Mombasa - Coast Herald

Port workers walk out in Mombasa

By Amina Yusuf

Dock workers gather at the gate of the container terminal in Mombasa. Reuters

Hundreds of dock workers walked out of Mombasa port on Tuesday over unpaid allowances, union officials said.

Share this article: Facebook | Twitter | WhatsApp

Related articles
Kenya raises fuel levy
Ports agency names new chief
"""


def kinds(text: str, title: str | None = None) -> dict[str, str]:
    return {text[z.start : z.end]: z.kind for z in find_zones(text, title)}


def test_page_furniture_is_told_from_reporting() -> None:
    found = kinds(PAGE, title="Port workers walk out in Mombasa")
    assert found["Port workers walk out in Mombasa - Coast Herald"] == "headline"
    assert found["Port workers walk out in Mombasa"] == "headline"
    assert found["By Amina Yusuf"] == "furniture"
    assert found["Dock workers gather at the gate of the container terminal in Mombasa. Reuters"] == "caption"
    assert found["Share this article: Facebook | Twitter | WhatsApp"] == "furniture"
    assert found["Related articles"] == "furniture"
    assert found["Kenya raises fuel levy"] == "furniture"
    assert (
        kinds(PAGE)[
            "Hundreds of dock workers walked out of Mombasa port on Tuesday over unpaid allowances, "
            "union officials said."
        ]
        == "body"
    )


def test_zones_index_the_text_as_given() -> None:
    text = "  Title line\r\n\r\nA body sentence that says something happened.\n"
    for zone in find_zones(text):
        assert text[zone.start : zone.end].strip() == text[zone.start : zone.end].strip("\r").strip()
        assert 0 <= zone.start < zone.end <= len(text)
    assert [z.kind for z in find_zones(text)] == ["headline", "body"]


def test_a_caption_with_a_photo_prefix_is_a_caption() -> None:
    text = (
        "Lead sentence of the story, which is long enough to be reporting and ends well.\n\n"
        "Photo: riot police in Dhaka."
    )
    assert find_zones(text)[-1].kind == "caption"
