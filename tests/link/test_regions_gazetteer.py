"""The gazetteer as a whole: every federal subject's names and capital resolve in every
case form, and every code is ISO's or documented as the project's own."""

import re

import pytest
from conftest import ROOT

from gov_extract.lexicons import load
from gov_extract.link.regions import places_in
from gov_extract.nlp.morph import analyzer

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
GAZETTEER = load("gazetteer")
SUBJECTS = GAZETTEER["subjects"]


def _declined(name: str, case: str) -> str:
    """The name in `case` as a release writes it: the words pymorphy3 reads as
    nominative nouns or adjectives take the case (and the number they have), the rest
    stay (`Марий Эл`); a hyphenated word declines as pymorphy3 reads it (`Нарьян-Мара`)."""
    words = []
    for word in re.split(r"(\s+)", name):
        parse = next(
            (
                p
                for p in analyzer().parse(word)
                if p.tag.case == "nomn" and p.tag.POS in ("NOUN", "ADJF")
            ),
            None,
        )
        form = parse.inflect({case}) if parse is not None and word.strip() else None
        if form is None:
            words.append(word)
            continue
        parts = form.word.split("-")
        if len(parts) != len(word.split("-")):
            parts = [form.word]
        # The capitals of the name as written: `Кабардино-Балкарской`, `Нарьян-Мара`.
        words.append(
            "-".join(
                p.capitalize() if o[:1].isupper() else p
                for p, o in zip(parts, word.split("-"), strict=False)
            )
        )
    return "".join(words)


def _forms(subject: dict) -> list[str]:
    names = [*subject["names"], *filter(None, [subject.get("capital")])]
    return [_declined(name, case) for name in names for case in CASES]


@pytest.mark.parametrize("subject", SUBJECTS, ids=[s["code"] for s in SUBJECTS])
def test_every_subject_resolves_in_every_case_form(subject: dict) -> None:
    code = subject["code"]
    for form in _forms(subject):
        found = places_in(form, "LOC")
        assert any(region == code for region, _ in found), (form, found)
    # In a body's name too: `Правительство Тульской области`, `Администрация города Тулы`.
    bodies = [f"Правительство {_declined(name, 'gent')}" for name in subject["names"]]
    if subject.get("capital"):
        bodies.append(f"Администрация города {_declined(subject['capital'], 'gent')}")
    for body in bodies:
        found = places_in(body, "ORG")
        assert any(region == code for region, _ in found), (body, found)


def test_adjectives_resolve_in_every_form() -> None:
    for subject in SUBJECTS:
        for adjective in subject.get("adjectives", ()):
            for parse in analyzer().parse(adjective)[:1]:
                for case in CASES:
                    for gender in ("masc", "femn", "neut"):
                        form = parse.inflect({case, gender})
                        text = f"{form.word.capitalize()} совет"
                        found = places_in(text, "ORG")
                        assert (subject["code"], "RU") in found, (text, found)


def test_the_codes_are_iso_or_documented() -> None:
    """ISO 3166-2:RU and ISO 3166-1 alpha-2 where pycountry is at hand to check them;
    every code of the project's own (RU-P-…, RU-FD-…) is documented in docs/schema.md."""
    documented = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    own = [s["code"] for s in SUBJECTS if s["code"].startswith("RU-P-")]
    own += [d["code"] for d in GAZETTEER["districts"]]
    assert own and all(f"`{code}`" in documented for code in own)
    pycountry = pytest.importorskip("pycountry")
    iso = {s.code for s in pycountry.subdivisions.get(country_code="RU")}
    assert {s["code"] for s in SUBJECTS if s["code"] not in own} == iso
    countries = {c.alpha_2 for c in pycountry.countries}
    assert {c["code"] for c in GAZETTEER["countries"]} <= countries
