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


def _sentence(text: str):
    from gov_extract.nlp.annotate import segment

    doc = Doc("d", "d.txt", None, "txt", "x", text=text)
    segment(doc)
    return doc.sentences[0]


def test_a_person_span_holds_no_list_and_no_place_before_the_name() -> None:
    from gov_extract.nlp.ner import _people

    text = "Шайбы забросили Кузьмин, Лаптев и другие."
    sent = _sentence(text)
    start, stop = text.index("Кузьмин"), text.index(" и")
    assert [text[a:b] for a, b in _people(sent, start, stop)] == ["Кузьмин", "Лаптев"]
    text = "Глава МО Сосновское Петрова А.И. провела приём."
    sent = _sentence(text)
    start, stop = text.index("Сосновское"), text.index(" провела")
    assert [text[a:b] for a, b in _people(sent, start, stop)] == ["Петрова А.И."]
    text = "Прибыл посол Кэнтаро Морита."
    sent = _sentence(text)
    start, stop = text.index("Кэнтаро"), text.index(".")
    assert [text[a:b] for a, b in _people(sent, start, stop)] == ["Кэнтаро Морита"]
