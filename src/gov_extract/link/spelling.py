"""One person written two ways in one release is one name.

Releases misspell a name once (`Михаил Сааакашвили` beside two `Михаил Саакашвили`)
or decline a foreign first name two ways (`Сулимы Ямадаева` beside `Сулима
Ямадаева`), and the nominative we infer from an oblique case is a guess the release
may contradict (`Раймонда Паулса` reads as `Раймонд Паулс`; the same release writes
`Раймон Паулс`). Left alone, each spelling is an entity of its own, and linking
across releases cannot mend it: it compares names by their keys only.

So, inside one document, two full names are one person when one edit (a letter
added, dropped, changed or two swapped) turns one into the other in the first name,
with the same surname and no first names of two genders (`Александр`/`Александра
Шевчук` are two people), or in the surname, with the same first name, where the
rarer spelling occurs once: a typo is a one-off, a namesake is named again. Every
mention of the person then takes one normal form: the one the release writes in the
nominative (evidence beats our inference), else the most frequent, else the first.
Short words are left alone: in `Ли Цян` beside `Ли Цзян` one letter is a whole syllable.
"""

from __future__ import annotations

from collections import Counter
from itertools import combinations

from gov_extract.link.entities import name_gender, name_key, person_name
from gov_extract.records import Doc, PersonName

# Words shorter than this are never taken for misspellings of one another.
MIN_LETTERS = 5


def settle_spellings(doc: Doc) -> None:
    """Give the mentions of one person, named in full two ways, one normal form."""
    people = [m for m in doc.mentions if m.type == "PER"]
    # Forms in the order of their first use: a group is named by its first form.
    names = {m.normal: person_name(m.normal) for m in people}
    full = [form for form, name in names.items() if name.is_full]
    if len(full) < 2:
        return
    surnames = Counter(names[m.normal].surname for m in people)
    group = {form: form for form in full}
    for one, other in combinations(full, 2):
        if _same_person(names[one], names[other], surnames):
            _join(group, one, other)
    members: dict[str, list[str]] = {}
    for form in full:
        members.setdefault(_root(group, form), []).append(form)
    uses = Counter(m.normal for m in people)
    written = {m.normal for m in people if name_key(m.text) == name_key(m.normal)}
    for forms in members.values():
        if len(forms) < 2:
            continue
        # `max` keeps the first of equals, and `forms` are in the order of first use.
        best = max(forms, key=lambda form: (form in written, uses[form]))
        for mention in people:
            if mention.normal in forms:
                mention.normal = best


def _same_person(one: PersonName, other: PersonName, surnames: Counter[str]) -> bool:
    if one.middle and other.middle and name_key(one.middle) != name_key(other.middle):
        return False
    first_one, first_other = name_key(one.first or ""), name_key(other.first or "")
    if one.surname == other.surname:
        genders = {name_gender(one.first), name_gender(other.first)}
        return _one_edit_apart(first_one, first_other) and not {"masc", "femn"} <= genders
    if first_one != first_other or not _one_edit_apart(one.surname, other.surname):
        return False
    return min(surnames[one.surname], surnames[other.surname]) == 1


def _one_edit_apart(one: str, other: str) -> bool:
    """Whether one letter added, dropped or changed, or two neighbours swapped, turns
    one word into the other (and both are long enough to tell a misspelling)."""
    if one == other or min(len(one), len(other)) < MIN_LETTERS:
        return False
    if len(one) > len(other):
        one, other = other, one
    start = next((i for i, (a, b) in enumerate(zip(one, other, strict=False)) if a != b), len(one))
    if len(one) < len(other):
        return len(other) - len(one) == 1 and one[start:] == other[start + 1 :]
    swapped = one[start : start + 2] == other[start : start + 2][::-1]
    return one[start + 1 :] == other[start + 1 :] or (
        swapped and one[start + 2 :] == other[start + 2 :]
    )


def _root(group: dict[str, str], form: str) -> str:
    while group[form] != form:
        form = group[form]
    return form


def _join(group: dict[str, str], one: str, other: str) -> None:
    order = list(group)  # the order of first use
    first, second = sorted((_root(group, one), _root(group, other)), key=order.index)
    group[second] = first
