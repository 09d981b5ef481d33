"""Natasha's NER tagger over our own tokens, a batch of documents per call.

The tagger sees whole documents, not sentences: its window looks across sentence
ends, and names in short sentences are found more often with it. It is fed the
razdel tokens of `segment` through slovnet's encoder, model and decoder, which is
what `NERTagger.map` does after tokenising the text a second time.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from typing import TYPE_CHECKING

from slovnet.bio import bio_spans

from gov_extract.extract.aliases import common_nouns
from gov_extract.nlp.cnn import accelerate
from gov_extract.nlp.embedding import WordIds, news_tagger
from gov_extract.nlp.morph import is_word, lemma, parses
from gov_extract.nlp.person import NAME_TAGS, readings, syllabic
from gov_extract.records import Doc, Mention, Sentence, Token

if TYPE_CHECKING:
    from navec import Navec
    from pymorphy3.analyzer import Parse

NEUTER_ENDINGS = ("ое", "ее")
# What the dictionary calls a word that names a body or a place, not a person.
NOT_PERSONAL = frozenset({"Orgn", "Geox"})
NOMINAL_POS = frozenset({"NOUN", "ADJF", "ADJS", "PRTF", "PRTS"})
LOCATIVES = frozenset({"loct", "loc2"})
SYLLABIC_PARTS = 3
# Padded tokens per call of the model: big enough for fast matrix products, small
# enough that a long document does not pad many short ones.
BATCH_TOKENS = 4000


class NER:
    def __init__(self, embedding: Navec) -> None:
        from natasha import NewsNERTagger

        self.tagger = news_tagger(NewsNERTagger, embedding)
        accelerate(self.tagger)
        # Asked for every token of every document.
        self._encode = WordIds(self.tagger.infer.encoder)

    def __call__(self, docs: Sequence[Doc]) -> None:
        """Add the PER/ORG/LOC mentions the model finds to each document."""
        words = [[token.text for token in doc.tokens] for doc in docs]
        for doc, doc_tags in zip(docs, self.tags(words), strict=True):
            starts = [sent.start for sent in doc.sentences]
            for span in bio_spans(doc.tokens, doc_tags):
                index = max(bisect_right(starts, span.start) - 1, 0)
                stop = _within(doc.sentences[index], span.start, span.stop)
                # The tagger sometimes runs on into a bracketed abbreviation:
                # `Москвы (ДТОИВ)`; the brackets are read by `read_definitions`.
                stop = span.start + len(doc.text[span.start : stop].split(" (")[0])
                pieces = [(span.start, stop)]
                if span.type == "PER":
                    pieces = _people(doc.sentences[index], span.start, stop)
                for start, end in pieces:
                    if span.type == "PER":
                        end = _with_final_dot(doc.text, doc.sentences[index], end)
                    text = doc.text[start:end]
                    doc.mentions.append(Mention(start, end, span.type, text, index))
            _join_syllabic_names(doc)
            _retype_non_names(doc)

    def tags(self, words: Sequence[list[str]]) -> list[list[str]]:
        """BIO tags of each document's words. slovnet's own batching pads every
        document of a batch to the longest one; here documents of like length go
        together, as many as fit BATCH_TOKENS, which spends a third less time on the
        same tags (padding is masked: the tags do not change)."""
        infer = self.tagger.infer
        tags: list[list[str]] = [[] for _ in words]
        chunk: list[int] = []

        def flush() -> None:
            batch = infer.encoder.input([self._encode(words[i]) for i in chunk])
            emissions = infer.model(batch.word_id, batch.shape_id, batch.pad_mask)
            decoded = infer.decoder(infer.model.head.crf.decode(emissions, ~batch.pad_mask))
            for index, doc_tags in zip(chunk, decoded, strict=True):
                tags[index] = doc_tags
            chunk.clear()

        for index in sorted(range(len(words)), key=lambda i: len(words[i])):
            if not words[index]:
                continue
            if chunk and (len(chunk) + 1) * len(words[index]) > BATCH_TOKENS:
                flush()
            chunk.append(index)
        if chunk:
            flush()
        return tags


def _people(sent: Sentence, start: int, stop: int) -> list[tuple[int, int]]:
    """The names in a person span: the tagger runs a list into one (`Овечкин,
    Фёдоров`), and a name has no comma in it."""
    tokens = [t for t in sent.tokens if start <= t.start and t.stop <= stop]
    runs: list[list[Token]] = [[]]
    for token in tokens:
        if token.text == ",":
            runs.append([])
        else:
            runs[-1].append(token)
    spans = []
    for name in (name for run in runs for name in _one_name_each(run)):
        if name and any(is_word(t.text) for t in name):
            first = _person_start(sent, name[0].start, name[-1].stop)
            spans.append((first, name[-1].stop))
    return spans or [(start, stop)]


def _one_name_each(run: list[Token]) -> list[list[Token]]:
    """A name does not repeat a part: the tagger runs two names written one after the
    other into one (`отец Кима Чен Ира Ким Ир Сен`), and the second starts at the part
    that comes again, in whatever case (`Кима` … `Ким`)."""
    names: list[list[Token]] = [[]]
    seen: set[str] = set()
    for token in run:
        forms = _name_forms(token.text)
        if forms & seen and names[-1]:
            names.append([])
            seen = set()
        names[-1].append(token)
        seen |= forms
    return names


def _name_forms(word: str) -> set[str]:
    """The word and the nominatives it may stand for; none for initials and punctuation."""
    if len(word) < 2 or not word.replace("-", "").isalpha():
        return set()
    return {word.lower()} | {reading.form for reading in readings(word).values()}


def _person_start(sent: Sentence, start: int, stop: int) -> int:
    """Where a person's name starts: the tagger runs a place's name before it into the
    name (`МО Светлановское` + `Лебедева О.В.`)."""
    tokens = [t for t in sent.tokens if start <= t.start and t.stop <= stop]
    while len(tokens) > 1 and (_not_a_name_part(tokens[0].text) or _owner(tokens[0].text)):
        tokens = tokens[1:]
    return tokens[0].start if tokens else start


def _not_a_name_part(word: str) -> bool:
    """A neuter adjective (`Светлановское`): a person is a man or a woman. Not an
    unknown word pymorphy3 guesses as neuter (`Кэнтаро`), nor a plural (`Черных` is a
    surname)."""
    found = parses(word)
    return (
        word.lower().endswith(NEUTER_ENDINGS)
        and bool(found)
        and all(p.tag.gender == "neut" for p in found)
    )


def _owner(word: str) -> bool:
    """A body or place in an oblique case before a name (`оператор Аль-Джазиры Сами
    аль-Хадж`): a word the dictionary knows only as such a name, never in the
    nominative a name would stand in (`Ван`, `Си` are read as nominatives too)."""
    found = parses(word)
    return bool(found) and all(
        p.is_known and NOT_PERSONAL & p.tag.grammemes and p.tag.case != "nomn" for p in found
    )


def _with_final_dot(text: str, sent: Sentence, stop: int) -> int:
    """`Горшков В.А.` at the end of a sentence: the tokeniser gives its last dot to the
    sentence, and the name ends at `А`; an initial keeps its dot."""
    last = text[:stop].rsplit(maxsplit=1)[-1] if text[:stop].strip() else ""
    initial = len(last) == 1 or (len(last) > 1 and last[-2] == ".")
    if last[-1:].isupper() and initial and text[stop : stop + 1] == "." and stop < sent.stop:
        return stop + 1
    return stop


def _join_syllabic_names(doc: Doc) -> None:
    """The tagger cuts a Korean or Chinese name apart (`Хвана` + `Чжан Епа`): two
    person mentions a single space apart that make one syllabic name are one."""
    joined: list[Mention] = []
    for mention in doc.mentions:
        before = joined[-1] if joined else None
        if (
            before is not None
            and before.type == mention.type == "PER"
            and before.sent_idx == mention.sent_idx
            and doc.text[before.stop : mention.start] == " "
        ):
            text = doc.text[before.start : mention.stop]
            words = text.split()
            # Such a name has three parts at most, none of them twice (`Кима Чен Ира` +
            # `Ким Ир Сен` are two).
            forms = [
                {f for word in m.text.split() for f in _name_forms(word)} for m in (before, mention)
            ]
            if len(words) <= SYLLABIC_PARTS and syllabic(words) and not forms[0] & forms[1]:
                joined[-1] = Mention(before.start, mention.stop, "PER", text, mention.sent_idx)
                continue
        joined.append(mention)
    doc.mentions = joined


def _retype_non_names(doc: Doc) -> None:
    """A person mention of one word that is no name: a common noun of the lexicon's
    `[common]` table (a festival, `Сабантуй`) or a word the dictionary knows only as a
    verb, adverb or the like (`Встретиться` opening a sentence) is dropped, and so is a
    word only a locative reads after `на` or `в` (`на Ысыахе`, a festival the lexicon
    does not list; a place if it may be one, `в Кирове`); a word it knows only as a
    place or a body (`Дархан`) becomes that. Unless the word is part of a person's
    name elsewhere in the document (`Хвана` after `Хван Чжан Еп`)."""
    people = [m for m in doc.mentions if m.type == "PER" and " " in m.text.strip()]
    named = {form for m in people for word in m.text.split() for form in _name_forms(word)}
    kept = []
    for mention in doc.mentions:
        word = mention.text.strip()
        if mention.type != "PER" or " " in word or _name_forms(word) & named:
            kept.append(mention)
            continue
        found = parses(word)
        known = bool(found) and all(p.is_known for p in found)
        if (lemma(word),) in common_nouns() or (known and not any(map(_nominal, found))):
            continue
        if _where_something_happens(doc, mention, found):
            if not any(p.is_known and "Geox" in p.tag for p in found):
                continue
            mention.type = "LOC"  # `в Кирове`: a town, though a surname reads so too
        elif _names_a_thing(doc, mention, found):
            continue
        kinds = {kind for p in found for kind in NOT_PERSONAL & p.tag.grammemes}
        if known and all(NOT_PERSONAL & p.tag.grammemes for p in found) and len(kinds) == 1:
            mention.type = "LOC" if kinds == {"Geox"} else "ORG"
        kept.append(mention)
    doc.mentions = kept


def _where_something_happens(doc: Doc, mention: Mention, found: tuple[Parse, ...]) -> bool:
    """`на Ысыахе`, `в Сабантуе`: after `на` or `в` a locative names a place or an
    event, never a person (`женился на Ивановой` reads other cases too)."""
    before = doc.text[: mention.start].split()[-1:]
    return (
        [word.lower() for word in before] in (["на"], ["в"], ["во"])
        and bool(found)
        and all(p.tag.case in LOCATIVES for p in found)
    )


def _names_a_thing(doc: Doc, mention: Mention, found: tuple[Parse, ...]) -> bool:
    """`в канун Светлова Христова Воскресенья`: a word before capitalised words that end
    in a common noun in a case it can be in is part of the name of a feast, an icon or
    a prize, not a person's (a name is not followed by a capitalised thing)."""
    words = re.match(r"(?: [^\W\d_]+){1,2}", doc.text[mention.stop : mention.stop + 60])
    if not words:
        return False
    after = words.group().split()
    if not all(word[:1].isupper() for word in after):
        return False
    best = [parses(word)[0] for word in after]
    if any(p.tag.POS not in NOMINAL_POS for p in best):
        return False
    thing = best[-1].tag
    return (
        thing.POS == "NOUN"
        and "inan" in thing
        and not (NOT_PERSONAL | NAME_TAGS) & thing.grammemes
        and any(p.tag.case == thing.case for p in found)
    )


def _nominal(parse: Parse) -> bool:
    """A noun or an adjective, as a name may be read (`Толстой`)."""
    return parse.tag.POS in NOMINAL_POS or bool(NAME_TAGS & parse.tag.grammemes)


def _within(sent: Sentence, start: int, stop: int) -> int:
    """Where a span that starts in `sent` ends: the tagger reads across sentence ends
    and lines, and once ran a headline's last word into the next line's first
    (`станицы Должанской` + `Вчера`). A name ends with its sentence, at its last word."""
    if stop <= sent.stop:
        return stop
    words = [t.stop for t in sent.tokens if t.start >= start and is_word(t.text)]
    return words[-1] if words else sent.stop
