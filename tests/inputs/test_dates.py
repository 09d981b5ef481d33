from datetime import date, datetime, time

import pytest

from gov_extract.inputs.dates import Stamp, combine, parse_datetime, parse_stamp


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("07:05", Stamp(None, time(7, 5))),
        ("18-05-18", Stamp(date(2018, 5, 18), None)),
        ("18 мая 2018, 14:30", Stamp(date(2018, 5, 18), time(14, 30))),
        ("18 мая 2018 г.", Stamp(date(2018, 5, 18), None)),
        ("2 марта 2019 года", Stamp(date(2019, 3, 2), None)),
        ("18.05.2018 07:05", Stamp(date(2018, 5, 18), time(7, 5))),
        ("18.05.2018", Stamp(date(2018, 5, 18), None)),
        ("2018-05-18", Stamp(date(2018, 5, 18), None)),
        ("2018-05-18T07:05:00", Stamp(date(2018, 5, 18), time(7, 5))),
        ("2019-04-02T10:15:00+03:00", Stamp(date(2019, 4, 2), time(10, 15))),
        ("14:30, 18 декабря 2020", Stamp(date(2020, 12, 18), time(14, 30))),
    ],
)
def test_header_lines(line: str, expected: Stamp) -> None:
    assert parse_stamp(line) == expected


@pytest.mark.parametrize(
    "line",
    ["Губернатор посетил завод", "В 2018 году", "18 мая губернатор посетил", "31.02.2018", "25:61"],
)
def test_not_header_lines(line: str) -> None:
    assert parse_stamp(line) is None


def test_time_and_date_lines_combine() -> None:
    stamps = [parse_stamp("07:05"), parse_stamp("18-05-18")]
    assert combine([s for s in stamps if s]) == datetime(2018, 5, 18, 7, 5)


def test_metadata_values() -> None:
    assert parse_datetime("2021-06-15T10:00:00") == datetime(2021, 6, 15, 10, 0)
    assert parse_datetime(datetime(2021, 6, 15, 10, 0)) == datetime(2021, 6, 15, 10, 0)
    assert parse_datetime("nan") is None
    assert parse_datetime(None) is None
