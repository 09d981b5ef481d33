"""The path language of `models/events.toml` (`nsubj`, `obl:с`, `^`, `~nmod:между`,
`subject`, node names, a lemma filter `obl:с(участие)`, a guard `!obj`): checking a path when the rules
load, and following it from a trigger in a parsed sentence.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from gov_extract.extract.events.frames import lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Token

MAX_CLIMB = 3  # heads climbed to find who does what an infinitive says

# Universal Dependencies relations, and the subtypes Natasha's parser writes.
RELATIONS = frozenset(
    {
        "acl",
        "advcl",
        "advmod",
        "amod",
        "appos",
        "aux",
        "case",
        "cc",
        "ccomp",
        "clf",
        "compound",
        "conj",
        "cop",
        "csubj",
        "dep",
        "det",
        "discourse",
        "dislocated",
        "expl",
        "fixed",
        "flat",
        "goeswith",
        "iobj",
        "list",
        "mark",
        "nmod",
        "nsubj",
        "nummod",
        "obj",
        "obl",
        "orphan",
        "parataxis",
        "punct",
        "reparandum",
        "root",
        "vocative",
        "xcomp",
    }
)
SUBTYPES = frozenset(
    {
        "acl:relcl",
        "aux:pass",
        "csubj:pass",
        "flat:foreign",
        "flat:name",
        "nmod:poss",
        "nsubj:pass",
        "nummod:entity",
        "nummod:gov",
        "obl:agent",
        "obl:tmod",
    }
)
# Russian prepositions, as the parser's `case` children are lemmatised: a path's
# Cyrillic subtype names one of them.
PREPOSITIONS = frozenset(
    {
        "без",
        "безо",
        "благодаря",
        "близ",
        "в",
        "вблизи",
        "ввиду",
        "вдоль",
        "вместо",
        "вне",
        "внутри",
        "внутрь",
        "во",
        "возле",
        "вокруг",
        "вопреки",
        "вслед",
        "вследствие",
        "для",
        "до",
        "за",
        "из",
        "изо",
        "из-за",
        "из-под",
        "к",
        "ко",
        "кроме",
        "между",
        "меж",
        "мимо",
        "на",
        "над",
        "надо",
        "накануне",
        "напротив",
        "насчет",
        "насчёт",
        "о",
        "об",
        "обо",
        "около",
        "от",
        "ото",
        "перед",
        "передо",
        "по",
        "под",
        "подо",
        "помимо",
        "после",
        "посредством",
        "превыше",
        "пред",
        "при",
        "про",
        "против",
        "путем",
        "путём",
        "ради",
        "с",
        "сверх",
        "свыше",
        "сквозь",
        "со",
        "согласно",
        "среди",
        "у",
        "через",
    }
)
SUBJECT = "subject"
# `!obj/obl:в`: go on only where the step after `!` leads nowhere (the `в`-phrase is a
# destination only when nothing was visited by name: `посетил больницу в селе` puts the
# village in the event's location).
GUARD = "!"


def split_filter(step: str) -> tuple[str, frozenset[str]]:
    """`nmod:с(участие|председательство)` → the step and the lemmas its tokens must
    have: `с участием X`, not `с губернатором`."""
    bare, _, rest = step.partition("(")
    if not rest:
        return step, frozenset()
    return bare, frozenset(rest.removesuffix(")").split("|"))


def problem(path: str, nodes: Sequence[str] = ()) -> str | None:
    """What is wrong with a path, or None; `nodes` are the names of the frame's
    `dependency` pattern, which a path may go to."""
    if not path:
        return "an empty path"
    for written in path.split("/"):
        step, lemmas = split_filter(written)
        if "(" in written and (not written.endswith(")") or not all(lemmas)):
            return f'unknown step "{written}": a lemma filter is `(lemma|lemma)` at its end'
        if step in nodes:
            continue
        bare = step.removeprefix(GUARD).removeprefix("^")
        if not bare:
            if step == "^":
                continue
            return "an empty step (two `/` in a row, or one at an end)"
        if bare == SUBJECT:
            continue
        relation, colon, subtype = bare.removeprefix("~").partition(":")
        if relation not in RELATIONS:
            known = f", nor a node of the pattern ({', '.join(nodes)})" if nodes else ""
            return (
                f'unknown step "{step}": "{relation}" is no dependency relation'
                f" (nsubj, obj, obl, nmod, …), nor `{SUBJECT}`{known}"
            )
        if colon and not subtype:
            return f'unknown step "{step}": nothing after ":"'
        if subtype and not subtype.isascii() and subtype not in PREPOSITIONS:
            return f'unknown preposition "{subtype}" in step "{step}"'
        if subtype.isascii() and subtype and f"{relation}:{subtype}" not in SUBTYPES:
            return (
                f'unknown relation "{relation}:{subtype}" in step "{step}"'
                f" (subtypes: {', '.join(sorted(SUBTYPES))})"
            )
    return None


def follow(
    sdoc: SpacyDoc,
    trigger: int,
    path: Sequence[str],
    nodes: dict[str, int],
    head: frozenset[str] = frozenset(),
) -> list[int]:
    """The tokens the path leads to from the trigger; `head`, when given, the lemmas a
    `^` step may climb to."""
    current = [trigger]
    for written in path:
        step, lemmas = split_filter(written)
        if step in nodes:
            current = [nodes[step]]
        elif step.startswith(GUARD):
            current = [i for i in current if not _step(sdoc, [i], step[1:], head)]
        else:
            current = _step(sdoc, current, step, head)
        if lemmas:
            current = [i for i in current if sdoc[i].lemma_ in lemmas]
    return current


def _step(sdoc: SpacyDoc, current: list[int], step: str, head: frozenset[str]) -> list[int]:
    if step.startswith("^"):
        heads = [sdoc[i].head for i in current if sdoc[i].head.i != i]
        if head:
            heads = [h for h in heads if h.lemma_ in head]
        current = [h.i for h in heads]
        step = step[1:]
        if not step:
            return current
    if step == SUBJECT:
        return [s for i in current for s in _subject(sdoc[i])]
    return [c.i for i in current for c in _children(sdoc[i], step)]


def _children(token: Token, step: str) -> Iterable[Token]:
    if step == "obj":
        yield from _subjects_and_objects(token)[1]
        return
    if step.startswith("~"):
        # Anywhere below: `между`-phrases hang wherever the parser put them
        # (`соглашение о сотрудничестве … между X и Y`).
        yield from (t for t in token.subtree if t != token and _related(t, step[1:]))
        return
    yield from (child for child in token.children if _related(child, step))


def _related(token: Token, step: str) -> bool:
    """Whether the token stands in the step's relation to its head: `nmod`, a
    subtype `nsubj:pass`, or a preposition `obl:с`."""
    relation, _, preposition = step.partition(":")
    if token.dep_.split(":")[0] != relation:
        return False
    cases = [c for c in token.children if c.dep_ == "case" and not _heads_after(c)]
    has_case = bool(cases)
    # A preposition is written in Cyrillic; relation subtypes are Latin.
    if preposition and not preposition.isascii():
        return preposition in [c.lemma_ for c in cases]
    if preposition:
        return token.dep_ == step
    # A bare `nmod` is a genitive (`визит губернатора`), not a prepositional phrase.
    return not has_case


def _heads_after(case: Token) -> bool:
    """`делегации во главе с губернатором`: the parser may hang `во главе` on the group
    as its preposition; the words that name a group's head (`heads_after`) are none of
    the group's, so `делегации` stays the genitive it is, not a `в`-phrase."""
    words = (case.text.lower(), *(c.text.lower() for c in case.children if c.dep_ == "fixed"))
    # `во` alone is the preposition of `во Владивосток`, not a head's phrase begun.
    return len(words) > 1 and any(phrase[: len(words)] == words for phrase in lexicon().heads_after)


def _subjects_and_objects(token: Token) -> tuple[list[Token], list[Token]]:
    """The verb's subjects and objects. Where nominative and accusative look alike
    (`Делегация … посетила Правительство Москвы`) the parser may call both nouns
    subjects; in that case the one after the verb is its object."""
    subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubj:pass")]
    objects = [c for c in token.children if c.dep_ == "obj"]
    before = [c for c in subjects if c.i < token.i]
    after = [c for c in subjects if c.i > token.i]
    if before and after and not objects:
        return before, after
    return subjects, objects


def _subject(token: Token) -> list[int]:
    """The doer: the subject, or for an infinitive the subject (or, after an inviting
    verb, the object) of the verb that governs it, or the noun a participle describes."""
    if token.dep_ == "acl" and "Part" in token.morph.get("VerbForm"):
        # `Мишустин, отправившийся в Минск`; a participle agrees with its noun in case,
        # so one that does not was hung on the wrong noun.
        cases = (token.morph.get("Case"), token.head.morph.get("Case"))
        return [token.head.i] if not all(cases) or cases[0] == cases[1] else []
    subjects = [c.i for c in _subjects_and_objects(token)[0]]
    if subjects and token.dep_ == "acl:relcl" and token.doc[subjects[0]].lemma_ == "который":
        # `Миллер и Озерец, которые … встречаются`: the relative stands for its antecedent.
        return [token.head.i]
    if subjects:
        return subjects
    current = token
    for _ in range(MAX_CLIMB):
        if current.head.i == current.i:
            break
        current = current.head
        if current.lemma_ in lexicon().object_control:
            # `пригласил коллег`, `поручил замам`
            return [c.i for c in current.children if c.dep_ in ("obj", "iobj")]
        found = [c.i for c in _subjects_and_objects(current)[0]]
        if found:
            return found
    return []
