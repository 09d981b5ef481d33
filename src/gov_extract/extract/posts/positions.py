"""Posts that people hold: `губернатор Севастополя Дмитрий Овсянников`.

A post is a head noun from `models/posts.toml` with the acting phrase and the
modifiers before it (`врио`, `первый`, `генеральный`) and the chain after it:
genitives, named bodies and places, phrases opened by `по`, and a second post after
a dash (`… правительства Республики Крым – министр финансов`). A post belongs to
the person named right after it, or to the person right before it when a comma,
dash, bracket or a verb like `назначен` joins them. The chain stops at a comma,
so in a list of posts and people each post meets only its own neighbour.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import pairwise, takewhile

from razdel import tokenize

from gov_extract import lexicons
from gov_extract.extract.chain import MAX_CHAIN, NOMINAL, Governs, Mark, Step, Whole, walk
from gov_extract.extract.orgs import OPEN_QUOTES, closing_quote
from gov_extract.link.entities import person_name
from gov_extract.nlp.morph import (
    WORDS_CACHED,
    cases_of,
    fold,
    inflect,
    is_word,
    lemma,
    parses,
)
from gov_extract.nlp.norm import NAME_TAGS, Piece, normal_form
from gov_extract.records import Doc, Mention, Position, Token, tokens_within

MAX_GROUP = 6
# Longest chain of common words that may refer back to a body named before.
MAX_BACK_CHAIN = 3
NUMBER_SIGN = "№"


@dataclass(frozen=True, slots=True)
class PostLexicon:
    heads: frozenset[str]
    professions: frozenset[str]
    national: frozenset[str]
    # Adjective lemma → place (`британский` → `Великобритания`); a name's key → place.
    adjectives: dict[str, str]
    names: dict[str, str]
    countries: frozenset[str]
    modifiers: frozenset[str]
    acting: tuple[tuple[str, ...], ...]
    dependent: frozenset[str]
    territorial: frozenset[str]
    chain_prepositions: dict[str, str]
    named_prepositions: dict[str, str]
    territory_nouns: frozenset[str]
    # Nouns that refer back to a body or place named before: `шеф концерна`.
    bodies: frozenset[str]
    state_nouns: frozenset[str]
    state_heads: frozenset[str]
    offices: frozenset[str]
    candidacy: frozenset[str]
    relatives: frozenset[str]
    serving: frozenset[str]
    after_person: frozenset[str]
    compound: frozenset[str]
    copulas: frozenset[str]
    appointing: frozenset[str]
    # Head → the case of the first word of its chain, when not the genitive.
    governs: dict[str, str]
    abbreviated: frozenset[str]
    short_heads: dict[str, str]
    kinds: dict[str, frozenset[str]]


@cache
def lexicon() -> PostLexicon:
    data = lexicons.load("posts")
    links = data["links"]
    # Longest phrases first, so that `временно исполняющий обязанности` wins over its tail.
    acting = sorted({_phrase_keys(phrase) for phrase in data["acting"]}, key=len, reverse=True)
    return PostLexicon(
        heads=_words(data["heads"]) | _words(data["professions"]),
        professions=_words(data["professions"]),
        national=_words(data["national"]),
        adjectives={
            fold(adjective): place
            for places in (data["countries"], data["regions"])
            for place, entry in places.items()
            for adjective in entry.get("adjectives", ())
        },
        names={
            _name_key(name): place
            for places in (data["countries"], data["regions"])
            for place, entry in places.items()
            for name in (place, *entry.get("names", ()))
        },
        countries=frozenset(data["countries"]),
        modifiers=_words(data["modifiers"]),
        acting=tuple(acting),
        dependent=_words(data["dependent"]),
        territorial=_words(data["territorial"]),
        chain_prepositions=dict(data["chain_prepositions"]),
        named_prepositions=dict(data["named_prepositions"]),
        territory_nouns=_words(data["territory_nouns"]),
        bodies=_words(data["bodies"])
        | _words(data["territory_nouns"])
        | _words(lexicons.load("organizations")["heads"]),
        state_nouns=_words(data["state_nouns"]),
        state_heads=_words(data["state_heads"]),
        offices=_words(links["offices"]),
        candidacy=_words(links["candidacy"]),
        relatives=_words(links["relatives"]),
        serving=_words(links["serving"]) | _words(data["dependent"]),
        after_person=frozenset(links["after_person"]),
        compound=frozenset(links["compound"]),
        copulas=_words(links["copulas"]),
        appointing=_words(links["appointing"]),
        governs={fold(head): case for head, case in data["governs"].items()},
        abbreviated=_words(data["abbreviated"]),
        short_heads={fold(short): fold(full) for short, full in data["short_heads"].items()},
        kinds={fold(kind): _words(narrower) for kind, narrower in data["kinds"].items()},
    )


def _words(entries: Iterable[str]) -> frozenset[str]:
    return frozenset(fold(entry) for entry in entries)


def _name_key(name: str) -> str:
    return " ".join(fold(name.lower()).split())


@dataclass(slots=True)
class _Group:
    """Acting phrase, modifiers and head noun: the part of a post that changes case."""

    first: int
    acting_end: int  # index after the acting phrase; == first when there is none
    head: int


@dataclass(slots=True)
class _Post:
    groups: list[_Group]
    last: int
    person: Mention | None = None
    # How the person was found: "before" (`губернатор X`), "after" (`X, губернатор`).
    side: str = ""

    @property
    def first(self) -> int:
        return self.groups[0].first


@dataclass(slots=True)
class _View:
    """One sentence with its mentions laid over its tokens by token index."""

    doc: Doc
    index: int
    tokens: list[Token]
    per_start: dict[int, Mention] = field(default_factory=dict)
    per_end: dict[int, Mention] = field(default_factory=dict)
    in_per: set[int] = field(default_factory=set)
    # Token index → last token index of the ORG/LOC mentions (merged where they overlap)
    # that cover it.
    named_end: dict[int, int] = field(default_factory=dict)
    named: list[Mention] = field(default_factory=list)


# ---------------------------------------------------------------- public


def read_positions(doc: Doc) -> None:
    """The document's positions, and the people its bare posts refer to
    (`doc.post_holders`), from one pass over its posts."""
    positions: list[Position] = []
    unnamed: list[tuple[_View, _Post]] = []
    for view in _views(doc):
        for post in _posts(view):
            if post.person is not None:
                positions.append(_position(view, post, post.person))
            else:
                unnamed.append((view, post))
    positions += _posts_of_the_sole_person(doc, unnamed, positions)
    _home_territory(doc, positions)
    _home_country(doc, positions)
    doc.positions = positions
    doc.post_holders = _post_holders(unnamed, positions)


def _posts_of_the_sole_person(
    doc: Doc, unnamed: Sequence[tuple[_View, _Post]], stated: Sequence[Position]
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
        if _head_lemma(view.tokens[post.groups[0].head]) in lexicon().professions:
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
        if not any(person_name(p.person.normal).last in surnames for p in stated):
            found.append(_position(view, post, person))
    return found


def drop_post_mentions(doc: Doc) -> None:
    """`Замглавы` tagged ORG on its own, before `Федеральной миграционной службы`, or
    `подчеркнул Президент` tagged PER: a mention that is nothing but post words names a
    post, not a body, a place or a person. Unless the document names a person with that
    word in a full name: `Адвокат` after `Дик Адвокат` is his surname. A place does not
    start with a post either: `Раис Республики Татарстан` tagged LOC is `Республики
    Татарстан`."""
    lex = lexicon()
    words = lex.heads | lex.modifiers  # once, not per word of every mention

    def post_word(token: Token) -> bool:
        if not is_word(token.text):
            return True
        # `Раиса` is a woman's name before it is the genitive of `раис`.
        return _word_head_lemma(token.text) in words and not any(
            NAME_TAGS & p.tag.grammemes for p in parses(token.text)
        )

    found = [
        (m, tokens_within(doc.sentences[m.sent_idx].tokens, m.start, m.stop)) for m in doc.mentions
    ]
    lemmas = {id(m): {t.lemma for t in tokens if t.lemma} for m, tokens in found}
    people = [lemmas[id(m)] for m, _ in found if m.type == "PER"]
    in_full_names = set().union(*(name for name in people if len(name) > 1))
    doc.mentions = [
        _place_after_post(doc, m, tokens) if m.type == "LOC" else m
        for m, tokens in found
        if not all(post_word(t) for t in tokens)
        or (m.type == "PER" and lemmas[id(m)] & in_full_names)
    ]


def _place_after_post(doc: Doc, place: Mention, tokens: Sequence[Token]) -> Mention:
    heads = lexicon().heads
    posts = len(list(takewhile(lambda t: _word_head_lemma(t.text) in heads, tokens)))
    if posts == 0:
        return place
    start = tokens[posts].start
    return Mention(start, place.stop, "LOC", doc.text[start : place.stop], place.sent_idx)


def _post_holders(
    unnamed: Sequence[tuple[_View, _Post]], positions: Sequence[Position]
) -> dict[int, Mention]:
    """Offset of a post named without a person (`губернатор отметил`) → the person.

    A bare post resolves when, earlier in the document, posts with that head that name
    no other body, place or word than it does (`главы района` is not the `глава
    сельского поселения`) were given to exactly one person. It is not a row of its
    own: it states again what the earlier statement did.
    """
    full = lexicon().short_heads
    resolved: dict[int, Mention] = {}
    for view, post in unnamed:
        head = view.tokens[post.groups[0].head]
        lemma = full.get(_head_lemma(head), _head_lemma(head))
        earlier = [
            p
            for p in positions
            if full.get(p.head, p.head) == lemma
            and p.stop <= head.start
            and not _names_other(view, post, p)
        ]
        if len({_person_key(p.person) for p in earlier}) == 1:
            resolved[head.start] = earlier[-1].person
    return resolved


def home_territory(doc: Doc) -> Mention | None:
    """The territory a release is about: the first place named in its first sentence.

    A release names its publisher first (`Правительство Севастополя развивает …`),
    in the headline or, without one, in the lead; that is the territory of a
    governor or mayor it mentions without saying where.
    """
    if not doc.sentences:
        return None
    return next((m for m in doc.mentions if m.sent_idx == 0 and m.type == "LOC"), None)


# ---------------------------------------------------------------- sentences


def _views(doc: Doc) -> Iterable[_View]:
    by_sentence: dict[int, list[Mention]] = {}
    for mention in doc.mentions:
        by_sentence.setdefault(mention.sent_idx, []).append(mention)
    for index, sent in enumerate(doc.sentences):
        view = _View(doc, index, sent.tokens)
        for mention in by_sentence.get(index, ()):
            span = _token_span(sent.tokens, mention)
            if span is None:
                continue
            first, last = span
            if mention.type == "PER":
                view.per_start[first] = mention
                view.per_end[last] = mention
                view.in_per.update(range(first, last + 1))
            else:
                view.named.append(mention)
                _cover(view.named_end, first, last)
        yield view


def _token_span(tokens: Sequence[Token], mention: Mention) -> tuple[int, int] | None:
    inside = tokens_within(tokens, mention.start, mention.stop)
    return (tokens.index(inside[0]), tokens.index(inside[-1])) if inside else None


def _cover(named_end: dict[int, int], first: int, last: int) -> None:
    """Merge overlapping mentions: `правительства Республики` + `Республики Крым` is one block."""
    covered = [i for i in range(first, last + 1) if i in named_end]
    stop = max([last, *(named_end[i] for i in covered)])
    start = min([first, *(i for i in named_end if named_end[i] >= first and i <= last)])
    for i in range(start, stop + 1):
        named_end[i] = stop


# ---------------------------------------------------------------- finding posts


def _posts(view: _View) -> list[_Post]:
    posts: list[_Post] = []
    index, floor = 0, 0
    while index < len(view.tokens):
        if _is_head(view, index):
            group = _group(view, index, floor)
            post = _chain(view, group)
            posts.append(post)
            index = floor = post.last + 1
        else:
            index += 1
    _attach(view, posts)
    return posts


def _is_head(view: _View, index: int) -> bool:
    token = view.tokens[index]
    lemma = _head_lemma(token)
    if lemma not in lexicon().heads or index in view.in_per:
        return False
    # The NER model sometimes takes the post into the body's name (`Замглавы
    # Федеральной миграционной службы`); a post inside a name is not one.
    if index in view.named_end and index - 1 in view.named_end:
        return False
    # `управляющий директор`: a head word that modifies the head after it.
    following = index + 1
    if lemma in lexicon().modifiers and following < len(view.tokens) and _is_head(view, following):
        return False
    # `министры`, `главы регионов` name groups of people, not one person's post.
    # (A participle's readings name the verb: `управляющий` is `управлять`.)
    readings = [p for p in parses(token.text) if fold(p.normal_form) == lemma]
    return any(p.tag.number != "plur" for p in readings or parses(token.text))


def _head_lemma(token: Token) -> str:
    return _word_head_lemma(token.text)


@lru_cache(maxsize=WORDS_CACHED)
def _word_head_lemma(word: str) -> str:
    """The lemma, but a participle's own nominative: pymorphy3 gives `заведовать` for
    `заведующий` and `управлять` for `управляющего`, and the post is the participle.
    Asked of every token of every sentence, hence the cache."""
    participle = _participle(word)
    if participle is not None:
        return participle
    if not is_word(word):
        return word.lower()
    heads = lexicon().heads
    readings = parses(word)
    whole = fold(lemma(word))
    if whole not in heads and readings and readings[0].tag.POS == "NOUN":
        # A likelier noun may hide the post: `политика` (politics, or a politician's),
        # `премьера` (a first night, or a premier's).
        whole = next(
            (fold(p.normal_form) for p in readings if fold(p.normal_form) in heads), whole
        )
    if whole not in heads and "-" in word:
        # A compound ending in a head is that post: `экс-премьер`, `женщина-спикер`.
        part = _word_head_lemma(word.rsplit("-", 1)[1])
        if part in heads:
            return part
    return whole


@cache
def _participle(word: str) -> str | None:
    best = parses(word)[0] if parses(word) else None
    if best is None or best.tag.POS != "PRTF":
        return None
    form = inflect(best, frozenset({"masc", "sing", "nomn"}))
    return fold(form) if form else None


def _group(view: _View, head: int, floor: int) -> _Group:
    """Extend a head to the left over its modifiers and acting phrase."""
    lex = lexicon()
    tokens = view.tokens
    first = head
    while first > floor:
        if _head_lemma(tokens[first - 1]) in lex.modifiers and first - 1 not in view.named_end:
            first -= 1
        elif (
            # `чрезвычайный и полномочный посол`
            first - 2 >= floor
            and first < head
            and tokens[first - 1].text.lower() == "и"
            and _key(tokens[first - 2]) in lex.modifiers
        ):
            first -= 2
        else:
            break
    acting = _acting_before(tokens, first, floor)
    return _Group(acting if acting is not None else first, first, head)


def _acting_before(tokens: Sequence[Token], end: int, floor: int) -> int | None:
    for phrase in lexicon().acting:
        start = end - len(phrase)
        if start >= floor and tuple(_key(t) for t in tokens[start:end]) == phrase:
            return start
    return None


def _group_after(view: _View, index: int) -> _Group | None:
    """A head group starting at `index`: the second post of `… – министр финансов`."""
    for head in range(index, min(len(view.tokens), index + MAX_GROUP)):
        if _is_head(view, head):
            group = _group(view, head, index)
            return group if group.first == index else None
    return None


def _chain(view: _View, group: _Group) -> _Post:
    """The post's chain after its head: `губернатора Калужской области`, `министр по делам …`."""
    lex = lexicon()
    tokens = view.tokens
    post = _Post([group], group.head)
    head = _head_lemma(tokens[group.head])
    dot = group.head + 1
    if head in lex.abbreviated and dot < len(tokens) and tokens[dot].text == ".":
        post.last = dot  # `зав. кафедрой`

    def step(index: int, admitted: frozenset[str]) -> Step:
        token = tokens[index]
        lower = token.text.lower()
        if index in view.in_per:
            served = view.per_start.get(index)
            if served is None or not _serves(view, group, served):
                return Mark.END
            # `пресс-секретарь Ивана Петрова Олег Смирнов`: the name is the post's.
            return Whole(next(i for i, m in view.per_end.items() if m is served))
        if index in view.named_end and index != group.head:
            # Named bodies and places join in any case: `округа Текстильщики`.
            return Whole(view.named_end[index])
        if _key(token) in lex.territory_nouns and index + 1 in view.named_end:
            # So does the word for the place before its name: `округа город Арзамас`.
            return Whole(view.named_end[index + 1])
        if (close := _enclosed(view, index)) is not None:
            # `движения «Левый фронт»`, `фронта за демократию (ОФДД)`
            return Whole(close)
        if lower == NUMBER_SIGN and index + 1 < len(tokens) and tokens[index + 1].text.isdigit():
            # `заведующая детским садом № 5`
            return Whole(index + 1)
        if lower in lex.chain_prepositions and _wordlike(tokens, index + 1):
            return Governs(lex.chain_prepositions[lower])
        if lower in lex.named_prepositions and (
            _names_place(view, index + 1) or _where_before_name(view, group, index + 1)
        ):
            return Governs(lex.named_prepositions[lower])
        if lower in lex.compound and (second := _group_after(view, index + 1)):
            post.groups.append(second)
            return Whole(second.head)
        if (lower == "и" and _continues(view, index, admitted)) or (
            lower == "," and _enumerates(view, index, admitted)
        ):
            return Mark.AND
        return None

    # One token further than a body's name, as posts have always read.
    case = lex.governs.get(head, "gent")
    post.last = walk(tokens, group.head, post.last, case, step, _is_noun, limit=MAX_CHAIN + 1).last
    return post


def _serves(view: _View, group: _Group, person: Mention) -> bool:
    """`помощник Ивана Петрова`, `советник губернатора Ивана Петрова`, `адвокат Ивана
    Петрова`: after a post that serves someone, a name in the genitive that cannot be
    in the post's case names whom it serves, not who holds it."""
    if _key(view.tokens[group.head]) not in lexicon().serving:
        return False
    name_cases = _name_cases(view, person)
    return "gent" in name_cases and not name_cases & _group_cases(view, group)


def _names_place(view: _View, index: int) -> bool:
    """After `в`, `на`, `при`: a named body or place, or a word for one (`в округе`)."""
    return index in view.named_end or (
        index < len(view.tokens) and _key(view.tokens[index]) in lexicon().territory_nouns
    )


def _where_before_name(view: _View, group: _Group, index: int) -> bool:
    """`глава делегации на переговорах Саеб Эрекат`: after `в`, `на`, `при`, one common
    noun and then the name in the post's case; the phrase says where the post is
    exercised. A name in another case is the noun's: `заместителем генпрокурора в
    администрации Джорджа Буша`."""
    tokens = view.tokens
    person = view.per_start.get(index + 1)
    if person is None or not tokens[index].text.islower():
        return False
    post_cases, name_cases = _group_cases(view, group), _name_cases(view, person)
    agree = not post_cases or not name_cases or bool(post_cases & name_cases)
    return agree and _is_noun(tokens[index].text, frozenset({"loct"}))


def _enclosed(view: _View, index: int) -> int | None:
    """The closing token of a quoted name or a bracketed abbreviation opening at `index`."""
    tokens = view.tokens
    text = tokens[index].text
    if text[:1] in OPEN_QUOTES:
        # Not past a person's name: `«…» Иван Петров` ends before it.
        names = [i for i in view.in_per if i > index]
        return closing_quote(tokens, index, min(names, default=len(tokens)))
    if text == "(" and index + 2 < len(tokens) and tokens[index + 2].text == ")":
        inner = tokens[index + 1].text
        if len(inner) > 1 and inner.isupper():
            return index + 2
    return None


def _continues(view: _View, index: int, admitted: frozenset[str]) -> bool:
    """`министр промышленности и торговли` goes on; `губернатора Москвы и мэра …` does not."""
    tokens = view.tokens
    following = index + 1
    return (
        following < len(tokens)
        and not tokens[index - 1].text[:1].isupper()
        and following not in view.in_per
        and following not in view.named_end
        and _head_lemma(tokens[following]) not in lexicon().heads
        and bool(cases_of(tokens[following].text, NOMINAL) & admitted)
    )


def _enumerates(view: _View, index: int, admitted: frozenset[str]) -> bool:
    """`комитета по бюджету, финансам и налогам`: a comma inside a list of words in
    one case that `и` closes goes on, as the `и` does."""
    tokens = view.tokens
    if not _continues(view, index, admitted):
        return False
    for following in range(index + 1, len(tokens)):
        text = tokens[following].text
        if text == "и":
            return _continues(view, following, admitted)
        if text != "," and not cases_of(text, NOMINAL) & admitted:
            return False
    return False


# ---------------------------------------------------------------- people


def _attach(view: _View, found: list[_Post]) -> None:
    relatives = _relatives_posts(view, found)
    posts = [post for post in found if id(post) not in relatives]
    for post in posts:
        person = view.per_start.get(_after_copulas(view, post))
        if person is not None:
            post.person, post.side = person, "before"
    prefixed = {id(post.person) for post in posts if post.side == "before"}
    for number, post in enumerate(posts):
        if post.person is None:
            _attach_back(view, post, posts[number - 1] if number else None, prefixed)
    for post, following in reversed(list(pairwise(posts))):
        if (
            post.person is None
            and following.side == "before"
            and _same_person(view, post, following)
        ):
            post.person, post.side = following.person, "before"
    for post in posts:
        if post.person is None:
            _attach_office(view, post)


def _relatives_posts(view: _View, posts: Sequence[_Post]) -> set[int]:
    """`дочь действующего президента Иванка Трамп`, `дочь писателя, актёра и режиссёра
    Мария Шукшина`: posts in the genitive after a word for a relative, and those listed
    with them in the same case, are the relative's, whom the sentence does not name.
    A name in the genitive after them is the relative: `дочь предпринимателя Яна
    Абрамова`, `сына президента страны Александра Лукашенко`."""
    found: set[int] = set()
    for previous, post in zip([None, *posts], posts, strict=False):
        listed = previous is not None and id(previous) in found and _listed(view, previous, post)
        if (listed or _after_relative(view, post)) and not _names_the_relative(view, post):
            found.add(id(post))
    return found


def _after_relative(view: _View, post: _Post) -> bool:
    if "gent" not in _group_cases(view, post.groups[0]):
        return False
    index = post.first - 1
    while index >= 0 and parses(view.tokens[index].text)[0].tag.POS in {"ADJF", "PRTF"}:
        index -= 1  # `дочь знаменитого писателя`
    return index >= 0 and _key(view.tokens[index]) in lexicon().relatives


def _listed(view: _View, previous: _Post, post: _Post) -> bool:
    """`писателя, актёра и режиссёра`; not `сын главы государства, помощник президента`."""
    between = [t.text.lower() for t in view.tokens[previous.last + 1 : post.first]]
    return between in ([","], ["и"]) and _agree(view, previous.groups[0], post.groups[0])


def _names_the_relative(view: _View, post: _Post) -> bool:
    """A name right after the post that may be in the genitive, by its first name (the
    surname of `Ливия Клаусова` may be genitive, `Ливия` may not). Foreign words that
    pymorphy3 cannot decline (`Ким Чен Ына`) may be anything."""
    person = view.per_start.get(post.last + 1)
    if person is None:
        return False
    named = [word for word in _name_words(view, person) if is_word(word) and len(word) > 1]
    readings = [cases_of(word, NOMINAL) for word in named]
    return not all(readings) or "gent" in readings[0]


def _after_copulas(view: _View, post: _Post) -> int:
    """Where the name of a post written before it may start: right after the post, or
    after a verb of holding it when the post is in the instrumental (`капитаном стал
    Михаель Баллак`, `губернатором назначен Иван Петров`)."""
    index = post.last + 1
    head = view.tokens[post.groups[0].head].text
    if "ablt" not in cases_of(head, NOMINAL):
        return index
    copulas = lexicon().copulas
    while (
        index < len(view.tokens) and index - post.last <= 2 and _key(view.tokens[index]) in copulas
    ):
        index += 1
    return index


def _attach_office(view: _View, post: _Post) -> None:
    """`Путин согласился занять пост премьер-министра`, `Место спикера … занял Джон Бенер`:
    a post named as an office belongs to the person of the sentence, the nearest one
    before it, else the first after it; not to one who appoints somebody else to it,
    named by a pronoun right before the office (`назначил его на должность`)."""
    lex = lexicon()
    office = post.first - 1
    if office < 0 or _key(view.tokens[office]) not in lex.offices:
        return
    if any(_key(t) in lex.candidacy for t in view.tokens[max(office - 2, 0) : office]):
        return  # `кандидатом на пост главы Франции`: running for it, not holding it
    before = [i for i in range(post.first - 1) if i in view.per_end]
    after = [
        view.per_start[i] for i in range(post.last + 1, len(view.tokens)) if i in view.per_start
    ]
    if before and _object_pronoun(view.tokens[max(before[-1] + 1, office - 2) : office]):
        return  # `Папа назначил его на должность архиепископа`: not the Pope's post
    person = view.per_end[before[-1]] if before else next(iter(after), None)
    if person is not None:
        post.person, post.side = person, "office"


def _object_pronoun(tokens: Sequence[Token]) -> bool:
    return any(
        p.tag.POS == "NPRO" and p.tag.case == "accs" for t in tokens for p in parses(t.text)[:1]
    )


def _same_person(view: _View, post: _Post, following: _Post) -> bool:
    """Two posts written one after the other before one name.

    `глава Республики Крым и председатель Совета министров Сергей Аксёнов`,
    `представитель вооружённых сил полковник Сансерн`, and with a comma when the
    first post opens the phrase: `оказался депутат собрания района Отрадное,
    сопредседатель движения «Солидарность» Михаил Вельмакин`. After a name and a
    comma the post opens the next item of a list (`… Евгением Стружаком, генеральным
    директором Союза российских городов, главой округа … Александрой Игнатьевой`),
    whose person was not named. Posts in different cases are in different parts of
    the sentence: `в беседе с корреспондентом «Вести» лидер движения Иван Петров`.
    The second post may have a place adjective of its own: `наблюдатель от ОБСЕ
    португальский парламентарий Хуан Суареш`.
    """
    tokens = view.tokens
    place_adjectives = lexicon().adjectives
    between = [
        t.text.lower()
        for t in tokens[post.last + 1 : following.first]
        if _key(t) not in place_adjectives
    ]
    if between in ([], ["и"]):
        return _agree(view, post.groups[0], following.groups[0])
    if between != [","]:
        return False
    opens_item = post.first > 0 and tokens[post.first - 1].text == ","
    return not opens_item and bool(
        _head_cases(tokens[post.groups[0].head]) & _head_cases(tokens[following.groups[0].head])
    )


def _agree(view: _View, first: _Group, second: _Group) -> bool:
    """Two head groups may share a case; a word whose case is unknown (`врио`, a
    foreign word) agrees with any."""
    cases = [_group_cases(view, group) for group in (first, second)]
    return not all(cases) or bool(cases[0] & cases[1])


def _group_cases(view: _View, group: _Group) -> frozenset[str]:
    """The case of a head group is its head's, or its acting participle's:
    `исполняющего обязанности губернатора` is in the genitive through `исполняющего`."""
    word = view.tokens[group.first if group.acting_end > group.first else group.head].text
    return cases_of(word, NOMINAL)


def _head_cases(token: Token) -> frozenset[str]:
    return frozenset(p.tag.case for p in parses(token.text) if p.tag.POS == "NOUN" and p.tag.case)


def _attach_back(view: _View, post: _Post, previous: _Post | None, prefixed: set[int]) -> None:
    """`Дмитрий Овсянников, губернатор Севастополя`; `Иванов назначен министром`.

    A person who already has a post before their name is in a list of posts and
    names; the post after them then starts the next item and is not theirs.
    """
    lex = lexicon()
    tokens = view.tokens
    before = post.first - 1
    if before < 1:
        return
    if (
        # `Гергей Ковач - политик и лидер партии`: a second post of the same person.
        tokens[before].text.lower() == "и"
        and previous is not None
        and previous.last == before - 1
        and previous.side == "after"
    ):
        post.person, post.side = previous.person, "after"
        return
    if tokens[before].text in lex.after_person:
        person = view.per_end.get(before - 1) or _before_apposition(view, post, before)
        if person is not None and id(person) not in prefixed:
            post.person, post.side = person, "after"
        elif previous is not None and previous.last == before - 1 and previous.side == "after":
            post.person, post.side = previous.person, "after"
        return
    verbs = before
    while verbs >= 0 and before - verbs < 2 and _key(tokens[verbs]) in lex.copulas:
        verbs -= 1
    if any(_appoints(token) for token in tokens[verbs + 1 : before + 1]):
        return
    person = view.per_end.get(verbs)
    if person is not None and (
        verbs < before or _signs(view, post, prefixed) or _named_as(view, post, person)
    ):
        post.person, post.side = person, "after"


def _appoints(token: Token) -> bool:
    """`назначил`, `избрал`: the subject of a verb of appointing in the active singular
    appoints; `назначен`, `избрали` (nobody named) leave the name before as the holder."""
    best = parses(token.text)[0]
    return (
        best.tag.POS == "VERB"
        and best.tag.number == "sing"
        and fold(best.normal_form) in lexicon().appointing
    )


def _name_cases(view: _View, person: Mention) -> frozenset[str]:
    """The cases all declined words of a name share; initials and dots have none."""
    declined = [
        found for found in (cases_of(w, NOMINAL) for w in _name_words(view, person)) if found
    ]
    return frozenset.intersection(*declined) if declined else frozenset()


def _name_words(view: _View, person: Mention) -> list[str]:
    return [t.text for t in tokens_within(view.tokens, person.start, person.stop)]


def _named_as(view: _View, post: _Post, person: Mention) -> bool:
    """`назначил Ивана Петрова министром финансов`, `назначение Джона Смита послом`: a
    post in the instrumental right after a name in the accusative (or the genitive,
    after a noun of appointing) says what that person was made or called. Not after
    an indeclinable name, which may be anything: `в случае избрания Гачечиладзе
    премьер-министром страны станет …`."""
    post_cases = _group_cases(view, post.groups[0])
    name_cases = _name_cases(view, person)
    return (
        "ablt" in post_cases
        and "nomn" not in post_cases
        and bool(name_cases & {"accs", "gent"})
        and "ablt" not in name_cases
    )


def _before_apposition(view: _View, post: _Post, comma: int) -> Mention | None:
    """`Александра Брода, известного борца с ксенофобией, члена Общественной палаты`:
    the person before a description set off by commas, when the description agrees in
    case with the post and holds no verb, name or post of its own."""
    tokens = view.tokens
    opening = next((i for i in range(comma - 1, 0, -1) if tokens[i].text == ","), None)
    if opening is None or opening == comma - 1:
        return None
    person = view.per_end.get(opening - 1)
    words = tokens[opening + 1 : comma]
    if person is None or any(
        i in view.in_per or i in view.named_end for i in range(opening + 1, comma)
    ):
        return None
    if any(parses(t.text)[0].tag.POS in {"VERB", "INFN", "PRTS", "GRND"} for t in words):
        return None
    if any(_word_head_lemma(t.text) in lexicon().heads for t in words):
        return None  # a post of its own: the list rules above decide
    shared = _head_cases(tokens[post.groups[0].head]) & cases_of(words[0].text, NOMINAL)
    return person if shared else None


def _signs(view: _View, post: _Post, prefixed: set[int]) -> bool:
    """A name and then the post, ending the line: the signature under a letter or a
    quote, `Кирсан Илюмжинов Президент ФИДЕ`."""
    person = view.per_end.get(post.first - 1)
    rest = view.tokens[post.last + 1 :]
    return (
        person is not None
        and id(person) not in prefixed
        and person.start == view.tokens[0].start
        and not any(is_word(t.text) for t in rest)
    )


# ---------------------------------------------------------------- output


def _position(view: _View, post: _Post, person: Mention) -> Position:
    tokens = view.tokens
    start, stop = tokens[post.first].start, tokens[post.last].stop
    inside = [
        m for m in view.doc.mentions if start <= m.start and m.stop <= stop and m.type != "PER"
    ]
    loc = next((m for m in inside if m.type == "LOC"), None)
    org = next((m for m in inside if m.type == "ORG"), None)
    if loc is None and org is None:
        loc = _adjective_place(view, post)
    if loc is None and org is None:
        named = _named_before(view, post)
        if named is not None and named.type == "LOC":
            loc = named
        elif named is not None:
            org = named
    return Position(
        person=person,
        position=_normal(view, post),
        title=_title(view, post.groups[0]),
        position_text=view.doc.text[start:stop],
        post_start=start,
        post_stop=stop,
        org=org,
        loc=loc,
        sent_idx=view.index,
        start=min(start, person.start),
        stop=max(stop, person.stop),
        head=_head_lemma(tokens[post.groups[0].head]),
    )


def _named_before(view: _View, post: _Post) -> Mention | None:
    """`шеф концерна` after `концерн «Фольксваген»`, `главу партии` after `партии
    «Яблоко»`: a chain of common words ending in a noun for a body refers back to the
    body last named with that noun at its head."""
    tokens = view.tokens
    chain = tokens[post.groups[0].head + 1 : post.last + 1]
    if len(post.groups) > 1 or not _names_a_body(chain):
        return None
    start = tokens[post.first].start
    earlier = [m for m in view.doc.mentions if m.type != "PER" and m.stop <= start]
    return next((m for m in reversed(earlier) if _refers_to(view.doc, m, chain)), None)


def _refers_to(doc: Doc, mention: Mention, chain: Sequence[Token]) -> bool:
    """The chain's noun, or a narrower one (`kinds`: `предприятия` → `завод`), heads the
    name (`театра` → `Малом драматическом театре`), or is the word before a name in
    quotes (`центра «Кин-Топ»`); its adjectives are words of the name: `апелляционного
    суда` is not the `Верховный суд`."""
    words = [t.text for t in tokenize(mention.text) if is_word(t.text)]
    head = next((w for w in words if parses(w)[0].tag.POS == "NOUN"), None)
    heads = {fold(lemma(head))} if head else set()
    before = [t.text for t in doc.sentences[mention.sent_idx].tokens if t.stop <= mention.start]
    if len(before) > 1 and before[-1] in OPEN_QUOTES:
        heads.add(fold(lemma(before[-2])))
    named = {fold(lemma(word)) for word in words}
    # The adjectives of the chain's last noun: `экономического` in `министр
    # экономического развития региона` is the ministry's, not the region's.
    adjectives = list(
        takewhile(lambda t: parses(t.text)[0].tag.POS in {"ADJF", "PRTF"}, reversed(chain[:-1]))
    )
    noun = _key(chain[-1])
    narrower = lexicon().kinds.get(noun, frozenset())
    return bool(heads & ({noun} | narrower)) and all(_key(t) in named for t in adjectives)


def _normal(view: _View, post: _Post) -> str:
    """Head groups in nominative and lowercase; the chain as written but for capitals.

    A word of the chain keeps its capital only when it is a proper name: inside an
    ORG/LOC mention, or capitalised and not a word of the post lexicon (those are
    common nouns written with a capital of respect: `полпред Президента`).
    """
    text, tokens = view.doc.text, view.tokens
    out: list[str] = []
    position = tokens[post.first].start
    groups = {group.first: group for group in post.groups}
    index = post.first
    while index <= post.last:
        token = tokens[index]
        out.append(text[position : token.start])
        group = groups.get(index)
        if group is not None:
            out.append(_group_normal(view, group))
            index = group.head
        else:
            out.append(_chain_word(view, index))
        position = tokens[index].stop
        index += 1
    return "".join(out)


def _chain_word(view: _View, index: int) -> str:
    token = view.tokens[index]
    lex = lexicon()
    if index in view.named_end:
        return token.text
    common = _head_lemma(token) in lex.heads or _key(token) in lex.modifiers
    if common or index == 0 or not token.text[:1].isupper():
        return token.text.lower()
    return token.text


def _group_normal(view: _View, group: _Group) -> str:
    text, tokens = view.doc.text, view.tokens
    if group.acting_end > group.first:
        # The head of `исполняющего обязанности губернатора` is the participle; the
        # post after it stays in the genitive.
        acting = [_participle_nominative(t.text) for t in tokens[group.first : group.acting_end]]
        rest = text[tokens[group.acting_end - 1].stop : tokens[group.head].stop]
        return _join(tokens[group.first : group.acting_end], acting, text) + rest.lower()
    head = tokens[group.head].text
    if group.first == group.head and _participle(head) is not None:
        return _participle_nominative(head)
    hidden = "-" not in head and _word_head_lemma(head) != fold(lemma(head))
    if group.first == group.head and hidden:
        return _word_head_lemma(head)  # a post read from a less likely reading: `политика`
    start = tokens[group.first].start
    phrase = text[start : tokens[group.head].stop]
    pieces = [
        Piece(t.start - start, t.stop - start, t.text) for t in tokens[group.first : group.head + 1]
    ]
    return normal_form(phrase, pieces, "ORG").lower()


def _participle_nominative(word: str) -> str:
    for parse in parses(word):
        if parse.tag.POS == "PRTF" and parse.tag.case != "nomn":
            return (inflect(parse, frozenset({"nomn"})) or word).lower()
    return word.lower()


def _join(tokens: Sequence[Token], words: Sequence[str], text: str) -> str:
    out = [words[0]]
    for previous, token, word in zip(tokens, tokens[1:], words[1:], strict=False):
        out.append(text[previous.stop : token.start] + word)
    return "".join(out)


def _title(view: _View, group: _Group) -> str:
    """The post alone: `заместитель председателя` of `заместитель председателя правительства …`."""
    title = _group_normal(view, group)
    tokens = view.tokens
    following = group.head + 1
    dependent = _key(tokens[group.head]) in lexicon().dependent
    if dependent and following < len(tokens) and _is_head(view, following):
        title += " " + tokens[following].text.lower()
    return title


def _home_territory(doc: Doc, positions: Sequence[Position]) -> None:
    """A territorial post without its territory takes the release's (`home_territory`).

    Not when the document gives the same title for that territory to someone else:
    then the post without a territory is about another place. Not a country either: a
    release about Russia says nothing of which region a `губернатор` governs.
    """
    home = home_territory(doc)
    if home is None or _place(home) in lexicon().countries:
        return
    for position in positions:
        if position.loc is not None or position.head not in lexicon().territorial:
            continue
        if implied_place(doc, position) is not None:
            continue  # `подмосковный губернатор` is not the governor of the release's city
        taken = any(
            other.head == position.head
            and other.loc is not None
            and other.loc.normal == home.normal
            and _person_key(other.person) != _person_key(position.person)
            for other in positions
        )
        if not taken:
            position.loc = home


def _adjective_place(view: _View, post: _Post) -> Mention | None:
    """`британский премьер`, `глава российского государства`: the place the adjective
    implies, as the document names it nearest to the post."""
    tokens = view.tokens
    found = _place_adjective(tokens, post.first, post.last, tokens[post.groups[0].head])
    if found is None:
        return None
    place = lexicon().adjectives[_key(found)]
    named = [m for m in view.doc.mentions if m.type == "LOC" and _place(m) == place]
    return min(named, key=lambda m: abs(m.start - tokens[post.first].start), default=None)


def implied_place(doc: Doc, position: Position) -> tuple[int, int] | None:
    """Offsets of the adjective that says where a post is held (`британский премьер`,
    `подмосковного губернатора`), when the post has one: the place of a post the
    document states without naming that place."""
    tokens = doc.sentences[position.sent_idx].tokens
    inside = [
        i for i, t in enumerate(tokens) if position.post_start <= t.start < position.post_stop
    ]
    if not inside:
        return None
    head = next((tokens[i] for i in inside if _head_lemma(tokens[i]) == position.head), None)
    found = _place_adjective(tokens, inside[0], inside[-1], head)
    return (found.start, found.stop) if found else None


def unnamed_body(doc: Doc, position: Position) -> tuple[int, int] | None:
    """Offsets of a body the post names by common words only (`членом бюджетного
    комитета`, `вратарём сборной команды`), when no name says which one."""
    tokens = doc.sentences[position.sent_idx].tokens
    inside = [t for t in tokens if position.post_start <= t.start < position.post_stop]
    heads = [i for i, t in enumerate(inside) if _head_lemma(t) == position.head]
    chain = inside[heads[0] + 1 :] if heads else []
    return (chain[0].start, chain[-1].stop) if _names_a_body(chain) else None


def _names_a_body(chain: Sequence[Token]) -> bool:
    """A post's chain of a few common words ending in a noun for a body: `концерна`,
    `бюджетного комитета`, `сборной команды`."""
    return (
        0 < len(chain) <= MAX_BACK_CHAIN
        and all(is_word(t.text) and t.text.islower() for t in chain)
        and _key(chain[-1]) in lexicon().bodies
    )


def _place_adjective(
    tokens: Sequence[Token], first: int, last: int, head: Token | None
) -> Token | None:
    """A place adjective in a post or right before it; none for a profession: `немецкий
    режиссёр` says where he is from, not where he works."""
    lex = lexicon()
    if head is None or _head_lemma(head) in lex.professions:
        return None
    words = tokens[max(first - 1, 0) : last + 1]
    return next((t for t in words if _key(t) in lex.adjectives), None)


def _home_country(doc: Doc, positions: Sequence[Position]) -> None:
    """A national post without its country (`президент Виктор Янукович`) takes the
    country the document gives that person's post elsewhere (`президент Украины Виктор
    Янукович`), else the country named nearest in its sentence, else the last one
    named before it, else the first one named after it."""
    stated = _stated_countries(positions)
    for position in positions:
        if position.loc or position.org or not _national(position):
            continue
        if implied_place(doc, position) is not None:
            continue  # `британский премьер`: his country, named or not
        own = stated.get((_person_key(position.person), position.head))
        position.loc = own or _nearest_country(doc, position, positions)


def _national(position: Position) -> bool:
    """`президент`, a post of the state itself (`глава государства`, `лидер страны`), or
    a post under a national one."""
    lex = lexicon()
    chain = [fold(lemma(word)) for word in position.position.removeprefix(position.title).split()]
    return (
        position.head in lex.national
        or (bool(chain) and all(word in lex.state_nouns for word in chain))
        or _under_national(position)
    )


def _under_national(position: Position) -> bool:
    """The words after the head are posts, one of them national: `пресс-секретарь
    премьер-министра`, `помощник заместителя госсекретаря`."""
    lex = lexicon()
    words = [_word_head_lemma(word) for word in position.position.split()]
    after = words[words.index(position.head) + 1 :] if position.head in words else []
    return all(word in lex.heads for word in after) and any(w in lex.national for w in after)


def heads_the_state(doc: Doc, position: Position) -> bool:
    """`глава государства`, `лидер страны`, `глава российского государства`, `британский
    лидер`: a post qualified by nothing but the state or its adjective."""
    lex = lexicon()
    if position.head not in lex.state_heads:
        return False
    chain = [fold(lemma(word)) for word in position.position.removeprefix(position.title).split()]
    if not all(word in lex.state_nouns or word in lex.adjectives for word in chain):
        return False
    return (
        any(word in lex.state_nouns for word in chain) or implied_place(doc, position) is not None
    )


def _nearest_country(doc: Doc, position: Position, positions: Sequence[Position]) -> Mention | None:
    """Not a country in another person's post (`премьер-министр Турции … с президентом
    Виктором Януковичем`), nor one after a preposition in the post's sentence:
    `прибыл в Пакистан`, `переговоры с Кубой` say where he went and whom he met."""
    others = [
        (p.post_start, p.post_stop)
        for p in positions
        if _person_key(p.person) != _person_key(position.person)
    ]
    countries = [
        m
        for m in doc.mentions
        if m.type == "LOC"
        and _place(m) in lexicon().countries
        and not any(a <= m.start < b for a, b in others)
    ]
    same = [
        m for m in countries if m.sent_idx == position.sent_idx and not _after_preposition(doc, m)
    ]
    if same:
        return min(same, key=lambda m: abs(m.start - position.post_start))
    before = [m for m in countries if m.sent_idx < position.sent_idx]
    if before:
        return before[-1]
    # A release that opens with the post (`Сенатор Джон Керри прибыл в Пакистан`) names
    # the country later, if at all: the first one not after a preposition.
    after = [m for m in countries if m.sent_idx > position.sent_idx]
    return next((m for m in after if not _after_preposition(doc, m)), None)


def _stated_countries(positions: Sequence[Position]) -> dict[tuple[str, str], Mention]:
    """(person, post head) → the country the document names with that post."""
    countries = lexicon().countries
    stated: dict[tuple[str, str], Mention] = {}
    for p in positions:
        if p.loc is not None and _place(p.loc) in countries:
            stated.setdefault((_person_key(p.person), p.head), p.loc)
    return stated


def _after_preposition(doc: Doc, mention: Mention) -> bool:
    before = [t for t in doc.sentences[mention.sent_idx].tokens if t.stop <= mention.start]
    return bool(before) and parses(before[-1].text)[0].tag.POS == "PREP"


def _place(mention: Mention) -> str | None:
    return lexicon().names.get(_name_key(mention.normal))


def _names_other(view: _View, post: _Post, known: Position) -> bool:
    """The bare post names a body, place or word the known post has not: `глава региона`
    is not the `глава администрации района` named before."""
    tokens = view.tokens
    known_words = {fold(lemma(t.text)) for t in tokenize(known.position_text)}
    kinds = lexicon().kinds

    def other(word: str) -> bool:
        # A word for a kind (`гендиректор компании`) fits a post of a narrower one.
        return word not in known_words and not known_words & kinds.get(word, frozenset())

    chain = tokens[post.groups[0].head + 1 : post.last + 1]
    if any(other(_key(t)) for t in chain if is_word(t.text)):
        return True
    start, stop = tokens[post.first].start, tokens[post.last].stop
    named = [m.normal for m in view.named if start <= m.start and m.stop <= stop]
    own = {m.normal for m in (known.org, known.loc) if m is not None}
    return any(name not in own for name in named)


# ---------------------------------------------------------------- words


def _person_key(person: Mention) -> str:
    return person.entity_id or person.normal


def _key(token: Token) -> str:
    """The lemma as the lexicon spells it: pymorphy3 writes `актёр`, the lexicon `актер`."""
    return fold(token.lemma or token.text.lower())


def _phrase_keys(phrase: str) -> tuple[str, ...]:
    return tuple(fold(lemma(t.text)) if is_word(t.text) else t.text for t in tokenize(phrase))


def _wordlike(tokens: Sequence[Token], index: int) -> bool:
    return index < len(tokens) and is_word(tokens[index].text)


def _is_noun(word: str, cases: frozenset[str]) -> bool:
    """By the best parse in the cases the chain admits: `детским` (садом) is an
    adjective, though `детская` is a noun too."""
    fitting = [p for p in parses(word) if p.tag.case in cases]
    return bool(fitting) and fitting[0].tag.POS == "NOUN"
