"""Times a sentence states, on sentences written for these tests: days, months, years,
weeks, and times no calendar gives."""

from datetime import date

import pytest

from gov_extract.extract.when import find_dates

PUBLISHED = date(2022, 8, 24)  # a Wednesday


def _times(sentence: str, future: bool | None = True, published: date = PUBLISHED):
    return [
        (s.date, s.precision, sentence[s.start : s.stop])
        for s in find_dates(sentence, published, future)
    ]


@pytest.mark.parametrize(
    ("sentence", "future", "expected"),
    [
        ("Министр посетит область в апреле.", True, (date(2023, 4, 1), "month", "в апреле")),
        ("Министр посетил область в апреле.", False, (date(2022, 4, 1), "month", "в апреле")),
        # Planned for this month: this month, though its first day is past.
        ("Встреча пройдёт в августе.", True, (date(2022, 8, 1), "month", "в августе")),
        ("Визит запланирован на сентябрь.", True, (date(2022, 9, 1), "month", "на сентябрь")),
        (
            "Встреча пройдёт в конце мая 2023 года.",
            True,
            (date(2023, 5, 1), "month", "в конце мая 2023 года"),
        ),
        (
            "Визит состоится в октябре следующего года.",
            True,
            (date(2023, 10, 1), "month", "в октябре следующего года"),
        ),
        ("Встреча пройдёт в апреле-мае.", True, (date(2023, 4, 1), "month", "в апреле-мае")),
        (
            "Встреча пройдёт в следующем месяце.",
            True,
            (date(2022, 9, 1), "month", "в следующем месяце"),
        ),
        # The beginning of this month is over: a plan for it is next month's.
        ("Встреча пройдёт в начале месяца.", True, (date(2022, 9, 1), "month", "в начале месяца")),
        ("Встреча пройдёт в конце месяца.", True, (date(2022, 8, 1), "month", "в конце месяца")),
        ("Соглашение подпишут в 2024 году.", True, (date(2024, 1, 1), "year", "в 2024 году")),
        (
            "Визиты пройдут в 2024–2026 годах.",
            True,
            (date(2024, 1, 1), "year", "в 2024–2026 годах"),
        ),
        (
            "Работы начнутся в первом квартале 2023 года.",
            True,
            (date(2023, 1, 1), "year", "в первом квартале 2023 года"),
        ),
        (
            "Он вернётся в начале следующего года.",
            True,
            (date(2023, 1, 1), "year", "в начале следующего года"),
        ),
        ("Он посетил район в прошлом году.", False, (date(2021, 1, 1), "year", "в прошлом году")),
        (
            "Визит намечен осенью 2023 года.",
            True,
            (date(2023, 1, 1), "year", "осенью 2023 года"),
        ),
    ],
)
def test_months_and_years_are_dated_by_their_first_day(
    sentence: str, future: bool, expected: tuple
) -> None:
    assert _times(sentence, future)[-1] == expected


def test_a_part_of_the_month_named_before() -> None:
    sentence = "Сессию решили провести в январе, а гостей пригласили в первой половине месяца."
    assert _times(sentence) == [
        (date(2023, 1, 1), "month", "в январе"),
        (date(2023, 1, 1), "month", "в первой половине месяца"),
    ]


def test_a_week_inside_one_month_is_that_month() -> None:
    published = date(2022, 8, 10)  # a Wednesday; the next week runs 15–21 August
    assert _times("На следующей неделе он посетит завод.", published=published) == [
        (date(2022, 8, 1), "month", "На следующей неделе")
    ]


def test_a_week_across_two_months_gives_no_date() -> None:
    # The week after 24 August runs from 29 August to 4 September.
    assert _times("На следующей неделе он посетит завод.") == [(None, None, "На следующей неделе")]


def test_a_weekday_of_the_next_week() -> None:
    assert _times("В среду на следующей неделе он посетит завод.")[0] == (
        date(2022, 8, 31),
        "day",
        "В среду",
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "В ближайшее время глава посетит район.",
        "В ближайшие дни глава посетит район.",
        "Глава посетит район осенью.",
        "В дальнейшем стороны встретятся снова.",
    ],
)
def test_times_no_calendar_gives(sentence: str) -> None:
    [(day, precision, _)] = _times(sentence)
    assert (day, precision) == (None, None)


@pytest.mark.parametrize(
    "sentence",
    [
        "Соглашение подпишут до конца 2023 года.",
        "Программа рассчитана до 2030 года.",
        "Дорогу построят к 2025 году.",
        "Работа продолжится в течение года.",
        "Подготовка займёт в течение месяца.",
    ],
)
def test_bounds_and_spans_are_no_dates(sentence: str) -> None:
    assert _times(sentence) == []


def test_the_eve_counts_back_one_day_and_says_so() -> None:
    [eve] = find_dates("Накануне губернатор провёл совещание.", PUBLISHED, False)
    assert (eve.date, eve.shift) == (date(2022, 8, 23), -1)
    assert eve.counted_from(date(2022, 8, 25)).date == date(2022, 8, 24)
    [after] = find_dates("На следующий день делегация посетила завод.", PUBLISHED, False)
    assert after.counted_from(date(2022, 8, 25)).date == date(2022, 8, 26)


@pytest.mark.parametrize(
    ("sentence", "future", "expected"),
    [
        ("Глава накануне Дня Победы посетил ветерана.", False, date(2022, 5, 8)),
        ("В День знаний губернатор посетит школу.", True, date(2022, 9, 1)),
        ("В канун Нового года мэр встретится с волонтёрами.", True, date(2022, 12, 31)),
    ],
)
def test_holidays_of_a_fixed_day(sentence: str, future: bool, expected: date) -> None:
    [(day, precision, _)] = _times(sentence, future)
    assert (day, precision) == (expected, "day")


def test_the_new_year_as_a_time_is_no_holiday() -> None:
    assert _times("В новом году стороны встретятся снова.") == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Мэр отменил назначенную на этот четверг встречу.", date(2022, 8, 25)),
        ("В следующий вторник мэр встретится с жителями.", date(2022, 8, 30)),
        ("В прошлую пятницу мэр встретился с жителями.", date(2022, 8, 19)),
    ],
)
def test_a_weekday_of_the_week_named(sentence: str, expected: date) -> None:
    assert _times(sentence, None)[0][:2] == (expected, "day")
