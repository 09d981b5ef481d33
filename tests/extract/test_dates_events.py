"""An event's date on sentences parsed by hand: which of the times a sentence states is
the event's, dates passed on from the event it belongs to, and `накануне` counted from
the day before it."""

from __future__ import annotations

from datetime import date, datetime

from test_event_rules import document, parsed

from gov_extract.extract.events import dating
from gov_extract.extract.events.arguments import Context
from gov_extract.records import Event

PUBLISHED = datetime(2022, 8, 24, 10, 0)  # a Wednesday

# «Стороны договорились о проведении в 2023 году семинара.»
SEMINAR = [
    ("Стороны", "сторона", "NOUN", 1, "nsubj"),
    ("договорились", "договориться", "VERB", 1, "ROOT"),
    ("о", "о", "ADP", 3, "case"),
    ("проведении", "проведение", "NOUN", 1, "obl"),
    ("в", "в", "ADP", 6, "case"),
    ("2023", "2023", "ADJ", 6, "amod"),
    ("году", "год", "NOUN", 3, "nmod"),
    ("семинара", "семинар", "NOUN", 3, "nmod"),
    (".", ".", "PUNCT", 1, "punct"),
]
# «Вчера губернатор пригласил коллег посетить Калугу в сентябре.»
INVITATION = [
    ("Вчера", "вчера", "ADV", 2, "advmod"),
    ("губернатор", "губернатор", "NOUN", 2, "nsubj"),
    ("пригласил", "пригласить", "VERB", 2, "ROOT"),
    ("коллег", "коллега", "NOUN", 2, "obj"),
    ("посетить", "посетить", "VERB", 2, "xcomp"),
    ("Калугу", "калуга", "PROPN", 4, "obj"),
    ("в", "в", "ADP", 7, "case"),
    ("сентябре", "сентябрь", "NOUN", 4, "obl"),
    (".", ".", "PUNCT", 2, "punct"),
]
# «Встреча, которая пройдёт 23 сентября, посвящена туризму.»
RELATIVE_CLAUSE = [
    ("Встреча", "встреча", "NOUN", 8, "nsubj"),
    (",", ",", "PUNCT", 3, "punct"),
    ("которая", "который", "PRON", 3, "nsubj"),
    ("пройдёт", "пройти", "VERB", 0, "acl:relcl"),
    ("23", "23", "ADJ", 5, "amod"),
    ("сентября", "сентябрь", "NOUN", 3, "obl"),
    (",", ",", "PUNCT", 3, "punct"),
    ("посвящена", "посвятить", "VERB", 8, "ROOT"),
    ("туризму", "туризм", "NOUN", 7, "obl"),
    (".", ".", "PUNCT", 7, "punct"),
]
# «Министр встретился с рабочими.»
MEETING = [
    ("Министр", "министр", "NOUN", 1, "nsubj"),
    ("встретился", "встретиться", "VERB", 1, "ROOT"),
    ("с", "с", "ADP", 3, "case"),
    ("рабочими", "рабочий", "NOUN", 1, "obl"),
    (".", ".", "PUNCT", 1, "punct"),
]
# «Накануне министр провёл совещание.»
EVE = [
    ("Накануне", "накануне", "ADV", 2, "advmod"),
    ("министр", "министр", "NOUN", 2, "nsubj"),
    ("провёл", "провести", "VERB", 2, "ROOT"),
    ("совещание", "совещание", "NOUN", 2, "obj"),
    (".", ".", "PUNCT", 2, "punct"),
]
# «В ближайшие дни министр посетит Орск.»
SOON = [
    ("В", "в", "ADP", 2, "case"),
    ("ближайшие", "ближайший", "ADJ", 2, "amod"),
    ("дни", "день", "NOUN", 4, "obl"),
    ("министр", "министр", "NOUN", 4, "nsubj"),
    ("посетит", "посетить", "VERB", 4, "ROOT"),
    ("Орск", "орск", "PROPN", 4, "obj"),
    (".", ".", "PUNCT", 4, "punct"),
]


def _dated(
    rows: list,
    trigger: int,
    modality: str = "asserted",
    previous: list[Event] | None = None,
    published: datetime = PUBLISHED,
) -> Event:
    doc = document(rows, [])
    doc.published_at = published
    sdoc = parsed(rows)
    context = Context(doc, 4, sdoc, [None] * len(sdoc), {}, previous or [])
    context.doc.sentences = [doc.sentences[0]] * 5  # the sentence as the fifth of the release
    event = Event("meeting", rows[trigger][0], 0, 0, 4, doc.text, modality, "040", "test")
    dating.date(context, event, doc.text, sdoc[trigger])
    return event


def _earlier(day: date, sent_idx: int = 3, modality: str = "asserted", precision: str = "day"):
    return Event(
        "visit", "посетил", 0, 0, sent_idx, "", modality, "042", "test",
        date=day, date_source="text", date_precision=precision,
    )  # fmt: skip


def _when(event: Event) -> tuple:
    return event.date, event.date_source, event.date_precision


def test_a_year_of_something_else_is_not_the_events() -> None:
    assert _when(_dated(SEMINAR, 1)) == (date(2022, 8, 24), "published", "day")


def test_the_time_hung_nearest_the_trigger_dates_it() -> None:
    # `вчера` is when the invitation was made; the visit is for September.
    assert _when(_dated(INVITATION, 4, "planned")) == (date(2022, 9, 1), "text", "month")


def test_a_time_in_a_relative_clause_dates_its_noun() -> None:
    assert _when(_dated(RELATIVE_CLAUSE, 0, "planned")) == (date(2022, 9, 23), "text", "day")


def test_an_undated_event_shares_the_date_of_the_event_before() -> None:
    event = _dated(MEETING, 1, previous=[_earlier(date(2022, 8, 22))])
    assert _when(event) == (date(2022, 8, 22), "context", "day")


def test_a_month_passes_on_and_a_year_does_not() -> None:
    month = _dated(
        MEETING, 1, "planned", [_earlier(date(2022, 10, 1), modality="planned", precision="month")]
    )
    assert _when(month) == (date(2022, 10, 1), "context", "month")
    year = _dated(MEETING, 1, previous=[_earlier(date(2021, 1, 1), precision="year")])
    assert _when(year) == (date(2022, 8, 24), "published", "day")


def test_no_date_passes_on_from_too_far_or_from_another_modality() -> None:
    far = _dated(MEETING, 1, previous=[_earlier(date(2022, 8, 22), sent_idx=0)])
    assert far.date_source == "published"
    other = _dated(MEETING, 1, previous=[_earlier(date(2022, 8, 22), modality="planned")])
    assert other.date_source == "published"


def test_the_eve_of_the_event_before() -> None:
    event = _dated(EVE, 2, previous=[_earlier(date(2022, 8, 22))])
    assert _when(event) == (date(2022, 8, 21), "text", "day")


def test_the_eve_without_an_event_before_is_the_day_before_publication() -> None:
    assert _when(_dated(EVE, 2)) == (date(2022, 8, 23), "text", "day")


def test_a_time_no_calendar_gives_keeps_the_publication_date() -> None:
    event = _dated(SOON, 4, "planned", [_earlier(date(2022, 9, 5), modality="planned")])
    assert _when(event) == (date(2022, 8, 24), "published", "day")


def test_no_publication_date_no_event_date() -> None:
    doc = document(MEETING, [])
    doc.published_at = None
    sdoc = parsed(MEETING)
    context = Context(doc, 0, sdoc, [None] * len(sdoc), {}, [])
    event = Event("meeting", "встретился", 0, 0, 0, doc.text, "asserted", "040", "test")
    dating.date(context, event, doc.text, sdoc[1])
    assert _when(event) == (None, None, None)


# «Это вторая поездка министра в этом году.»
TALLY = [
    ("Это", "это", "PRON", 2, "nsubj"),
    ("вторая", "второй", "ADJ", 2, "amod"),
    ("поездка", "поездка", "NOUN", 2, "ROOT"),
    ("министра", "министр", "NOUN", 2, "nmod"),
    ("в", "в", "ADP", 6, "case"),
    ("этом", "этот", "DET", 6, "det"),
    ("году", "год", "NOUN", 2, "nmod"),
    (".", ".", "PUNCT", 2, "punct"),
]
# «В апреле министр посетил завод.»
APRIL = [
    ("В", "в", "ADP", 1, "case"),
    ("апреле", "апрель", "NOUN", 3, "obl"),
    ("министр", "министр", "NOUN", 3, "nsubj"),
    ("посетил", "посетить", "VERB", 3, "ROOT"),
    ("завод", "завод", "NOUN", 3, "obj"),
    (".", ".", "PUNCT", 3, "punct"),
]


def test_a_period_holding_the_publication_date_does_not_date_what_happened() -> None:
    event = _dated(TALLY, 2, previous=[_earlier(date(2022, 8, 22))])
    assert _when(event) == (date(2022, 8, 24), "published", "day")


def test_a_past_month_dates_what_happened_in_it() -> None:
    assert _when(_dated(APRIL, 3)) == (date(2022, 4, 1), "text", "month")


# «В пятницу, 13 ноября, губернатор посетил завод.»
WEEKDAY_AND_DATE = [
    ("В", "в", "ADP", 1, "case"),
    ("пятницу", "пятница", "NOUN", 7, "obl"),
    (",", ",", "PUNCT", 4, "punct"),
    ("13", "13", "ADJ", 4, "amod"),
    ("ноября", "ноябрь", "NOUN", 1, "appos"),
    (",", ",", "PUNCT", 4, "punct"),
    ("губернатор", "губернатор", "NOUN", 7, "nsubj"),
    ("посетил", "посетить", "VERB", 7, "ROOT"),
    ("завод", "завод", "NOUN", 7, "obj"),
    (".", ".", "PUNCT", 7, "punct"),
]


def test_a_date_beside_a_weekday_is_told_in_numbers() -> None:
    # Published on Friday 20 November 2020: `в пятницу` alone would be that day.
    event = _dated(WEEKDAY_AND_DATE, 7, published=datetime(2020, 11, 20, 10, 0))
    assert _when(event) == (date(2020, 11, 13), "text", "day")


def test_the_eve_far_below_counts_from_the_event_of_the_lead() -> None:
    # The lead's event is four sentences up: too far to pass its date on, not to
    # count the eve from.
    event = _dated(EVE, 2, previous=[_earlier(date(2022, 8, 22), sent_idx=0)])
    assert _when(event) == (date(2022, 8, 21), "text", "day")


# «Вчера жители узнали о планах губернатора посетить район.»
PLANS = [
    ("Вчера", "вчера", "ADV", 2, "advmod"),
    ("жители", "житель", "NOUN", 2, "nsubj"),
    ("узнали", "узнать", "VERB", 2, "ROOT"),
    ("о", "о", "ADP", 4, "case"),
    ("планах", "план", "NOUN", 2, "obl"),
    ("губернатора", "губернатор", "NOUN", 4, "nmod"),
    ("посетить", "посетить", "VERB", 4, "acl"),
    ("район", "район", "NOUN", 6, "obj"),
    (".", ".", "PUNCT", 2, "punct"),
]


def test_a_time_above_the_noun_a_trigger_belongs_to_is_not_its() -> None:
    assert _when(_dated(PLANS, 6, "planned")) == (date(2022, 8, 24), "published", "day")


# «Губернатор пригласил гостей посетить форум, который состоится 10 декабря.»
FORUM = [
    ("Губернатор", "губернатор", "NOUN", 1, "nsubj"),
    ("пригласил", "пригласить", "VERB", 1, "ROOT", "Tense=Past"),
    ("гостей", "гость", "NOUN", 1, "obj"),
    ("посетить", "посетить", "VERB", 1, "xcomp", "VerbForm=Inf"),
    ("форум", "форум", "NOUN", 3, "obj"),
    (",", ",", "PUNCT", 7, "punct"),
    ("который", "который", "PRON", 7, "nsubj"),
    ("состоится", "состояться", "VERB", 4, "acl:relcl", "Tense=Fut"),
    ("10", "10", "ADJ", 9, "amod"),
    ("декабря", "декабрь", "NOUN", 7, "obl"),
    (".", ".", "PUNCT", 1, "punct"),
]
# «Губернатор посетил площадку, где пройдёт форум 10 декабря.»
SITE = [
    ("Губернатор", "губернатор", "NOUN", 1, "nsubj"),
    ("посетил", "посетить", "VERB", 1, "ROOT", "Tense=Past"),
    ("площадку", "площадка", "NOUN", 1, "obj"),
    (",", ",", "PUNCT", 5, "punct"),
    ("где", "где", "ADV", 5, "advmod"),
    ("пройдёт", "пройти", "VERB", 2, "acl:relcl", "Tense=Fut"),
    ("форум", "форум", "NOUN", 5, "nsubj"),
    ("10", "10", "ADJ", 8, "amod"),
    ("декабря", "декабрь", "NOUN", 5, "obl"),
    (".", ".", "PUNCT", 1, "punct"),
]


def test_a_visit_to_come_is_dated_by_what_it_goes_to() -> None:
    assert _when(_dated(FORUM, 3, "planned")) == (date(2022, 12, 10), "text", "day")


def test_a_visit_that_was_is_not_dated_by_what_is_to_come_there() -> None:
    assert _when(_dated(SITE, 1)) == (date(2022, 8, 24), "published", "day")


# «12 декабря состоялось заседание.»
SITTING = [
    ("12", "12", "ADJ", 1, "amod"),
    ("декабря", "декабрь", "NOUN", 2, "obl"),
    ("состоялось", "состояться", "VERB", 2, "ROOT", "Tense=Past"),
    ("заседание", "заседание", "NOUN", 2, "nsubj"),
    (".", ".", "PUNCT", 2, "punct"),
]


def _undated(rows: list, trigger: int, title: str) -> Event:
    doc = document(rows, [])
    offset = len(title) + 1
    doc.published_at, doc.title, doc.text = None, title, f"{title}\n{doc.text}"
    for token in doc.sentences[0].tokens:
        token.start, token.stop = token.start + offset, token.stop + offset
    doc.sentences[0].start, doc.sentences[0].stop = offset, len(doc.text)
    sdoc = parsed(rows)
    context = Context(doc, 0, sdoc, [None] * len(sdoc), {}, [])
    sentence = doc.text[offset:]
    event = Event("meeting", rows[trigger][0], 0, 0, 0, sentence, "asserted", "040", "test")
    dating.date(context, event, sentence, sdoc[trigger])
    return event


def test_a_headline_date_gives_the_year_when_the_release_has_no_date() -> None:
    title = "Исполком\nИтоги заседания совета (12 декабря 2017 года)"
    assert _when(_undated(SITTING, 3, title)) == (date(2017, 12, 12), "text", "day")
    # A day counted from a publication there is not, or no day at all: no date.
    assert _when(_undated(EVE, 2, title)) == (None, None, None)
    assert _when(_undated(MEETING, 1, title)) == (None, None, None)
    assert _when(_undated(SITTING, 3, "Итоги заседания совета")) == (None, None, None)


# «В ближайшие дни министр посетит Орск, где проведёт заседание.»
SOON_THERE = [
    ("В", "в", "ADP", 2, "case"),
    ("ближайшие", "ближайший", "ADJ", 2, "amod"),
    ("дни", "день", "NOUN", 4, "obl"),
    ("министр", "министр", "NOUN", 4, "nsubj"),
    ("посетит", "посетить", "VERB", 4, "ROOT", "Tense=Fut"),
    ("Орск", "орск", "PROPN", 4, "obj"),
    (",", ",", "PUNCT", 8, "punct"),
    ("где", "где", "ADV", 8, "advmod"),
    ("проведёт", "провести", "VERB", 5, "acl:relcl", "Tense=Fut"),
    ("заседание", "заседание", "NOUN", 8, "obj"),
    (".", ".", "PUNCT", 4, "punct"),
]


def test_a_time_no_calendar_gives_in_the_sentence_keeps_earlier_dates_off() -> None:
    earlier = [_earlier(date(2022, 8, 23), modality="planned")]
    event = _dated(SOON_THERE, 9, "planned", earlier)
    assert _when(event) == (date(2022, 8, 24), "published", "day")
