import unicodedata
from datetime import datetime

from gov_extract.inputs.clean import clean
from gov_extract.link.entities import link
from gov_extract.records import Source


def _clean(body: str, **meta):
    return clean(Source("a.txt", None, "txt", "x", body=body, **meta))


RELEASE = """Губернатор посетил завод

07:05
18-05-18
Губернатор Калужской области посетил завод в Обнинске.
Поделиться
Он встретился с коллективом.

Версия для печати
Комментарии:

Авторизоваться, чтобы оставить комментарий.
^ Наверх"""


def test_headline_header_and_chrome() -> None:
    doc = _clean(RELEASE)
    assert doc.title == "Губернатор посетил завод"
    assert doc.published_at == datetime(2018, 5, 18, 7, 5)
    assert doc.text == (
        "Губернатор посетил завод\n"
        "Губернатор Калужской области посетил завод в Обнинске.\n"
        "Он встретился с коллективом."
    )
    assert doc.status == "ok"


def test_date_before_headline() -> None:
    doc = _clean(
        "18 мая 2018, 14:30\nМэр провёл совещание\nМэр провёл совещание с главами районов."
    )
    assert doc.title == "Мэр провёл совещание"
    assert doc.published_at == datetime(2018, 5, 18, 14, 30)
    assert doc.text == "Мэр провёл совещание\nМэр провёл совещание с главами районов."


def test_headline_repeated_in_body_is_kept_once() -> None:
    doc = _clean("Встреча\nТекст релиза о встрече.", title="Встреча")
    assert doc.text == "Встреча\nТекст релиза о встрече."


def test_no_headline_when_first_line_is_a_sentence() -> None:
    doc = _clean("Губернатор посетил завод в Обнинске.\nОн встретился с коллективом.")
    assert doc.title is None
    assert doc.text.startswith("Губернатор посетил завод")


def test_widgets_before_the_headline_are_left_out() -> None:
    """A page's counters, search box and motto are no headline: a line of fewer than
    three words before one is left out, and the headline leads the text."""
    doc = _clean("Поиск\n14 подписчиков\nМэр провёл совещание\nМэр провёл совещание с главами.")
    assert doc.title == "Мэр провёл совещание"
    assert doc.text == "Мэр провёл совещание\nМэр провёл совещание с главами."
    short = _clean("Итоги\nГлава района провёл совещание с главами поселений.")
    assert short.title is None and short.text.startswith("Итоги\n")


def test_metadata_wins_and_title_leads_text() -> None:
    when = datetime(2021, 6, 15, 10, 0)
    doc = _clean("Текст релиза о встрече.", title="Встреча", published_at=when)
    assert doc.title == "Встреча"
    assert doc.published_at == when
    assert doc.text == "Встреча\nТекст релиза о встрече."


def test_only_chrome_is_empty() -> None:
    doc = _clean("Поделиться\nКомментарии:\nАвторизоваться, чтобы оставить комментарий.")
    assert doc.status == "empty"
    assert "no release text" in doc.error


def test_reader_error_becomes_error_status() -> None:
    doc = clean(Source("a.txt", None, "txt", "x", error="binary file"))
    assert (doc.status, doc.error) == ("error", "binary file")


# Zero-width space and joiner, soft hyphen, left-to-right mark and embedding, word joiner.
SPLIT_NAME = "Ша\u200bп\u200dша"
INVISIBLE = "\xad\u200c\u200e\u200f\u202a\u202c\u202e\u2060\u2066\u2069\ufeff"


def test_invisible_characters_are_dropped() -> None:
    doc = _clean(
        f"Губер{INVISIBLE}натор {SPLIT_NAME}\u200e посетил\u2060 завод.", title="Ви\u200dзит"
    )
    assert doc.text == "Визит\nГубернатор Шапша посетил завод."


def test_decomposed_letters_are_composed() -> None:
    # `й` and `ё` as a letter and a combining mark, as NFD text has them.
    doc = _clean(unicodedata.normalize("NFD", "Андрей Воробьёв провёл совещание."))
    assert doc.text == "Андрей Воробьёв провёл совещание."
    assert "\u0306" not in doc.text and "\u0308" not in doc.text


def test_names_split_or_decomposed_are_one_entity(annotator) -> None:
    plain = "Губернатор Калужской области Владислав Шапша провёл совещание в Калуге."
    split = f"Губернатор Калужской области Владислав {SPLIT_NAME} посетил завод в Обнинске."
    decomposed = unicodedata.normalize(
        "NFD", "Губернатор Московской области Андрей Воробьёв посетил Коломну."
    )
    docs = [_clean(body) for body in (plain, split, decomposed)]
    annotator(docs)
    entities = {entity.entity_id: entity for entity in link(docs)}
    persons = [
        [(m.normal, entities[m.entity_id].name) for m in doc.mentions if m.type == "PER"]
        for doc in docs
    ]
    assert persons == [
        [("Владислав Шапша", "Владислав Шапша")],
        [("Владислав Шапша", "Владислав Шапша")],
        [("Андрей Воробьёв", "Андрей Воробьёв")],
    ]
    for doc in docs:
        for mention in doc.mentions:
            assert doc.text[mention.start : mention.stop] == mention.text
