"""A document's positions: its posts, sentence by sentence, attached to people and
placed, and the offices pointed back to (`занимавший этот пост`); posts the document
states without a name go to its sole person or, as `doc.post_holders`, to the person
an earlier post names (a row of their own when their sentence names that person)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from pymorphy3.tagset import OpencorporaTag

from gov_extract.extract.chain import NOMINAL
from gov_extract.extract.posts.fuller import fill_shorter, same_person
from gov_extract.extract.posts.grammar import Post, sentence_posts
from gov_extract.extract.posts.holders import post_holders
from gov_extract.extract.posts.lexicon import head_lemma, key, lexicon
from gov_extract.extract.posts.lists import list_after
from gov_extract.extract.posts.normal import post_normal, post_title
from gov_extract.extract.posts.people import attach, office_holder
from gov_extract.extract.posts.places import (
    add_home_country,
    add_home_territory,
    adjective_place,
    named_before,
)
from gov_extract.extract.posts.view import View, views
from gov_extract.link.entities import name_gender, person_name
from gov_extract.nlp.morph import cases_of, parses
from gov_extract.records import Doc, Mention, Position, Token

# Words that point back to a post told before: `этот пост`, `данную должность`.
DEMONSTRATIVES = frozenset({"этот", "данный"})
# Verbs (by lemma) of holding an office pointed to: `занимавший этот пост`, `на этой
# должности работал`; not of taking it anew (`сменил на этом посту`, `переизбирался`).
HOLDING = frozenset({"занимать", "занять", "находиться", "работать", "проработать"})
# The rules of posts given by a verb or as an office, which `этот пост` refers back to.
GIVEN = frozenset({"post.appointment", "post.copula", "post.office", "post.pronoun", "post.list"})
# Prepositions of company: a post after them in the instrumental is whom one met.
COMPANY = frozenset({"с", "со"})


def read_positions(doc: Doc) -> None:
    """The document's positions, and the people its bare posts refer to
    (`doc.post_holders`), from one pass over its posts."""
    positions: list[Position] = []
    unnamed: list[tuple[View, Post]] = []
    sentences = list(views(doc))
    for view in sentences:
        posts = sentence_posts(view)
        attach(view, posts)
        # A plural post's copies come last from `attach`: rows go in the order of the text.
        posts.sort(key=lambda post: (post.first, post.person.start if post.person else -1))
        for post in posts:
            if post.person is not None:
                positions.append(_position(view, post, post.person, post.rule))
            elif not post.plural:  # a plural post without its list names a group
                unnamed.append((view, post))
        positions += _this_office(view, posts, positions)
    named_next = _posts_of_the_names_after(unnamed, {view.index: view for view in sentences})
    unnamed = [(view, post) for view, post in unnamed if post.person is None]
    positions += named_next
    positions += _posts_of_the_sole_person(doc, unnamed, positions)
    _complete(doc, positions)
    doc.post_holders = post_holders(unnamed, positions)
    held = _held_in_their_sentence(unnamed, doc.post_holders)
    if held:
        positions += held
        _complete(doc, positions)  # the new rows, as the others; those are done already
    doc.positions = positions


def _complete(doc: Doc, positions: list[Position]) -> None:
    """Each post as the release states it most fully, with its territory or country."""
    fill_shorter(positions)
    add_home_territory(doc, positions)
    add_home_country(doc, positions)


def _held_in_their_sentence(
    unnamed: Sequence[tuple[View, Post]], holders: dict[int, Mention]
) -> list[Position]:
    """`Тело Петрова нашли в доме артиста`: a post without a name whose holder
    (`doc.post_holders`: the one person given that post earlier) is the one person its
    own sentence names is a statement of that person's post (`post.held`), by the
    mention in the sentence."""
    found = []
    for view, post in unnamed:
        person = holders.get(view.tokens[post.groups[0].head].start)
        named = {m.normal: m for m in view.per_start.values()}
        if person is None or len(named) != 1:
            continue
        here = next(iter(named.values()))
        if same_person(here, person):
            found.append(_position(view, post, here, "post.held"))
    return found


def _this_office(view: View, posts: Sequence[Post], stated: Sequence[Position]) -> list[Position]:
    """`Иван Петров назначен министром финансов. Олег Сидоров, занимавший этот пост …`:
    an office pointed to (`этот пост`, `данную должность`) is the post last given by a
    verb or as an office before it, held by the person of the sentence
    (`people.office_holder`), when that is somebody else."""
    tokens = view.tokens
    found = []
    firsts = {post.first for post in posts}
    for office in range(1, len(tokens)):
        if key(tokens[office]) not in lexicon().offices or office + 1 in firsts:
            continue
        if key(tokens[office - 1]) not in DEMONSTRATIVES or not _held(tokens, office):
            continue
        told = [p for p in stated if p.rule in GIVEN and p.post_stop <= tokens[office].start]
        person, rule = office_holder(view, office - 1, office)
        if not told or person is None:
            continue
        post = told[-1]
        if person_name(person.normal).last == person_name(post.person.normal).last:
            continue  # `Он займёт этот пост`: the same statement again
        start, stop = tokens[office - 1].start, tokens[office].stop
        found.append(
            replace(
                post,
                person=person,
                position_text=view.doc.text[start:stop],
                post_start=start,
                post_stop=stop,
                sent_idx=view.index,
                start=min(start, person.start),
                stop=max(stop, person.stop),
                where_source="inferred" if post.org or post.loc else None,
                rule="post.this_office" if rule == "post.office" else rule,
            )
        )
    return found


def _held(tokens: Sequence[Token], office: int) -> bool:
    """A verb of `HOLDING` right before `этот пост` (past `на`: `работал на этой
    должности`) or right after it (`этот пост занимал`)."""
    before = office - 2
    if before > 0 and tokens[before].text.lower() == "на":
        before -= 1
    return any(
        key(t) in HOLDING for t in [*tokens[before : before + 1], *tokens[office + 1 : office + 2]]
    )


def _posts_of_the_names_after(
    unnamed: Sequence[tuple[View, Post]], sentences: dict[int, View]
) -> list[Position]:
    """`Руководитель ведомства провёл встречу с министром сельского хозяйства. Николай
    Федоров и Леонид Заяц обсудили …`: the posts a sentence that names nobody gives
    without names, two or more, are those of the names the next sentence opens with,
    as many, in the same order (`post.names_after`)."""
    by_sentence: dict[int, list[tuple[View, Post]]] = {}
    for view, post in unnamed:
        by_sentence.setdefault(view.index, []).append((view, post))
    found = []
    for index, posts in by_sentence.items():
        following = sentences.get(index + 1)
        if following is None or len(posts) < 2 or posts[0][0].per_start:
            continue
        people = list_after(following, 0)
        if len(people) != len(posts):
            continue
        for (view, post), person in zip(posts, people, strict=True):
            post.person = person
            found.append(_position(view, post, person, "post.names_after"))
    return found


def _posts_of_the_sole_person(
    doc: Doc, unnamed: Sequence[tuple[View, Post]], stated: Sequence[Position]
) -> list[Position]:
    """`Инициативу Юрия Лужкова … не одобряют … Особенно резкие замечания в адрес мэра
    Москвы`: a post written without a name, where the document has so far named one
    person only and stated no post of theirs, is that person's.

    Not a profession (`вопрос журналиста` is somebody else's), not before a capitalised
    word (a name the NER model missed), and not when the person has a stated post:
    `Губернатор Иван Петров … Министр доложил` is another person.
    """
    found = []
    for view, post in unnamed:
        if head_lemma(view.tokens[post.groups[0].head]) in lexicon().professions:
            continue
        following = view.tokens[post.last + 1 : post.last + 2]
        if following and following[0].text[:1].isupper():
            continue  # `Помощник госсекретаря США Фил Гордон`: a name the NER model missed
        if view.per_start:
            continue  # `Иван Петров встретился с министром`: the sentence's other person
        earlier = [m for m in doc.mentions if m.type == "PER" and m.sent_idx < view.index]
        surnames = {person_name(m.normal).last for m in earlier}
        if len(surnames) != 1 or None in surnames:
            continue
        person = earlier[-1]
        if _someone_else(view, post, person):
            continue
        if not any(person_name(p.person.normal).last in surnames for p in stated):
            found.append(_position(view, post, person, "post.sole_person"))
    return found


def _someone_else(view: View, post: Post, person: Mention) -> bool:
    """`встретились с председателем`: a post after `с` in the instrumental is whom the
    person met; `председатель ТОС озвучила` after a man's name: a predicate of the
    post (the nearest verb in the past or short participle after it, else before it)
    in another gender than the person's first name is someone else's."""
    tokens = view.tokens
    head = tokens[post.groups[0].head].text
    before = tokens[post.first - 1].text.lower() if post.first else ""
    if before in COMPANY and "ablt" in cases_of(head, NOMINAL):
        return True
    around = [*tokens[post.last + 1 :], *reversed(tokens[: post.first])]
    predicate = next((tag for t in around if (tag := _gendered(t.text)) is not None), None)
    name = name_gender(person_name(person.normal).first)
    return predicate is not None and name is not None and predicate.gender != name


def _gendered(word: str) -> OpencorporaTag | None:
    """The tag of a verb in the past singular or a short participle singular."""
    tag = parses(word)[0].tag
    past = tag.POS == "VERB" and tag.tense == "past"
    if (past or tag.POS == "PRTS") and tag.number == "sing" and tag.gender:
        return tag
    return None


def _position(view: View, post: Post, person: Mention, rule: str) -> Position:
    tokens = view.tokens
    start, stop = tokens[post.first].start, tokens[post.last].stop
    inside = [
        m for m in view.doc.mentions if start <= m.start and m.stop <= stop and m.type != "PER"
    ]
    loc = next((m for m in inside if m.type == "LOC"), None)
    org = next((m for m in inside if m.type == "ORG"), None)
    if loc is None and org is None:
        loc = adjective_place(view, post)
    where = "stated" if loc or org else None
    if loc is None and org is None:
        named = named_before(view, post)
        where = "inferred" if named else None
        if named is not None and named.type == "LOC":
            loc = named
        elif named is not None:
            org = named
    return Position(
        person=person,
        position=post_normal(view, post),
        title=post_title(view, post.groups[0]),
        position_text=view.doc.text[start:stop],
        post_start=start,
        post_stop=stop,
        org=org,
        loc=loc,
        sent_idx=view.index,
        start=min(start, person.start),
        stop=max(stop, person.stop),
        head=head_lemma(tokens[post.groups[0].head]),
        where_source=where,
        rule=rule,
    )
