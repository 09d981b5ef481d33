"""What a post phrase is: a head from the lexicon, the acting phrase and modifiers
before it, and the chain after it (genitives, named bodies and places, phrases opened
by `по`, a second post after a dash); and the case a head group or a name is in."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from gov_extract.extract.chain import MAX_CHAIN, NOMINAL, Governs, Mark, Step, Whole, walk
from gov_extract.extract.orgs import OPEN_QUOTES, closing_quote
from gov_extract.extract.posts.lexicon import head_lemma, key, lexicon
from gov_extract.extract.posts.view import View
from gov_extract.nlp.morph import cases_of, fold, is_word, parses
from gov_extract.records import Mention, Token, tokens_within

MAX_GROUP = 6
# Most words of a body's short name in brackets within a post: `(Росимущество)`.
MAX_SHORT_NAME = 2

NUMBER_SIGN = "№"
# A word whose likeliest reading is one of these ends a chain, whatever its other readings.
VERBAL = frozenset({"VERB", "INFN", "PRTS", "GRND"})


@dataclass(slots=True)
class Group:
    """Acting phrase, modifiers and head noun: the part of a post that changes case."""

    first: int
    acting_end: int  # index after the acting phrase; == first when there is none
    head: int
    # `заместителями`, `первыми замглавы`: a post of each person of a list.
    plural: bool = False


@dataclass(slots=True)
class Post:
    groups: list[Group]
    last: int
    person: Mention | None = None
    # How the person was found: "before" (`губернатор X`), "after" (`X, губернатор`).
    side: str = ""
    # The rule that tied the post to the person (`positions.rule`).
    rule: str = ""

    @property
    def plural(self) -> bool:
        return self.groups[0].plural

    @property
    def first(self) -> int:
        return self.groups[0].first


def sentence_posts(view: View) -> list[Post]:
    """The sentence's posts from left to right, none inside another; no person yet."""
    posts: list[Post] = []
    index, floor = 0, 0
    while index < len(view.tokens):
        plural = is_plural_head(view, index)
        if plural or is_head(view, index):
            group = _group(view, index, floor)
            group.plural = plural
            post = _chain(view, group)
            posts.append(post)
            index = floor = post.last + 1
        else:
            index += 1
    return posts


def one_of(view: View, post: Post) -> int | None:
    """`один из руководителей компании`, `одним из самых влиятельных боссов`: where `один
    из` starts before a post in the plural, which then is one person's post."""
    tokens = view.tokens
    index = post.first - 1
    while index > post.first - 4 and index > 0 and _plural_adjective(tokens[index].text):
        index -= 1  # `самых влиятельных`
    if index < 1 or tokens[index].text.lower() != "из" or not post.plural:
        return None
    return index - 1 if key(tokens[index - 1]) == "один" else None


def _plural_adjective(word: str) -> bool:
    best = parses(word)[0].tag
    return best.POS == "ADJF" and best.number == "plur"


def post_at(view: View, head: int, floor: int) -> Post:
    """The post whose head is at `head`, its modifiers no further left than `floor`."""
    return _chain(view, _group(view, head, floor))


def is_head(view: View, index: int) -> bool:
    """A post's head noun in the singular: `министры`, `главы регионов` name groups of
    people, not one person's post."""
    return _post_word(view, index) and _number(view, index) != "plur"


def is_plural_head(view: View, index: int) -> bool:
    """`заместителями`, `вице-губернаторы`, `первыми замглавы`: a post written in the
    plural, which may belong to each person of a list next to it."""
    return _post_word(view, index) and _number(view, index) == "plur"


def _number(view: View, index: int) -> str:
    """`sing` or `plur`; an indeclinable head (`замглавы`) has the number of the
    modifier before it (`первыми замглавы`)."""
    token = view.tokens[index]
    lemma = head_lemma(token)
    # (A participle's readings name the verb: `управляющий` is `управлять`.)
    readings = [p for p in parses(token.text) if fold(p.normal_form) == lemma]
    readings = readings or list(parses(token.text))
    if any("Fixd" in p.tag.grammemes for p in readings[:1]) and index > 0:
        before = parses(view.tokens[index - 1].text)
        if before and before[0].tag.POS == "ADJF" and before[0].tag.number == "plur":
            return "plur"
    return "sing" if any(p.tag.number != "plur" for p in readings) else "plur"


def _post_word(view: View, index: int) -> bool:
    token = view.tokens[index]
    lemma = head_lemma(token)
    if lemma not in lexicon().heads or index in view.in_per:
        return False
    # The NER model sometimes takes the post into the body's name (`Замглавы
    # Федеральной миграционной службы`); a post inside a name is not one.
    if index in view.named_end and index - 1 in view.named_end:
        return False
    # `управляющий директор`: a head word that modifies the head after it.
    following = index + 1
    return not (
        lemma in lexicon().modifiers
        and following < len(view.tokens)
        and _post_word(view, following)
    )


def _group(view: View, head: int, floor: int) -> Group:
    """Extend a head to the left over its modifiers and acting phrase."""
    lex = lexicon()
    tokens = view.tokens
    first = head
    while first > floor:
        if head_lemma(tokens[first - 1]) in lex.modifiers and first - 1 not in view.named_end:
            first -= 1
        elif (
            # `чрезвычайный и полномочный посол`
            first - 2 >= floor
            and first < head
            and tokens[first - 1].text.lower() == "и"
            and key(tokens[first - 2]) in lex.modifiers
        ):
            first -= 2
        else:
            break
    acting = _acting_before(tokens, first, floor)
    return Group(acting if acting is not None else first, first, head)


def _acting_before(tokens: Sequence[Token], end: int, floor: int) -> int | None:
    for phrase in lexicon().acting:
        start = end - len(phrase)
        if start >= floor and tuple(key(t) for t in tokens[start:end]) == phrase:
            return start
    return None


def _group_after(view: View, index: int) -> Group | None:
    """A head group starting at `index`: the second post of `… – министр финансов`."""
    for head in range(index, min(len(view.tokens), index + MAX_GROUP)):
        if is_head(view, head):
            group = _group(view, head, index)
            return group if group.first == index else None
    return None


def _chain(view: View, group: Group) -> Post:
    """The post's chain after its head: `губернатора Калужской области`, `министр по делам …`."""
    lex = lexicon()
    tokens = view.tokens
    post = Post([group], group.head)
    head = head_lemma(tokens[group.head])
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
        if key(token) in lex.territory_nouns and index + 1 in view.named_end:
            # So does the word for the place before its name: `округа город Арзамас`.
            return Whole(view.named_end[index + 1])
        if (close := _enclosed(view, index)) is not None:
            # `движения «Левый фронт»`, `фронта за демократию (ОФДД)`
            return Whole(close)
        if lower == NUMBER_SIGN and index + 1 < len(tokens) and tokens[index + 1].text.isdigit():
            # `заведующая детским садом № 5`
            return Whole(index + 1)
        if parses(token.text)[0].tag.POS in VERBAL:
            return Mark.END  # `пост главы страны были …`: `были` is no `быль`
        if _one_of_step(tokens, index):
            # `глава одного из крупнейших кланов`: the chain goes on past `одного из`.
            return Mark.AND if lower != "из" else Governs("gent")
        if (found := _object(view, index)) is not None:
            # `агентства по управлению государственным имуществом`
            return Whole(found)
        if lower in lex.chain_prepositions and _wordlike(tokens, index + 1):
            return Governs(lex.chain_prepositions[lower])
        if lower in lex.object_prepositions and _in_po_phrase(tokens, group.head, index):
            return Governs(lex.object_prepositions[lower])
        if lower in lex.named_prepositions and (
            _names_place(view, index + 1) or _where_before_name(view, group, index + 1)
        ):
            return Governs(lex.named_prepositions[lower])
        if lower in lex.compound and (second := _group_after(view, index + 1)):
            # `… – министр финансов` is a second post; `заместитель губернатора –
            # председателя правительства`, in the genitive, says whose deputy he is.
            if agree(view, group, second):
                post.groups.append(second)
            return Whole(second.head)
        if (lower == "и" and _continues_and(view, index, admitted)) or (
            lower == "," and _enumerates(view, index, admitted)
        ):
            return Mark.AND
        return None

    # One token further than a body's name, as posts have always read.
    case = lex.governs.get(head, "gent")
    post.last = walk(tokens, group.head, post.last, case, step, _is_noun, limit=MAX_CHAIN + 1).last
    return post


def _one_of_step(tokens: Sequence[Token], index: int) -> bool:
    """`одного` before `из`, or that `из`: `one of` inside a chain."""
    if tokens[index].text.lower() == "из":
        return index > 0 and key(tokens[index - 1]) == "один"
    following = tokens[index + 1].text.lower() if index + 1 < len(tokens) else ""
    return key(tokens[index]) == "один" and following == "из"


def _object(view: View, index: int) -> int | None:
    """The last token of the object that starts at `index` of a noun of the chain
    before it which takes its object in a case of its own (`governs`: `управлению
    государственным имуществом`): adjectives and then a noun in that case."""
    tokens = view.tokens
    case = lexicon().governs.get(key(tokens[index - 1])) if index > 0 else None
    if case is None:
        return None
    for at in range(index, min(len(tokens), index + MAX_GROUP)):
        if at in view.in_per or at in view.named_end:
            return None
        if parses(tokens[at].text)[0].tag.POS not in {"NOUN", "ADJF", "PRTF"}:
            return None  # `управления по …`: `по` is no `ПО`
        readings = [p for p in parses(tokens[at].text) if p.tag.case == case]
        if not readings:
            return None
        if readings[0].tag.POS == "NOUN":
            return at
    return None


def _in_po_phrase(tokens: Sequence[Token], head: int, index: int) -> bool:
    """`по борьбе с коррупцией`, `по контролю за оборотом наркотиков`: right after the
    noun of a phrase the post's chain opened with `по`, whose object follows."""
    words = [t.text.lower() for t in tokens[head + 1 : index]]
    return (
        "по" in words
        and _wordlike(tokens, index + 1)
        and "datv" in cases_of(tokens[index - 1].text, frozenset({"NOUN"}))
    )


def _serves(view: View, group: Group, person: Mention) -> bool:
    """`помощник Ивана Петрова`, `советник губернатора Ивана Петрова`, `адвокат Ивана
    Петрова`: after a post that serves someone, a name in the genitive that cannot be
    in the post's case names whom it serves, not who holds it."""
    if key(view.tokens[group.head]) not in lexicon().serving:
        return False
    name_cases = person_cases(view, person)
    if "gent" in name_cases and _name_follows(view, person):
        return True  # `Адвокат Александра Кокорина Андрей Ромашов`: the second name holds it
    return "gent" in name_cases and not name_cases & group_cases(view, group)


def _name_follows(view: View, person: Mention) -> bool:
    end = next(i for i, m in view.per_end.items() if m is person)
    return end + 1 in view.per_start


def _names_place(view: View, index: int) -> bool:
    """After `в`, `на`, `при`: a named body or place, or a word for one (`в округе`), or
    common words whose noun the name of a body follows (`при уставных и других органах
    Содружества Независимых Государств`)."""
    return (
        index in view.named_end
        or (index < len(view.tokens) and key(view.tokens[index]) in lexicon().territory_nouns)
        or _before_named_body(view, index)
    )


def _before_named_body(view: View, index: int) -> bool:
    tokens = view.tokens
    for at in range(index, min(len(tokens) - 1, index + MAX_GROUP)):
        word = tokens[at].text
        if word in {"и", ","}:
            continue
        if at in view.named_end or not word.islower():
            return False
        if _is_noun(word, frozenset({"loct"})):
            return at + 1 in view.named_end
        if parses(word)[0].tag.POS not in {"ADJF", "PRTF"}:
            return False
    return False


def _where_before_name(view: View, group: Group, index: int) -> bool:
    """`глава делегации на переговорах Саеб Эрекат`: after `в`, `на`, `при`, one common
    noun and then the name in the post's case; the phrase says where the post is
    exercised. A name in another case is the noun's: `заместителем генпрокурора в
    администрации Джорджа Буша`."""
    tokens = view.tokens
    person = view.per_start.get(index + 1)
    if person is None or not tokens[index].text.islower():
        return False
    post_cases, name_cases = group_cases(view, group), person_cases(view, person)
    agree = not post_cases or not name_cases or bool(post_cases & name_cases)
    return agree and _is_noun(tokens[index].text, frozenset({"loct"}))


def _enclosed(view: View, index: int) -> int | None:
    """The closing token of a quoted name or a bracketed short name opening at `index`."""
    tokens = view.tokens
    text = tokens[index].text
    if text[:1] in OPEN_QUOTES:
        # Not past a person's name: `«…» Иван Петров` ends before it.
        names = [i for i in view.in_per if i > index]
        return closing_quote(tokens, index, min(names, default=len(tokens)))
    if text == "(":
        # `(ОФДД)`, `(Росимущество)`: the short name of the body before it.
        stop = min(len(tokens), index + 2 + MAX_SHORT_NAME)
        close = next((i for i in range(index + 2, stop) if tokens[i].text == ")"), None)
        inner = range(index + 1, close or index)
        if close and all(tokens[i].text[:1].isupper() and i not in view.in_per for i in inner):
            return close
    return None


def _continues_and(view: View, index: int, admitted: frozenset[str]) -> bool:
    """`и` goes on between common words (`_continues`) and between two names in one
    case: `министр по развитию Дальнего Востока и Арктики`."""
    following = index + 1
    return _continues(view, index, admitted) or (
        index - 1 in view.named_end
        and following in view.named_end
        and bool(cases_of(view.tokens[following].text, NOMINAL) & admitted)
    )


def _continues(view: View, index: int, admitted: frozenset[str]) -> bool:
    """`министр промышленности и торговли` goes on; `губернатора Москвы и мэра …` does not."""
    tokens = view.tokens
    following = index + 1
    return (
        following < len(tokens)
        and not tokens[index - 1].text[:1].isupper()
        and following not in view.in_per
        and following not in view.named_end
        and head_lemma(tokens[following]) not in lexicon().heads
        and bool(cases_of(tokens[following].text, NOMINAL) & admitted)
    )


def _enumerates(view: View, index: int, admitted: frozenset[str]) -> bool:
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


def agree(view: View, first: Group, second: Group) -> bool:
    """Two head groups may share a case; a word whose case is unknown (`врио`, a
    foreign word) agrees with any."""
    cases = [group_cases(view, group) for group in (first, second)]
    return not all(cases) or bool(cases[0] & cases[1])


def group_cases(view: View, group: Group) -> frozenset[str]:
    """The case of a head group is its head's, or its acting participle's:
    `исполняющего обязанности губернатора` is in the genitive through `исполняющего`."""
    word = view.tokens[group.first if group.acting_end > group.first else group.head].text
    return cases_of(word, NOMINAL)


def person_cases(view: View, person: Mention) -> frozenset[str]:
    """The cases all declined words of a name share; initials and dots have none."""
    return name_cases(name_words(view, person))


def name_cases(words: Sequence[str]) -> frozenset[str]:
    declined = [found for found in (cases_of(w, NOMINAL) for w in words) if found]
    return frozenset.intersection(*declined) if declined else frozenset()


def name_words(view: View, person: Mention) -> list[str]:
    return [t.text for t in tokens_within(view.tokens, person.start, person.stop)]


def _wordlike(tokens: Sequence[Token], index: int) -> bool:
    return index < len(tokens) and is_word(tokens[index].text)


def _is_noun(word: str, cases: frozenset[str]) -> bool:
    """By the best parse in the cases the chain admits: `детским` (садом) is an
    adjective, though `детская` is a noun too."""
    fitting = [p for p in parses(word) if p.tag.case in cases]
    return bool(fitting) and fitting[0].tag.POS == "NOUN"
