"""`make eval`: the extractor scored on the gold corpora, beside bare Natasha NER.

Both systems run in the same process on the same texts, so the comparison holds
on any machine. Corpora that are absent are skipped, never faked. Held out, never
tuned on: NEREL train (NER and WORKS_AS, with `held_out`) and the held-out part of
the real releases (real_releases.py says which documents).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from gov_extract.engines import one_blas_thread
from gov_extract.extract.posts.lexicon import lexicon as post_lexicon
from gov_extract.extract.posts.places import heads_the_state, implied_place, unnamed_body
from gov_extract.link.entities import link
from gov_extract.nlp.annotate import Annotator
from gov_extract.pipeline import BATCH_SIZE
from gov_extract.records import Doc, Position
from gov_extract_eval.event_scoring import GOLD_EVENTS, read_examples
from gov_extract_eval.event_scoring import predict as predict_events
from gov_extract_eval.event_scoring import score as score_events
from gov_extract_eval.gold import DEFAULT_CORPORA, GoldDoc, read_factrueval, read_nerel
from gov_extract_eval.names import person_normal_forms
from gov_extract_eval.progress import Advance, Steps, quiet
from gov_extract_eval.real_releases import evaluate_real_releases
from gov_extract_eval.report import Report, Row
from gov_extract_eval.scoring import (
    PredOccupation,
    Score,
    score_meetings,
    score_ner,
    score_occupations,
    score_works_as,
)

Mentions = dict[str, list[tuple[str, int, int]]]


def evaluate(
    corpora: Path = DEFAULT_CORPORA, held_out: bool = False, steps: Steps | None = None
) -> Report:
    """Every corpus found under `corpora`; NEREL train only with `held_out` (it is
    eight times the rest). Nothing here is tuned on NEREL train or on the held-out
    part of the real releases (see real_releases.py)."""
    steps = steps or quiet()
    report = Report()
    # One BLAS thread, as a run's worker has: on a busy machine threads fighting over
    # the cores made the annotation 4 to 9 times slower (NEREL dev, 2 cores).
    with one_blas_thread():
        _evaluate(corpora, held_out, steps, report)
    report.seconds = dict(steps.seconds)
    return report


def _evaluate(corpora: Path, held_out: bool, steps: Steps, report: Report) -> None:
    with steps.step("loading the models"):
        annotator = Annotator()
    factru = corpora / "factRuEval-2016" / "devset"
    nerel = corpora / "NEREL-v1.1"
    sets = [
        ("factRuEval-2016 dev", factru, lambda: read_factrueval(factru), "factrueval"),
        ("NEREL dev", nerel / "dev", lambda: read_nerel(nerel, "dev"), "exact"),
    ]
    if held_out:
        train = (
            "NEREL train, held out",
            nerel / "train",
            lambda: read_nerel(nerel, "train"),
            "exact",
        )
        sets.append(train)
    for name, path, load, mode in sets:
        if not path.exists():
            report.notes.append(f"{name}: {path} is absent, skipped")
            continue
        with steps.step(f"{name}: reading the gold"):
            golds = load()
        _score_gold(report, steps, name, golds, mode, annotator, path)
    _own_events(report, steps, annotator)
    real = corpora / "real-releases"
    if real.is_dir():
        evaluate_real_releases(real, report, steps)
    else:
        report.notes.append(f"real releases: {real} is absent, skipped")


def _score_gold(
    report: Report,
    steps: Steps,
    name: str,
    golds: list[GoldDoc],
    mode: str,
    annotator: Annotator,
    folder: Path,
) -> None:
    with steps.step(f"{name}: gov-extract on {len(golds)} documents", len(golds)) as advance:
        docs = annotate(golds, annotator, advance)
    with steps.step(f"{name}: bare Natasha NER"):
        natasha = bare_natasha(golds)
    with steps.step(f"{name}: scoring"):
        _score_both(report, name, golds, docs, natasha, mode)
    if mode == "factrueval":
        # Persons' names against the name parts of the .coref files: first name and
        # surname of the entity each gold person's mentions were linked to.
        names = person_normal_forms(golds, docs, folder)
        report.add(Row.share(name, "person normal forms", "gov-extract", names.score))


def _score_both(
    report: Report, name: str, golds: list[GoldDoc], docs: list[Doc], natasha: Mentions, mode: str
) -> None:
    ours = {d.doc_id: [(m.type, m.start, m.stop) for m in d.mentions] for d in docs}
    for system, predicted in (("gov-extract", ours), ("natasha", natasha)):
        score = score_ner(golds, predicted, mode=mode)
        report.add(Row.of(name, "NER", system, score))
        for type in ("PER", "ORG", "LOC"):
            report.add(Row.of(name, f"NER {type}", system, score.by_type.get(type, Score())))
    # Posts: bare Natasha has no counterpart, so only gov-extract is scored.
    posts = occupations(docs, per_fact=mode == "factrueval")
    if mode == "factrueval":
        report.add(Row.of(name, "Occupation", "gov-extract", score_occupations(golds, posts)))
        report.add(Row.of(name, "Meeting", "gov-extract", score_meetings(golds, meetings(docs))))
    else:
        report.add(Row.of(name, "WORKS_AS", "gov-extract", score_works_as(golds, posts)))


def _own_events(report: Report, steps: Steps, annotator: Annotator) -> None:
    """The project's annotated examples of events (tests/data/events_gold.jsonl)."""
    if not GOLD_EVENTS.exists():
        report.notes.append(f"own event examples: {GOLD_EVENTS} is absent, skipped")
        return
    examples = read_examples(GOLD_EVENTS)
    corpus = f"own events ({len(examples)} examples)"
    with steps.step(f"{corpus}: gov-extract"):
        scores = score_events(examples, predict_events(examples, annotator))
    report.add(Row.of(corpus, "event", "gov-extract", scores.events))
    for type, by_type in sorted(scores.events.by_type.items()):
        report.add(Row.of(corpus, f"event {type}", "gov-extract", by_type))
    report.add(Row.of(corpus, "arguments with roles", "gov-extract", scores.args_with_roles))
    report.add(Row.of(corpus, "arguments, no roles", "gov-extract", scores.args_without_roles))
    report.add(Row.share(corpus, "modality accuracy", "gov-extract", scores.modality))
    report.add(Row.share(corpus, "date accuracy", "gov-extract", scores.date))


def meetings(docs: Sequence[Doc]) -> dict[str, list[list[tuple[int, int]]]]:
    """Meetings as factRuEval scores them: the offsets of their named participants."""
    found: dict[str, list[list[tuple[int, int]]]] = {}
    for doc in docs:
        named = (
            [(p.start, p.stop) for p in event.participants if p.mention is not None]
            for event in doc.events
            if event.type == "meeting"
        )
        # A Meeting fact is between named sides; one named side and a group
        # (`встреча с избирателями`) is not one.
        found[doc.doc_id] = [participants for participants in named if len(participants) > 1]
    return found


def annotate(
    golds: Sequence[GoldDoc], annotator: Annotator, advance: Advance | None = None
) -> list[Doc]:
    docs = [Doc(g.doc_id, g.doc_id, None, "txt", "", text=g.text) for g in golds]
    # In the run's batches, so that the bar moves as the run's does.
    for start in range(0, len(docs), BATCH_SIZE):
        annotator(docs[start : start + BATCH_SIZE])
        if advance:
            advance(min(start + BATCH_SIZE, len(docs)))
    return docs


def occupations(docs: Sequence[Doc], per_fact: bool = False) -> dict[str, list[PredOccupation]]:
    """(person, post, body or else territory): factRuEval's Where is either.

    The positions table has a row per statement, as NEREL has a relation per
    mention; factRuEval has one fact per person and post, and a fact names where
    the post is held (210 of the 211 dev facts): `писатель Виктор Шендерович` is
    none. With `per_fact` the statements of one person with one post head count as
    one prediction per body or territory (named, or implied: see `_where_span`), and
    a statement that names none only when no other statement of that post does and
    its head is a post, not a profession. A post of the state (`глава государства`, `российский лидер`) is the
    same fact as the person's national post at the same place (`президент России`).
    """
    if not per_fact:
        return {doc.doc_id: [_occupation(doc, p) for p in doc.positions] for doc in docs}
    link(docs)  # entity ids: one person however the document names them
    return {doc.doc_id: [_occupation(doc, p) for p in _one_per_post(doc)] for doc in docs}


def _one_per_post(doc: Doc) -> list[Position]:
    professions = post_lexicon().professions
    kept: dict[tuple, Position] = {}
    for position in doc.positions:
        where = _where_name(doc, position)
        post = (position.person.entity_id, _fact_head(doc, position))
        if where is not None or position.head not in professions:
            kept.setdefault((*post, where), position)
    return [
        p
        for (person, head, where), p in kept.items()
        if where is not None or not any(k[:2] == (person, head) and k[2] for k in kept)
    ]


def _fact_head(doc: Doc, position: Position) -> str:
    """`Президент Грузии … на пост главы государства`: factRuEval has one fact for the
    head of a state however the text names the office, so a post of the state goes
    with the person's national post at the same place."""
    if not heads_the_state(doc, position):
        return position.head
    national = post_lexicon().national
    return next(
        (
            other.head
            for other in doc.positions
            if other.head in national
            and other.person.entity_id == position.person.entity_id
            and _where_name(doc, other) == _where_name(doc, position)
        ),
        position.head,
    )


def _where_name(doc: Doc, position: Position) -> str | None:
    where = position.org or position.loc
    if where is not None:
        return where.normal
    span = _where_span(doc, position)
    return doc.text[slice(*span)].lower() if span else None


def _where_span(doc: Doc, position: Position) -> tuple[int, int] | None:
    """factRuEval annotates a place adjective as the place (`британский премьер`) and a
    body named by common words as the body (`вратарём сборной команды`), so a post
    with one and no named body or place has it as its Where."""
    where = position.org or position.loc
    if where is not None:
        return where.start, where.stop
    return implied_place(doc, position) or unnamed_body(doc, position)


def _occupation(doc: Doc, position: Position) -> PredOccupation:
    span = _where_span(doc, position)
    return PredOccupation(
        (position.person.start, position.person.stop),
        (position.post_start, position.post_stop),
        span,
    )


def bare_natasha(golds: Sequence[GoldDoc]) -> Mentions:
    """Natasha as its README shows it: the NER tagger over the whole text."""
    from natasha import NewsEmbedding, NewsNERTagger

    ner = NewsNERTagger(NewsEmbedding())
    return {g.doc_id: [(s.type, s.start, s.stop) for s in ner(g.text).spans] for g in golds}
