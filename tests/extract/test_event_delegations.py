"""Who travels and who receives, told around the visit: the hosts greeting the guests
in a sentence of their own, the members of a delegation named in a later sentence, its
head named by `во главе с`, the release's own district. Releases of several sentences,
parsed by hand as in test_event_referents.py."""

from __future__ import annotations

from test_event_referents import ANIM_M, NEWS, PAST_M, extract, release

from gov_extract.extract.events import referents
from gov_extract.extract.events.merging import merge
from gov_extract.records import Event, Mention, Participant, Position

INAN_F = "Animacy=Inan|Case=Nom|Gender=Fem|Number=Sing"
PAST_PL = "Aspect=Perf|Mood=Ind|Number=Plur|Tense=Past|VerbForm=Fin|Voice=Act"

# «Делегация Тулы посетила Орёл.»
DELEGATION_VISITS = [
    ("Делегация", "делегация", "NOUN", 2, "nsubj", INAN_F),
    ("Тулы", "тула", "PROPN", 0, "nmod", "Animacy=Inan|Case=Gen|Gender=Fem|Number=Sing"),
    ("посетила", "посетить", "VERB", 2, "ROOT", PAST_M.replace("Masc", "Fem")),
    ("Орёл", "орёл", "PROPN", 2, "obj", "Animacy=Inan|Case=Acc|Gender=Masc|Number=Sing"),
    (".", ".", "PUNCT", 2, "punct", ""),
]
DELEGATION_NAMES = {(1, 1, 1): ("LOC", "Тула"), (1, 3, 3): ("LOC", "Орёл")}
# «В состав делегации также вошли Петров и Сидоров.»
MEMBERS = [
    ("В", "в", "ADP", 1, "case", ""),
    ("состав", "состав", "NOUN", 4, "obl", "Animacy=Inan|Case=Acc|Gender=Masc|Number=Sing"),
    ("делегации", "делегация", "NOUN", 1, "nmod", "Animacy=Inan|Case=Gen|Gender=Fem|Number=Sing"),
    ("также", "также", "ADV", 4, "advmod", ""),
    ("вошли", "войти", "VERB", 4, "ROOT", PAST_PL),
    ("Петров", "петров", "PROPN", 4, "nsubj", ANIM_M),
    ("и", "и", "CCONJ", 7, "cc", ""),
    ("Сидоров", "сидоров", "PROPN", 5, "conj", ANIM_M),
    (".", ".", "PUNCT", 4, "punct", ""),
]


def _sides(event: Event) -> set[tuple[str, str]]:
    return {(p.role, p.name) for p in event.participants}


def test_members_named_after_the_visit_are_its_visitors() -> None:
    names = {**DELEGATION_NAMES, (2, 5, 5): ("PER", "Петров"), (2, 7, 7): ("PER", "Сидоров")}
    [visit] = extract(*release(NEWS, DELEGATION_VISITS, MEMBERS, names=names)).events
    assert _sides(visit) == {
        ("visitor", "Тула"),
        ("destination", "Орёл"),
        ("visitor", "Петров"),
        ("visitor", "Сидоров"),
    }


def test_members_of_a_delegation_no_visit_was_told_of_are_no_event() -> None:
    names = {(1, 5, 5): ("PER", "Петров"), (1, 7, 7): ("PER", "Сидоров")}
    assert extract(*release(NEWS, MEMBERS, names=names)).events == []


def test_an_agreement_after_the_members_has_the_visit_s_sides() -> None:
    """`Планируется подписать соглашение` after the members: the sides are the visit's
    (the delegation's region and the place visited), not the members just listed."""
    sign = [
        ("Планируется", "планироваться", "VERB", 0, "ROOT", ""),
        ("подписать", "подписать", "VERB", 0, "csubj", "Aspect=Perf|VerbForm=Inf|Voice=Act"),
        ("соглашение", "соглашение", "NOUN", 1, "obj", "Animacy=Inan|Case=Acc|Number=Sing"),
        (".", ".", "PUNCT", 0, "punct", ""),
    ]
    names = {**DELEGATION_NAMES, (2, 5, 5): ("PER", "Петров"), (2, 7, 7): ("PER", "Сидоров")}
    doc = extract(*release(NEWS, DELEGATION_VISITS, MEMBERS, sign, names=names))
    [agreement] = [e for e in doc.events if e.type == "agreement"]
    assert _sides(agreement) == {("party", "Тула"), ("party", "Орёл")}


def test_a_delegation_s_head_is_a_visitor_however_the_parser_hangs_во_главе() -> None:
    """«Начался визит делегации Тулы во главе с Петровым.» with `во главе` hung on
    `делегации` as its preposition: Тула and Петров travel, Тула is no destination."""
    rows = [
        ("Начался", "начаться", "VERB", 0, "ROOT", PAST_M),
        ("визит", "визит", "NOUN", 0, "nsubj", "Animacy=Inan|Case=Nom|Gender=Masc|Number=Sing"),
        (
            "делегации",
            "делегация",
            "NOUN",
            1,
            "nmod",
            "Animacy=Inan|Case=Gen|Gender=Fem|Number=Sing",
        ),
        ("Тулы", "тула", "PROPN", 2, "nmod", "Animacy=Inan|Case=Gen|Gender=Fem|Number=Sing"),
        ("во", "в", "ADP", 2, "case", ""),
        ("главе", "глава", "NOUN", 4, "fixed", ""),
        ("с", "с", "ADP", 7, "case", ""),
        ("Петровым", "петров", "PROPN", 4, "obl", "Animacy=Anim|Case=Ins|Gender=Masc|Number=Sing"),
        (".", ".", "PUNCT", 0, "punct", ""),
    ]
    names = {(1, 3, 3): ("LOC", "Тула"), (1, 7, 7): ("PER", "Петров")}
    [visit] = extract(*release(NEWS, rows, names=names)).events
    assert _sides(visit) == {("visitor", "Тула"), ("visitor", "Петров")}


def test_hosts_greeting_the_guests_with_a_verb_tagged_as_an_adverb() -> None:
    """`Встречали гостей Петров и депутаты.`: the tagger may call a plural past verb
    opening a sentence an adverb; its greeters still host the visit told before, and
    `гостей` are its visitors, not a group of their own."""
    greeted = [
        ("Встречали", "встречать", "ADV", 0, "ROOT", ""),
        ("гостей", "гость", "NOUN", 0, "obj", "Animacy=Anim|Case=Gen|Gender=Masc|Number=Plur"),
        ("Петров", "петров", "PROPN", 0, "nsubj", ANIM_M),
        ("и", "и", "CCONJ", 4, "cc", ""),
        ("депутаты", "депутат", "NOUN", 2, "conj", "Animacy=Anim|Case=Nom|Gender=Masc|Number=Plur"),
        (".", ".", "PUNCT", 0, "punct", ""),
    ]
    names = {**DELEGATION_NAMES, (2, 2, 2): ("PER", "Петров")}
    [visit] = extract(*release(NEWS, DELEGATION_VISITS, greeted, names=names)).events
    assert _sides(visit) == {
        ("visitor", "Тула"),
        ("destination", "Орёл"),
        ("host", "Петров"),
        ("host", "депутаты"),
    }


def test_our_district_is_the_district_the_release_names_in_full() -> None:
    """`наш район` after a headline where the NER model took `РАЙОНА` alone: the district
    named in full (`Заречный район`)."""
    doc, _ = release(NEWS, NEWS, names={})
    doc.mentions = [
        Mention(0, 6, "LOC", "РАЙОНА", 0, "РАЙОНА"),
        Mention(20, 34, "LOC", "Заречного района", 1, "Заречный район"),
    ]
    found = referents.own_territory(doc, "район", frozenset())
    assert found is not None and found.normal == "Заречный район"


def _sitting(adjective: tuple[str, str], body: tuple[str, str]) -> list[tuple[str, ...]]:
    """«Состоялось заседание <adjective> <body> России и Армении.»"""
    return [
        ("Состоялось", "состояться", "VERB", 0, "ROOT", PAST_M.replace("Masc", "Neut")),
        ("заседание", "заседание", "NOUN", 0, "nsubj", "Animacy=Inan|Case=Nom|Number=Sing"),
        (adjective[0], adjective[1], "ADJ", 3, "amod", "Case=Gen|Degree=Pos|Number=Sing"),
        (body[0], body[1], "NOUN", 1, "nmod", "Animacy=Inan|Case=Gen|Number=Sing"),
        ("России", "россия", "PROPN", 3, "nmod", "Animacy=Inan|Case=Gen|Number=Sing"),
        ("и", "и", "CCONJ", 6, "cc", ""),
        ("Армении", "армения", "PROPN", 4, "conj", "Animacy=Inan|Case=Gen|Number=Sing"),
        (".", ".", "PUNCT", 0, "punct", ""),
    ]


def test_a_sitting_of_a_body_the_ner_model_left_unnamed() -> None:
    """`заседание межправительственной комиссии России и Армении`: the body, named by
    its phrase with the countries in it, takes part; the sitting is an event."""
    rows = _sitting(("межправительственной", "межправительственный"), ("комиссии", "комиссия"))
    [meeting] = extract(*release(NEWS, rows, names={})).events
    [(role, type, name)] = [(p.role, p.type, p.name) for p in meeting.participants]
    assert (role, type) == ("participant", "ORG")
    assert name.lower().startswith("межправительственн") and name.endswith("Армении")


def test_an_adjective_of_the_sitting_names_no_body() -> None:
    """`заседание выездной коллегии …`: which sitting, not which body; with no body
    named, no event (as `совет` alone would be none)."""
    rows = _sitting(("выездной", "выездной"), ("коллегии", "коллегия"))
    assert extract(*release(NEWS, rows, names={})).events == []


# «Смирнов прибыл в Тулу» — a headline whose surname the NER model missed.
SURNAME_HEADLINE = [
    ("Смирнов", "смирнов", "PROPN", 1, "nsubj", ANIM_M),
    ("прибыл", "прибыть", "VERB", 1, "ROOT", PAST_M),
    ("в", "в", "ADP", 3, "case", ""),
    ("Тулу", "тула", "PROPN", 1, "obl", "Animacy=Inan|Case=Acc|Gender=Fem|Number=Sing"),
]
# «Олег Смирнов и Анна Белова.»
BOTH = [
    ("Олег", "олег", "PROPN", 0, "ROOT", ANIM_M),
    ("Смирнов", "смирнов", "PROPN", 0, "flat:name", ANIM_M),
    ("и", "и", "CCONJ", 3, "cc", ""),
    ("Анна", "анна", "PROPN", 0, "conj", ANIM_M.replace("Masc", "Fem")),
    ("Белова", "белова", "PROPN", 3, "flat:name", ANIM_M.replace("Masc", "Fem")),
    (".", ".", "PUNCT", 0, "punct", ""),
]
# «Анна Белова.», «Олег Смирнов.»
ANNA = [
    ("Анна", "анна", "PROPN", 0, "ROOT", BOTH[3][5]),
    ("Белова", "белова", "PROPN", 0, "flat:name", BOTH[4][5]),
    (".", ".", "PUNCT", 0, "punct", ""),
]
OLEG = [*BOTH[:2], (".", ".", "PUNCT", 0, "punct", "")]


def test_the_protagonist_is_a_headline_s_surname_the_ner_model_missed() -> None:
    """The headline's `Смирнов`, named in full below, before the lead's first person."""
    doc, _ = release(
        SURNAME_HEADLINE,
        ANNA,
        BOTH,
        names={
            (1, 0, 1): ("PER", "Анна Белова"),
            (2, 0, 1): ("PER", "Олег Смирнов"),
            (2, 3, 4): ("PER", "Анна Белова"),
        },
    )
    found = referents.protagonist(doc)
    assert found is not None and found.normal == "Олег Смирнов"


# «Станут переговоры с белорусским премьером Петровым.»
TALKS = [
    ("Станут", "стать", "VERB", 0, "ROOT", "Mood=Ind|Number=Plur|Person=3|Tense=Fut|VerbForm=Fin"),
    ("переговоры", "переговоры", "NOUN", 0, "nsubj", "Animacy=Inan|Case=Nom|Number=Plur"),
    ("с", "с", "ADP", 4, "case", ""),
    ("белорусским", "белорусский", "ADJ", 4, "amod", "Case=Ins|Degree=Pos|Number=Sing"),
    ("премьером", "премьер", "NOUN", 1, "nmod", "Animacy=Anim|Case=Ins|Number=Sing"),
    ("Петровым", "петров", "PROPN", 4, "appos", "Animacy=Anim|Case=Ins|Number=Sing"),
    (".", ".", "PUNCT", 0, "punct", ""),
]
# «Российский премьер примет участие в заседании Совета.»
TAKES_PART = [
    ("Российский", "российский", "ADJ", 1, "amod", "Case=Nom|Degree=Pos|Number=Sing"),
    ("премьер", "премьер", "NOUN", 2, "nsubj", ANIM_M),
    ("примет", "принять", "VERB", 2, "ROOT", "Mood=Ind|Number=Sing|Person=3|Tense=Fut"),
    ("участие", "участие", "NOUN", 2, "obj", "Animacy=Inan|Case=Acc|Number=Sing"),
    ("в", "в", "ADP", 5, "case", ""),
    ("заседании", "заседание", "NOUN", 3, "nmod", "Animacy=Inan|Case=Loc|Number=Sing"),
    ("Совета", "совет", "PROPN", 5, "nmod", "Animacy=Inan|Case=Gen|Number=Sing"),
    (".", ".", "PUNCT", 2, "punct", ""),
]


def _premiers() -> list[Event]:
    doc, parses = release(
        SURNAME_HEADLINE,
        OLEG,
        TALKS,
        TAKES_PART,
        names={
            (1, 0, 1): ("PER", "Олег Смирнов"),
            (2, 5, 5): ("PER", "Петров"),
            (3, 6, 6): ("ORG", "Совет"),
        },
    )
    petrov = doc.mentions[1]
    post = doc.sentences[2].tokens[4]
    doc.positions = [
        Position(
            petrov, "премьер", "премьер", "премьером", post.start, post.stop, None, None, 2,
            post.start, petrov.stop, head="премьер",
        )
    ]  # fmt: skip
    return extract(doc, parses).events


def test_talks_told_only_by_whom_they_are_with_have_the_protagonist_as_the_other_side() -> None:
    """`Станут переговоры с белорусским премьером Петровым`: no verb of holding them, no
    doer; the release's protagonist is the other side."""
    talks = next(e for e in _premiers() if e.trigger == "переговоры")
    assert {(p.name, p.via) for p in talks.participants} == {
        ("Петров", "name"),
        ("Олег Смирнов", "implicit"),
    }


def test_a_bare_post_with_another_country_s_adjective_is_not_that_holder() -> None:
    """`российский премьер` after `белорусским премьером Петровым`: not Петров, but the
    protagonist, whom no other premier's post rules out."""
    sitting = next(e for e in _premiers() if e.trigger == "заседании")
    assert [(p.name, p.via) for p in sitting.participants] == [
        ("Олег Смирнов", "post"),
        ("Совет", "name"),
    ]


def test_talks_named_as_a_goal_take_no_doer_from_the_release() -> None:
    """`На встречу с Петровым прибудут …`: the noun is not what its clause tells; who
    comes is not the release's protagonist."""
    rows = [
        ("На", "на", "ADP", 1, "case", ""),
        ("встречу", "встреча", "NOUN", 4, "obl", "Animacy=Inan|Case=Acc|Number=Sing"),
        ("с", "с", "ADP", 3, "case", ""),
        ("Петровым", "петров", "PROPN", 1, "nmod", "Animacy=Anim|Case=Ins|Number=Sing"),
        ("прибудут", "прибыть", "VERB", 4, "ROOT", "Mood=Ind|Number=Plur|Person=3|Tense=Fut"),
        (".", ".", "PUNCT", 4, "punct", ""),
    ]
    names = {(1, 0, 1): ("PER", "Олег Смирнов"), (2, 3, 3): ("PER", "Петров")}
    doc = extract(*release(SURNAME_HEADLINE, OLEG, rows, names=names))
    [meeting] = [e for e in doc.events if e.type == "meeting"]
    assert [p.name for p in meeting.participants] == ["Петров"]


def _mention(text: str, type: str, at: int) -> Mention:
    return Mention(at, at + len(text), type, text, 0, text)


def _side(role: str, name: str, type: str = "ORG", at: int = 0) -> Participant:
    mention = _mention(name, type, at)
    return Participant(role, type, mention.start, mention.stop, mention, name)


def test_a_side_named_again_more_fully_is_one_side_with_the_fuller_name() -> None:
    """`Росатом и Чукотка подписали соглашение`, then `Госкорпорация «Росатом» и
    правительство Чукотского автономного округа …`: two parties, each once, by the
    fuller name."""
    first = Event(
        "agreement", "подписали", 0, 9, 0, "", "asserted", "057", "agreement.sign",
        [_side("party", "Росатом"), _side("party", "Правительство Чукотского АО", at=10)],
    )  # fmt: skip
    again = Event(
        "agreement", "подписано", 60, 69, 1, "", "asserted", "057", "agreement.sign",
        [
            _side("party", "Госкорпорация «Росатом»", at=70),
            _side("party", "Правительство Чукотского автономного округа", at=100),
        ],
    )  # fmt: skip
    [agreement] = merge([first, again])
    assert [(p.role, p.name) for p in agreement.participants] == [
        ("party", "Госкорпорация «Росатом»"),
        ("party", "Правительство Чукотского автономного округа"),
    ]


def test_a_place_is_not_one_side_with_its_body() -> None:
    """`Тульская область` and `Правительство Тульской области` are two sides."""
    first = Event(
        "meeting", "встреча", 0, 7, 0, "", "asserted", "040", "meeting.noun",
        [_side("participant", "Тульская область", "LOC")],
    )  # fmt: skip
    again = Event(
        "meeting", "встреча", 40, 47, 1, "", "asserted", "040", "meeting.noun",
        [
            _side("participant", "Тульская область", "LOC", at=50),
            _side("participant", "Правительство Тульской области", at=70),
        ],
    )  # fmt: skip
    [meeting] = merge([first, again])
    assert {p.name for p in meeting.participants} == {
        "Тульская область",
        "Правительство Тульской области",
    }


def test_guests_named_by_a_place_s_adjective_are_that_place() -> None:
    """`Делегация Тулы посетила Орёл. Тульские гости посетили завод.`: the guests are
    the territory the release names with that adjective."""
    guests = [
        ("Тульские", "тульский", "ADJ", 1, "amod", "Case=Nom|Degree=Pos|Number=Plur"),
        ("гости", "гость", "NOUN", 2, "nsubj", "Animacy=Anim|Case=Nom|Number=Plur"),
        ("посетили", "посетить", "VERB", 2, "ROOT", PAST_PL),
        ("завод", "завод", "NOUN", 2, "obj", "Animacy=Inan|Case=Acc|Number=Sing"),
        ("«Искра»", "«искра»", "PROPN", 3, "appos", ""),
        (".", ".", "PUNCT", 2, "punct", ""),
    ]
    names = {
        (1, 0, 1): ("LOC", "Тульская область"),
        (1, 3, 3): ("LOC", "Орёл"),
        (2, 3, 4): ("ORG", "завод «Искра»"),
    }
    doc = extract(*release(NEWS, DELEGATION_VISITS, guests, names=names))
    later = next(e for e in doc.events if e.trigger == "посетили")
    assert {(p.role, p.name, p.via) for p in later.participants} == {
        ("visitor", "Тульская область", "pronoun"),
        ("host", "завод «Искра»", "name"),
    }


def test_our_region_is_the_first_region_the_release_names() -> None:
    doc, _ = release(NEWS, NEWS, names={})
    doc.mentions = [
        Mention(0, 6, "LOC", "Москвы", 0, "Москва"),
        Mention(20, 34, "LOC", "Тульской области", 1, "Тульская область"),
    ]
    found = referents.own_territory(doc, "регион", frozenset({"область", "край"}))
    assert found is not None and found.normal == "Тульская область"


def test_one_of_several_sites_is_the_site_and_they_are_the_people_in_it() -> None:
    """`Смирнов посетил один из лагерей беженцев и пообщался с ними.`: the camp is
    the host, whatever `один` picks it from; `ними` are the refugees, not the camp."""
    rows = [
        ("Смирнов", "смирнов", "PROPN", 1, "nsubj", ANIM_M),
        ("посетил", "посетить", "VERB", 1, "ROOT", PAST_M),
        ("один", "один", "NUM", 1, "obj", "Animacy=Inan|Case=Acc|Gender=Masc"),
        ("из", "из", "ADP", 4, "case", ""),
        ("пунктов", "пункт", "NOUN", 2, "nmod", "Animacy=Inan|Case=Gen|Number=Plur"),
        ("беженцев", "беженец", "NOUN", 4, "nmod", "Animacy=Anim|Case=Gen|Number=Plur"),
        ("и", "и", "CCONJ", 7, "cc", ""),
        ("пообщался", "пообщаться", "VERB", 1, "conj", PAST_M),
        ("с", "с", "ADP", 9, "case", ""),
        ("ними", "они", "PRON", 7, "obl", "Case=Ins|Number=Plur|Person=3"),
        (".", ".", "PUNCT", 1, "punct", ""),
    ]
    doc = extract(*release(NEWS, rows, names={(1, 0, 0): ("PER", "Смирнов")}))
    visit, meeting = sorted(doc.events, key=lambda e: e.type, reverse=True)
    assert _sides(visit) == {("visitor", "Смирнов"), ("host", "пункты беженцев")}
    assert _sides(meeting) == {("participant", "Смирнов"), ("participant", "беженцы")}


def test_who_signed_for_a_side_in_the_passive_is_a_signatory() -> None:
    """`Со стороны завода соглашение подписано директором Петровым.`"""
    rows = [
        ("Со", "с", "ADP", 2, "case", ""),
        ("стороны", "сторона", "NOUN", 0, "fixed", ""),
        ("завода", "завод", "NOUN", 5, "obl", "Animacy=Inan|Case=Gen|Number=Sing"),
        ("«Искра»", "«искра»", "PROPN", 2, "appos", ""),
        ("соглашение", "соглашение", "NOUN", 5, "nsubj:pass", "Animacy=Inan|Case=Nom"),
        ("подписано", "подписать", "VERB", 5, "ROOT", "Aspect=Perf|VerbForm=Part|Voice=Pass"),
        ("директором", "директор", "NOUN", 5, "obl:agent", "Animacy=Anim|Case=Ins"),
        ("Петровым", "петров", "PROPN", 6, "appos", "Animacy=Anim|Case=Ins"),
        (".", ".", "PUNCT", 5, "punct", ""),
    ]
    names = {(1, 2, 3): ("ORG", "завод «Искра»"), (1, 7, 7): ("PER", "Петров")}
    [agreement] = extract(*release(NEWS, rows, names=names)).events
    assert _sides(agreement) == {("party", "завод «Искра»"), ("signatory", "Петров")}


def test_a_long_foreign_title_s_holder_is_the_person_named_in_full() -> None:
    """`встретился с председателем Хурала Улсын Их Батбаяром Мунхэрдэнэ`: the NER model
    takes `Хурала` for a person; the holder is the one named in full after the title."""
    rows = [
        ("Смирнов", "смирнов", "PROPN", 1, "nsubj", ANIM_M),
        ("встретился", "встретиться", "VERB", 1, "ROOT", PAST_M),
        ("с", "с", "ADP", 3, "case", ""),
        ("председателем", "председатель", "NOUN", 1, "obl", "Animacy=Anim|Case=Ins|Number=Sing"),
        ("Хурала", "хурал", "PROPN", 3, "flat:name", "Animacy=Anim|Case=Gen|Number=Sing"),
        ("Улсын", "улсын", "NOUN", 3, "nmod", "Animacy=Anim|Case=Gen|Number=Sing"),
        ("Их", "их", "PROPN", 5, "obj", "Animacy=Anim|Case=Gen|Number=Sing"),
        ("Батбаяром", "батбаяр", "PROPN", 5, "appos", "Animacy=Anim|Case=Ins|Number=Sing"),
        ("Мунхэрдэнэ", "мунхэрдэнэ", "PROPN", 7, "flat:name", "Animacy=Anim|Case=Ins"),
        (".", ".", "PUNCT", 1, "punct", ""),
    ]
    names = {
        (1, 0, 0): ("PER", "Смирнов"),
        (1, 4, 4): ("PER", "Хурал"),
        (1, 7, 8): ("PER", "Батбаяр Мунхэрдэнэ"),
    }
    [meeting] = extract(*release(NEWS, rows, names=names)).events
    assert {p.name for p in meeting.participants} == {"Смирнов", "Батбаяр Мунхэрдэнэ"}


def test_a_group_s_name_keeps_the_words_coordinated_within_it() -> None:
    """`с руководителями служб и предприятий района и представителями`: one group of
    the heads of services and plants, another of representatives."""
    ins_pl = "Animacy=Anim|Case=Ins|Number=Plur"
    gen_pl = "Animacy=Inan|Case=Gen|Number=Plur"
    rows = [
        ("Смирнов", "смирнов", "PROPN", 1, "nsubj", ANIM_M),
        ("встретился", "встретиться", "VERB", 1, "ROOT", PAST_M),
        ("с", "с", "ADP", 3, "case", ""),
        ("руководителями", "руководитель", "NOUN", 1, "obl", ins_pl),
        ("служб", "служба", "NOUN", 3, "nmod", gen_pl),
        ("и", "и", "CCONJ", 6, "cc", ""),
        ("предприятий", "предприятие", "NOUN", 4, "conj", gen_pl),
        ("и", "и", "CCONJ", 8, "cc", ""),
        ("представителями", "представитель", "NOUN", 6, "conj", ins_pl),
        (".", ".", "PUNCT", 1, "punct", ""),
    ]
    [meeting] = extract(*release(NEWS, rows, names={(1, 0, 0): ("PER", "Смирнов")})).events
    groups = {p.name for p in meeting.participants if p.type == "GROUP"}
    assert "руководители служб и предприятий" in groups


def test_во_alone_is_a_preposition_of_where_not_a_head_s_phrase() -> None:
    """«Смирнов прибыл во Владимир.»: `во` begins `во главе с`, but alone it is `в`."""
    rows = [
        ("Смирнов", "смирнов", "PROPN", 1, "nsubj", ANIM_M),
        ("прибыл", "прибыть", "VERB", 1, "ROOT", PAST_M),
        ("во", "в", "ADP", 3, "case", ""),
        ("Владимир", "владимир", "PROPN", 1, "obl", "Animacy=Inan|Case=Acc|Number=Sing"),
        (".", ".", "PUNCT", 1, "punct", ""),
    ]
    names = {(1, 0, 0): ("PER", "Смирнов"), (1, 3, 3): ("LOC", "Владимир")}
    [visit] = extract(*release(NEWS, rows, names=names)).events
    assert _sides(visit) == {("visitor", "Смирнов"), ("destination", "Владимир")}


def test_his_trip_is_the_trip_of_the_person_meant() -> None:
    """«Его поездка закончится в Орле.» after a headline naming Олег Смирнов."""
    rows = [
        ("Его", "он", "DET", 1, "det", ""),
        ("поездка", "поездка", "NOUN", 2, "nsubj", "Animacy=Inan|Case=Nom|Gender=Fem"),
        ("закончится", "закончиться", "VERB", 2, "ROOT", "Mood=Ind|Person=3|Tense=Fut"),
        ("в", "в", "ADP", 4, "case", ""),
        ("Орле", "орёл", "PROPN", 2, "obl", "Animacy=Inan|Case=Loc|Number=Sing"),
        (".", ".", "PUNCT", 2, "punct", ""),
    ]
    names = {(1, 0, 1): ("PER", "Олег Смирнов"), (2, 4, 4): ("LOC", "Орёл")}
    doc = extract(*release(NEWS, OLEG, rows, names=names))
    [visit] = doc.events
    assert {(p.role, p.name, p.via) for p in visit.participants} == {
        ("visitor", "Олег Смирнов", "pronoun"),
        ("destination", "Орёл", "name"),
    }


def test_names_of_a_list_hung_on_the_first_post_are_all_participants() -> None:
    """«Глава Смирнов, директор Анна Белова и министр Петров обсудили.» with `Анна
    Белова` hung on `Глава` as a second apposition."""
    anim = "Animacy=Anim|Case=Nom|Number=Sing"
    rows = [
        ("Глава", "глава", "NOUN", 9, "nsubj", anim),
        ("Смирнов", "смирнов", "PROPN", 0, "appos", anim),
        (",", ",", "PUNCT", 3, "punct", ""),
        ("директор", "директор", "NOUN", 1, "appos", anim),
        ("Анна", "анна", "PROPN", 0, "appos", anim),
        ("Белова", "белова", "PROPN", 4, "flat:name", anim),
        ("и", "и", "CCONJ", 7, "cc", ""),
        ("министр", "министр", "NOUN", 0, "conj", anim),
        ("Петров", "петров", "PROPN", 7, "appos", anim),
        ("обсудили", "обсудить", "VERB", 9, "ROOT", PAST_PL),
        (".", ".", "PUNCT", 9, "punct", ""),
    ]
    names = {
        (1, 1, 1): ("PER", "Смирнов"),
        (1, 4, 5): ("PER", "Анна Белова"),
        (1, 8, 8): ("PER", "Петров"),
    }
    [meeting] = extract(*release(NEWS, rows, names=names)).events
    assert {p.name for p in meeting.participants} == {"Смирнов", "Анна Белова", "Петров"}


def test_a_visited_site_is_named_by_its_number_not_by_its_village() -> None:
    """«Смирнов посетил отремонтированную больницу № 5 в селе Крутом.»: the host is the
    hospital by its number; the village where it is is no side, nor is the repair part
    of its name."""
    rows = [
        ("Смирнов", "смирнов", "PROPN", 1, "nsubj", ANIM_M),
        ("посетил", "посетить", "VERB", 1, "ROOT", PAST_M),
        ("отремонтированную", "отремонтировать", "VERB", 4, "amod", "Case=Acc|VerbForm=Part"),
        ("областную", "областной", "ADJ", 4, "amod", "Case=Acc|Degree=Pos|Number=Sing"),
        ("больницу", "больница", "NOUN", 1, "obj", "Animacy=Inan|Case=Acc|Number=Sing"),
        ("№", "№", "SYM", 4, "nummod:entity", ""),
        ("5", "5", "NUM", 5, "appos", ""),
        ("в", "в", "ADP", 8, "case", ""),
        ("селе", "село", "NOUN", 4, "nmod", "Animacy=Inan|Case=Loc|Number=Sing"),
        ("Крутом", "крутой", "PROPN", 8, "appos", "Animacy=Inan|Case=Loc|Number=Sing"),
        (".", ".", "PUNCT", 1, "punct", ""),
    ]
    names = {(1, 0, 0): ("PER", "Смирнов"), (1, 9, 9): ("LOC", "Крутое")}
    [visit] = extract(*release(NEWS, rows, names=names)).events
    people = {(p.role, p.type) for p in visit.participants}
    assert people == {("visitor", "PER"), ("host", "ORG")}
    [host] = [p for p in visit.participants if p.role == "host"]
    assert host.name.lower().startswith("областн") and host.name.endswith("5")


def test_the_public_and_circles_are_groups_of_people() -> None:
    """«Смирнов встретился с деловыми кругами Китая и общественностью.»: two groups,
    not the country the circles are of."""
    rows = [
        ("Смирнов", "смирнов", "PROPN", 1, "nsubj", ANIM_M),
        ("встретился", "встретиться", "VERB", 1, "ROOT", PAST_M),
        ("с", "с", "ADP", 4, "case", ""),
        ("деловыми", "деловой", "ADJ", 4, "amod", "Case=Ins|Degree=Pos|Number=Plur"),
        ("кругами", "круг", "NOUN", 1, "obl", "Animacy=Inan|Case=Ins|Number=Plur"),
        ("Китая", "китай", "PROPN", 4, "nmod", "Animacy=Inan|Case=Gen|Number=Sing"),
        ("и", "и", "CCONJ", 7, "cc", ""),
        ("общественностью", "общественность", "NOUN", 4, "conj", "Animacy=Inan|Case=Ins"),
        (".", ".", "PUNCT", 1, "punct", ""),
    ]
    names = {(1, 0, 0): ("PER", "Смирнов"), (1, 5, 5): ("LOC", "Китай")}
    [meeting] = extract(*release(NEWS, rows, names=names)).events
    assert {(p.type, p.name) for p in meeting.participants} == {
        ("PER", "Смирнов"),
        ("GROUP", "деловые круги Китая"),
        ("GROUP", "общественность"),
    }


# «Соглашение подписали Тула и Орёл.»
SIGNED = [
    ("Соглашение", "соглашение", "NOUN", 1, "obj", "Animacy=Inan|Case=Acc|Number=Sing"),
    ("подписали", "подписать", "VERB", 1, "ROOT", PAST_PL),
    ("Тула", "тула", "PROPN", 1, "nsubj", "Animacy=Inan|Case=Nom|Number=Sing"),
    ("и", "и", "CCONJ", 4, "cc", ""),
    ("Орёл", "орёл", "PROPN", 2, "conj", "Animacy=Inan|Case=Nom|Number=Sing"),
    (".", ".", "PUNCT", 1, "punct", ""),
]


def test_who_became_parties_of_the_agreement_are_its_parties() -> None:
    """`Участниками соглашения стали также завод «Искра» и кабинет министров Абхазии`:
    more parties of the agreement told before; a body named by its members though the
    NER model left it unnamed."""
    rows = [
        ("Участниками", "участник", "NOUN", 2, "xcomp", "Animacy=Anim|Case=Ins|Number=Plur"),
        ("соглашения", "соглашение", "NOUN", 0, "nmod", "Animacy=Inan|Case=Gen|Number=Sing"),
        ("стали", "стать", "VERB", 2, "ROOT", PAST_PL),
        ("завод", "завод", "NOUN", 2, "nsubj", "Animacy=Inan|Case=Nom|Number=Sing"),
        ("«Искра»", "«искра»", "PROPN", 3, "appos", ""),
        ("и", "и", "CCONJ", 6, "cc", ""),
        ("кабинет", "кабинет", "NOUN", 3, "conj", "Animacy=Inan|Case=Nom|Number=Sing"),
        ("министров", "министр", "NOUN", 6, "nmod", "Animacy=Anim|Case=Gen|Number=Plur"),
        ("Абхазии", "абхазия", "PROPN", 7, "nmod", "Animacy=Inan|Case=Gen|Number=Sing"),
        (".", ".", "PUNCT", 2, "punct", ""),
    ]
    names = {
        (1, 2, 2): ("LOC", "Тула"),
        (1, 4, 4): ("LOC", "Орёл"),
        (2, 3, 4): ("ORG", "завод «Искра»"),
        (2, 8, 8): ("LOC", "Абхазия"),
    }
    [agreement] = extract(*release(NEWS, SIGNED, rows, names=names)).events
    assert {(p.role, p.type) for p in agreement.participants} == {
        ("party", "LOC"),
        ("party", "ORG"),
    }
    assert len(agreement.participants) == 4
    assert any(p.name.lower().startswith("кабинет министров") for p in agreement.participants)


def test_parties_named_with_no_agreement_before_are_no_event() -> None:
    rows = [
        ("Сторонами", "сторона", "NOUN", 2, "obl", "Animacy=Inan|Case=Ins|Number=Plur"),
        ("договора", "договор", "NOUN", 0, "nmod", "Animacy=Inan|Case=Gen|Number=Sing"),
        ("выступили", "выступить", "VERB", 2, "ROOT", PAST_PL),
        ("Тула", "тула", "PROPN", 2, "nsubj", "Animacy=Inan|Case=Nom|Number=Sing"),
        (".", ".", "PUNCT", 2, "punct", ""),
    ]
    assert extract(*release(NEWS, rows, names={(1, 3, 3): ("LOC", "Тула")})).events == []


def test_people_included_in_the_delegation_are_its_visitors() -> None:
    """`Делегация Тулы посетила Орёл. В делегацию включили заместителей – Петрова и
    Сидорова.`: the deputies listed after the dash travel too."""
    rows = [
        ("В", "в", "ADP", 1, "case", ""),
        ("делегацию", "делегация", "NOUN", 2, "obl", "Animacy=Inan|Case=Acc|Number=Sing"),
        ("включили", "включить", "VERB", 2, "ROOT", PAST_PL),
        ("заместителей", "заместитель", "NOUN", 2, "obj", "Animacy=Anim|Case=Gen|Number=Plur"),
        ("–", "–", "PUNCT", 5, "punct", ""),
        ("Петрова", "петров", "PROPN", 3, "parataxis", "Animacy=Anim|Case=Gen|Number=Sing"),
        ("и", "и", "CCONJ", 7, "cc", ""),
        ("Сидорова", "сидоров", "PROPN", 5, "conj", "Animacy=Anim|Case=Gen|Number=Sing"),
        (".", ".", "PUNCT", 2, "punct", ""),
    ]
    names = {**DELEGATION_NAMES, (2, 5, 5): ("PER", "Петров"), (2, 7, 7): ("PER", "Сидоров")}
    [visit] = extract(*release(NEWS, DELEGATION_VISITS, rows, names=names)).events
    assert _sides(visit) == {
        ("visitor", "Тула"),
        ("destination", "Орёл"),
        ("visitor", "Петров"),
        ("visitor", "Сидоров"),
    }


def test_the_protagonist_may_be_named_a_few_lines_below_a_headline_without_a_name() -> None:
    """A headline, a subheading and a photo credit name nobody; the fourth line names
    Олег Смирнов; then `Губернатор посетил Тулу` is his visit."""
    visits = [
        ("Губернатор", "губернатор", "NOUN", 1, "nsubj", ANIM_M),
        ("посетил", "посетить", "VERB", 1, "ROOT", PAST_M),
        ("Тулу", "тула", "PROPN", 1, "obj", "Animacy=Inan|Case=Acc|Gender=Fem|Number=Sing"),
        (".", ".", "PUNCT", 1, "punct", ""),
    ]
    names = {(3, 0, 1): ("PER", "Олег Смирнов"), (4, 2, 2): ("LOC", "Тула")}
    doc = extract(*release(NEWS, NEWS, NEWS, OLEG, visits, names=names))
    [visit] = doc.events
    assert ("visitor", "Олег Смирнов") in _sides(visit)


def test_a_meeting_with_someone_the_release_does_not_name_is_the_protagonist_s() -> None:
    """«Предполагалась встреча с президентом страны.» after a line naming Олег Смирнов:
    his meeting, though the president is named nowhere."""
    rows = [
        ("Предполагалась", "предполагаться", "VERB", 0, "ROOT", PAST_M.replace("Masc", "Fem")),
        ("встреча", "встреча", "NOUN", 0, "nsubj", "Animacy=Inan|Case=Nom|Gender=Fem"),
        ("с", "с", "ADP", 3, "case", ""),
        ("президентом", "президент", "NOUN", 1, "nmod", "Animacy=Anim|Case=Ins|Number=Sing"),
        ("страны", "страна", "NOUN", 3, "nmod", "Animacy=Inan|Case=Gen|Number=Sing"),
        (".", ".", "PUNCT", 0, "punct", ""),
    ]
    doc = extract(*release(NEWS, OLEG, rows, names={(1, 0, 1): ("PER", "Олег Смирнов")}))
    [meeting] = doc.events
    assert [(p.name, p.via) for p in meeting.participants] == [("Олег Смирнов", "implicit")]


def _sitting_of(body: tuple[str, str], names: dict) -> list[Event]:
    """«Состоялось заседание коллегии <body> России и Армении.» with the body's name an
    ORG mention that ends with `России`."""
    rows = [
        ("Состоялось", "состояться", "VERB", 0, "ROOT", PAST_M.replace("Masc", "Neut")),
        ("заседание", "заседание", "NOUN", 0, "nsubj", "Animacy=Inan|Case=Nom|Number=Sing"),
        ("коллегии", "коллегия", "NOUN", 1, "nmod", "Animacy=Inan|Case=Gen|Number=Sing"),
        (body[0], body[1], "NOUN", 2, "nmod", "Animacy=Inan|Case=Gen|Number=Sing"),
        ("России", "россия", "PROPN", 3, "nmod", "Animacy=Inan|Case=Gen|Number=Sing"),
        ("и", "и", "CCONJ", 6, "cc", ""),
        ("Армении", "армения", "PROPN", 4, "conj", "Animacy=Inan|Case=Gen|Number=Sing"),
        (".", ".", "PUNCT", 0, "punct", ""),
    ]
    return extract(*release(NEWS, rows, names=names)).events


def test_a_place_coordinated_with_a_ministry_s_place_is_that_ministry_of_it() -> None:
    """`заседание коллегии МИД России и Армении`: the ministries of both."""
    names = {(1, 3, 4): ("ORG", "МИД России"), (1, 4, 4): ("LOC", "Россия"),
             (1, 6, 6): ("LOC", "Армения")}  # fmt: skip
    [sitting] = _sitting_of(("МИД", "мид"), names)
    assert {(p.type, p.name) for p in sitting.participants} == {
        ("ORG", "МИД России"),
        ("ORG", "МИД Армении"),
    }


def test_a_place_coordinated_with_a_commission_s_place_is_of_the_one_commission() -> None:
    """`коллегии комиссии России и Армении`: one joint commission, not a second one."""
    names = {(1, 3, 4): ("ORG", "комиссия России"), (1, 4, 4): ("LOC", "Россия"),
             (1, 6, 6): ("LOC", "Армения")}  # fmt: skip
    [sitting] = _sitting_of(("комиссии", "комиссия"), names)
    [(type, name)] = [(p.type, p.name) for p in sitting.participants]
    assert type == "ORG" and name.endswith("Армении")
