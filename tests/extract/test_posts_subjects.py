"""Posts whose holder is the subject a sentence leaves out or names by a pronoun: the
person of the sentence before, or the person the release is about. Names are laid
over the text by hand, as in test_posts_rules.py."""

from __future__ import annotations

import pytest

from gov_extract.extract.posts.places import unnamed_body
from tests.extract.test_posts_rules import _doc, _per, _posts

IVAN, ANNA, OLEG = "Иван Петров", "Анна Смирнова", "Олег Орлов"


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        (
            "Иван Петров окончил университет в Томске. Был министром финансов области.",
            [_per(IVAN)],
            [(IVAN, "министр финансов области", "post.elided")],
        ),
        (
            # The subject of the sentence before, not the name in the genitive there.
            "Иван Петров возглавил завод после ухода Олега Орлова. До этого занимал пост "
            "директора фабрики.",
            [_per(IVAN), _per("Олега Орлова", OLEG)],
            [(IVAN, "директор фабрики", "post.elided")],
        ),
        (
            # After sentences that name nobody: the person the release is about.
            "Иван Петров родился в Томске. Иван Петров окончил университет. Его учил Олег "
            "Орлов. Писал учебники. Позже работал ректором университета.",
            [_per(IVAN), _per(IVAN), _per(OLEG)],
            [(IVAN, "ректор университета", "post.elided")],
        ),
        (
            # `коммерческим` is read first as a dative plural.
            "Иван Петров возглавляет компанию. С 2006 года он работал коммерческим "
            "директором компании.",
            [_per(IVAN)],
            [(IVAN, "директор компании", "post.pronoun")],
        ),
    ],
)
def test_the_subject_left_out(
    text: str, names: list[tuple[str, str, str]], expected: list[tuple[str, str, str]]
) -> None:
    assert _posts(_doc(text, *names)) == expected


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # A verb in another gender than the person's first name.
        ("Иван Петров окончил университет. Была министром финансов области.", [_per(IVAN)]),
        # Two people the sentence before names in the nominative.
        (
            "Иван Петров и Анна Смирнова окончили университет. Был министром финансов.",
            [_per(IVAN), _per(ANNA)],
        ),
        # The subject is written: a word in the nominative before the verb.
        ("Иван Петров окончил университет. Его брат был министром финансов.", [_per(IVAN)]),
        # A verb of appointing: the one left out appoints.
        ("Иван Петров приехал в Томск. Назначил министром финансов своего зама.", [_per(IVAN)]),
    ],
)
def test_no_subject_to_give_the_post(text: str, names: list[tuple[str, str, str]]) -> None:
    assert [p for p in _posts(_doc(text, *names)) if p[2] == "post.elided"] == []


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        (
            # The subject shared by two predicates joined by `и`.
            "Иван Петров учился в Томске и уже в юности работал директором завода.",
            [_per(IVAN)],
            [(IVAN, "директор завода", "post.copula")],
        ),
        (
            # A participle of a verb of holding after the name and a comma.
            "Иван Петров, ранее работавший директором завода, заявил об этом.",
            [_per(IVAN)],
            [(IVAN, "директор завода", "post.copula")],
        ),
        (
            # A phrase opened by a preposition between the verb and the post.
            "Иван Петров работает в компании менеджером.",
            [_per(IVAN)],
            [(IVAN, "менеджер", "post.copula")],
        ),
        (
            # A possessive between the verb and the post.
            "Иван Петров является его заместителем.",
            [_per(IVAN)],
            [(IVAN, "заместитель", "post.copula")],
        ),
        (
            # An adverb before the post, and a second post after `, затем`.
            "Иван Петров работал сначала инженером, затем директором завода.",
            [_per(IVAN)],
            [(IVAN, "инженер", "post.copula"), (IVAN, "директор завода", "post.second")],
        ),
        (
            # The name a relative clause is about.
            "Анна Смирнова, которая является министром финансов, заявила об этом.",
            [_per(ANNA)],
            [(ANNA, "министр финансов", "post.copula")],
        ),
        (
            # A description set off by a comma between the post and the name.
            "Вчера умер известный скульптор, лауреат премии города Иван Петров.",
            [_per(IVAN)],
            [(IVAN, "скульптор", "post.described")],
        ),
        (
            # After a verb of holding, a description in the nominative before the name.
            "Директором театра стал лауреат премии города Иван Петров.",
            [_per(IVAN)],
            [(IVAN, "директор театра", "post.described")],
        ),
        (
            # Nothing but a comma or dash between: the name in the post's case.
            "Интересы завода представляет опытный юрист — Анна Смирнова.",
            [_per(ANNA)],
            [(ANNA, "юрист", "post.described")],
        ),
        (
            # Past the quote that closes the post.
            "Вчера «король эстрады» Иван Петров дал концерт.",
            [_per(IVAN)],
            [(IVAN, "король эстрады", "post.before_name")],
        ),
        (
            # A description opened by a dash after the name.
            "Вчера умер Иван Петров — великий гуманист, член академии наук.",
            [_per(IVAN)],
            [(IVAN, "член академии наук", "post.apposition")],
        ),
        (
            # A second post of the name before, past a description.
            "Вчера умер Иван Петров — великий гуманист, выдающийся художник, мыслитель, "
            "один из самых известных композиторов.",
            [_per(IVAN)],
            [
                (IVAN, "художник", "post.apposition"),
                (IVAN, "композитор", "post.second"),
            ],
        ),
        (
            # Words that run on from the post's chain, the name in the post's case.
            "Директор департамента по надзору из Томска Иван Петров заявил об этом.",
            [_per(IVAN)],
            [(IVAN, "директор департамента по надзору", "post.described")],
        ),
    ],
)
def test_the_subject_further_away(
    text: str, names: list[tuple[str, str, str]], expected: list[tuple[str, str, str]]
) -> None:
    assert _posts(_doc(text, *names)) == expected


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # Another subject between the name and the verb.
        ("Иван Петров уехал, а его брат работал директором завода.", [_per(IVAN)]),
        # Two people joined by `и`.
        ("Министр и мисс Анна Смирнова приехали в Томск.", [_per(ANNA)]),
        # A preposition after the comma opens no description.
        ("Как считает эксперт, на решение повлияет Анна Смирнова.", [_per(ANNA)]),
        # Right after the comma, a name in another case than the post.
        ("Они встретились с министром, Иван Петров это подтвердил.", [_per(IVAN)]),
        # A name in another case than the post.
        (
            "В городе скульптора памятник Ивану Петрову откроют летом.",
            [_per("Ивану Петрову", IVAN)],
        ),
    ],
)
def test_no_subject_further_away(text: str, names: list[tuple[str, str, str]]) -> None:
    assert _posts(_doc(text, *names)) == []


def test_a_list_runs_past_where_each_comes_from() -> None:
    doc = _doc(
        "На форум прилетели писатели, среди которых — Иван Петров из Москвы, Анна "
        "Смирнова из Томска и Олег Орлов.",
        _per(IVAN),
        ("LOC", "Москвы", "Москва"),
        _per(ANNA),
        ("LOC", "Томска", "Томск"),
        _per(OLEG),
    )
    assert _posts(doc) == [(name, "писатель", "post.list") for name in (IVAN, ANNA, OLEG)]


def test_a_body_named_by_common_words_ends_at_its_noun() -> None:
    doc = _doc("Лучший вратарь сборной последних лет Иван Петров завершил карьеру.", _per(IVAN))
    (position,) = doc.positions
    span = unnamed_body(doc, position)
    assert span is not None and doc.text[slice(*span)] == "сборной"


def test_a_bare_post_is_a_row_of_the_one_person_its_sentence_names() -> None:
    doc = _doc(
        "Министр финансов Иван Петров выступил на форуме. Доклад Петрова, по словам "
        "министра, был коротким.",
        _per(IVAN),
        _per("Петрова", IVAN),
    )
    assert _posts(doc) == [
        (IVAN, "министр финансов", "post.before_name"),
        (IVAN, "министр финансов", "post.held"),
    ]


def test_a_bare_post_in_a_sentence_naming_someone_else_is_no_row() -> None:
    doc = _doc(
        "Министр финансов Иван Петров выступил на форуме. Доклад Олега Орлова, по словам "
        "министра, был коротким.",
        _per(IVAN),
        _per("Олега Орлова", OLEG),
    )
    assert _posts(doc) == [(IVAN, "министр финансов", "post.before_name")]
