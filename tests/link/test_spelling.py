"""One person written two ways in one release: `link.spelling.settle_spellings`."""

from gov_extract.link.entities import link, read_names
from gov_extract.link.spelling import settle_spellings
from gov_extract.records import Doc, Mention


def _settled(*names: tuple[str, str]) -> Doc:
    """A document of PER mentions, each written one way and normalised another, settled
    and linked."""
    doc = Doc("a", "a.txt", None, "txt", "x")
    doc.mentions = [
        Mention(i, i + 1, "PER", written, 0, normal=normal)
        for i, (written, normal) in enumerate(names)
    ]
    settle_spellings(doc)
    read_names(doc)
    link([doc])
    return doc


def _normals(doc: Doc) -> list[str]:
    return [m.normal for m in doc.mentions]


def test_the_nominative_the_release_writes_beats_the_one_inferred() -> None:
    doc = _settled(
        ("Эдмонда Карвера", "Эдмонд Карвер"),  # a genitive read with the likelier stem
        ("Карвер", "Карвер"),
        ("Эдмон Карвер", "Эдмон Карвер"),  # as the release writes him
    )
    assert _normals(doc) == ["Эдмон Карвер", "Карвер", "Эдмон Карвер"]
    assert len({m.entity_id for m in doc.mentions}) == 1


def test_without_a_written_nominative_the_more_frequent_form_wins() -> None:
    doc = _settled(
        ("Тимура Арсланова", "Тимур Арсланов"),
        ("Тимуры Арсланова", "Тимура Арсланов"),  # the first name declined another way
        ("Тимуру Арсланову", "Тимур Арсланов"),
    )
    assert set(_normals(doc)) == {"Тимур Арсланов"}


def test_a_one_off_misspelt_surname_joins_the_name_written_again() -> None:
    doc = _settled(
        ("Андрей Кувшинников", "Андрей Кувшинников"),
        ("Андрей Кувшиннников", "Андрей Кувшиннников"),
        ("Кувшинников", "Кувшинников"),
    )
    assert set(_normals(doc)) == {"Андрей Кувшинников", "Кувшинников"}
    assert len({m.entity_id for m in doc.mentions}) == 1


def test_swapped_letters_are_one_edit() -> None:
    doc = _settled(
        ("Олег Шумейко", "Олег Шумейко"),
        ("Олег Шмуейко", "Олег Шмуейко"),
        ("Шумейко", "Шумейко"),
    )
    assert set(_normals(doc)) == {"Олег Шумейко", "Шумейко"}


def test_namesakes_named_again_stay_two_people() -> None:
    # Surnames one letter apart, each written twice: two people, not a typo.
    names = [
        ("Сергей Иванцов", "Сергей Иванцов"),
        ("Сергей Иванцев", "Сергей Иванцев"),
        ("Иванцов", "Иванцов"),
        ("Иванцев", "Иванцев"),
    ]
    assert _normals(_settled(*names)) == [normal for _, normal in names]


def test_first_names_of_two_genders_stay_two_people() -> None:
    doc = _settled(
        ("Александр Шевчук", "Александр Шевчук"), ("Александра Шевчук", "Александра Шевчук")
    )
    assert _normals(doc) == ["Александр Шевчук", "Александра Шевчук"]
    assert doc.mentions[0].entity_id != doc.mentions[1].entity_id


def test_short_names_and_other_patronymics_are_not_misspellings() -> None:
    names = [
        ("Ли Цян", "Ли Цян"),
        ("Ли Цзян", "Ли Цзян"),
        ("Иван Петрович Смолин", "Иван Петрович Смолин"),
        ("Иванн Павлович Смолин", "Иванн Павлович Смолин"),
    ]
    assert _normals(_settled(*names)) == [normal for _, normal in names]
