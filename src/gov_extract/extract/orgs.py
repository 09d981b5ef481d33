"""Organisation spans repaired with the lexicon in `models/organizations.toml`.

Natasha's NER cuts government bodies apart (`Правительства` + LOC `Севастополя`)
or stops half way (`Департамента территориальных органов`). This component finds
the whole name from its head noun and the chain that belongs to it, and puts an
ORG mention over it in place of the ORG pieces. Places inside the name stay as
LOC mentions of their own: `губернатор Севастополя` needs them.

It also joins a body to the country or region after it (`Конгресса США`), tags
words the dictionary knows as organisations (`Интерпол`), and finds a quoted name
again where the release repeats it without quotes (`Голос Америки`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from gov_extract import lexicons
from gov_extract.extract.aliases import drop_common_nouns
from gov_extract.extract.aliases import lexicon as short_names
from gov_extract.extract.chain import NOMINAL, Governs, Mark, Step, Whole, walk
from gov_extract.nlp.morph import cases_of, is_abbreviation, parses
from gov_extract.records import Doc, Mention, Token, overlaps_any, tokens_within

OPEN_QUOTES, CLOSE_QUOTES = '«"“„', '»"”“'
MAX_QUOTED = 15
# Tokens after a comma a list in a name may run before its `и`.
MAX_LISTED = 12
MAX_MODIFIERS = 3
# Abbreviations between a legal form and its quoted name, at most (`ГУП РК «…»`).
MAX_REGIONS = 2
NOMINAL_OR_PRONOUN = NOMINAL | frozenset({"NPRO"})
VERBAL = frozenset({"VERB", "INFN", "GRND", "PRTS"})
LIKELY_VERB = 0.2
PROPER_NOT_ORG = frozenset({"Geox", "Name", "Surn", "Patr"})
PERSONAL = frozenset({"Name", "Surn", "Patr"})


@dataclass(frozen=True, slots=True)
class OrgLexicon:
    heads: frozenset[str]
    legal_forms: frozenset[str]
    prepositions: dict[str, str]
    event_modifiers: frozenset[str]
    place_nouns: frozenset[str]
    governs: dict[str, str]


@cache
def lexicon() -> OrgLexicon:
    data = lexicons.load("organizations")
    return OrgLexicon(
        frozenset(data["heads"]),
        frozenset(data["legal_forms"]),
        dict(data["chain_prepositions"]),
        frozenset(data["event_modifiers"]),
        frozenset(data["place_nouns"]),
        dict(data["governs"]),
    )


def repair_organizations(doc: Doc) -> None:
    # First, so that `СМИ` never grows into `СМИ Беларуси`.
    drop_common_nouns(doc)
    _bodies_read_as_people(doc)
    found: list[Mention] = []
    for index, sent in enumerate(doc.sentences):
        people = [m for m in doc.mentions if m.sent_idx == index and m.type == "PER"]
        blocked = {i for i, t in enumerate(sent.tokens) if _inside(t, people)}
        for first, last in _organization_spans(sent.tokens, blocked):
            start, stop = sent.tokens[first].start, sent.tokens[last].stop
            found.append(Mention(start, stop, "ORG", doc.text[start:stop], index))
    if found:
        kept = [
            m
            for m in doc.mentions
            if not (m.type == "ORG" and overlaps_any(m.start, m.stop, found))
        ]
        doc.mentions = kept + found
    _attach_places(doc)
    _join_abbreviated_units(doc)
    _attach_municipal_names(doc)
    _places_in_towns(doc)
    _tag_dictionary_names(doc)
    _spread_quoted_names(doc)
    doc.mentions.sort(key=lambda m: (m.start, -m.stop))


def _bodies_read_as_people(doc: Doc) -> None:
    """PER `Маджлиси Оли` + `Республики Таджикистан` → ORG `Маджлиси Оли Республики
    Таджикистан`: a name followed by a country or region in the genitive is a body of
    that place (a parliament named in its own language), as no person is named so.
    Words the dictionary does not know join it to a name right before them
    (`Маджлиси намояндагон Маджлиси Оли …`, a chamber of it), and the name's first
    word alone elsewhere in the document (`Маджлиси`) is that body too."""
    places = {(m.sent_idx, m.start): m for m in doc.mentions if m.type == "LOC"}
    bodies: set[str] = set()
    for mention in [m for m in doc.mentions if m.type == "PER"]:
        # Not a person the dictionary knows the name of (`вдова Ельцина Наина …`).
        if any(p.is_known and PERSONAL & p.tag.grammemes for p in parses(mention.text.split()[0])):
            continue
        tokens = doc.sentences[mention.sent_idx].tokens
        stop = _place_after_name(doc, mention, tokens, places)
        if stop is None:
            continue
        start = _foreign_name_before(doc, mention, tokens)
        inside = [
            m
            for m in doc.mentions
            if m.type != "LOC" and m.sent_idx == mention.sent_idx and start <= m.start < stop
        ]
        doc.mentions = [m for m in doc.mentions if m not in inside]
        doc.mentions.append(Mention(start, stop, "ORG", doc.text[start:stop], mention.sent_idx))
        bodies.add(mention.text.split()[0])
    for mention in doc.mentions:
        if mention.type == "PER" and mention.text in bodies:
            mention.type = "ORG"


def _place_after_name(
    doc: Doc, mention: Mention, tokens: Sequence[Token], places: dict[tuple[int, int], Mention]
) -> int | None:
    """Where the country or region in the genitive right after a name ends: a place
    mention or a place name, or its capitalised noun before it (`Республики
    Таджикистан`)."""
    following = [t for t in tokens if t.start >= mention.stop][:2]
    if not following or doc.text[mention.stop : following[0].start] != " ":
        return None
    # An abbreviation has no case of its own to tell (`после смерти Кима Чен Ира КНДР`).
    first = following[0].text
    if is_abbreviation(first) or not _has_case(first, {"gent"}):
        return None
    for token in following[: 2 if first[:1].isupper() else 1]:
        place = places.get((mention.sent_idx, token.start))
        if place is not None:
            return place.stop
        if "Geox" in parses(token.text)[0].tag:
            return token.stop
    return None


def _foreign_name_before(doc: Doc, mention: Mention, tokens: Sequence[Token]) -> int:
    """Where a body's name starts that the words the dictionary does not know before
    `mention` continue: the start of the person or body mention before them."""
    ends = {
        m.stop: m.start
        for m in doc.mentions
        if m.sent_idx == mention.sent_idx and m.type in ("PER", "ORG")
    }
    before = [t for t in tokens if t.stop <= mention.start][::-1]
    for run, token in enumerate(before):
        if run and token.stop in ends:
            return ends[token.stop]
        if not _unknown_word(token.text):
            break
    return mention.start


def _unknown_word(word: str) -> bool:
    return word.isalpha() and not any(p.is_known for p in parses(word))


def _attach_places(doc: Doc) -> None:
    """`Конгресса` + LOC `США` → ORG `Конгресса США`, `МЧС России` + `по` + LOC
    `Санкт-Петербургу` → one ORG: the country or region a body belongs to, in the
    genitive or after `по`, is part of its name, also when the name already took the
    place's first word (`Правительства Республики` + `Республики Беларусь`). The place
    stays a LOC mention."""
    places = {(m.sent_idx, m.start): m for m in doc.mentions if m.type == "LOC"}
    for position, mention in enumerate(doc.mentions):
        if mention.type != "ORG":
            continue
        while (place := _place_after(doc, mention, places)) is not None:
            text = doc.text[mention.start : place.stop]
            mention = Mention(mention.start, place.stop, "ORG", text, mention.sent_idx)
        doc.mentions[position] = mention


def _join_abbreviated_units(doc: Doc) -> None:
    """ORG `ГУ` + ORG `МЧС России по Тверской области` → one ORG: an abbreviation
    written right before a body's abbreviated name is a unit of that body (`ГУ`, `ТУ`,
    `УФК`), not a body of its own; two bodies are never written so without a comma or
    `и` between them."""
    doc.mentions.sort(key=lambda m: (m.start, -m.stop))
    orgs = [m for m in doc.mentions if m.type == "ORG"]
    for unit, body in pairwise(orgs):
        if unit not in doc.mentions or unit.sent_idx != body.sent_idx:
            continue
        if doc.text[unit.stop : body.start] != " " or " " in unit.text:
            continue
        if not (is_abbreviation(unit.text) and is_abbreviation(body.text.split()[0])):
            continue
        doc.mentions.remove(unit)
        doc.mentions.remove(body)
        text = doc.text[unit.start : body.stop]
        doc.mentions.append(Mention(unit.start, body.stop, "ORG", text, unit.sent_idx))


def _attach_municipal_names(doc: Doc) -> None:
    """ORG `МО` + `Светлановское` → ORG `МО Светлановское`: a body named by an
    abbreviation keeps the name of its municipality after it."""
    for position, mention in enumerate(doc.mentions):
        tokens = doc.sentences[mention.sent_idx].tokens
        inside = tokens_within(tokens, mention.start, mention.stop)
        if mention.type != "ORG" or not inside or not is_abbreviation(inside[-1].text):
            continue
        after = next((i for i, t in enumerate(tokens) if t.start >= mention.stop), None)
        if after is None or not _municipal_name(tokens, after):
            continue
        if overlaps_any(tokens[after].start, tokens[after].stop, doc.mentions):
            continue
        stop = tokens[after].stop
        text = doc.text[mention.start : stop]
        doc.mentions[position] = Mention(mention.start, stop, "ORG", text, mention.sent_idx)


def _places_in_towns(doc: Doc) -> None:
    """Streets, squares and the like are places, named with their noun: LOC `Лазарева`
    after `площади` becomes LOC `площади Лазарева`, and ORG `Нижегородский кремль` a
    LOC. The noun keeps the name from reading as a territory (`губернатор Лазарева`)."""
    nouns = lexicon().place_nouns
    for position, mention in enumerate(doc.mentions):
        tokens = doc.sentences[mention.sent_idx].tokens
        inside = tokens_within(tokens, mention.start, mention.stop)
        if mention.type == "ORG" and len(inside) > 1 and _head_lemma(inside) in nouns:
            doc.mentions[position] = Mention(
                mention.start, mention.stop, "LOC", mention.text, mention.sent_idx
            )
            continue
        before = [t for t in tokens if t.stop <= mention.start][-1:]
        if mention.type == "LOC" and before and _names_the_place(before[0], inside, nouns):
            start = before[0].start
            text = doc.text[start : mention.stop]
            doc.mentions[position] = Mention(start, mention.stop, "LOC", text, mention.sent_idx)


def _names_the_place(noun: Token, name: Sequence[Token], nouns: frozenset[str]) -> bool:
    """`площади Лазарева`, not `улиц Бангкока` or `улицы Лондона`: one street or square,
    and a name that is no town's."""
    if noun.lemma not in nouns or "plur" in parses(noun.text)[0].tag:
        return False
    return not any(_is_place_name(token.text) for token in name)


def _head_lemma(tokens: Sequence[Token]) -> str | None:
    """The first noun of a name, after the adjectives before it."""
    for token in tokens:
        if parses(token.text)[0].tag.POS == "NOUN":
            return token.lemma
    return None


def _place_after(
    doc: Doc, mention: Mention, places: dict[tuple[int, int], Mention]
) -> Mention | None:
    tokens = doc.sentences[mention.sent_idx].tokens
    for token in tokens:
        place = places.get((mention.sent_idx, token.start))
        # `Правительство Республики` + `Республики Беларусь`: the name took the place's
        # first word, in a case it admits, and the place's name runs on past it.
        if place and mention.start < place.start < mention.stop < place.stop:
            return place
    following = [t for t in tokens if t.start >= mention.stop][:2]
    if not following:
        return None
    place = places.get((mention.sent_idx, following[0].start))
    if place is not None:
        return place if _genitive(doc, place) else None
    if len(following) < 2 or following[0].text != "по":
        return None
    place = places.get((mention.sent_idx, following[1].start))
    return place if place and _has_case(_first_word(doc, place), {"datv"}) else None


def _genitive(doc: Doc, place: Mention) -> bool:
    words = doc.text[place.start : place.stop].split()
    return is_abbreviation(words[-1]) or all(_has_case(word, {"gent"}) for word in words)


def _first_word(doc: Doc, mention: Mention) -> str:
    # The first word carries the case: `по Республике Крым`.
    return doc.text[mention.start : mention.stop].split()[0]


def _tag_dictionary_names(doc: Doc) -> None:
    """Single words the dictionary knows as organisations (pymorphy's `Orgn`:
    `Интерпол`, `Еврокомиссия`) become ORG mentions where the NER model missed them
    or took them for a place."""
    for index, sent in enumerate(doc.sentences):
        for token in sent.tokens:
            if not (token.text[:1].isupper() and _is_dictionary_organization(token.text)):
                continue
            found = Mention(token.start, token.stop, "ORG", token.text, index)
            # Only a place over this very word is taken for a misreading.
            _put_over_places(doc, found, same_span=True)


def _is_dictionary_organization(word: str) -> bool:
    # Unknown words are guessed from their endings, and surnames are often guessed
    # as organisations; place names (`Geox`) stay places.
    found = parses(word)
    best = found[0]
    return (
        best.is_known
        and "Orgn" in best.tag
        and not any(PROPER_NOT_ORG & p.tag.grammemes for p in found)
    )


def _spread_quoted_names(doc: Doc) -> None:
    """A name a release gives a body in quotes (`радиостанции «Голос Америки»`)
    names the same body where it is repeated without them: `Голос Америки сообщил`.

    The NER model tags such repeats as a place or not at all; a repeat it took for
    a person, or for a place when the name is a place name (`«Россия»`), is left."""
    names = {_quoted_key(doc, m) for m in doc.mentions if m.type == "ORG"} - {None}
    for index, sent in enumerate(doc.sentences):
        lemmas = [t.lemma for t in sent.tokens]
        for name in names:
            for first in range(len(lemmas) - len(name) + 1):
                if tuple(lemmas[first : first + len(name)]) != name:
                    continue
                start, stop = sent.tokens[first].start, sent.tokens[first + len(name) - 1].stop
                if sent.tokens[first].text[:1].isupper():
                    _put_over_places(doc, Mention(start, stop, "ORG", doc.text[start:stop], index))


def _quoted_key(doc: Doc, mention: Mention) -> tuple[str, ...] | None:
    tokens = tokens_within(doc.sentences[mention.sent_idx].tokens, mention.start, mention.stop)
    opens = [i for i, t in enumerate(tokens) if t.text in OPEN_QUOTES]
    if not opens:
        return None
    close = _quoted(tokens, opens[0])
    inner = tokens[opens[0] + 1 : close]
    if close is None or not inner or not inner[0].text[:1].isupper():
        return None
    if len(inner) == 1 and _is_place_name(inner[0].text):
        return None
    return tuple(t.lemma for t in inner)


def _put_over_places(doc: Doc, found: Mention, *, same_span: bool = False) -> None:
    """`found` in place of the mentions it overlaps, when they are all places within it
    (with `same_span`, over its very span): the NER model's misreadings of a name."""
    covering = [m for m in doc.mentions if m.start < found.stop and found.start < m.stop]
    if all(
        m.type == "LOC"
        and found.start <= m.start
        and m.stop <= found.stop
        and (not same_span or (m.start, m.stop) == (found.start, found.stop))
        for m in covering
    ):
        doc.mentions = [m for m in doc.mentions if m not in covering]
        doc.mentions.append(found)


def _is_place_name(word: str) -> bool:
    return any("Geox" in p.tag for p in parses(word))


def _organization_spans(tokens: Sequence[Token], blocked: set[int]) -> list[tuple[int, int]]:
    lex = lexicon()
    spans: list[tuple[int, int]] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        span = None
        if index not in blocked:
            if token.text in lex.legal_forms:
                span = _legal_form(tokens, index)
            elif token.lemma in lex.heads and not _names_a_legal_form(tokens, index):
                span = _headed(tokens, index, blocked)
                if span and _is_place(tokens[span[0] : index + 1]):
                    span = None
        if span:
            spans.append(span)
            index = span[1] + 1
        else:
            index += 1
    return spans


def _names_a_legal_form(tokens: Sequence[Token], head: int) -> bool:
    """`предприятие ПАО «Звезда»`: a common noun before a legal form says what kind of
    body it is and is no part of its name, which starts at the legal form."""
    following = tokens[head + 1] if head + 1 < len(tokens) else None
    return (
        tokens[head].text[:1].islower()
        and following is not None
        and following.text in lexicon().legal_forms
    )


def _is_place(words: Sequence[Token]) -> bool:
    """`Российской Федерации по вопросам …`: a head and its modifiers that the
    abbreviation lexicon knows as a place are that place, whatever follows them."""
    known = short_names().get(tuple(t.lemma for t in words))
    return known is not None and known.type == "LOC"


def _legal_form(tokens: Sequence[Token], index: int) -> tuple[int, int] | None:
    """`ПАО «…»`, and `ГУП РК «…»`: the abbreviation of the region the body belongs to
    may stand between the legal form and the quoted name."""
    opening = index + 1
    while (
        opening < len(tokens)
        and opening - index <= MAX_REGIONS
        and is_abbreviation(tokens[opening].text)
    ):
        opening += 1
    close = _quoted(tokens, opening)
    return (index, close) if close is not None else None


def _headed(tokens: Sequence[Token], head: int, blocked: set[int]) -> tuple[int, int] | None:
    if head > 0 and tokens[head - 1].lemma in lexicon().event_modifiers:
        return None
    first = head
    # A capitalised head opens the name: `предстоящего Совета …`, `единое Министерство …`.
    capitalised = tokens[head].text[:1].isupper()
    while (
        head - first < MAX_MODIFIERS
        and first - 1 not in blocked
        and first > 0
        and (tokens[first - 1].text[:1].isupper() or not capitalised)
        and _agrees(tokens[first - 1].text, tokens[head].text)
    ):
        first -= 1
    last, named = _chain(tokens, head, blocked)
    named = named or tokens[head].text[:1].isupper() or tokens[first].text[:1].isupper()
    if last == head or not named:
        return None
    return first, last


def _chain(tokens: Sequence[Token], head: int, blocked: set[int]) -> tuple[int, bool]:
    """The last token of the name after its head, and whether the chain names something."""
    lex = lexicon()
    objects: set[int] = set()

    def step(index: int, admitted: frozenset[str]) -> Step:
        if index in blocked and _after_imeni(tokens, index):
            # `Театра им. Йозефа Бойса`: the person a body is named after ends its name.
            last = index
            while last + 1 in blocked:
                last += 1
            return Whole(last, ends=True)
        if index in blocked:
            return Mark.END
        text = tokens[index].text
        lower = text.lower()
        before = tokens[index - 1].lemma
        if f"{before} {lower}" in lex.governs:
            # `по надзору в сфере …`: the preposition this noun takes its object with.
            return Governs(lex.governs[f"{before} {lower}"])
        if before in lex.governs and (end := _object(tokens, index, lex.governs[before], blocked)):
            # `по управлению государственным имуществом`: no genitive, yet the name's.
            objects.add(end)
            return Whole(end)
        if text[:1] in OPEN_QUOTES:
            # A quoted name ends the organisation's name: `ассоциация «Совет …»`.
            close = _quoted(tokens, index)
            return Whole(close, ends=True) if close is not None else Mark.END
        if is_abbreviation(text):
            # `МО Светлановское`: a municipality's name after its abbreviation.
            return Whole(index + 1 if _municipal_name(tokens, index + 1) else index)
        if lower == "им" and index + 1 < len(tokens) and tokens[index + 1].text == ".":
            return Whole(index + 1)  # `им.` for `имени`, the genitive after it
        if (stop := _initials(tokens, index)) is not None:
            return Whole(stop)  # the surname after the initials, in the genitive
        if _likely_verb(text):
            return Mark.END
        if _town_abbreviated(tokens, index):
            # `округа г. Москвы`, `г. Москва`: the town's name in either case.
            return Whole(index + 2)
        if index - 1 > head and _indeclinable_name(tokens, index):
            # `провинции Хэйлунцзян`, `штата Огайо`: a foreign name beside its noun
            # (not beside the head: the name of `агентство Ассошиэйтед Пресс` is its own).
            return Whole(index)
        if _abbreviated_name(tokens, index):
            # `Администрации Н.Новгорода`: an initial, a stop and the rest of the name.
            return Whole(index + 2)
        if lower in lex.prepositions:
            return Governs(lex.prepositions[lower])
        if lower == "и" and _adjectives_joined(tokens, index, admitted):
            # `по субъектам Приволжского и Уральского федеральных округов`.
            return Mark.AND
        if lower == "и":
            return Mark.AND if joins(index) else Mark.END
        if lower == "," and joins(index) and _listed(tokens, index, admitted):
            # `по надзору в сфере связи, информационных технологий и …`.
            return Mark.AND
        return None

    def joins(index: int) -> bool:
        """`промышленности и торговли` continues the name; after the head itself
        (`палаты и рабочей группы`) or a proper name (`Правительства Москвы и органов
        …`), or before another head or name (`… области и ПАО «…»`), a second phrase
        begins."""
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        return not (
            index - 1 == head
            or tokens[index - 1].text[:1].isupper()
            or following is None
            or index + 1 in blocked
            or following.lemma in lex.heads
            or following.text[:1].isupper()
        )

    chain = walk(tokens, head, head, "gent", step, _is_noun, nominal=NOMINAL_OR_PRONOUN)
    # Quoted names and abbreviations name something; so does a word with a capital.
    named = any(i not in objects for i in chain.wholes) or any(
        tokens[i].text[:1].isupper() for i in chain.words
    )
    return chain.last, named


def _object(tokens: Sequence[Token], index: int, case: str, blocked: set[int]) -> int | None:
    """The last token of a noun's object in `case` that starts at `index`: adjectives,
    then the noun (`государственным имуществом`, `делами`)."""
    for at in range(index, min(len(tokens), index + MAX_MODIFIERS + 1)):
        text = tokens[at].text
        # By its likeliest reading: `по` is no `ПО`.
        if at in blocked or is_abbreviation(text) or parses(text)[0].tag.POS not in NOMINAL:
            return None
        found = [p for p in parses(text) if p.tag.case == case and p.tag.POS in NOMINAL]
        if not found:
            return None
        if found[0].tag.POS == "NOUN":
            return at
    return None


def _listed(tokens: Sequence[Token], comma: int, admitted: frozenset[str]) -> bool:
    """A comma inside a list that `и` closes: every word up to the `и` (and the word
    after it) in a case the chain's last word admits."""
    for index in range(comma + 1, min(len(tokens), comma + MAX_LISTED)):
        text = tokens[index].text
        if text == "и":
            return index + 1 < len(tokens) and _has_case(tokens[index + 1].text, set(admitted))
        if text != "," and not _has_case(text, set(admitted)):
            return False
    return False


def _municipal_name(tokens: Sequence[Token], index: int) -> bool:
    """A capitalised neuter adjective, the name a municipality (`муниципальное
    образование`) takes: `Светлановское`."""
    if index >= len(tokens) or not tokens[index].text[:1].isupper():
        return False
    return any(
        p.tag.POS == "ADJF" and p.tag.gender == "neut" and p.tag.case == "nomn"
        for p in parses(tokens[index].text)
    )


def _town_abbreviated(tokens: Sequence[Token], index: int) -> bool:
    """`г. Москвы`: `г` for `город`, its stop and a capitalised name."""
    if index + 2 >= len(tokens) or tokens[index].text.lower() != "г":
        return False
    return tokens[index + 1].text == "." and tokens[index + 2].text[:1].isupper()


def _indeclinable_name(tokens: Sequence[Token], index: int) -> bool:
    """A capitalised Cyrillic word the dictionary does not know, right after a lowercase
    noun of the chain: a foreign name in apposition, which does not decline."""
    word, before = tokens[index].text, tokens[index - 1].text
    return (
        word[:1].isupper()
        and all("а" <= char <= "я" or char == "ё" for char in word.lower())
        and not any(p.is_known for p in parses(word))
        and before[:1].islower()
        and any(p.tag.POS == "NOUN" for p in parses(before))
    )


def _adjectives_joined(tokens: Sequence[Token], index: int, admitted: frozenset[str]) -> bool:
    """`Приволжского и Уральского федеральных округов`: adjectives in one case joined by
    `и` before the noun they share; the first one's phrase is not over."""
    if index + 1 >= len(tokens):
        return False
    before, after = tokens[index - 1].text, tokens[index + 1].text

    def adjective(word: str) -> frozenset[str]:
        return frozenset(p.tag.case for p in parses(word) if p.tag.POS == "ADJF") & admitted

    return bool(adjective(before) & adjective(after))


def _abbreviated_name(tokens: Sequence[Token], index: int) -> bool:
    """`Н.Новгорода`, `С.Петербурга`: a capital, a stop and a capitalised word, written
    together."""
    if index + 2 >= len(tokens):
        return False
    initial, stop, rest = tokens[index : index + 3]
    return (
        len(initial.text) == 1
        and initial.text.isupper()
        and stop.text == "."
        and initial.stop == stop.start
        and stop.stop == rest.start
        and rest.text[:1].isupper()
    )


def _quoted(tokens: Sequence[Token], index: int) -> int | None:
    if index >= len(tokens) or tokens[index].text[:1] not in OPEN_QUOTES:
        return None
    return closing_quote(tokens, index, len(tokens))


def closing_quote(tokens: Sequence[Token], index: int, stop: int) -> int | None:
    """The token before `stop` that closes the quote opening at `index`. Guillemets
    nest: `«Упрдор «Волго-Вятка»»` is one name; when the inner ones are not closed
    apart (`«Агрофирма «Кама»`), the first closing quote ends it."""
    depth, first = 0, None
    for close in range(index, min(stop, index + MAX_QUOTED)):
        text = tokens[close].text
        if close > index and text[-1:] in CLOSE_QUOTES:
            first = close if first is None else first
            depth -= 1
            if depth <= 0:
                return close
        if text[:1] == "«":
            depth += 1
    return first


def _agrees(modifier: str, head: str) -> bool:
    head_tags = [p.tag for p in parses(head) if p.tag.POS == "NOUN"]
    for parse in parses(modifier):
        tag = parse.tag
        # Not a pronoun (`некоторых министерств`): it says which bodies, not their name.
        if tag.POS not in ("ADJF", "PRTF") or "Apro" in tag:
            continue
        for head_tag in head_tags:
            same_gender = tag.number == "plur" or tag.gender == head_tag.gender
            if tag.case == head_tag.case and tag.number == head_tag.number and same_gender:
                return True
    return False


def _has_case(word: str, wanted: set[str]) -> bool:
    return bool(cases_of(word, NOMINAL_OR_PRONOUN) & wanted)


def _is_noun(word: str, _admitted: frozenset[str]) -> bool:
    """By any of its readings, whatever case the chain admits."""
    return any(p.tag.POS == "NOUN" for p in parses(word))


def _likely_verb(word: str) -> bool:
    """A word as likely a verb as anything (`по Нижегородской области прибыли`,
    `… Тверской области были`: `прибыль`, `быль` are nouns too) ends a name."""
    return any(p.tag.POS in VERBAL and p.score >= LIKELY_VERB for p in parses(word))


def _after_imeni(tokens: Sequence[Token], index: int) -> bool:
    before = [t.text.lower() for t in tokens[max(0, index - 2) : index]]
    return before[-1:] == ["имени"] or before == ["им", "."]


def _initials(tokens: Sequence[Token], index: int) -> int | None:
    """`имени М. Тореза`, `им. В. И. Ленина`: the last stop of the initials before a
    capitalised surname, right after `имени` or `им.`."""
    if not _after_imeni(tokens, index):
        return None
    at = index
    while (
        at + 1 < len(tokens)
        and len(tokens[at].text) == 1
        and tokens[at].text.isupper()
        and tokens[at + 1].text == "."
    ):
        at += 2
    if at == index or at >= len(tokens) or not tokens[at].text[:1].isupper():
        return None
    return at - 1


def _inside(token: Token, mentions: Sequence[Mention]) -> bool:
    return any(m.start <= token.start and token.stop <= m.stop for m in mentions)
