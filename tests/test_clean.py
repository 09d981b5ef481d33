from datetime import datetime

from gov_extract.clean import clean
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
