"""Mentions of one event (headline and body, `стороны обсудили` after `встретился`)
merged into one event, and when two participants are one.
"""

from __future__ import annotations

import re

from gov_extract.extract.events.frames import lexicon
from gov_extract.nlp.morph import lemma
from gov_extract.records import Event, Participant

MAX_MERGE_DISTANCE = 3  # sentences between two mentions of one event


def same_participant(a: Participant, b: Participant) -> bool:
    """One side of one event, whatever role a second mention gives it: `Делегация
    Самарской области находится с визитом …` after a headline that made the region
    the destination keeps it the visitor it was first."""
    return _key(a) == _key(b)


def _key(participant: Participant) -> str:
    # Not `morph.fold`: names keep their quotes as written, and `«X»` and `"X"` have
    # been two participants.
    name = participant.name.lower().replace("ё", "е")
    # A person named in full and by surname alone is one participant.
    return name.split()[-1][:5] if participant.type == "PER" and name else name


def _same_side(a: Participant, b: Participant) -> bool:
    """Whether two mentions of events name the same side, the later often more fully
    (`Росатом` and `Госкорпорация «Росатом»`, `правительство Чукотского АО` and
    `правительство Чукотского автономного округа`): a body or place whose words all
    recur in the other's name, an abbreviation standing for the words it is made of,
    if they are two or more or a proper name."""
    if _key(a) == _key(b):
        return True
    if a.type == "PER" or b.type == "PER":
        return False
    if {a.type, b.type} == {"LOC", "ORG"}:
        # A body named after a place (`рабочая группа … Орловской области`,
        # `Правительство Самарской области`) is a side of its own, not the place.
        return False
    small, large = sorted((_words(a), _words(b)), key=len)
    if not small:
        return False
    inside = set(_lemmas(large))
    rest = [word for word in small if lemma(word) not in inside]
    if any(not _abbreviates(word, large) for word in rest):
        return False
    return len(small) > 1 or small[0][:1].isupper()


def _words(participant: Participant) -> list[str]:
    return re.findall(r"\w+", participant.name)


def _lemmas(words: list[str]) -> list[str]:
    return [lemma(word) for word in words]


def _abbreviates(word: str, words: list[str]) -> bool:
    """`АО` in `автономного округа`: an all-capital word spelt by the initials of
    consecutive words of the other name."""
    if len(word) < 2 or not word.isupper():
        return False
    initials = "".join(w[0] for w in words).lower()
    return word.lower() in initials


def merge(events: list[Event]) -> list[Event]:
    """One event per real-world event: a later mention that shares a participant
    (or names none: `стороны обсудили`) enriches the earlier one."""
    merged: list[Event] = []
    # The sentence of each merged event's latest mention: distances count from there.
    latest: dict[int, int] = {}
    # The trigger words of each merged event's mentions: `В переговорах также приняли
    # участие …` joins the event told as `переговоры`, not the last meeting.
    words: dict[int, set[str]] = {}
    for event in events:
        candidates = [m for m in reversed(merged) if _same_event(m, event, latest[id(m)])]
        lemma_ = _trigger_lemma(event)
        target = next((m for m in candidates if lemma_ in words[id(m)]), None)
        target = target or next(iter(candidates), None)
        if target is not None:
            words[id(target)].add(lemma_)
        if target is None:
            # A trigger with no named side is no event: `встреча выпускников` in a
            # list of plans, `Соглашением от 12.03.2019 № 45`, `Визиты` in a menu;
            # nor is a list of who else took part where nothing was told before.
            if joins_other(event):
                continue
            if any(_named(p) for p in event.participants):
                merged.append(event)
                latest[id(event)] = event.sent_idx
                words[id(event)] = {lemma_}
            continue
        latest[id(target)] = event.sent_idx
        for participant in event.participants:
            if not _guests(event, participant, target):
                _add(target, participant)
        target.topic = target.topic or event.topic
        target.location = target.location or event.location
        target.location_name = target.location_name or event.location_name
        finer = _PRECISION.get(event.date_precision, 0) > _PRECISION.get(target.date_precision, 0)
        if event.date_source == "text" and (target.date_source != "text" or finer):
            target.date, target.date_source = event.date, event.date_source
            target.date_precision = event.date_precision
    return merged


def _named(participant: Participant) -> bool:
    """A side named by a mention, or a body by its own noun phrase (`заседание
    межгосударственной комиссии`, `arguments._body`); not an unnamed group (`жители`)
    nor a site alone (`Посетим завод`)."""
    if participant.mention is not None:
        return True
    bodies = lexicon().bodies
    return participant.type == "ORG" and any(lemma(w) in bodies for w in _words(participant))


def _same_event(first: Event, later: Event, last: int) -> bool:
    """Whether `later` mentions `first` again, whose latest mention is in sentence
    `last`."""
    near = later.sent_idx - last <= MAX_MERGE_DISTANCE
    # The headline (sentence 0) may name the event the whole release is about, but
    # not one far below on a date of its own (`Ранее, 3 апреля, …`).
    other_date = later.date_source == "text" and _other_time(first, later)
    if _told_again(first, later) and not other_date:
        return True
    if not near and (first.sent_idx != 0 or other_date):
        return False
    if not later.participants or later.rule.endswith("+joined"):
        # `стороны обсудили` after any event; `Встреча состоялась в Кремле`, `Во встрече
        # также участвовали …` right after a meeting.
        same = later.rule.endswith("+anaphoric") or (near and first.type == later.type)
        return same and first.modality == later.modality
    if first.type != later.type or first.modality != later.modality:
        return False
    if first.date_source == later.date_source == "text" and _other_time(first, later):
        return False
    shared = any(_same_side(p, q) for p in later.participants for q in first.participants)
    if shared and first.sent_idx == last == 0:
        # The headline's event and the first body mention of its kind: the lead tells
        # the headline's event again, naming its sides more precisely (`в Минск` for
        # `в Белоруссию`, a province's government for `Китай`).
        return True
    # `прилетел во Владивосток … В аэропорту его встретили X и Y`, `Встречали высоких
    # гостей глава района и его заместители`: the hosts of the visit just told, its
    # visitor named again or only as guests.
    guests = [p for p in later.participants if p.role == "visitor"]
    unnamed = bool(guests) and all(p.type == "GROUP" for p in guests)
    hostless = not any(p.role == "host" for p in first.participants)
    if _receives(later) and hostless and (shared or unnamed):
        return True
    if shared:
        return not _other_side(first, later)
    # A headline names the release's event in fewer words, often without the
    # second side's name, or by another name of it (`Китай` for a province): the same
    # trigger word in the lead is that event.
    return first.sent_idx == 0 and _trigger_lemma(first) == _trigger_lemma(later)


# The roles that tell one event of a person's from another: whom or where they
# visited, whom they met, with whom they agreed; the doer alone tells nothing.
_SIDES = {"visit": ("host", "destination"), "meeting": ("participant",), "agreement": ("party",)}


_PRECISION = {"year": 1, "month": 2, "day": 3}


def _other_time(first: Event, later: Event) -> bool:
    """Whether two dates cannot be one event's: `в апреле` and `15 апреля` can."""
    if first.date is None or later.date is None:
        return first.date != later.date
    coarse = min(
        (first.date_precision, later.date_precision), key=lambda p: _PRECISION.get(p or "day", 3)
    )
    if coarse == "year":
        return first.date.year != later.date.year
    if coarse == "month":
        return (first.date.year, first.date.month) != (later.date.year, later.date.month)
    return first.date != later.date


def _told_again(first: Event, later: Event) -> bool:
    """`Руководители субъектов обсудили …` of the governors' meeting, however far below:
    a mention of the same kind whose sides were all taken from before, all the first's."""
    return (
        first.type == later.type
        and first.modality == later.modality
        and bool(later.participants)
        and all(p.via == "implicit" for p in later.participants)
        and all(any(_same_side(p, q) for q in first.participants) for p in later.participants)
    )


def _add(event: Event, participant: Participant) -> None:
    """A participant of a later mention joins the event, unless it names a side the
    event has: by the same name, or as a body or place named more fully in one of them
    (`Росатом`, `Госкорпорация «Росатом»`), which then keeps the fuller name."""
    for index, known in enumerate(event.participants):
        if same_participant(participant, known):
            return
        if known.type == participant.type and _same_side(participant, known):
            if len(_words(participant)) > len(_words(known)):
                participant.role = known.role
                event.participants[index] = participant
            return
    event.participants.append(participant)


def _guests(later: Event, participant: Participant, first: Event) -> bool:
    """`Встречали высоких гостей глава района …`: the guests someone received are the
    visitors the visit already names, not a group of its own."""
    return (
        _receives(later)
        and participant.role == "visitor"
        and participant.type == "GROUP"
        and any(p.role == "visitor" for p in first.participants)
    )


def _receives(event: Event) -> bool:
    frame = lexicon().frames.get(event.rule.split("+")[0])
    return frame is not None and frame.receives


def joins_other(event: Event) -> bool:
    """Whether the event only adds people to another (`visit.members`), so that it has
    no sides of its own."""
    frame = lexicon().frames.get(event.rule.split("+")[0])
    return frame is not None and frame.joins


def _other_side(first: Event, later: Event) -> bool:
    """`посетил район … Затем посетил школу`, `встретился с министром … Затем
    встретился с жителями`: the same doer, another event, since the later one names a
    side the first, which named its own, does not have."""
    roles = _SIDES[first.type]
    sides = [p for p in first.participants if p.role in roles]
    doers = [p for p in later.participants if p.role not in roles]
    new = [
        p
        for p in later.participants
        if p.role in roles and not any(_same_side(p, q) for q in [*sides, *doers])
    ]
    if first.type == "meeting":
        # A meeting's sides are all `participant`: the ones both mentions share are the
        # doers; the first must have named someone else too.
        unshared = [q for q in sides if not any(_same_side(p, q) for p in later.participants)]
        return bool(new) and bool(unshared)
    return bool(new) and bool(sides)


def _trigger_lemma(event: Event) -> str:
    return " ".join(lemma(word) for word in event.trigger.split())
