"""Short names: the lexicon in models/abbreviations.toml and definitions in brackets."""

from gov_extract.link.entities import link
from gov_extract.records import Doc


def _linked(annotator, *texts: str) -> tuple[list[Doc], dict]:
    docs = [Doc(f"d{i}", f"d{i}.txt", None, "txt", "x", text=text) for i, text in enumerate(texts)]
    annotator(docs)
    entities = {e.entity_id: e for e in link(docs)}
    return docs, entities


def _entity_of(docs: list[Doc], entities: dict, surface: str):
    for doc in docs:
        for mention in doc.mentions:
            if mention.text == surface:
                return entities[mention.entity_id]
    raise AssertionError(f"no mention {surface!r}")


def test_lexicon_short_name_joins_the_full_name(annotator) -> None:
    docs, entities = _linked(
        annotator,
        "Министерство промышленности и торговли Российской Федерации провело совещание.",
        "Представители Минпромторга России посетили завод.",
    )
    full = _entity_of(docs, entities, "Министерство промышленности и торговли Российской Федерации")
    short = _entity_of(docs, entities, "Минпромторга России")
    assert full.entity_id == short.entity_id
    assert full.name == "Министерство промышленности и торговли Российской Федерации"
    assert "Минпромторг России" in full.aliases
    assert full.n_docs == 2


def test_definition_in_brackets(annotator) -> None:
    docs, entities = _linked(
        annotator,
        "Руководитель Департамента территориальных органов исполнительной власти Москвы (ДТОИВ) "
        "выступил на совещании. Специалисты ДТОИВ окажут методическую помощь.",
        "В ДТОИВ прошла встреча.",
    )
    full = _entity_of(
        docs, entities, "Департамента территориальных органов исполнительной власти Москвы"
    )
    assert full.type == "ORG"
    assert "ДТОИВ" in full.aliases
    short_mentions = [m for d in docs for m in d.mentions if m.text == "ДТОИВ"]
    assert len(short_mentions) == 3
    assert {m.entity_id for m in short_mentions} == {full.entity_id}


def test_short_name_the_ner_missed_is_tagged(annotator) -> None:
    docs, entities = _linked(annotator, "Сотрудники МЧС России прибыли на место.")
    entity = _entity_of(docs, entities, "МЧС России")
    assert entity.type == "ORG"


def _mentions(annotator, text: str) -> list[tuple[str, str]]:
    doc = Doc("d", "d.txt", None, "txt", "x", text=text)
    annotator([doc])
    return [(m.type, m.text) for m in doc.mentions]


def test_a_known_full_name_is_an_organisation_not_a_place(annotator) -> None:
    mentions = _mentions(annotator, "Страны Европейского союза ввели новые пошлины.")
    assert ("ORG", "Европейского союза") in mentions
    assert ("LOC", "Европейского союза") not in mentions


def test_a_short_name_of_the_other_type_is_retyped(annotator) -> None:
    mentions = _mentions(annotator, "Решение о пошлинах принял ЕС в пятницу.")
    assert ("ORG", "ЕС") in mentions
    assert ("LOC", "ЕС") not in mentions


def test_a_space_station_is_a_place(annotator) -> None:
    mentions = _mentions(annotator, "Космонавты вернулись с МКС на Землю.")
    assert ("LOC", "МКС") in mentions


def test_abbreviations_of_common_nouns_are_no_names(annotator) -> None:
    mentions = _mentions(annotator, "Об этом сообщили СМИ, а также региональные СМИ Беларуси.")
    assert not [text for type, text in mentions if type == "ORG"]
