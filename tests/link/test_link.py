import pytest

from gov_extract.link.entities import link, person_name, read_names, settle_gender
from gov_extract.records import Doc, Mention


def _doc(doc_id: str, *mentions: tuple[str, str]) -> Doc:
    doc = Doc(doc_id, f"{doc_id}.txt", None, "txt", "x")
    doc.mentions = [
        Mention(i, i + 1, type, normal, 0, normal=normal)
        for i, (type, normal) in enumerate(mentions)
    ]
    read_names(doc)
    return doc


def _ids(doc: Doc) -> list[str]:
    return [m.entity_id for m in doc.mentions]


def test_name_parts() -> None:
    assert person_name("Иван Сергеевич Комаров") == person_name("Комаров Иван Сергеевич")
    parts = person_name("Комаров Иван Сергеевич")
    assert (parts.first, parts.middle, parts.last) == ("Иван", "Сергеевич", "Комаров")
    parts = person_name("А.В. Петров")
    assert (parts.first, parts.middle, parts.last) == ("А.", "В.", "Петров")
    parts = person_name("Петров А.В.")
    assert (parts.first, parts.middle, parts.last) == ("А.", "В.", "Петров")
    assert person_name("Овсянников").last == "Овсянников"


def test_surname_later_in_text_is_the_person_named_in_full() -> None:
    doc = _doc("a", ("PER", "Дмитрий Овсянников"), ("LOC", "Севастополь"), ("PER", "Овсянников"))
    [entity] = [e for e in link([doc]) if e.type == "PER"]
    assert _ids(doc)[0] == _ids(doc)[2] == entity.entity_id
    assert entity.name == "Дмитрий Овсянников"
    assert (entity.first, entity.last) == ("Дмитрий", "Овсянников")
    assert entity.aliases == ["Овсянников"]
    assert (entity.n_mentions, entity.n_docs) == (2, 1)


def test_surname_in_headline_before_the_full_name() -> None:
    doc = _doc("a", ("PER", "Шапша"), ("PER", "Владислав Шапша"))
    link([doc])
    assert _ids(doc)[0] == _ids(doc)[1]


def test_two_people_sharing_a_surname_stay_apart() -> None:
    doc = _doc("a", ("PER", "Кирилл Лебедев"), ("PER", "Ольга Лебедева"), ("PER", "О.В. Лебедева"))
    link([doc])
    kirill, olga, initials = _ids(doc)
    assert kirill != olga
    assert initials == olga


def test_same_person_across_documents() -> None:
    a = _doc("a", ("PER", "Ирина Самойлова"))
    b = _doc("b", ("PER", "Самойлова"), ("ORG", "Минпромторг России"))
    c = _doc("c", ("ORG", "Минпромторг России"))
    entities = {e.entity_id: e for e in link([a, b, c])}
    assert _ids(a)[0] == _ids(b)[0]
    assert entities[_ids(a)[0]].n_docs == 2
    assert _ids(b)[1] == _ids(c)[0]
    assert entities[_ids(c)[0]].first is None


def test_ids_are_stable_and_distinct_by_type() -> None:
    a = _doc("a", ("LOC", "Москва"), ("ORG", "Москва"))
    z = _doc("z", ("LOC", "Москва"), ("ORG", "Москва"))
    link([a])
    link([z])
    assert _ids(a) == _ids(z)
    assert _ids(a)[0] != _ids(a)[1]


def _written(doc_id: str, text: str, *names: tuple[str, str]) -> Doc:
    """A document whose PER mentions are written forms with their context-free normals."""
    doc = Doc(doc_id, f"{doc_id}.txt", None, "txt", "x", text=text)
    for written, normal in names:
        start = text.index(written)
        doc.mentions.append(Mention(start, start + len(written), "PER", written, 0, normal=normal))
    return doc


def test_past_tense_verb_makes_a_surname_feminine() -> None:
    doc = _written("a", "Об итогах Рудакова сообщила журналистам.", ("Рудакова", "Рудаков"))
    settle_gender(doc)
    read_names(doc)
    [entity] = link([doc])
    assert doc.mentions[0].normal == entity.name == "Рудакова"


def test_masculine_verb_keeps_the_surname_masculine() -> None:
    doc = _written("a", "Дом Самойлова посетил Петров.", ("Самойлова", "Самойлов"))
    settle_gender(doc)
    assert doc.mentions[0].normal == "Самойлов"


def test_full_name_in_the_document_makes_initials_feminine() -> None:
    doc = _written(
        "a",
        "Глава округа Кирилл Лебедев открыл приём. Вопросы задали Лебедевой О.В. "
        "Ольга Лебедева обещала ответить.",
        ("Кирилл Лебедев", "Кирилл Лебедев"),
        ("Лебедевой О.В.", "Лебедев О.В."),
        ("Ольга Лебедева", "Ольга Лебедева"),
    )
    settle_gender(doc)
    read_names(doc)
    link([doc])
    kirill, initials, olga = doc.mentions
    assert initials.normal == "Лебедева О.В."
    assert initials.entity_id == olga.entity_id != kirill.entity_id


def test_a_company_with_and_without_its_legal_form_is_one() -> None:
    first = _doc("a", ("ORG", "ПАО «НЛМК»"), ("ORG", "НЛМК"), ("ORG", "АО «Тулачермет»"))
    second = _doc("b", ("ORG", "Тулачермет"), ("ORG", "Правительство «Тулачермет»"))
    entities = link([first, second])
    nlmk, bare, tula = _ids(first)
    assert nlmk == bare
    assert _ids(second)[0] == tula != _ids(second)[1]
    [entity] = [e for e in entities if e.entity_id == nlmk]
    assert entity.n_mentions == 2


def test_a_foreign_surname_alone_is_the_person_named_in_full() -> None:
    # pymorphy3 guesses an unknown surname as a first name; alone it is a surname.
    doc = _doc("a", ("PER", "Джеральд Уиткофф"), ("PER", "Уиткофф"))
    [entity] = link([doc])
    assert _ids(doc)[0] == _ids(doc)[1] == entity.entity_id


def test_first_name_and_patronymic_join_the_person_and_complete_the_name() -> None:
    doc = _doc("a", ("PER", "Владимир Бутенко"), ("PER", "Владимир Юрьевич"))
    [entity] = link([doc])
    assert _ids(doc)[0] == _ids(doc)[1]
    assert entity.name == "Владимир Юрьевич Бутенко"
    assert (entity.first, entity.middle, entity.last) == ("Владимир", "Юрьевич", "Бутенко")


def test_a_first_name_alone_is_not_everyone_with_its_initial() -> None:
    a = _doc("a", ("PER", "Гор"))
    b = _doc("b", ("PER", "Г. Гаранин"))
    link([a, b])
    assert _ids(a)[0] != _ids(b)[0]


def test_one_woman_named_in_two_cases_is_one_entity() -> None:
    doc = _written(
        "a",
        "Ирину Колесник поздравили коллеги. Ирина Валентиновна Колесник поблагодарила их.",
        ("Ирину Колесник", "Ирина Колесник"),
        ("Ирина Валентиновна Колесник", "Ирина Валентиновна Колесник"),
    )
    settle_gender(doc)
    read_names(doc)
    [entity] = link([doc])
    assert entity.name == "Ирина Валентиновна Колесник"


@pytest.mark.parametrize(
    ("text", "written", "normal"),
    [
        ("Как отметил Сэйдзи Маэхара, визит состоится.", "Сэйдзи Маэхара", "Сэйдзи Маэхара"),
        ("Сэйдзи Маэхара отметил, что визит состоится.", "Сэйдзи Маэхара", "Сэйдзи Маэхара"),
        ("Рядом стоит дом Мануэла Ларрионда.", "Мануэла Ларрионда", "Мануэл Ларрионд"),
        ("Встреча с министром Бадрой Гунба прошла в Сухуме.", "Бадрой Гунба", "Бадра Гунба"),
    ],
)
def test_the_words_around_a_name_settle_its_case(text: str, written: str, normal: str) -> None:
    doc = _written("a", text, (written, written))
    settle_gender(doc)
    assert doc.mentions[0].normal == normal


def test_names_in_a_list_share_their_case() -> None:
    doc = _written(
        "a",
        "Награды вручили Кими Лахтинена и Марка Уэббера.",
        ("Кими Лахтинена", "Кими Лахтинена"),
        ("Марка Уэббера", "Марк Уэббер"),
    )
    settle_gender(doc)
    assert doc.mentions[0].normal == "Кими Лахтинен"


def test_the_entity_is_named_first_name_first() -> None:
    doc = _doc("a", ("PER", "Комаров Иван Сергеевич"), ("PER", "Комаров"))
    [entity] = link([doc])
    assert entity.name == "Иван Сергеевич Комаров"
    assert "Комаров Иван Сергеевич" in entity.aliases


def test_a_first_name_written_out_names_the_entity_before_initials() -> None:
    doc = _doc("a", ("PER", "Пётр Сидоренко"), ("PER", "П. С. Сидоренко"))
    [entity] = link([doc])
    assert entity.name == "Пётр Сидоренко"


def test_a_name_beside_a_post_in_a_genitive_chain_is_in_the_posts_case() -> None:
    # The name stands in apposition to `министр`, a nominative, not to `развития`.
    doc = _written(
        "a",
        "С докладом выступила министр труда и социального развития Е.В. Смирнова.",
        ("Е.В. Смирнова", "Е.В. Смирнов"),
    )
    settle_gender(doc)
    assert doc.mentions[0].normal == "Е.В. Смирнова"


def test_a_surname_kept_as_written_in_the_full_name_is_nominative_alone() -> None:
    # `Гунба` in the genitive would read as `Гунб`; the full name keeps it as written.
    doc = _written(
        "a",
        "Министр Отари Гунба прибыл в город. Планы Гунба обсудили в порту.",
        ("Отари Гунба", "Отари Гунба"),
        ("Гунба", "Гунба"),
    )
    alone = doc.mentions[1]
    alone.start = doc.text.index("Гунба", doc.text.index("Планы"))
    alone.stop = alone.start + len("Гунба")
    settle_gender(doc)
    assert doc.mentions[1].normal == "Гунба"


def test_a_first_name_alone_that_is_someones_surname_is_that_person() -> None:
    doc = _doc("a", ("PER", "Джон Уильямс"), ("PER", "Уильямс"))
    link([doc])
    assert _ids(doc)[0] == _ids(doc)[1]
