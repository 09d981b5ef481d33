"""Scorers on tiny synthetic gold documents; readers on the shared corpora when present."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from conftest import SHARED
from gov_extract_eval.gold import (
    GoldArg,
    GoldDoc,
    GoldEvent,
    GoldMention,
    GoldOccupation,
    GoldWorksAs,
    read_factrueval,
    read_nerel,
)
from gov_extract_eval.scoring import (
    PredOccupation,
    Score,
    best_matching,
    score_meetings,
    score_ner,
    score_occupations,
    score_works_as,
)

CORPORA = SHARED / "corpora"


# ---------------------------------------------------------------- helpers


def at(text: str, phrase: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return start, start + len(phrase)


def mention(
    text: str, kind: str, phrase: str, names: str | None = None, nth: int = 0
) -> GoldMention:
    """A gold mention of ``phrase`` whose weighted (name) part is ``names``."""
    start, end = at(text, phrase, nth)
    name_start = start + phrase.index(names) if names is not None else start
    name_end = name_start + len(names) if names is not None else end
    return GoldMention(
        kind,
        start,
        end,
        frozenset(range(start, end)),
        frozenset(range(name_start, name_end)) if names != "" else frozenset(),
    )


def arg(text: str, *phrases: str) -> GoldArg:
    return GoldArg(" | ".join(phrases), tuple(at(text, p) for p in phrases))


def close(value: float, expected: float) -> bool:
    return abs(value - expected) < 1e-9


# ---------------------------------------------------------------- Score, matching


def test_score_ratios() -> None:
    score = Score(tp=1.5, n_pred=3, n_gold=2)
    assert close(score.precision, 0.5)
    assert close(score.recall, 0.75)
    assert close(score.f1, 0.6)
    assert Score().f1 == 0.0


def test_score_add_keeps_types() -> None:
    score = Score()
    score.add(1.0, 1, 1, "PER")
    score.add(0.0, 1, 0, "ORG")
    assert (score.tp, score.n_pred, score.n_gold) == (1.0, 2, 1)
    assert score.by_type["ORG"].n_pred == 1


def test_best_matching_is_optimal_not_greedy() -> None:
    # Greedy would take (0, 0) = 0.6 and block the better 0.5 + 0.5.
    weights = {(0, 0): 0.6, (0, 1): 0.5, (1, 0): 0.5}
    assert best_matching(weights) == [(0, 1), (1, 0)]


def test_best_matching_ignores_zero_weights() -> None:
    assert best_matching({(0, 0): 0.0}) == []


# ---------------------------------------------------------------- NER, exact

TEXT = "Мэр Москвы Сергей Собянин посетил мэрии Москвы и «Газпром», заявил он."


def doc_with(*mentions: GoldMention, text: str = TEXT) -> GoldDoc:
    return GoldDoc("d1", text, tuple(mentions))


def test_exact_counts_per_type() -> None:
    doc = doc_with(mention(TEXT, "PER", "Сергей Собянин"), mention(TEXT, "LOC", "Москвы"))
    preds = {"d1": [("PER", *at(TEXT, "Сергей Собянин")), ("ORG", *at(TEXT, "Москвы"))]}
    score = score_ner([doc], preds, mode="exact")
    assert (score.tp, score.n_pred, score.n_gold) == (1, 2, 2)
    assert score.by_type["PER"].f1 == 1.0
    assert score.by_type["LOC"].recall == 0.0
    assert score.by_type["ORG"].precision == 0.0


def test_exact_needs_both_boundaries() -> None:
    doc = doc_with(mention(TEXT, "PER", "Сергей Собянин"))
    score = score_ner([doc], {"d1": [("PER", *at(TEXT, "Собянин"))]}, mode="exact")
    assert score.tp == 0


def test_unknown_mode_fails() -> None:
    with pytest.raises(ValueError):
        score_ner([], {}, mode="fuzzy")


# ---------------------------------------------------------------- NER, factRuEval style


def official(doc: GoldDoc, *preds: tuple[str, str] | tuple[str, str, int]) -> Score:
    spans = [(p[0], *at(doc.text, p[1], p[2] if len(p) > 2 else 0)) for p in preds]
    return score_ner([doc], {doc.doc_id: spans})


def test_official_exact_hit() -> None:
    doc = doc_with(mention(TEXT, "PER", "Сергей Собянин"))
    score = official(doc, ("PER", "Сергей Собянин"))
    assert (score.tp, score.n_pred, score.n_gold) == (1.0, 1, 1)


def test_official_partial_overlap_gets_token_share() -> None:
    doc = doc_with(mention(TEXT, "PER", "Сергей Собянин"))
    assert close(official(doc, ("PER", "Собянин")).tp, 0.5)
    # An extra predicted token costs as much as a missed one.
    assert close(official(doc, ("PER", "Сергей Собянин посетил")).tp, 2 / 3)


def test_official_descriptor_is_free() -> None:
    doc = doc_with(mention(TEXT, "ORG", "мэрии Москвы", names="Москвы"))
    assert official(doc, ("ORG", "Москвы", 1)).tp == 1.0
    assert official(doc, ("ORG", "мэрии Москвы")).tp == 1.0


def test_official_type_must_agree() -> None:
    doc = doc_with(mention(TEXT, "PER", "Сергей Собянин"))
    score = official(doc, ("ORG", "Сергей Собянин"))
    assert (score.tp, score.n_pred, score.n_gold) == (0.0, 1, 1)
    assert score.by_type["ORG"].n_pred == 1
    assert score.by_type["PER"].n_gold == 1


def test_official_one_to_one() -> None:
    doc = doc_with(mention(TEXT, "PER", "Сергей Собянин"))
    score = official(doc, ("PER", "Сергей"), ("PER", "Собянин"))
    assert close(score.tp, 0.5)
    assert score.n_pred == 2


def test_official_embedded_gold_is_ignored() -> None:
    doc = doc_with(
        mention(TEXT, "ORG", "мэрии Москвы", names="Москвы"),
        mention(TEXT, "LOC", "Москвы", nth=1),
    )
    both_found = official(doc, ("ORG", "мэрии Москвы"))
    assert (both_found.tp, both_found.n_pred, both_found.n_gold) == (1.0, 1, 1)
    # A prediction paired with the ignored inner LOC is no false positive either.
    inner_only = official(doc, ("LOC", "Москвы", 1))
    assert (inner_only.tp, inner_only.n_pred, inner_only.n_gold) == (0.0, 0, 1)


def test_official_unnamed_gold_is_ignored() -> None:
    doc = doc_with(mention(TEXT, "ORG", "мэрии", names=""))
    score = official(doc)
    assert score.n_gold == 0


def test_official_sibling_keeps_only_the_org() -> None:
    # "Москва заявила": an Org and a LocOrg (LOC) on the very same tokens.
    doc = doc_with(mention(TEXT, "ORG", "Газпром"), mention(TEXT, "LOC", "Газпром"))
    missed = official(doc)
    assert (missed.n_gold, missed.by_type["ORG"].n_gold) == (1, 1)
    found = official(doc, ("ORG", "Газпром"))
    assert (found.tp, found.n_pred, found.n_gold) == (1.0, 1, 1)


def test_official_same_type_siblings_count_once() -> None:
    doc = doc_with(mention(TEXT, "ORG", "Газпром"), mention(TEXT, "ORG", "Газпром"))
    score = official(doc, ("ORG", "Газпром"))
    assert (score.tp, score.n_pred, score.n_gold) == (1.0, 1, 1)


def test_official_glued_quotes_do_not_count() -> None:
    doc = doc_with(mention(TEXT, "ORG", "Газпром"))
    assert official(doc, ("ORG", "«Газпром»")).tp == 1.0
    assert official(doc, ("ORG", "«Газпром»,")).tp == 1.0


def test_official_missing_predictions_count_as_empty() -> None:
    doc = doc_with(mention(TEXT, "PER", "Сергей Собянин"))
    score = score_ner([doc], {})
    assert (score.n_pred, score.n_gold) == (0, 1)


def test_official_uses_gold_tokens_when_given() -> None:
    # With a gold tokenisation in which "Ростов-на-Дону" is one token, a prediction
    # of its first part covers no whole token and earns nothing.
    text = "Ростов-на-Дону"
    gold = GoldMention("LOC", 0, 14, frozenset(range(14)), frozenset(range(14)))
    doc = GoldDoc("d1", text, (gold,), tokens=((0, 14),))
    assert score_ner([doc], {"d1": [("LOC", 0, 6)]}).tp == 0.0
    assert score_ner([doc], {"d1": [("LOC", 0, 14)]}).tp == 1.0


# ---------------------------------------------------------------- occupations

OCC_TEXT = "Министр иностранных дел России Сергей Лавров встретился с Лавровым."


def occ_doc(position: bool = True, where: bool = True) -> GoldDoc:
    t = OCC_TEXT
    occupation = GoldOccupation(
        "1-0",
        arg(t, "Сергей Лавров", "Лавровым"),
        arg(t, "Министр иностранных дел", "Министр") if position else None,
        arg(t, "России") if where else None,
    )
    return GoldDoc("d1", t, (), occupations=(occupation,))


def pred_occ(
    person: str = "Лавров", position: str = "Министр", where: str | None = "России"
) -> PredOccupation:
    return PredOccupation(
        at(OCC_TEXT, person), at(OCC_TEXT, position), at(OCC_TEXT, where) if where else None
    )


def test_occupation_full_match() -> None:
    score = score_occupations([occ_doc()], {"d1": [pred_occ()]})
    assert (score.tp, score.n_pred, score.n_gold) == (1.0, 1, 1)


def test_occupation_any_coreferent_mention_is_the_person() -> None:
    score = score_occupations([occ_doc()], {"d1": [pred_occ(person="Лавровым")]})
    assert score.tp == 1.0


def test_occupation_missing_where_gets_partial_credit() -> None:
    score = score_occupations([occ_doc()], {"d1": [pred_occ(where=None)]})
    assert close(score.tp, 2 / 3)


def test_occupation_wrong_where_gets_partial_credit() -> None:
    score = score_occupations([occ_doc()], {"d1": [pred_occ(where="дел")]})
    assert close(score.tp, 2 / 4)


def test_occupation_needs_the_person() -> None:
    score = score_occupations([occ_doc()], {"d1": [pred_occ(person="встретился")]})
    assert (score.tp, score.n_pred, score.n_gold) == (0.0, 1, 1)


def test_occupation_gold_without_position() -> None:
    score = score_occupations([occ_doc(position=False)], {"d1": [pred_occ()]})
    assert close(score.tp, 2 / 3)


def test_occupation_duplicates_are_false_positives() -> None:
    score = score_occupations([occ_doc()], {"d1": [pred_occ(), pred_occ()]})
    assert (score.tp, score.n_pred) == (1.0, 2)


# ---------------------------------------------------------------- WORKS_AS


def test_works_as_needs_both_ends() -> None:
    t = OCC_TEXT
    doc = GoldDoc("d1", t, (), works_as=(GoldWorksAs(arg(t, "Сергей Лавров"), arg(t, "Министр")),))
    right = PredOccupation(at(t, "Лавров"), at(t, "Министр иностранных дел"))
    wrong = PredOccupation(at(t, "Лавров"), at(t, "России"))
    score = score_works_as([doc], {"d1": [right, wrong]})
    assert (score.tp, score.n_pred, score.n_gold) == (1.0, 2, 1)


# ---------------------------------------------------------------- meetings

MEET_TEXT = "Барак Обама встретился с Николя Саркози. Обама и Медведев говорили."


def meet_doc() -> GoldDoc:
    t = MEET_TEXT
    meeting = GoldEvent(
        "1-0", "Meeting", (arg(t, "Барак Обама", "Обама и"), arg(t, "Николя Саркози"))
    )
    return GoldDoc("d1", t, (), meetings=(meeting,))


def meet(*phrases: str) -> list[tuple[int, int]]:
    return [at(MEET_TEXT, p) for p in phrases]


def test_meeting_full_match() -> None:
    score = score_meetings([meet_doc()], {"d1": [meet("Обама", "Саркози")]})
    assert (score.tp, score.n_pred, score.n_gold) == (1.0, 1, 1)


def test_meeting_partial_with_stray_participant() -> None:
    score = score_meetings([meet_doc()], {"d1": [meet("Обама", "Медведев")]})
    assert close(score.tp, 1 / 3)


def test_meeting_repeated_participant_costs_nothing() -> None:
    score = score_meetings([meet_doc()], {"d1": [meet("Барак", "Обама и", "Саркози")]})
    assert score.tp == 1.0


def test_meeting_without_known_participant_does_not_match() -> None:
    score = score_meetings([meet_doc()], {"d1": [meet("Медведев")]})
    assert (score.tp, score.n_pred, score.n_gold) == (0.0, 1, 1)


# ---------------------------------------------------------------- readers (synthetic)


def test_factru_reader_handles_bom(tmp_path: Path) -> None:
    text = "Глава МИД Сергей Лавров"
    base = tmp_path / "book_1"
    base.with_suffix(".txt").write_text("\ufeff" + text, encoding="utf-8")
    tokens = [(i, *at(text, w)) for i, w in enumerate(["Глава", "МИД", "Сергей", "Лавров"])]
    base.with_suffix(".tokens").write_text(
        "".join(f"{i} {a} {b - a} {text[a:b]}\n" for i, a, b in tokens), encoding="utf-8"
    )
    base.with_suffix(".spans").write_text(
        "10 org_name 6 3 1 1  # 1 МИД\n11 name 10 6 2 1  # 2 Сергей\n"
        "12 surname 17 6 3 1  # 3 Лавров\n13 job 0 5 0 1  # 0 Глава\n",
        encoding="utf-8",
    )
    base.with_suffix(".objects").write_text(
        "20 Org 10 # МИД\n21 Person 11 12 # Сергей Лавров\n", encoding="utf-8"
    )
    base.with_suffix(".coref").write_text(
        "1 20\nname МИД\n\n2 21\nfirstname Сергей\nlastname Лавров\n", encoding="utf-8"
    )
    base.with_suffix(".facts").write_text(
        "1-0 Occupation\nWho obj2 Лавров Сергей\nPosition span13 глава\nWhere obj1 МИД\n",
        encoding="utf-8",
    )
    (doc,) = read_factrueval(tmp_path)
    assert doc.text == text
    person = next(m for m in doc.mentions if m.type == "PER")
    assert text[person.start : person.end] == "Сергей Лавров"
    (occupation,) = doc.occupations
    assert occupation.who.text == "Лавров Сергей"
    assert occupation.position is not None
    assert [text[a:b] for a, b in occupation.position.spans] == ["Глава"]


# ---------------------------------------------------------------- readers (corpora)


@pytest.fixture(scope="module")
def factru() -> list[GoldDoc]:
    root = CORPORA / "factRuEval-2016"
    if not root.is_dir():
        pytest.skip("factRuEval-2016 corpus is absent")
    return read_factrueval(root)


@pytest.fixture(scope="module")
def nerel_dev() -> list[GoldDoc]:
    root = CORPORA / "NEREL-v1.1"
    if not root.is_dir():
        pytest.skip("NEREL-v1.1 corpus is absent")
    return read_nerel(root, "dev")


def test_factru_counts(factru: list[GoldDoc]) -> None:
    assert len(factru) == 122
    assert len({d.doc_id for d in factru}) == 122
    types = Counter(m.type for d in factru for m in d.mentions)
    assert types == {"PER": 741, "ORG": 787, "LOC": 1082}  # LocOrg counted as LOC
    assert sum(len(d.occupations) for d in factru) == 211
    assert sum(len(d.meetings) for d in factru) == 5


def test_factru_mentions_sit_on_tokens(factru: list[GoldDoc]) -> None:
    for doc in factru:
        starts = {a for a, _ in doc.tokens}
        ends = {b for _, b in doc.tokens}
        for m in doc.mentions:
            assert m.name_chars <= m.chars
            assert m.start == min(m.chars) and m.end == max(m.chars) + 1
            assert m.start in starts and m.end in ends, (doc.doc_id, m)
            # The union of spans reads as the text when the gaps are dropped.
            picked = "".join(doc.text[c] for c in sorted(m.chars))
            assert picked.strip() == picked and picked


def test_factru_known_document(factru: list[GoldDoc]) -> None:
    doc = next(d for d in factru if d.doc_id == "book_100")
    persons = {doc.text[m.start : m.end] for m in doc.mentions if m.type == "PER"}
    assert "Юрия Лужкова" in persons
    first = next(o for o in doc.occupations if o.fact_id == "100-0")
    assert first.who.text == "Лужков Юрий"
    assert {doc.text[a:b] for a, b in first.who.spans} >= {"Юрия", "Лужкова"}
    assert first.position is not None
    assert [doc.text[a:b] for a, b in first.position.spans] == ["мэра"]
    assert first.where is not None and "Москва" in first.where.text


def test_factru_fact_spans_read_as_their_text(factru: list[GoldDoc]) -> None:
    def squash(s: str) -> str:
        return "".join(s.lower().replace("ё", "е").split())

    for doc in factru:
        for o in doc.occupations:
            assert o.who.spans
            if o.position is not None:
                for a, b in o.position.spans:
                    assert squash(doc.text[a:b]) in squash(o.position.text)
        for meeting in doc.meetings:
            assert len(meeting.participants) >= 2
            assert all(p.spans for p in meeting.participants)


def test_nerel_dev(nerel_dev: list[GoldDoc]) -> None:
    assert len(nerel_dev) == 94
    assert {m.type for d in nerel_dev for m in d.mentions} == {"PER", "ORG", "LOC"}
    for doc in nerel_dev:
        for m in doc.mentions:
            picked = "".join(doc.text[c] for c in sorted(m.chars))
            assert picked and picked.strip() == picked
        for w in doc.works_as:
            for a in (w.person, w.profession):
                assert " ".join(doc.text[s:e] for s, e in a.spans) == a.text
    assert sum(len(d.works_as) for d in nerel_dev) == 475
