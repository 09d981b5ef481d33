"""Where a post is held: the body or place its words name or imply (`британский
премьер`, `шеф концерна` after the concern's name), the release's territory for a
territorial post, and the country of a national one."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import takewhile

from razdel import tokenize

from gov_extract.extract.orgs import OPEN_QUOTES
from gov_extract.extract.posts.grammar import Post
from gov_extract.extract.posts.lexicon import head_lemma, key, lexicon, name_key, word_head_lemma
from gov_extract.extract.posts.view import View
from gov_extract.nlp.morph import fold, is_word, lemma, parses
from gov_extract.records import Doc, Mention, Position, Token

# Longest chain of common words that may refer back to a body named before.
MAX_BACK_CHAIN = 3


def home_territory(doc: Doc) -> Mention | None:
    """The territory a release is about: the first place named in its first sentence.

    A release names its publisher first (`Правительство Севастополя развивает …`),
    in the headline or, without one, in the lead; that is the territory of a
    governor or mayor it mentions without saying where. Read from the mentions alone,
    so that it holds for a stored release too, whose sentences are not kept.
    """
    return next((m for m in doc.mentions if m.sent_idx == 0 and m.type == "LOC"), None)


def named_before(view: View, post: Post) -> Mention | None:
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
    noun = key(chain[-1])
    narrower = lexicon().kinds.get(noun, frozenset())
    return bool(heads & ({noun} | narrower)) and all(key(t) in named for t in adjectives)


def add_home_territory(doc: Doc, positions: Sequence[Position]) -> None:
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
            and person_key(other.person) != person_key(position.person)
            for other in positions
        )
        if not taken:
            position.loc, position.where_source = home, "inferred"


def adjective_place(view: View, post: Post) -> Mention | None:
    """`британский премьер`, `глава российского государства`: the place the adjective
    implies, as the document names it nearest to the post."""
    tokens = view.tokens
    found = _place_adjective(tokens, post.first, post.last, tokens[post.groups[0].head])
    if found is None:
        return None
    place = lexicon().adjectives[key(found)]
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
    head = next((tokens[i] for i in inside if head_lemma(tokens[i]) == position.head), None)
    found = _place_adjective(tokens, inside[0], inside[-1], head)
    return (found.start, found.stop) if found else None


def unnamed_body(doc: Doc, position: Position) -> tuple[int, int] | None:
    """Offsets of a body the post names by common words only (`членом бюджетного
    комитета`, `вратарём сборной команды`, `вратарь сборной последних лет`), when no
    name says which one."""
    tokens = doc.sentences[position.sent_idx].tokens
    inside = [t for t in tokens if position.post_start <= t.start < position.post_stop]
    heads = [i for i, t in enumerate(inside) if head_lemma(t) == position.head]
    chain = inside[heads[0] + 1 :] if heads else []
    # The chain up to its last noun for a body: what follows says more of the body.
    bodies = [i for i, t in enumerate(chain) if key(t) in lexicon().bodies]
    chain = chain[: bodies[-1] + 1] if bodies else chain
    return (chain[0].start, chain[-1].stop) if _names_a_body(chain) else None


def _names_a_body(chain: Sequence[Token]) -> bool:
    """A post's chain of a few common words ending in a noun for a body: `концерна`,
    `бюджетного комитета`, `сборной команды`."""
    return (
        0 < len(chain) <= MAX_BACK_CHAIN
        and all(is_word(t.text) and t.text.islower() for t in chain)
        and key(chain[-1]) in lexicon().bodies
    )


def _place_adjective(
    tokens: Sequence[Token], first: int, last: int, head: Token | None
) -> Token | None:
    """A place adjective in a post or right before it; none for a profession: `немецкий
    режиссёр` says where he is from, not where he works."""
    lex = lexicon()
    if head is None or head_lemma(head) in lex.professions:
        return None
    words = tokens[max(first - 1, 0) : last + 1]
    return next((t for t in words if key(t) in lex.adjectives), None)


def add_home_country(doc: Doc, positions: Sequence[Position]) -> None:
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
        own = stated.get((person_key(position.person), position.head))
        position.loc = own or _nearest_country(doc, position, positions)
        position.where_source = "inferred"


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
    words = [word_head_lemma(word) for word in position.position.split()]
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
        if person_key(p.person) != person_key(position.person)
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
            stated.setdefault((person_key(p.person), p.head), p.loc)
    return stated


def _after_preposition(doc: Doc, mention: Mention) -> bool:
    before = [t for t in doc.sentences[mention.sent_idx].tokens if t.stop <= mention.start]
    return bool(before) and parses(before[-1].text)[0].tag.POS == "PREP"


def _place(mention: Mention) -> str | None:
    return lexicon().names.get(name_key(mention.normal))


def person_key(person: Mention) -> str:
    return person.entity_id or person.normal
