"""Date lines as sites print them: which lines they are, which one dates the release,
and that none of them stays in the text."""

from datetime import date, datetime, time

import pytest

from gov_extract.inputs.clean import clean
from gov_extract.inputs.datelines import date_line, dateline, glued
from gov_extract.inputs.dates import Stamp, parse_stamp, read_stamp
from gov_extract.records import Source

BODY = "Глава округа провёл совещание с руководителями служб по подготовке к зиме."


def _clean(body: str, **meta):
    return clean(Source("a.txt", None, "txt", "x", body=body, **meta))


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("05.09.2005 11:08", Stamp(date(2005, 9, 5), time(11, 8))),
        ("15:34 30/05/2017", Stamp(date(2017, 5, 30), time(15, 34))),
        ("Пятница, 21 июня 2024", Stamp(date(2024, 6, 21), None)),
        ("25.12.2000 11:25:00", Stamp(date(2000, 12, 25), time(11, 25))),
        ("12:24, 8 ноября 2023 года", Stamp(date(2023, 11, 8), time(12, 24))),
        ("вт, 3 марта 2020 г.", Stamp(date(2020, 3, 3), None)),
        ("03.03.2020 г.", Stamp(date(2020, 3, 3), None)),
        # A day without its year dates nothing.
        ("15 мая, 16:22", Stamp()),
        ("Вчера, 15:21", Stamp()),
    ],
)
def test_stamps_as_sites_print_them(line: str, expected: Stamp) -> None:
    assert parse_stamp(line) == expected


def test_a_stamp_at_the_start_of_a_line_leaves_the_rest() -> None:
    assert read_stamp("3 марта 2020 года в Калуге прошла встреча") == (
        Stamp(date(2020, 3, 3), None),
        "в Калуге прошла встреча",
    )
    assert read_stamp("Губернатор посетил завод") is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("21.11.2010 в 18:51 просмотров: 2802 комментариев: 0 События", (2010, 11, 21, 18, 51)),
        ("15 мая 2019, 16:22 | Мой город Чебоксары", (2019, 5, 15, 16, 22)),
        ("12 апреля 2021 Политика", (2021, 4, 12, 0, 0)),
        ("Опубликовано: 07.02.2022 09:15", (2022, 2, 7, 9, 15)),
        ("Дата публикации: 7 февраля 2022", (2022, 2, 7, 0, 0)),
    ],
)
def test_date_lines_with_their_trimmings(line: str, expected: tuple[int, ...]) -> None:
    stamp = date_line(line)
    assert stamp is not None and stamp.date is not None
    assert datetime.combine(stamp.date, stamp.time or time(0, 0)) == datetime(*expected)


@pytest.mark.parametrize(
    "line",
    [
        "3 марта 2020 года в Калуге прошла встреча губернатора с жителями",
        "18.05.2018 Губернатор посетил новый завод в Обнинске",
        "Губернатор посетил завод",
        "В 2018 году",
    ],
)
def test_sentences_are_no_date_lines(line: str) -> None:
    assert date_line(line) is None


@pytest.mark.parametrize(
    "line", ["Сегодня: суббота, 20 апреля 2024 года", "Обновлено: 21.04.2024 10:00"]
)
def test_decoys_are_date_lines_that_date_nothing(line: str) -> None:
    assert date_line(line) == Stamp()


def test_agency_datelines() -> None:
    assert dateline("Сухум. 27 октября 2025.") == (Stamp(date(2025, 10, 27)), "")
    assert dateline("Новый Уренгой, 3 марта 2020. Глава города провёл приём.") == (
        Stamp(date(2020, 3, 3)),
        "Глава города провёл приём.",
    )
    assert dateline("КАЛУГА, 3 марта. /Агентство/. Глава города провёл приём.") == (
        Stamp(),
        "Глава города провёл приём.",
    )
    assert dateline("г. Калуга, 3 марта 2020 г. Глава города провёл приём.") == (
        Stamp(date(2020, 3, 3)),
        "Глава города провёл приём.",
    )
    assert dateline("Губернатор, 3 марта 2020 года посетивший завод, сказал") is None


def test_a_date_glued_to_the_headline_behind_a_label() -> None:
    assert glued("Глава округа провёл совещаниеdate 2025-10-22") == (
        Stamp(date(2025, 10, 22)),
        "Глава округа провёл совещание",
    )
    assert glued("Итоги года Дата: 29.12.2023") == (Stamp(date(2023, 12, 29)), "Итоги года")
    # `дата` ends the word `кандидата`: no label.
    assert glued("Выдвижение кандидата 18.05.2018") is None


def test_date_line_below_the_headline_among_chrome() -> None:
    doc = _clean(
        "Главная » Новости\nКонтакты\nСовещание в округе\n"
        "21.11.2010 в 18:51 просмотров: 2802\n" + BODY
    )
    assert doc.published_at == datetime(2010, 11, 21, 18, 51)
    assert "2010" not in doc.text and doc.text.endswith(BODY)


def test_a_widget_day_is_not_the_release_date() -> None:
    doc = _clean(
        "Сегодня: суббота, 20 апреля 2024 года\nСовещание в округе\n"
        "15 мая 2019, 16:22 | Мой город\n" + BODY
    )
    assert doc.published_at == datetime(2019, 5, 15, 16, 22)
    assert "Сегодня" not in doc.text and "Мой город" not in doc.text


def test_only_a_widget_day_gives_no_date() -> None:
    doc = _clean("Сегодня: суббота, 20 апреля 2024 года\nСовещание в округе\n" + BODY)
    assert doc.published_at is None


def test_a_date_line_without_a_year_dates_nothing_and_leaves_the_text() -> None:
    doc = _clean("Совещание в округе\nВчера, 15:21\n" + BODY)
    assert doc.published_at is None
    assert doc.text == f"Совещание в округе\n{BODY}"


def test_date_and_time_on_two_lines() -> None:
    doc = _clean("Совещание в округе\n16 октября 2024\n05:00\n" + BODY)
    assert doc.published_at == datetime(2024, 10, 16, 5, 0)
    assert doc.text == f"Совещание в округе\n{BODY}"


def test_a_date_broken_over_two_lines() -> None:
    doc = _clean("Совещание в округе\nПятница, 21 июня\n2024\n" + BODY)
    assert doc.published_at == datetime(2024, 6, 21)
    assert doc.text == f"Совещание в округе\n{BODY}"


def test_a_views_counter_under_the_date_goes_with_it() -> None:
    doc = _clean("12 апреля 2021 Политика\n2000\nСовещание в округе\n" + BODY)
    assert doc.published_at == datetime(2021, 4, 12)
    assert doc.title == "Совещание в округе"


def test_date_line_after_the_body() -> None:
    doc = _clean(f"Совещание в округе\n{BODY}\n{BODY}\n11.02.2013\nФото")
    assert doc.published_at == datetime(2013, 2, 11)
    assert doc.text == f"Совещание в округе\n{BODY}\n{BODY}"


def test_dates_of_other_articles_after_the_body_date_nothing() -> None:
    doc = _clean(f"Совещание в округе\n{BODY}\nПриём граждан\n11.02.2013\nСессия думы\n08.02.2013")
    assert doc.published_at is None


def test_a_dated_line_deep_in_the_body_stays() -> None:
    middle = [BODY] * 10
    doc = _clean("\n".join(["Совещание в округе", *middle, "11.02.2013", *middle]))
    assert doc.published_at is None
    assert "11.02.2013" in doc.text


def test_the_header_wins_over_the_end() -> None:
    doc = _clean(f"Совещание в округе\n10.02.2013\n{BODY}\n11.02.2013")
    assert doc.published_at == datetime(2013, 2, 10)


def test_an_agency_dateline_leaves_the_first_paragraph() -> None:
    doc = _clean(f"Совещание в округе\nСухум. 27 октября 2025. {BODY}")
    assert doc.published_at == datetime(2025, 10, 27)
    assert doc.text == f"Совещание в округе\n{BODY}"


def test_a_date_glued_to_the_headline_leaves_it() -> None:
    doc = _clean(f"Совещание в округеdate 2025-10-22\n{BODY}")
    assert doc.published_at == datetime(2025, 10, 22)
    assert doc.title == "Совещание в округе"


def test_a_body_line_starting_with_a_date_stays() -> None:
    line = "3 сентября 2021 года в Калуге прошла встреча губернатора с жителями района."
    doc = _clean(f"Встреча с жителями\n{line}")
    assert doc.published_at is None
    assert doc.text == f"Встреча с жителями\n{line}"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Новости | 18.05.2018 07:05", (2018, 5, 18, 7, 5)),
        ("Дата публикации: 18.05.2018 Дата изменения: 19.05.2018", (2018, 5, 18, 0, 0)),
        ("Размещено: 18.05.2018 | Просмотров: 120", (2018, 5, 18, 0, 0)),
        ("18.05.2018 07:05 1234", (2018, 5, 18, 7, 5)),
    ],
)
def test_more_trimmings(line: str, expected: tuple[int, ...]) -> None:
    stamp = date_line(line)
    assert stamp is not None and stamp.date is not None
    assert datetime.combine(stamp.date, stamp.time or time(0, 0)) == datetime(*expected)


def test_a_date_before_the_web_is_a_captions() -> None:
    doc = _clean(f"Памятник поэту\nОткрытие памятника, 17 ноября 1875 года.\n{BODY}")
    assert doc.published_at is None
    assert date_line("17 ноября 1875 года") is None


def test_a_dateline_opening_the_paragraph_after_a_lead() -> None:
    lead = "Глава округа подвёл итоги недели и рассказал о планах на зиму."
    doc = _clean(f"Итоги недели\n{lead}\nСухум, 27 октября 2025. {BODY}")
    assert doc.published_at == datetime(2025, 10, 27)
    assert doc.text == f"Итоги недели\n{lead}\n{BODY}"


def test_a_date_line_after_the_body_and_before_a_copyright() -> None:
    copyright = (
        "Все права защищены. При использовании материалов сайта ссылка на источник обязательна."
    )
    doc = _clean(f"Совещание в округе\n{BODY}\n{BODY}\n11.02.2013\n{copyright}")
    assert doc.published_at == datetime(2013, 2, 11)
    assert "11.02.2013" not in doc.text


def test_a_label_on_the_line_before_its_date() -> None:
    doc = _clean(f"Совещание в округе\nОпубликовано:\n21.06.2024 10:00\n{BODY}")
    assert doc.published_at == datetime(2024, 6, 21, 10, 0)
    assert doc.text == f"Совещание в округе\n{BODY}"


def test_a_decoy_on_the_line_before_its_date() -> None:
    doc = _clean(f"Сегодня:\n20 апреля 2024 года\nСовещание в округе\n{BODY}")
    assert doc.published_at is None
    assert doc.text == f"Совещание в округе\n{BODY}"


def test_a_date_before_the_headline_on_its_line() -> None:
    doc = _clean(f"21.06.2024 Совещание в округе\n{BODY}")
    assert doc.published_at == datetime(2024, 6, 21)
    assert doc.title == "Совещание в округе"


@pytest.mark.parametrize(
    "line",
    [
        "27 мая 2021 года Михаил Мишустин прибыл в Минск с рабочим визитом.",
        "27 мая 2021 года Михаил Мишустин подписал указ, которым постановил",
    ],
)
def test_a_paragraph_opening_with_its_date_stays(line: str) -> None:
    doc = _clean(f"Визит в Минск\n{line}")
    assert doc.text == f"Визит в Минск\n{line}"
