"""Posts written in the plural next to a list of names: `с заместителями Иваном
Петровым, Анной Смирновой и Олегом Орловым`, `вице-губернаторы А, Б, В`, `Анна
Смирнова и Олег Орлов назначены первыми заместителями министра`. Each person of the
list holds the post, in the singular."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from gov_extract.extract.chain import NOMINAL
from gov_extract.extract.posts.grammar import Post
from gov_extract.extract.posts.lexicon import key, lexicon
from gov_extract.extract.posts.view import View
from gov_extract.nlp.morph import cases_of, parses
from gov_extract.records import Mention, Token

# A list opens after these, or with nothing between: `двух заместителей – А и Б`.
OPENERS = frozenset({"–", "—", "-", ":"})
# Words that join the items of a list.
JOINS = frozenset({",", "и"})
# Longest aside in brackets after a name that the list runs past: `А (1990—2000 годы), Б`.
MAX_ASIDE = 12


def attach_list(view: View, post: Post, posts: Sequence[Post]) -> list[Post]:
    """The post for each person of the list after it, else of the list before it
    joined by a dash or a verb of holding it; the first person's in `post` itself,
    copies for the others. A list is two names or more: one name next to a plural
    post is somebody else (`министры обсудили с Иваном Петровым`)."""
    people = list_after(view, past_copulas(view, post))
    following = next((p for p in posts if p.plural and p.first == post.last + 2), None)
    if len(people) < 2 and following and view.tokens[post.last + 1].text.lower() == "и":
        # `писатели и поэты А, Б и В`: the list is the next plural post's too.
        people = [p.person for p in posts if p.groups is following.groups and p.person]
    if len(people) < 2:
        people = _list_before(view, post.first - 1, {p.last: p for p in posts if p is not post})
    if len(people) < 2:
        return []
    post.person, post.side, post.rule = people[0], "before", "post.list"
    return [replace(post, person=person) for person in people[1:]]


def list_after(view: View, index: int) -> list[Mention]:
    tokens = view.tokens
    ends = {id(m): i for i, m in view.per_end.items()}
    index = _past_opening(tokens, index)
    people: list[Mention] = []
    while index < len(tokens):
        if key(tokens[index]) in lexicon().address:
            index += 1  # `с господами А и Б`
        person = view.per_start.get(index)
        if person is None:
            break
        people.append(person)
        index = _past_origin(view, past_aside(view, ends[id(person)] + 1))
        if index >= len(tokens) or tokens[index].text not in JOINS:
            break
        index += 1
        if tokens[index - 1].text == "," and index < len(tokens) and tokens[index].text == "и":
            index += 1  # `А, Б, и В`
    return people


def past_copulas(view: View, post: Post) -> int:
    """Where the list after a post may start: right after it, or after a verb of holding
    it when the post is in the instrumental (`заместителями министра назначены А и Б`)."""
    tokens = view.tokens
    index = post.last + 1
    if "ablt" not in cases_of(tokens[post.groups[0].head].text, NOMINAL):
        return index
    while (
        index < len(tokens) and index - post.last <= 2 and key(tokens[index]) in lexicon().copulas
    ):
        index += 1
    return index


def may_be_plural(view: View, post: Post) -> bool:
    """`главы районов`: a head read in the singular (`главы` is a genitive too) that
    may be the plural nominative, before a genitive in the plural."""
    group = post.groups[0]
    tokens = view.tokens
    readings = [p.tag for p in parses(tokens[group.head].text)]
    following = (
        [p.tag for p in parses(tokens[group.head + 1].text)] if post.last > group.head else []
    )
    return (
        len(post.groups) == 1
        and group.acting_end == group.first
        and any(tag.number == "plur" and tag.case == "nomn" for tag in readings)
        and any(tag.number == "plur" and tag.case == "gent" for tag in following[:1])
    )


def _past_opening(tokens: Sequence[Token], index: int) -> int:
    """Past what opens a list: `–`, `:`, and `, среди которых –` (`list_openers`)."""
    words = [t.text.lower() for t in tokens]
    for phrase in lexicon().list_openers:
        at = index + (index < len(words) and words[index] == ",")
        if tuple(words[at : at + len(phrase)]) == phrase:
            index = at + len(phrase)
            break
    return index + (index < len(words) and words[index] in OPENERS)


def _past_origin(view: View, index: int) -> int:
    """Past `из Москвы` after a name in a list: `А из Москвы, Б из Владивостока и В`."""
    tokens = view.tokens
    if (
        index + 1 < len(tokens)
        and tokens[index].text.lower() == "из"
        and index + 1 in view.named_end
    ):
        return view.named_end[index + 1] + 1
    return index


def past_aside(view: View, index: int) -> int:
    """Past `(1990—2000 годы)` after a name in a list."""
    tokens = view.tokens
    if index >= len(tokens) or tokens[index].text != "(":
        return index
    for close in range(index + 1, min(len(tokens), index + MAX_ASIDE)):
        if tokens[close].text == ")":
            return close + 1
    return index


def aside_opening(view: View, index: int) -> int:
    """The `(` of an aside in brackets that closes at `index` (`Томас Шефер (Thomas
    Schäfer)`), else `index` itself."""
    tokens = view.tokens
    if index < 0 or tokens[index].text != ")":
        return index
    for opening in range(index - 1, max(index - MAX_ASIDE, -1), -1):
        if tokens[opening].text == "(":
            return opening
    return index


def _list_before(view: View, index: int, posts: dict[int, Post]) -> list[Mention]:
    """`А и Б – заместители министра`, `А и Б назначены первыми заместителями`; an
    item may have a post of its own before the name (`бывший министр А и ректор Б
    назначены советниками`): `posts` by their last token."""
    tokens = view.tokens
    copulas = lexicon().copulas
    joined = index
    while joined >= 0 and index - joined < 2 and key(tokens[joined]) in copulas:
        joined -= 1
    if joined == index and (index < 0 or tokens[index].text not in OPENERS):
        return []
    if joined == index:
        joined -= 1
    people: list[Mention] = []
    while (person := view.per_end.get(joined)) is not None:
        people.insert(0, person)
        first = next(i for i, m in view.per_start.items() if m is person)
        if first - 1 in posts:
            first = posts[first - 1].first
        if first < 1 or tokens[first - 1].text not in JOINS:
            break
        joined = first - 2
    return people
