"""When an event happened or will happen: the time its sentence states for it,
resolved against the publication date, else the date of the dated event it belongs to
(`context`), else the publication date.

Of the times a sentence states (`extract.when`), the event's is the one the dependency
tree hangs nearest above its trigger, up to the first noun: `договорились о проведении
в 2023 году семинара` dates the seminar, not the agreement; `пригласил вчера посетить
Калугу в сентябре` dates the visit by September. A time that gives no date (`в
ближайшее время`, `осенью`), or a month or year that holds the publication date for an
event that happened (`вторая поездка в этом году`), leaves the publication date and
takes no earlier event's. `накануне` counts from the day told before it in the
sentence, else from the event just before or the one the release's lead tells of, else
from publication.
"""

from __future__ import annotations

import re
from datetime import date as Date

from spacy.tokens import Token

from gov_extract.extract.events.arguments import Context
from gov_extract.extract.events.frames import lexicon
from gov_extract.extract.events.merging import MAX_MERGE_DISTANCE
from gov_extract.extract.when import CALENDAR_WORDS, DAY, Stated, find_dates, full_date
from gov_extract.records import Event

# Relations by which a time below the trigger still dates it: a relative clause
# (`встреча, которая пройдёт 23 июля`) or a verb the trigger completes.
_DOWN = frozenset({"acl", "acl:relcl", "xcomp"})
# Context dates come from these, and pass on to the events that belong to them.
_DATED = frozenset({"text", "context"})
_PRECISION_RANK = {DAY: 0, "month": 1, "year": 2, None: 3}
_NOMINAL = frozenset({"NOUN", "PROPN", "PRON"})
# Lines that may open a release before its body: a rubric, the headline, a subtitle.
MAX_HEADLINES = 3
_CALENDAR = re.compile(CALENDAR_WORDS, re.IGNORECASE)
# What a visit or meeting goes to: `посетить форум`, `участвовать в форуме`.
_GOES_TO = frozenset({"obj", "obl"})
# A year dates a tally (`в прошлом году регион посетили …`) more often than a trip that
# the next sentences tell of: it does not pass on.
_CONTEXT_PRECISION = frozenset({DAY, "month"})


def _planned_in_past(token: Token) -> bool:
    """`планировал посетить`: a plan made in the past. A participle says how things
    stand (`встреча назначена на вторник`): the plan holds, the day is ahead."""
    planned = lexicon().planned
    return any(
        a.lemma_ in planned
        and "Past" in a.morph.get("Tense")
        and "Part" not in a.morph.get("VerbForm")
        for a in token.ancestors
    )


def date(context: Context, event: Event, sentence: str, token: Token) -> None:
    published = context.doc.published_at
    # A release without a date of its own may carry one in its headline (`Итоги
    # заседания (12 декабря 2017 года)`): it gives the year of the days its sentences
    # name, though no date to the events they name none for.
    reference = published.date() if published else full_date(_headlines(context.doc.text))
    if reference is None:
        return
    direction = {"planned": True, "asserted": False}.get(event.modality)
    if event.modality == "planned" and _planned_in_past(token):
        # `Ранее … планировал 18 апреля посетить`: a plan made before publication
        # may have been for a day on either side of it.
        direction = None
    stated = find_dates(sentence, reference, future=direction)
    if published is None:
        # Only what the calendar names: `вчера` counts from a publication there is not.
        stated = [s for s in stated if _CALENDAR.search(sentence, s.start, s.stop)]
    own = _own(context, stated, token)
    # `вторая поездка в этом году`: a period up to publication counts the event among
    # others and says no more of its day than publication does.
    counted = event.modality == "asserted" and own is not None and _holds(own, reference)
    if own is not None and own.date is not None and not counted:
        own = own.counted_from(_anchor(context, event, stated, own) or reference)
        event.date, event.date_source, event.date_precision = own.date, "text", own.precision
        return
    if published is not None:
        event.date, event.date_source, event.date_precision = published.date(), "published", DAY
    if own is not None or any(s.date is None for s in stated):
        # The sentence's own time gives no day (`в ближайшие дни … посетить Орск, где
        # проведёт заседание`): an earlier event's is not it.
        return
    # `В ходе поездки министр встретился …`: what happens during a dated event
    # shares its date.
    for earlier in reversed(context.previous):
        near = context.sent_idx - earlier.sent_idx <= MAX_MERGE_DISTANCE
        if (
            near
            and earlier.date_source in _DATED
            and earlier.date_precision in _CONTEXT_PRECISION
            and earlier.modality == event.modality
        ):
            event.date, event.date_source = earlier.date, "context"
            event.date_precision = earlier.date_precision
            return


def _headlines(text: str) -> str:
    """The lines that open a release before its first sentence that ends: the
    headline, and the rubric or subtitle around it."""
    opening = []
    for line in text.split("\n")[:MAX_HEADLINES]:
        if line.rstrip().endswith((".", "!", "?", "…", ":")):
            break
        opening.append(line)
    return "\n".join(opening)


def _holds(stated: Stated, day: Date) -> bool:
    """Whether a month or year stated holds the day."""
    if stated.date is None or stated.precision == DAY:
        return False
    month = stated.precision != "month" or stated.date.month == day.month
    return stated.date.year == day.year and month


def _own(context: Context, stated: list[Stated], trigger: Token) -> Stated | None:
    """The stated time that dates the trigger: the one hung nearest above it, the
    most precise of equals, and of days the one told in numbers (`в пятницу, 13
    ноября`: the 13th, whichever Friday is nearer publication)."""
    text = context.doc.text
    start = context.doc.sentences[context.sent_idx].start
    ranked = []
    for item in stated:
        distance = _distance(context, item, trigger)
        if distance is None:
            # `в понедельник, 16 ноября`: a date set beside another hangs on it.
            host = next((o for o in stated if o is not item and _hangs_on(context, item, o)), None)
            distance = _distance(context, host, trigger) if host is not None else None
        if distance is not None:
            words = text[start + item.start : start + item.stop]
            numbered = not any(c.isdigit() for c in words)
            ranked.append((distance, _PRECISION_RANK[item.precision], numbered, item.start, item))
    return min(ranked, key=lambda r: r[:4])[4] if ranked else None


def _distance(context: Context, item: Stated, trigger: Token) -> int | None:
    """Steps in the tree from the trigger to the word the time hangs on: up through
    its heads, or down through relative clauses; None when it hangs elsewhere."""
    attach = _attach(context, item)
    if attach is None:
        return 0  # no tree for it: as the sentence states it
    up = _above(trigger)
    if attach in up:
        return up.index(attach)
    steps, node = 0, attach
    while node.i != trigger.i:
        if _coming(node, trigger):
            return steps + 2
        if node.dep_ not in _DOWN or node.head.i == node.i:
            return None
        node, steps = node.head, steps + 1
    return steps


def _coming(clause: Token, trigger: Token) -> bool:
    """`посетить форум, который пройдёт 10 декабря`: what a visit still to come goes to
    is dated by its own clause in the future; not so for a visit that was (`посетил
    площадку, где пройдёт форум`)."""
    place = clause.head
    return (
        clause.dep_ in _DOWN
        and "Fut" in clause.morph.get("Tense")
        and place.dep_ in _GOES_TO
        # `пригласил … посетить форум`: the parser may hang the forum on the invitation.
        and place.head in _above(trigger)
        and "Past" not in trigger.morph.get("Tense")
    )


def _above(trigger: Token) -> list[Token]:
    """The trigger and its heads up to the first noun: a time above `о планах
    посетить` (`вчера мог узнать о планах губернатора посетить`) dates the learning of
    the plan, not the visit."""
    up = [trigger]
    for head in trigger.ancestors:
        up.append(head)
        if head.pos_ in _NOMINAL:
            break
    return up


def _hangs_on(context: Context, item: Stated, other: Stated) -> bool:
    attach = _attach(context, item)
    return attach is not None and attach.i in _indices(context, other)


def _attach(context: Context, item: Stated) -> Token | None:
    """The word outside the time's span that the time hangs on."""
    inside = _indices(context, item)
    if not inside or inside[-1] >= len(context.sdoc):
        return None
    span = set(inside)
    head = next(
        (context.sdoc[i] for i in inside if context.sdoc[i].head.i not in span),
        context.sdoc[inside[0]],
    )
    if head.dep_ == "case":
        head = head.head  # `накануне подписания`: the eve hangs where the signing does
    return head.head if head.head.i != head.i else head


def _indices(context: Context, item: Stated) -> list[int]:
    sentence = context.doc.sentences[context.sent_idx]
    start, stop = sentence.start + item.start, sentence.start + item.stop
    return [i for i, t in enumerate(sentence.tokens) if start <= t.start < stop]


def _anchor(context: Context, event: Event, stated: list[Stated], own: Stated) -> Date | None:
    """The day `накануне` counts from: a day stated before it in the sentence, else
    that of the event just before, else that of the release's own event told in its
    lead (of events that happened, for one that happened)."""
    if own.shift is None:
        return None
    before = [s for s in stated if s.stop <= own.start and s.precision == DAY and s.shift is None]
    if before:
        return before[-1].date
    dated = [
        e
        for e in context.previous
        if e.date_source in _DATED and e.date_precision == DAY and e.modality == event.modality
    ]
    near = [e for e in dated if context.sent_idx - e.sent_idx <= MAX_MERGE_DISTANCE]
    lead = [e for e in dated if e.sent_idx <= MAX_MERGE_DISTANCE]
    return near[-1].date if near else lead[0].date if lead else None
