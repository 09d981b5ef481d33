"""The NER tagger's spans as mentions: within their sentence."""

from gov_extract.records import Doc


def test_a_name_ends_with_its_sentence(annotator) -> None:
    """The tagger once ran a headline's last word into the next line's first."""
    text = (
        "Глава Ейского района провёл встречу с жителями станицы Должанской\n"
        "Вчера глава муниципального образования Ейский район Роман Бублик побывал в "
        "станице Должанской, где встретился с жителями."
    )
    doc = Doc("d", "d.txt", None, "txt", "x", text=text)
    annotator([doc])
    places = [m.text for m in doc.mentions if m.type == "LOC"]
    assert places.count("Должанской") == 2
    for mention in doc.mentions:
        sent = doc.sentences[mention.sent_idx]
        assert sent.start <= mention.start < mention.stop <= sent.stop
        assert doc.text[mention.start : mention.stop] == mention.text
