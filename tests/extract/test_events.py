"""Events from sentences written for these tests, and the scores on tests/data."""

from datetime import date, datetime

import pytest
from gov_extract_eval.event_scoring import predict, read_examples, score

from gov_extract.link.entities import link
from gov_extract.records import Doc, Event

PUBLISHED = datetime(2021, 6, 18, 10, 0)  # a Friday


def _events(annotator, text: str) -> list[Event]:
    doc = Doc("d", "d.txt", None, "txt", "x", text=text, published_at=PUBLISHED)
    annotator([doc])
    link([doc])
    return doc.events


def _only(events: list[Event], type: str) -> Event:
    """The one event of that type."""
    [event] = [e for e in events if e.type == type]
    return event


def _roles(event: Event) -> set[tuple[str, str]]:
    return {(p.role, p.name) for p in event.participants}


def test_meeting_with_subject_and_with_object(annotator) -> None:
    [event] = _events(
        annotator,
        "Губернатор Калужской области Владислав Шапша встретился с мэром Обнинска Татьяной Леоновой.",
    )
    assert event.type == "meeting" and event.rule == "meeting.verb" and event.cameo == "040"
    assert _roles(event) == {("participant", "Владислав Шапша"), ("participant", "Татьяна Леонова")}
    assert (event.modality, event.date, event.date_source) == (
        "asserted",
        date(2021, 6, 18),
        "published",
    )


def test_visit_of_a_delegation_to_a_body(annotator) -> None:
    [event] = _events(
        annotator,
        "Делегация Правительства Тульской области посетила с рабочим визитом Правительство Москвы.",
    )
    assert event.type == "visit" and event.cameo == "042"
    assert _roles(event) == {
        ("visitor", "Правительство Тульской области"),
        ("host", "Правительство Москвы"),
    }


def test_receiving_a_delegation_is_a_visit(annotator) -> None:
    [event] = _events(
        annotator,
        "Вчера мэр Калуги Дмитрий Денисов принял делегацию Администрации города Витебска.",
    )
    assert event.type == "visit"
    assert ("host", "Дмитрий Денисов") in _roles(event)
    assert any(role == "visitor" and "Витебска" in name for role, name in _roles(event))
    assert event.date == date(2021, 6, 17)


def test_agreement_between_parties_with_topic(annotator) -> None:
    [event] = _events(
        annotator,
        "В понедельник подписано соглашение о сотрудничестве в сфере туризма между Правительством Севастополя и Правительством Москвы.",
    )
    assert (event.type, event.rule, event.cameo) == ("agreement", "agreement.sign", "057")
    assert _roles(event) == {
        ("party", "Правительство Севастополя"),
        ("party", "Правительство Москвы"),
    }
    assert event.topic.startswith("о сотрудничестве в сфере туризма")
    assert event.date == date(2021, 6, 14)


@pytest.mark.parametrize(
    "document", ["дорожную карту по развитию промышленности", "совместную декларацию о дружбе"]
)
def test_documents_signed_besides_agreements(annotator, document: str) -> None:
    [event] = _events(
        annotator, f"Правительство Липецкой области и ПАО «НЛМК» подписали {document}."
    )
    assert (event.type, event.rule) == ("agreement", "agreement.sign")
    assert _roles(event) == {("party", "Правительство Липецкой области"), ("party", "ПАО «НЛМК»")}


def test_those_who_took_part_in_talks_are_their_participants(annotator) -> None:
    [event] = _events(
        annotator,
        "В переговорах участвовали мэр Казани Ильсур Метшин и посол Узбекистана Ойбек Усманов.",
    )
    assert (event.type, event.rule) == ("meeting", "meeting.noun+joined")
    assert _roles(event) == {("participant", "Ильсур Метшин"), ("participant", "Ойбек Усманов")}


@pytest.mark.parametrize(
    "before",
    [
        "Губернатор Иван Петров встретился с министром Олегом Сидоровым.",
        # Three sentences from the meeting's latest mention, not from its headline.
        "Иван Петров встретился с Олегом Сидоровым\n"
        "Обсуждалось развитие туризма. Говорили и о школах. "
        "Губернатор Иван Петров и министр Олег Сидоров обсудили ремонт дорог. "
        "Речь шла о новых маршрутах. Отдельно говорили о мостах.",
    ],
)
def test_those_who_also_took_part_joined_the_meeting_before(annotator, before: str) -> None:
    [event] = _events(
        annotator,
        f"{before} Во встрече также участвовали депутат Анна Крутикова и директор Пётр Голованов.",
    )
    assert event.rule == "meeting.verb"
    assert {name for _, name in _roles(event)} == {
        "Иван Петров",
        "Олег Сидоров",
        "Анна Крутикова",
        "Пётр Голованов",
    }


def test_signatories_and_coordinated_parties(annotator) -> None:
    [event] = _events(
        annotator, "Министр финансов Ольга Иванова и директор фонда Пётр Смирнов подписали договор."
    )
    assert _roles(event) == {("signatory", "Ольга Иванова"), ("signatory", "Пётр Смирнов")}


def test_planned_and_negated(annotator) -> None:
    [planned] = _events(
        annotator, "Губернатор Тульской области Алексей Дюмин планирует посетить Калугу 25 июня."
    )
    assert (planned.modality, planned.cameo, planned.date) == ("planned", "036", date(2021, 6, 25))
    assert ("destination", "Калуга") in _roles(planned)
    [negated] = _events(annotator, "Встреча мэра Калуги Дмитрия Денисова с жителями не состоялась.")
    assert negated.modality == "negated"


def test_parties_referred_back_and_one_event_per_meeting(annotator) -> None:
    events = _events(
        annotator,
        "Мэр Калуги Дмитрий Денисов встретился с мэром Тулы Ильёй Беспаловым. "
        "В ходе встречи стороны обсудили вопросы развития туризма.",
    )
    meeting = _only(events, "meeting")
    assert _roles(meeting) == {("participant", "Дмитрий Денисов"), ("participant", "Илья Беспалов")}
    assert meeting.topic == "вопросы развития туризма"


def test_the_sides_are_those_of_the_last_event_that_named_any(annotator) -> None:
    """`переговоров` names no side: the parties of `стороны` are the meeting's."""
    events = _events(
        annotator,
        "Мэр Калуги Дмитрий Денисов встретился с мэром Тулы Ильёй Беспаловым. "
        "По итогам переговоров стороны договорились о проведении совместного фестиваля.",
    )
    agreement = _only(events, "agreement")
    assert _roles(agreement) == {("signatory", "Дмитрий Денисов"), ("signatory", "Илья Беспалов")}
    assert agreement.topic.startswith("о проведении совместного фестиваля")


def test_the_headline_is_not_an_earlier_occasion_far_below(annotator) -> None:
    events = _events(
        annotator,
        "Встреча с губернатором Курской области Алексеем Смирновым\n"
        "Владимир Путин провёл рабочую встречу с губернатором Курской области Алексеем Смирновым. "
        "Обсуждалось социально-экономическое развитие региона. "
        "Губернатор доложил о выплатах жителям. "
        "Особое внимание уделили ремонту школ и больниц. "
        "Ранее, 3 апреля, губернатор встречался с Председателем Правительства Михаилом Мишустиным.",
    )
    meetings = sorted((e.date, {p.name for p in e.participants}) for e in events)
    assert meetings == [
        (date(2021, 4, 3), {"Алексей Смирнов", "Михаил Мишустин"}),
        (date(2021, 6, 18), {"Алексей Смирнов", "Владимир Путин"}),
    ]


def test_a_bare_mention_right_after_tells_where_the_meeting_was(annotator) -> None:
    [event] = _events(
        annotator,
        "Мэр Казани Ильсур Метшин встретился с хокимом Ташкента Шавкатом Умурзаковым. "
        "Встреча прошла в Казанской ратуше.",
    )
    assert event.location_name == "Казанская ратуша"


def test_a_deadline_is_not_the_date_of_the_event(annotator) -> None:
    [event] = _events(
        annotator,
        "Правительство Липецкой области и ПАО «НЛМК» планируют подписать соглашение до 1 июля.",
    )
    assert (event.modality, event.date, event.date_source) == (
        "planned",
        date(2021, 6, 18),
        "published",
    )


def test_a_post_written_short_is_held_by_whom_it_was_given_in_full(annotator) -> None:
    events = _events(
        annotator,
        "Заместитель министра промышленности и торговли России Алексей Груздев посетил Ульяновск. "
        "Замминистра встретился с генеральным директором завода Андреем Демидовым.",
    )
    meeting = _only(events, "meeting")
    assert _roles(meeting) == {
        ("participant", "Алексей Груздев"),
        ("participant", "Андрей Демидов"),
    }


def test_a_bare_post_is_the_one_person_given_a_post_that_fits_it(annotator) -> None:
    """Two people are `глава`; only one is head of the district."""
    events = _events(
        annotator,
        "Глава Ейского района Роман Бублик и глава Должанского сельского поселения Ирина "
        "Сидоренко побывали в станице. Встреча главы района с руководством компании "
        "«Югдорстрой» отменена.",
    )
    meeting = _only(events, "meeting")
    assert meeting.modality == "negated"
    assert ("participant", "Роман Бублик") in _roles(meeting)


def test_a_meeting_set_for_a_weekday_is_dated_that_day(annotator) -> None:
    [event] = _events(
        annotator,
        "Встреча мэра Калуги Дмитрия Денисова с мэром Тулы Ильёй Беспаловым назначена на вторник.",
    )
    assert (event.modality, event.date, event.date_source) == ("planned", date(2021, 6, 22), "text")


def test_a_cancelled_meeting_on_a_weekday_is_the_nearer_one(annotator) -> None:
    """Published on a Friday: Monday three days on is nearer than four days back."""
    [event] = _events(
        annotator,
        "Встреча мэра Калуги Дмитрия Денисова с мэром Тулы Ильёй Беспаловым в понедельник "
        "отменена.",
    )
    assert (event.modality, event.date) == ("negated", date(2021, 6, 21))


@pytest.mark.parametrize("days", ["14–15 июня", "с 14 по 15 июня"])
def test_a_visit_over_days_is_dated_by_its_first(annotator, days: str) -> None:
    [event] = _events(annotator, f"{days.capitalize()} губернатор Олег Сидоров посетил Псков.")
    assert (event.date, event.date_source) == (date(2021, 6, 14), "text")


def test_the_sides_far_below_are_those_of_the_headline(annotator) -> None:
    events = _events(
        annotator,
        "Мэр Калуги Дмитрий Денисов встретился с мэром Тулы Ильёй Беспаловым\n"
        "Обсуждалось развитие туризма. Речь шла о новых маршрутах. "
        "Отдельно обсудили ремонт дорог. Говорили и о школах. "
        "По итогам встречи стороны договорились о проведении совместного фестиваля.",
    )
    agreement = _only(events, "agreement")
    assert _roles(agreement) == {("signatory", "Дмитрий Денисов"), ("signatory", "Илья Беспалов")}


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        # `в Псков` hangs on `визитом`.
        ("Губернатор Иван Петров прибыл с рабочим визитом в Псков.",
         {("visitor", "Иван Петров"), ("destination", "Псков")}),
        ("Вместе с мэром Москвы Сергеем Собяниным министр Иван Петров побывал в Зарядье.",
         {("visitor", "Иван Петров"), ("visitor", "Сергей Собянин"), ("destination", "Зарядье")}),
        # A place of a body stands for the body named after it.
        ("Министр транспорта Роман Старовойт посетил логистический центр АО «РЖД Логистика».",
         {("visitor", "Роман Старовойт"), ("host", "АО «РЖД Логистика»")}),
    ],
)  # fmt: skip
def test_who_visited_with_whom_and_where(annotator, text: str, roles: set) -> None:
    [event] = _events(annotator, text)
    assert event.type == "visit" and _roles(event) == roles


def test_a_bare_post_with_a_word_for_a_kind_of_body_is_the_known_holder(annotator) -> None:
    events = _events(
        annotator,
        "Генеральный директор АО «Арзамасский приборостроительный завод» Олег Лавричев "
        "показал цеха. Затем гендиректор компании встретился с губернатором Иваном Петровым.",
    )
    meeting = _only(events, "meeting")
    assert _roles(meeting) == {("participant", "Олег Лавричев"), ("participant", "Иван Петров")}


def test_group_participant(annotator) -> None:
    [event] = _events(annotator, "Глава района Иван Петров провёл встречу с жителями посёлка.")
    assert ("participant", "жители посёлка") in _roles(event)
    assert any(p.type == "GROUP" and p.mention is None for p in event.participants)


@pytest.mark.parametrize(
    "text",
    [
        "В планах на февраль: встреча выпускников, субботник, конкурс чтецов.",
        "Средства выделены в соответствии с Соглашением от 12.03.2019 № 45.",
        "Раздел «Визиты» обновляется ежедневно.",
        "Губернатор подписал указ о назначении выплат.",
    ],
)
def test_not_events(annotator, text: str) -> None:
    assert _events(annotator, text) == []


def test_scores_on_the_annotated_examples(annotator) -> None:
    examples = read_examples()
    assert len(examples) >= 60
    result = score(examples, predict(examples, annotator))
    assert result.events.f1 >= 0.9
    assert result.args_with_roles.f1 >= 0.8
    assert result.modality.f1 >= 0.9
    assert result.date.f1 >= 0.9
