"""Normal forms: only the head and the words agreeing with it change case."""

import pytest

from gov_extract.nlp.norm import normalize_text

CASES = {
    ("ORG", "Союз российских городов"): [
        "Союза российских городов", "Союзу российских городов", "Союз российских городов",
        "Союзом российских городов", "Союзе российских городов",
    ],
    ("ORG", "Департамент территориальных органов исполнительной власти Москвы"): [
        "Департамента территориальных органов исполнительной власти Москвы",
        "Департаменту территориальных органов исполнительной власти Москвы",
        "Департаментом территориальных органов исполнительной власти Москвы",
        "Департаменте территориальных органов исполнительной власти Москвы",
    ],
    ("ORG", "Министерство промышленности и торговли Российской Федерации"): [
        "Министерства промышленности и торговли Российской Федерации",
        "Министерству промышленности и торговли Российской Федерации",
        "Министерством промышленности и торговли Российской Федерации",
        "Министерстве промышленности и торговли Российской Федерации",
    ],
    ("ORG", "Законодательное собрание Санкт-Петербурга"): [
        "Законодательного собрания Санкт-Петербурга", "Законодательному собранию Санкт-Петербурга",
        "Законодательным собранием Санкт-Петербурга", "Законодательном собрании Санкт-Петербурга",
    ],
    ("ORG", "ассоциация «Совет муниципальных образований города Москвы»"): [
        "ассоциации «Совет муниципальных образований города Москвы»",
        "ассоциацию «Совет муниципальных образований города Москвы»",
        "ассоциацией «Совет муниципальных образований города Москвы»",
    ],
    ("ORG", "Общенациональная ассоциация территориального общественного самоуправления"): [
        "Общенациональной ассоциации территориального общественного самоуправления",
        "Общенациональную ассоциацию территориального общественного самоуправления",
        "Общенациональной ассоциацией территориального общественного самоуправления",
    ],
    ("LOC", "Нижний Новгород"): ["Нижнего Новгорода", "Нижнему Новгороду", "Нижним Новгородом", "Нижнем Новгороде"],
    ("LOC", "Республика Крым"): ["Республики Крым", "Республике Крым", "Республику Крым", "Республикой Крым"],
    ("LOC", "Ростов-на-Дону"): ["Ростова-на-Дону", "Ростову-на-Дону", "Ростовом-на-Дону", "Ростове-на-Дону"],
    ("LOC", "Текстильщики"): ["Текстильщиках", "Текстильщиками"],
    ("PER", "Дмитрий Овсянников"): [
        "Дмитрия Овсянникова", "Дмитрию Овсянникову", "Дмитрием Овсянниковым", "Дмитрии Овсянникове",
    ],
    # `Александру Игнатьеву` is as much the dative of `Александр Игнатьев`; the
    # accusative of a woman's name is tested on Смирнова.
    ("PER", "Александра Игнатьева"): [
        "Александры Игнатьевой", "Александре Игнатьевой", "Александрой Игнатьевой",
    ],
    ("PER", "Иван Сергеевич Комаров"): [
        "Ивана Сергеевича Комарова", "Ивану Сергеевичу Комарову", "Иваном Сергеевичем Комаровым",
        "Иване Сергеевиче Комарове",
    ],
    ("PER", "Ольга Петровна Смирнова"): [
        "Ольги Петровны Смирновой", "Ольге Петровне Смирновой", "Ольгу Петровну Смирнову",
        "Ольгой Петровной Смирновой",
    ],
    ("PER", "Евгений Стружак"): ["Евгения Стружака", "Евгению Стружаку", "Евгением Стружаком"],
    # Surnames pymorphy3 reads only as adjectives (`травниковый`) or short adjectives.
    ("PER", "Андрей Травников"): [
        "Андрея Травникова", "Андрею Травникову", "Андреем Травниковым", "Андрее Травникове",
    ],
    ("PER", "Ольга Травникова"): [
        "Ольги Травниковой", "Ольге Травниковой", "Ольгу Травникову", "Ольгой Травниковой",
    ],
    ("PER", "Травников"): ["Травниковым"],
}  # fmt: skip


# Out of context `Александра Игнатьева` is as much the genitive of `Александр Игнатьев`
# (the likelier reading by pymorphy3's counts), so that nominative is not round-tripped.
AMBIGUOUS_NOMINATIVE = {"Александра Игнатьева"}


@pytest.mark.parametrize(
    ("type", "normal", "form"),
    [
        (type, normal, form)
        for (type, normal), forms in CASES.items()
        for form in ([] if normal in AMBIGUOUS_NOMINATIVE else [normal]) + forms
    ],
)
def test_every_case_gives_the_nominative(type: str, normal: str, form: str) -> None:
    assert normalize_text(form, type) == normal


@pytest.mark.parametrize(
    ("type", "text"),
    [
        ("ORG", "ПАО «Газпром»"),
        ("ORG", "МЧС России"),
        ("PER", "А.В. Петров"),
        ("PER", "Виторио Сандали"),
        ("ORG", "Google"),
        # No plural of a name the guesser makes up (`Хэнаня`), nor of a first name the
        # dictionary knows (`Аяна`): a foreign place name that does not decline.
        ("LOC", "Хэнань"),
        ("LOC", "Аян"),
        ("ORG", "Маджлиси Оли"),
        # Abbreviations, however long, with vowels or not.
        ("ORG", "ЮНЕСКО"),
        ("ORG", "ФГБОУ"),
    ],
)
def test_unchanged(type: str, text: str) -> None:
    assert normalize_text(text, type) == text


def test_unknown_surname_takes_the_case_of_the_first_name() -> None:
    # pymorphy3 guesses `Паслером` as a vocative name; its instrumental reading wins.
    assert normalize_text("Денисом Паслером", "PER") == "Денис Паслер"


@pytest.mark.parametrize(
    ("text", "feminine"),
    [
        ("Самойлова", "Самойлова"),
        ("Д.О. Рыбаковой", "Д.О. Рыбакова"),
        ("Лебедева О.В.", "Лебедева О.В."),
    ],
)
def test_gender_settles_an_ambiguous_surname(text: str, feminine: str) -> None:
    assert normalize_text(text, "PER", "femn") == feminine
    assert normalize_text("Самойлова", "PER", "masc") == "Самойлов"
    # A name that reads only as a man's keeps its reading (`Смерть Егора стала …`).
    assert normalize_text("Егора", "PER", "femn") == "Егор"


def test_characters_without_a_unicode_name_are_read_as_unknown() -> None:
    from gov_extract.nlp.morph import parses

    # Found by hypothesis: pymorphy3 raised ValueError on a Tangut character.
    [unknown] = parses("\U00017000")
    assert "UNKN" in unknown.tag
    assert parses("ab\U00017000")[0].tag.POS is None


@pytest.mark.parametrize(
    ("written", "normal"),
    [
        # Every adjective before the head agrees with it, though one reads as a surname
        # (`Могилевским`) or a noun (`Главного`) too.
        (
            "Витебским областным исполнительным комитетом",
            "Витебский областной исполнительный комитет",
        ),
        ("Главного управления МВД России", "Главное управление МВД России"),
        # A body's head noun before its own proper name is written as part of the name.
        ("правительством Тверской области", "Правительство Тверской области"),
        ("министерству культуры Республики Алтай", "Министерство культуры Республики Алтай"),
        ("администрации поселка", "администрация поселка"),
        # … also after the adjectives of its name, and before an abbreviation.
        ("районной думой Тверской области", "Районная дума Тверской области"),
        ("министерством юстиции РФ", "Министерство юстиции РФ"),
        # Not a plural, not after a pronoun, nor before a legal form.
        (
            "отдельных министерств Правительства Тверской области",
            "отдельные министерства Правительства Тверской области",
        ),
        ("торговыми предприятиями Тверской области", "торговые предприятия Тверской области"),
        ("главные управления МЧС России", "главные управления МЧС России"),
        ("предприятие АО «Тверской вагон»", "предприятие АО «Тверской вагон»"),
        # A capitalised head opens the name; the adjective before it is no part of it.
        ("предстоящего Совета Тверской области", "предстоящий Совет Тверской области"),
        # An abbreviation that heads the name: the adjectives before it reach the nominative.
        ("Курской АЭС", "Курская АЭС"),
        # A capital inside a word writes an abbreviation, which keeps its form.
        ("ТвГУ им. Михаила Ломоносова", "ТвГУ им. Михаила Ломоносова"),
        # Words the dictionary does not know before the head are a foreign name, which
        # keeps its form; the head is the last of them (`Кенеша`, by the guesser a
        # genitive) or the known noun after them.
        ("Жогорку Кенеша Киргизской Республики", "Жогорку Кенеш Киргизской Республики"),
        ("Дархан-Уул аймака Монголии", "Дархан-Уул аймак Монголии"),
        # … but an adjective the dictionary does not know agrees with its noun, and so
        # does a surname it knows that is an adjective in form.
        ("Семикаракорского района", "Семикаракорский район"),
        ("Вяземского суда", "Вяземский суд"),
        # A body's name the dictionary does not know: as its guesser reads it likeliest.
        ("Туркменнефтегаза", "Туркменнефтегаз"),
        # An abbreviation with a case ending; words in capitals in a headline.
        ("МИДе России", "МИД России"),
        ("ЦИКа", "ЦИК"),
        ("ПРАВИТЕЛЬСТВА ТВЕРСКОЙ ОБЛАСТИ", "ПРАВИТЕЛЬСТВО ТВЕРСКОЙ ОБЛАСТИ"),
    ],
)
def test_organisations_reach_the_nominative(written: str, normal: str) -> None:
    assert normalize_text(written, "ORG") == normal


@pytest.mark.parametrize(
    ("written", "normal"),
    [
        # A place the dictionary knows before a first name it knows.
        ("Ливана", "Ливан"),
        # A foreign place name the dictionary does not know, in the locative.
        ("Шаньдуне", "Шаньдун"),
        # An adjective alone, its noun left out (`Кашинскому и Вышневолоцкому районам`):
        # masculine where masculine and neuter read alike.
        ("Кашинскому", "Кашинский"),
        ("Ржевской", "Ржевская"),
        # The second locative is agreed with in the locative; a common noun is no place
        # the dictionary knows by the same letters (`порту`, `Порту`).
        ("Тверском аэропорту", "Тверской аэропорт"),
        ("Тверском порту", "Тверской порт"),
    ],
)
def test_places_reach_the_nominative(written: str, normal: str) -> None:
    assert normalize_text(written, "LOC") == normal
