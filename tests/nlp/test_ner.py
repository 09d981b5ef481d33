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


def test_two_names_one_after_the_other_are_two_people() -> None:
    from gov_extract.nlp.ner import _people

    # The second name starts where a part comes again, in another case (`Пака` … `Пак`).
    text = "Сына Пака Сон Ира Пак Чон Хи поздравил лично."
    sent = _sentence(text)
    start, stop = text.index("Пака"), text.index(" поздравил")
    assert [text[a:b] for a, b in _people(sent, start, stop)] == ["Пака Сон Ира", "Пак Чон Хи"]


def test_a_body_in_the_genitive_before_a_name_is_no_part_of_it() -> None:
    from gov_extract.nlp.ner import _people

    text = "Слово взял представитель Газпрома Олег Сомов."
    sent = _sentence(text)
    start, stop = text.index("Газпрома"), text.index(".")
    assert [text[a:b] for a, b in _people(sent, start, stop)] == ["Олег Сомов"]


def test_an_initial_at_the_end_of_a_sentence_keeps_its_dot() -> None:
    from gov_extract.nlp.ner import _with_final_dot

    text = "В приёме участвовал Сомов О.В."
    sent = _sentence(text)
    assert text[: _with_final_dot(text, sent, len(text) - 1)].endswith("Сомов О.В.")
    text = "В приёме участвовал Олег Сомов."
    sent = _sentence(text)
    assert _with_final_dot(text, sent, len(text) - 1) == len(text) - 1


def test_a_word_that_is_no_name_is_no_person() -> None:
    from gov_extract.nlp.ner import _retype_non_names
    from gov_extract.records import Mention

    text = "Сабантуй. Встретиться. Дархан. Уорд. Хвана. Хван Чжан Еп."
    doc = Doc("d", "d.txt", None, "txt", "x", text=text)
    for word in ("Сабантуй", "Встретиться", "Дархан", "Уорд", "Хвана", "Хван Чжан Еп"):
        start = text.index(word)
        doc.mentions.append(Mention(start, start + len(word), "PER", word, 0))
    _retype_non_names(doc)
    # A festival and a verb are dropped, a town is a place; a common noun that may be a
    # surname stays, and so does a word of another person's name.
    assert [(m.type, m.text) for m in doc.mentions] == [
        ("LOC", "Дархан"),
        ("PER", "Уорд"),
        ("PER", "Хвана"),
        ("PER", "Хван Чжан Еп"),
    ]


def _with_people(text: str, *words: str) -> Doc:
    """A one-sentence document whose PER mentions are these words, as a tagger gave them."""
    from gov_extract.records import Mention

    doc = Doc("d", "d.txt", None, "txt", "x", text=text)
    for word in words:
        start = text.index(word)
        doc.mentions.append(Mention(start, start + len(word), "PER", word, 0))
    return doc


def test_a_locative_after_na_or_v_is_no_person() -> None:
    """`на Ысыахе`: a festival the lexicon does not list, in the locative; a surname
    after `на` in a case a person takes there stays."""
    from gov_extract.nlp.ner import _retype_non_names

    text = "Глава побывал на Ысыахе. Надежды возлагают на Петрова. Он жил в Кирове."
    doc = _with_people(text, "Ысыахе", "Петрова", "Кирове")
    _retype_non_names(doc)
    # A town the dictionary knows, though a surname reads so too, is a place.
    assert [(m.type, m.text) for m in doc.mentions] == [("PER", "Петрова"), ("LOC", "Кирове")]


def test_a_word_before_a_capitalised_thing_is_no_person() -> None:
    """The name of a feast: capitalised words that end in a common noun follow the
    word; a person's surname before a name or a lowercase word stays."""
    from gov_extract.nlp.ner import _retype_non_names

    text = "Накануне Светлова Христова Воскресенья пришёл Петров. Выступил Смирнов Иван."
    doc = _with_people(text, "Светлова", "Петров", "Смирнов")
    _retype_non_names(doc)
    assert [m.text for m in doc.mentions] == ["Петров", "Смирнов"]


def test_a_syllabic_name_cut_apart_is_one_person() -> None:
    from gov_extract.nlp.ner import _join_syllabic_names
    from gov_extract.records import Mention

    text = "Слова Пака Сон Ира привели газеты, а Ли Мин и Ким Ир Сон промолчали."
    doc = Doc("d", "d.txt", None, "txt", "x", text=text)
    for name in ("Пака", "Сон Ира", "Ли Мин", "Ким Ир Сон"):
        start = text.index(name)
        doc.mentions.append(Mention(start, start + len(name), "PER", name, 0))
    _join_syllabic_names(doc)
    assert [m.text for m in doc.mentions] == ["Пака Сон Ира", "Ли Мин", "Ким Ир Сон"]
