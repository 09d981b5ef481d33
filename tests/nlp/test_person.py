"""Personal names reach the nominative as a whole: one case for every part."""

import pytest

from gov_extract.nlp.norm import normalize_text


@pytest.mark.parametrize(
    ("written", "normal"),
    [
        # Parts the dictionary does not know, declined by their endings.
        ("Абдаллой бен Заидом Аль Нахайяном", "Абдалла бен Заид Аль Нахайян"),
        ("Касым Жомартом Токаевым", "Касым Жомарт Токаев"),
        ("Махмадтоиром Зоиром Зокирзода", "Махмадтоир Зоир Зокирзода"),
        ("Стивена Уиткоффа", "Стивен Уиткофф"),
        ("Владимиру Макею", "Владимир Макей"),
        ("Юрию Долгорукому", "Юрий Долгорукий"),
        ("Аксары Кердпола", "Аксара Кердпол"),
        # A first name in `-а` the guesser knows as a man's genitive.
        ("Нурлана Ахметова", "Нурлан Ахметов"),
        # A part that cannot be in the case of the others does not decline.
        ("Юй Цзянем", "Юй Цзянь"),
        ("Ли Цяном", "Ли Цян"),
        ("Ирину Колесник", "Ирина Колесник"),
        ("Бадрой Гунба", "Бадра Гунба"),
        # A man's Caucasian surname in `-а`/`-я` is no genitive of one in a consonant: it
        # keeps its form, or declines as `-а` names do; `Багапша` is one in a consonant.
        ("Бадры Гунба", "Бадра Гунба"),
        ("Даура Аршба", "Даур Аршба"),
        ("Даура Аршбы", "Даур Аршба"),
        ("Отара Ткебучава", "Отар Ткебучава"),
        ("Левану Квициния", "Леван Квициния"),
        ("Сергея Багапша", "Сергей Багапш"),
        # Initials after the surname, and a woman's name with her patronymic.
        ("Гречишниковой Е.С.", "Гречишникова Е.С."),
        ("Галиной Петровной Смирновой", "Галина Петровна Смирнова"),
    ],
)
def test_oblique_names_reach_the_nominative(written: str, normal: str) -> None:
    assert normalize_text(written, "PER") == normal


@pytest.mark.parametrize(
    "name",
    [
        "Чжан Ханьхуэй",
        "Ли Цян",
        "Бадра Гунба",
        "Сэйдзи Маэхара",
        "Саломе Зурабишвили",
        "Горшков В.А.",
        "Ирина Валентиновна Колесник",
    ],
)
def test_nominative_names_stay(name: str) -> None:
    assert normalize_text(name, "PER") == name


def test_a_surname_the_dictionary_knows_for_men_only_has_a_womans_nominative() -> None:
    # pymorphy3 lists `Гречишникова` as a man's genitive only; the words around the
    # name (a post in the nominative before it) make it a woman's nominative.
    nominative = frozenset({"nomn"})
    assert normalize_text("Гречишникова Е.С.", "PER", cases=nominative) == "Гречишникова Е.С."
    assert normalize_text("Гречишникова", "PER", "femn") == "Гречишникова"
    # Without a context the dictionary's reading stays the likelier.
    assert normalize_text("Гречишникова Е.С.", "PER") == "Гречишников Е.С."


def test_syllabic_names_decline_by_their_endings() -> None:
    # The parts of Chinese and Korean names are no Russian names (`Ира`), and those
    # before the last may keep their form in any case (`Чжан`).
    gent = frozenset({"gent"})
    assert normalize_text("Пака Сон Ира", "PER", cases=gent) == "Пак Сон Ир"
    assert normalize_text("Пак Сон Иром", "PER") == "Пак Сон Ир"
    assert normalize_text("Хвана Чжан Епа", "PER", cases=gent) == "Хван Чжан Еп"
    assert normalize_text("Пак Сон Ир", "PER") == "Пак Сон Ир"
    # Without a context a name that may be a nominative stays as written.
    assert normalize_text("Пака Сон Ира", "PER") == "Пака Сон Ира"
    # Names of two short syllables are not read so (`Буша` is the dictionary's).
    assert normalize_text("Джорджа Буша", "PER") == "Джордж Буш"


def test_surname_in_capitals_is_written_as_a_name() -> None:
    assert normalize_text("Тахир ИСМАИЛОВ", "PER") == "Тахир Исмаилов"
    assert normalize_text("ТАХИРОМ ИСМАИЛОВЫМ", "PER") == "Тахир Исмаилов"


def test_context_settles_a_name_that_reads_both_ways() -> None:
    # `Маэхара` is a nominative or a man's genitive (`Маэхар`); the words around say which.
    assert normalize_text("Сэйдзи Маэхара", "PER", cases=frozenset({"gent"})) == "Сэйдзи Маэхар"
    assert normalize_text("Сэйдзи Маэхара", "PER", cases=frozenset({"nomn"})) == "Сэйдзи Маэхара"
    # A part only an oblique case gives outweighs the context.
    assert normalize_text("Заидом", "PER", cases=frozenset({"nomn"})) == "Заид"
