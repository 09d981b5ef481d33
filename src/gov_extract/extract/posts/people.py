"""Which person a post found in a sentence belongs to: the one named right after it,
or right before it when a comma, dash, bracket or a verb like `назначен` joins them,
or the person of the sentence for a post named as an office (`занять пост …`)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from itertools import pairwise

from gov_extract.extract.chain import NOMINAL
from gov_extract.extract.orgs import CLOSE_QUOTES, OPEN_QUOTES
from gov_extract.extract.posts.grammar import (
    Post,
    agree,
    group_cases,
    is_head,
    name_cases,
    name_words,
    one_of,
    person_cases,
    post_at,
)
from gov_extract.extract.posts.lexicon import key, lexicon, word_head_lemma
from gov_extract.extract.posts.lists import (
    aside_opening,
    attach_list,
    list_after,
    may_be_plural,
    past_aside,
    past_copulas,
)
from gov_extract.extract.posts.view import View
from gov_extract.link.entities import name_gender, person_name
from gov_extract.nlp.morph import cases_of, fold, is_word, parses
from gov_extract.records import Mention, Token

# Longest clause set off by commas between a person and the verb of holding a post.
MAX_CLAUSE = 15
# Prepositions of the years a post was held (`в 1988—1998 годах`, `с 1991 по 1992
# годы`), and the most tokens such a phrase takes.
YEAR_PREPOSITIONS = frozenset({"в", "с", "по", "до"})
MAX_YEARS = 7
# Longest adverbial between a person and the verb of holding a post: `Иван Петров с
# 2015 года является депутатом`.
MAX_ADVERBIAL = 5
# Parts of speech that end the adverbial: a verb of its own, or the subject in the
# nominative.
CLAUSE_WORDS = frozenset({"VERB", "INFN", "PRTS", "PRTF", "GRND", "CONJ"})
NOMINAL_WORDS = frozenset({"NOUN", "NPRO", "ADJF"})
# Words between a post given to a person and that person's second post: `политик и
# лидер партии`, `был министром здравоохранения, а затем министром иностранных дел`;
# the comma too (`губернатор области, и мэр` are two people).
SECOND_JOINS = frozenset(
    tuple(phrase.split())
    for phrase in (
        "и", ", а также", ", а затем", ", а потом", ", а позднее", ", а позже", ", а ныне",
        ", а теперь", "а затем", "а потом", "а позднее", "а ныне", ", затем", ", потом",
        ", позднее", ", позже",
    )
)  # fmt: skip
# Words after a comma that join a second predicate to the subject before it: `…, а
# также был консулом`.
JOINING = frozenset({"а", "и", "но"})
# Possessives before a post, which say whose deputy or adviser the holder is.
POSSESSIVES = frozenset({"его", "её", "ее", "их"})
# An age between a post and its name: `89-летний`, `97-летняя`.
AGE = re.compile(r"^\d+-летн", re.IGNORECASE)


def attach(view: View, found: list[Post]) -> None:
    """Give each post its person and the name of the rule that found them
    (`Post.rule`, documented in docs/schema.md); a post in the plural goes to each
    person of the list next to it, as copies added to `found`."""
    relatives = _relatives_posts(view, found)
    for post in found:
        if may_be_plural(view, post) and len(list_after(view, post.last + 1)) > 1:
            post.groups[0].plural = True  # `главы районов А и Б`
    # `один из руководителей компании` is one person's post, for all its plural.
    single = {id(post) for post in found if one_of(view, post) is not None}
    # `выдвинул на пост главы ФБР Джеймса Коми`: an office run for is nobody's yet.
    posts = [
        post
        for post in found
        if id(post) not in relatives
        and (not post.plural or id(post) in single)
        and not _running_for(view, post.first - 1)
    ]
    for post in posts:
        start, rule = _name_start(view, post)
        person = view.per_start.get(start) or _name_set_off(view, post)
        if person is not None:
            _give(post, person, "before", rule)
    prefixed = {id(post.person) for post in posts if post.side == "before"}
    # Before the name in front: `актёры А и Б, выдающийся спортсмен и актёр В`.
    for post, following in reversed(list(pairwise(posts))):
        if (
            post.person is None
            and following.side == "before"
            and _same_person(view, post, following)
        ):
            _give(post, following.person, "before", "post.stacked")
    for number, post in enumerate(posts):
        if post.person is None:
            _attach_back(view, post, posts[number - 1] if number else None, prefixed)
    for number, post in enumerate(posts):
        if post.person is None:
            _attach_office(view, post)
        if post.person is None and number:
            # `занимает должность руководителя совета, а также заместителя председателя`
            _second_post(view, post, posts[number - 1], post.first - 1)
        if post.person is None and (described := _name_past_description(view, post)):
            _give(post, described, "before", "post.described")
    found.extend(_served_posts(view, found))
    # From the last: in `писатели и поэты А и Б` the second post finds the list first.
    for post in reversed([post for post in found if post.plural and id(post) not in single]):
        found.extend(attach_list(view, post, found))


def _served_posts(view: View, found: Sequence[Post]) -> list[Post]:
    """`пресс-секретарь президента России Владимира Путина Дмитрий Песков`: a post in
    the chain of another, right before the name of whom that one serves, is the served
    person's (`post.before_name`)."""
    served = []
    for post in found:
        if post.person is None:
            continue
        heads = {group.head for group in post.groups}
        index = post.groups[0].head + 1
        while index <= post.last:
            if index in heads or not is_head(view, index):
                index += 1
                continue
            inner = post_at(view, index, post.groups[0].head + 1)
            person = view.per_start.get(inner.last + 1)
            if person is not None and person.stop <= view.tokens[post.last].stop:
                _give(inner, person, "before", "post.before_name")
                served.append(inner)
            index = inner.last + 1
    return served


def _give(post: Post, person: Mention | None, side: str, rule: str) -> None:
    post.person, post.side, post.rule = person, side, rule


def _relatives_posts(view: View, posts: Sequence[Post]) -> set[int]:
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


def _after_relative(view: View, post: Post) -> bool:
    if "gent" not in group_cases(view, post.groups[0]):
        return False
    index = post.first - 1
    while index >= 0 and parses(view.tokens[index].text)[0].tag.POS in {"ADJF", "PRTF"}:
        index -= 1  # `дочь знаменитого писателя`
    return index >= 0 and key(view.tokens[index]) in lexicon().relatives


def _listed(view: View, previous: Post, post: Post) -> bool:
    """`писателя, актёра и режиссёра`; not `сын главы государства, помощник президента`."""
    between = [t.text.lower() for t in view.tokens[previous.last + 1 : post.first]]
    return between in ([","], ["и"]) and agree(view, previous.groups[0], post.groups[0])


def _names_the_relative(view: View, post: Post) -> bool:
    """A name right after the post that may be in the genitive, by its first name (the
    surname of `Ливия Клаусова` may be genitive, `Ливия` may not). Foreign words that
    pymorphy3 cannot decline (`Ким Чен Ына`) may be anything."""
    person = view.per_start.get(post.last + 1)
    if person is None:
        return False
    named = [word for word in name_words(view, person) if is_word(word) and len(word) > 1]
    readings = [cases_of(word, NOMINAL) for word in named]
    return not all(readings) or "gent" in readings[0]


def _name_start(view: View, post: Post) -> tuple[int, str]:
    """Where the name of a post written before it may start, and the rule that reads
    it there: right after the post (`post.before_name`), past a word of address
    (`заместителем губернатора господином Юй Цзянем`), or after a verb of holding it
    when the post is in the instrumental (`post.copula`: `капитаном стал Михаель
    Баллак`, `губернатором назначен Иван Петров`)."""
    lex = lexicon()
    tokens = view.tokens
    after = post.last + 1
    opened = post.first > 0 and tokens[post.first - 1].text in OPEN_QUOTES
    if opened and after < len(tokens) and tokens[after].text in CLOSE_QUOTES:
        after += 1  # `«король азартных игр» Стэнли Хо`: past the quote that closes the post
    # `члену ХДС (Христианско-демократический союз Германии) Томасу Шеферу`
    index = past_aside(view, _past_years(tokens, after))
    while index < len(view.tokens) and AGE.match(view.tokens[index].text):
        index += 1  # `действующий президент 89-летний Роберт Мугабе`
    if index < len(view.tokens) and key(view.tokens[index]) in lex.address:
        return index + 1, "post.before_name"
    head = view.tokens[post.groups[0].head].text
    if "ablt" not in cases_of(head, NOMINAL):
        return index, "post.before_name"
    while (
        index < len(view.tokens)
        and index - post.last <= 2
        and key(view.tokens[index]) in lex.copulas
    ):
        index += 1
    return index, "post.copula" if index > post.last + 1 else "post.before_name"


def _name_set_off(view: View, post: Post) -> Mention | None:
    """`Председатель комитета, Иван Петров, отметил`: a post that opens the sentence and
    the name set off by commas right after it, in its case."""
    tokens = view.tokens
    comma = post.last + 1
    person = view.per_start.get(comma + 1)
    if post.first != 0 or person is None or tokens[comma].text != ",":
        return None
    end = next(i for i, m in view.per_end.items() if m is person)
    if end + 1 >= len(tokens) or tokens[end + 1].text not in {",", "–", "—"}:
        return None
    named, cases = person_cases(view, person), group_cases(view, post.groups[0])
    return person if not named or named & cases else None


def _name_past_description(view: View, post: Post) -> Mention | None:
    """`британский рок-музыкант, основатель группы Talk Talk Марк Холлис`, `боксёр,
    чемпион мира 1987 года, Анджело Роттоли`: a post, then a description set off by a
    comma or dash that opens with a noun in the post's case and holds no verb, pronoun,
    post or name of its own, then the name, in the post's case too; so too after a
    verb of holding a post in the instrumental, in the nominative (`режиссёром станет
    лауреат фестиваля Анна Смирнова`)."""
    tokens = view.tokens
    start = post.last + 1
    if start >= len(tokens):
        return None
    after_verbs = past_copulas(view, post)
    if after_verbs > start:
        return _described(view, after_verbs, frozenset({"nomn"}), set_off=True)
    if tokens[start].text in {",", "–", "—"}:
        return _described(view, start + 1, group_cases(view, post.groups[0]), set_off=True)
    # Without a comma or dash the words run on from the post's chain (`по надзору в
    # сфере связи … (Роскомнадзора) Вадим Ампелонский`): then the name must show its case.
    return _described(view, start, group_cases(view, post.groups[0]), set_off=False)


def _described(view: View, start: int, cases: frozenset[str], set_off: bool) -> Mention | None:
    """The name after the description that starts at `start` (`_name_past_description`)."""
    tokens = view.tokens
    opened = not set_off
    for index in range(start, min(len(tokens), start + MAX_CLAUSE)):
        person = view.per_start.get(index)
        if person is not None:
            named = person_cases(view, person)
            if index == start or all(AGE.match(t.text) for t in tokens[start:index]):
                # `одного из боссов клана, 78-летнего Франческо Бонуру`: no description,
                # the name in the post's case
                return person if named & cases else None
            shown = bool(named & cases) or (set_off and not named)
            return person if opened and shown else None
        if index in view.in_per or index in view.named_end:
            continue  # a named body or place: `(Роскомнадзора)`
        word = tokens[index].text
        if not set_off and (
            word.lower() in {"и", "с", "со"} or _subject_like(word) or not is_word(word)
        ):
            # `Премьер-министр и мисс Саймондс`, `министр с супругой Иван Петров`: two
            # people; `в городе изобретателя памятник Ивану Петрову`: another phrase;
            # `премьера фильма «Иван Петров»`: a title; `считает эксперт, на решение
            # Петрова …`: another clause.
            return None
        if is_word(word) and word.lower() != "и":
            best = parses(word)[0].tag
            if best.POS in CLAUSE_WORDS or best.POS == "NPRO" or is_head(view, index):
                return None
            if not opened and best.POS not in {"ADJF", "NOUN"}:
                return None  # `эксперт, на решение …`: no description
            if not opened and best.POS == "NOUN":
                if not cases & cases_of(word, NOMINAL):
                    return None
                opened = True
    return None


def _subject_like(word: str) -> bool:
    """A noun that can only be in the nominative or accusative: it opens a phrase of
    its own, where a post's chain goes on in the oblique cases."""
    cases = cases_of(word, frozenset({"NOUN"}))
    return bool(cases) and cases <= {"nomn", "accs"}


def _past_years(tokens: Sequence[Token], index: int) -> int:
    """Past the years a post was held, written between it and the name: `премьер в
    1988—1998 годах Ли Пэн`, `премьер с 1991 по 1992 годы Сумана Сакко`, `мэр в 2010
    году`; else `index`."""
    if index + 1 >= len(tokens) or tokens[index].text.lower() not in YEAR_PREPOSITIONS:
        return index
    at = index + 1
    while at < min(len(tokens), index + MAX_YEARS) and (
        tokens[at].text[:1].isdigit()
        or tokens[at].text in {"-", "–", "—"}
        or tokens[at].text.lower() in YEAR_PREPOSITIONS
    ):
        at += 1
    if at == index + 1 or at >= len(tokens) or key(tokens[at]) != "год":
        return index
    return at + 1


def _attach_office(view: View, post: Post) -> None:
    """`Путин согласился занять пост премьер-министра`, `Место спикера … занял Джон Бенер`:
    a post named as an office belongs to the person of the sentence (`office_holder`)."""
    office = post.first - 1
    if office < 0 or key(view.tokens[office]) not in lexicon().offices:
        return
    person, rule = office_holder(view, office, post.last)
    if person is not None:
        _give(post, person, "office", rule)


def office_holder(view: View, office: int, last: int) -> tuple[Mention | None, str]:
    """Who holds the office named at `office` (`пост`, `должность`) by the words up to
    `last`, and the rule that says so: the person of the sentence, the nearest one
    before it, else the first after it; not one running for it (`кандидатом на пост`),
    nor one who appoints somebody else to it, named by a pronoun right before the
    office (`назначил его на должность`); `он` or `она` for the person of the sentence
    before (`Он назначен на должность заместителя главы`), as is the subject a verb of
    holding leaves out (`До этого занимал пост директора`: `_elided_subject`)."""
    if _running_for(view, office):
        return None, ""
    before = [i for i in range(office) if i in view.per_end]
    after = [view.per_start[i] for i in range(last + 1, len(view.tokens)) if i in view.per_start]
    if before and _object_pronoun(view.tokens[max(before[-1] + 1, office - 2) : office]):
        return None, ""  # `Папа назначил его на должность архиепископа`: not the Pope's post
    holder = _after_verb_of_holding(view, last + 1)
    person = holder or (view.per_end[before[-1]] if before else next(iter(after), None))
    if person is not None:
        return person, "post.office"
    pronoun = next((i for i in range(office) if _subject_pronoun(view.tokens[i])), None)
    if pronoun is not None:
        return _pronoun_subject(view, pronoun), "post.pronoun"
    verb = office - 1
    if verb >= 0 and key(view.tokens[verb]) in lexicon().copulas:
        return _elided_subject(view, verb), "post.elided"
    return None, ""


def _running_for(view: View, office: int) -> bool:
    """`кандидатом на пост главы Франции`, `выдвинул на пост`: an office at `office` that
    one runs or is put up for, by a word of `candidacy` up to two words before it."""
    tokens = view.tokens
    return (
        office >= 0
        and key(tokens[office]) in lexicon().offices
        and any(key(t) in lexicon().candidacy for t in tokens[max(office - 2, 0) : office])
    )


def _after_verb_of_holding(view: View, index: int) -> Mention | None:
    """`пост генерального директора занимал Иван Петров`: the office, a verb of holding
    it, and the name of who holds it; the person before is someone else (`До Петрова
    пост директора занимал …`)."""
    tokens = view.tokens
    if index >= len(tokens) or key(tokens[index]) not in lexicon().copulas:
        return None
    return view.per_start.get(index + 1)


def _subject_pronoun(token: Token) -> bool:
    best = parses(token.text)[0].tag
    return best.POS == "NPRO" and best.case == "nomn" and best.person == "3per"


def _pronoun_subject(view: View, index: int) -> Mention | None:
    """`Он`, `она` at `index`, standing for the subject of the sentence before
    (`_previous_subject`), in the pronoun's gender where the first name tells."""
    if not _subject_pronoun(view.tokens[index]) or view.per_start:
        return None
    tag = parses(view.tokens[index].text)[0].tag
    if tag.number != "sing":
        return None
    return _agreeing(_previous_subject(view), tag.gender)


def _agreeing(person: Mention | None, gender: str | None) -> Mention | None:
    """The person, unless the first name tells another gender than `gender`."""
    if person is None:
        return None
    name = name_gender(person_name(person.normal).first)
    return person if name is None or name == gender else None


def _elided_subject(view: View, verb: int) -> Mention | None:
    """`Иван Петров окончил университет. Был министром финансов`, `До этого занимал пост
    директора`: a verb of holding in the past singular whose subject is left out (the
    sentence names nobody, and no noun or pronoun in the nominative, unknown capitalised
    word nor comma comes before the verb) has the subject of the sentence before
    (`_previous_subject`), in the verb's gender where the first name tells. Not a verb
    of appointing: `Назначил министром Ивана Петрова` is the appointer's."""
    tokens = view.tokens
    tag = parses(tokens[verb].text)[0].tag
    if view.per_start or _appoints(tokens[verb]) or tag.number != "sing" or not tag.gender:
        return None
    if not ((tag.POS == "VERB" and tag.tense == "past") or tag.POS == "PRTS"):
        return None
    for token in tokens[:verb]:
        best = parses(token.text)[0]
        if token.text == "," or (best.tag.case == "nomn" and best.tag.POS in {"NOUN", "NPRO"}):
            return None
        if token.text[:1].isupper() and not best.is_known:
            return None  # a name the NER model missed: `Акихито занимал пост …`
    return _agreeing(_previous_subject(view), tag.gender)


def _previous_subject(view: View) -> Mention | None:
    """The subject a sentence leaves out: the one person the sentence before names who
    may be in the nominative; after a sentence that names nobody so, the person the
    release has named most often so far (`Иван Петров родился в Москве. Окончил МГУ.
    Был министром …`), when no other is named as often."""
    earlier = [m for m in view.doc.mentions if m.type == "PER" and m.sent_idx < view.index]
    named = {m.normal: m for m in earlier if m.sent_idx == view.index - 1 and _may_be_subject(m)}
    if named:
        return next(iter(named.values())) if len(named) == 1 else None
    counts = Counter(person_name(m.normal).last for m in earlier)
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return next(m for m in reversed(earlier) if person_name(m.normal).last == ranked[0][0])


def _may_be_subject(person: Mention) -> bool:
    """A name that may be in the nominative (or that nothing declines)."""
    cases = name_cases([w for w in person.text.split() if is_word(w)])
    return not cases or "nomn" in cases


def _before_clause(view: View, comma: int) -> Mention | None:
    """The person before a clause set off by commas that ends at `comma` and names
    nobody: `Иван Петров, ранее возглавлявший комитет, назначен министром`."""
    tokens = view.tokens
    start = max(comma - MAX_CLAUSE, 0)
    opening = next((i for i in range(comma - 1, start, -1) if tokens[i].text == ","), None)
    if opening is None or any(i in view.in_per for i in range(opening + 1, comma)):
        return None
    return view.per_end.get(opening - 1)


def _object_pronoun(tokens: Sequence[Token]) -> bool:
    return any(
        p.tag.POS == "NPRO" and p.tag.case == "accs" for t in tokens for p in parses(t.text)[:1]
    )


def _same_person(view: View, post: Post, following: Post) -> bool:
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
    португальский парламентарий Хуан Суареш`; a verb of holding may join them, both in
    the nominative: `врио руководителя был сотрудник аппарата Игорь Олейник`.
    """
    tokens = view.tokens
    place_adjectives = lexicon().adjectives
    between = [
        t.text.lower()
        for t in tokens[post.last + 1 : following.first]
        if key(t) not in place_adjectives
    ]
    if between in ([], ["и"]):
        return agree(view, post.groups[0], following.groups[0])
    if all(key(t) in lexicon().copulas for t in tokens[post.last + 1 : following.first]):
        # `врио руководителя был сотрудник аппарата Игорь Олейник`: both in the
        # nominative; `заместителем министра назначен директор департамента Иван
        # Петров`: the first in the instrumental.
        first, second = (group_cases(view, p.groups[0]) for p in (post, following))
        return ("nomn" in first or "ablt" in first or not first) and (
            "nomn" in second or not second
        )
    if between != [","]:
        return False
    # A comma after a name opens the next item of a list of posts and names; a comma
    # after a post goes on with the posts of one name: `доктор наук, профессор, ректор
    # университета Иван Петров`.
    opens_item = (
        post.first > 1
        and tokens[post.first - 1].text == ","
        and _name_ending(view, post.first - 2) is not None
    )
    return not opens_item and bool(
        _head_cases(tokens[post.groups[0].head]) & _head_cases(tokens[following.groups[0].head])
    )


def _head_cases(token: Token) -> frozenset[str]:
    return frozenset(p.tag.case for p in parses(token.text) if p.tag.POS == "NOUN" and p.tag.case)


def _attach_back(view: View, post: Post, previous: Post | None, prefixed: set[int]) -> None:
    """`Дмитрий Овсянников, губернатор Севастополя`; `Иванов назначен министром`.

    A person who already has a post before their name is in a list of posts and
    names; the post after them then starts the next item and is not theirs.
    """
    lex = lexicon()
    tokens = view.tokens
    # `Амано был профессиональным дипломатом`, `Элвис Вейс, брюссельский дизайнер`:
    # adjectives of the post before it.
    post_cases = group_cases(view, post.groups[0])
    before = (one_of(view, post) or post.first) - 1
    while (
        before > post.first - 3
        and before > 0
        and (
            _adjective_in(tokens[before].text, post_cases)
            or tokens[before].text.lower() in POSSESSIVES
        )
    ):
        before -= 1  # `является его заместителем`
    if before < 0:
        return
    if _second_post(view, post, previous, before):
        return
    if tokens[before].text in lex.after_person:
        person = _name_ending(view, before - 1)
        rule = "post.after_name"
        if person is None:
            person, rule = _before_apposition(view, post, before), "post.apposition"
        # A person with a post before the name is an item of a list of posts and
        # names, and the post after them opens the next item: unless no name follows.
        last_item = not any(i in view.per_start for i in range(post.last + 1, len(view.tokens)))
        if person is not None and (id(person) not in prefixed or last_item):
            _give(post, person, "after", rule)
        elif (
            previous is not None
            and previous.side == "after"
            and (previous.last == before - 1 or _description(view, previous.last + 2, before, post))
        ):
            # `Иван Петров, директор завода, член совета`; past a description: `…,
            # выдающийся художник, гуманист, один из самых известных композиторов`
            _give(post, previous.person, "after", "post.second")
        return
    before = _past_adverbial_back(view, before, post_cases)
    verbs = before
    while verbs >= 0 and before - verbs < 2 and key(tokens[verbs]) in lex.copulas:
        verbs -= 1
    if any(_appoints(token) for token in tokens[verbs + 1 : before + 1]):
        return
    person = view.per_end.get(verbs)
    if person is None and verbs < before:
        person = (
            _subject_past_adverbial(view, verbs)
            or _shared_subject(view, verbs + 1)
            or _relative_antecedent(view, verbs)
        )
    if person is None and verbs < before:
        # `Иван Петров, ранее возглавлявший комитет, назначен министром`; `Он назначен
        # министром` after a sentence that names him; `Был министром`, its subject left out.
        if _participle_of_holding(tokens[verbs + 1]):
            # `Иван Петров, являющийся министром`, `…, ранее работавший директором`
            comma = verbs
            while comma > 0 and parses(tokens[comma].text)[0].tag.POS == "ADVB":
                comma -= 1
            if comma > 0 and tokens[comma].text == ",":
                holder = _before_clause(view, comma) or _name_ending(view, comma - 1)
                _give(post, holder, "after", "post.copula")
                return
        if verbs >= 0 and tokens[verbs].text == ",":
            _give(post, _before_clause(view, verbs), "after", "post.copula")
            return
        # `Он является депутатом …, также является членом комитета`
        pronoun = next((i for i in range(verbs + 1) if _subject_pronoun(tokens[i])), None)
        if pronoun is not None:
            _give(post, _pronoun_subject(view, pronoun), "after", "post.pronoun")
        elif "ablt" in post_cases:
            _give(post, _elided_subject(view, verbs + 1), "after", "post.elided")
        return
    if person is None:
        return
    if verbs < before:
        _give(post, person, "after", "post.copula")
    elif _signs(view, post, prefixed):
        _give(post, person, "after", "post.signature")
    elif _named_as(view, post, person):
        _give(post, person, "after", "post.appointment")


def _shared_subject(view: View, verb: int) -> Mention | None:
    """`Иван Петров учился в Томске и уже в юности работал консультантом`: the subject
    of a verb of holding is the name earlier in the sentence that may be in the
    nominative, in the verb's gender, when nothing between them is a subject of its
    own (a noun or pronoun in the nominative outside a named body or place, another
    name) or opens a clause (`который`, `что`, a comma unless `а`, `и`, `но` follow
    it: `…, а также был консулом`)."""
    tokens = view.tokens
    tag = parses(tokens[verb].text)[0].tag
    if tag.POS != "VERB":
        return None
    for i in range(verb - 1, -1, -1):
        person = view.per_end.get(i)
        if person is not None:
            if not _may_be_subject(person):
                return None
            return _agreeing(person, tag.gender) if tag.gender else person
        if i in view.in_per or (tokens[i].text == "," and key(tokens[i + 1]) not in JOINING):
            return None
        best = parses(tokens[i].text)[0].tag
        if best.POS in {"CONJ", "NPRO"} and tokens[i].text.lower() not in {"и", "а"}:
            return None
        if i not in view.named_end and best.case == "nomn" and best.POS in NOMINAL_WORDS:
            return None
    return None


def _past_adverbial_back(view: View, before: int, post_cases: frozenset[str]) -> int:
    """`стал в 2010 году министром`, `работает в компании менеджером`, `работал сначала
    инженером`: before a post in the instrumental, an adverb or a phrase opened by a
    preposition right after a verb of holding; the index of that verb, else `before`."""
    tokens = view.tokens
    if "ablt" not in post_cases:
        return before
    for index in range(before, max(before - MAX_ADVERBIAL, 0), -1):
        if key(tokens[index]) in lexicon().copulas:
            return index
        if index in view.in_per or not (
            is_word(tokens[index].text) or tokens[index].text.isdigit()
        ):
            return before
        if parses(tokens[index].text)[0].tag.POS in CLAUSE_WORDS:
            return before
    return before


def _participle_of_holding(token: Token) -> bool:
    """`являющийся`, `работавший`, `назначенный`: a participle of a verb of holding."""
    best = parses(token.text)[0]
    return best.tag.POS in {"PRTF", "PRTS"} and fold(best.normal_form) in lexicon().copulas


def _relative_antecedent(view: View, index: int) -> Mention | None:
    """`Анна Смирнова, которая является министром`: the name before `, который` (in
    the nominative, at `index`), in its gender where the first name tells."""
    if index < 2 or view.tokens[index - 1].text != ",":
        return None
    tag = parses(view.tokens[index].text)[0]
    if fold(tag.normal_form) != "который" or tag.tag.case != "nomn" or tag.tag.number != "sing":
        return None
    return _agreeing(_name_ending(view, index - 2), tag.tag.gender)


def _subject_past_adverbial(view: View, index: int) -> Mention | None:
    """`Иван Петров в 2012 году был назначен министром`, `Петрова с 2015 года является
    депутатом`: the name before an adverbial that ends at `index`, when the adverbial
    names nobody and holds no verb, comma or word in the nominative (which would be the
    subject), and the name may be in the nominative."""
    tokens = view.tokens
    for i in range(index, max(index - MAX_ADVERBIAL, -1), -1):
        person = view.per_end.get(i)
        if person is not None:
            cases = person_cases(view, person)
            return person if not cases or "nomn" in cases else None
        if i in view.in_per or i in view.named_end:
            return None
        if tokens[i].text[:1].isdigit():
            continue  # `в 2012 году`, `с 1990-х`
        if not is_word(tokens[i].text):
            return None
        tag = parses(tokens[i].text)[0].tag
        if tag.POS in CLAUSE_WORDS or (tag.case == "nomn" and tag.POS in NOMINAL_WORDS):
            return None
    return None


def _second_post(view: View, post: Post, previous: Post | None, before: int) -> bool:
    """`Гергей Ковач - политик и лидер партии`, `был министром здравоохранения, а затем
    министром иностранных дел`: a post joined to the post before it by a word of
    `SECOND_JOINS` (that ends at `before`) is the same person's second post, when the
    name of that person is not between them."""
    if previous is None or previous.person is None or previous.side not in {"after", "office"}:
        return False
    words = tuple(t.text.lower() for t in view.tokens[previous.last + 1 : before + 1])
    if words not in SECOND_JOINS:
        return False
    _give(post, previous.person, "after", "post.second")
    return True


def _name_ending(view: View, index: int) -> Mention | None:
    """The person whose name ends at `index`, or before an aside in brackets that ends
    there: `Томас Шефер (Thomas Schäfer), министр финансов`."""
    person = view.per_end.get(index)
    opening = aside_opening(view, index)
    if person is None and opening < index:
        person = view.per_end.get(opening - 1)
    return person


def _adjective_in(word: str, cases: frozenset[str]) -> bool:
    """An adjective that may be in one of `cases`: `коммерческим` is read first as the
    dative plural, yet before `директором` it is the instrumental singular."""
    readings = parses(word)
    return readings[0].tag.POS == "ADJF" and any(
        p.tag.POS == "ADJF" and p.tag.case in cases for p in readings
    )


def _appoints(token: Token) -> bool:
    """`назначил`, `избрал`: the subject of a verb of appointing in the active singular
    appoints; `назначен`, `избрали` (nobody named) leave the name before as the holder."""
    best = parses(token.text)[0]
    return (
        best.tag.POS == "VERB"
        and best.tag.number == "sing"
        and fold(best.normal_form) in lexicon().appointing
    )


def _named_as(view: View, post: Post, person: Mention) -> bool:
    """`назначил Ивана Петрова министром финансов`, `назначение Джона Смита послом`: a
    post in the instrumental right after a name in the accusative (or the genitive,
    after a noun of appointing) says what that person was made or called. Not after
    an indeclinable name, which may be anything: `в случае избрания Гачечиладзе
    премьер-министром страны станет …`."""
    post_cases = group_cases(view, post.groups[0])
    name_cases = person_cases(view, person)
    return (
        "ablt" in post_cases
        and "nomn" not in post_cases
        and bool(name_cases & {"accs", "gent"})
        and "ablt" not in name_cases
    )


def _before_apposition(view: View, post: Post, comma: int) -> Mention | None:
    """`Александра Брода, известного борца с ксенофобией, члена Общественной палаты`:
    the person before a description set off by commas (or opened by a dash: `Иван
    Петров — известный учёный, член академии`), when the description agrees in case
    with the post and holds no verb, name or post of its own."""
    tokens = view.tokens
    opening = next((i for i in range(comma - 1, 0, -1) if tokens[i].text in {",", "–", "—"}), None)
    if opening is None or not _description(view, opening + 1, comma, post):
        return None
    return view.per_end.get(opening - 1)


def _description(view: View, start: int, stop: int, post: Post) -> bool:
    """The tokens from `start` to `stop` describe someone, as an apposition before
    `post`: no verb, name, named body or post of its own, the first word in a case of
    the post's head."""
    tokens = view.tokens
    words = tokens[start:stop]
    if not words or any(i in view.in_per or i in view.named_end for i in range(start, stop)):
        return False
    if any(parses(t.text)[0].tag.POS in {"VERB", "INFN", "PRTS", "GRND"} for t in words):
        return False
    if any(word_head_lemma(t.text) in lexicon().heads for t in words):
        return False  # a post of its own: the list rules above decide
    # `…, гуманист, один из самых известных композиторов`: the case of `один`
    one = one_of(view, post)
    cases = cases_of(tokens[one].text, NOMINAL) if one is not None else None
    cases = cases or _head_cases(tokens[post.groups[0].head])
    return bool(cases & cases_of(words[0].text, NOMINAL))


def _signs(view: View, post: Post, prefixed: set[int]) -> bool:
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
