"""Property-based tests: the cleaner, the date parser, the normaliser and the whole
annotate step take any string, adversarial ones included, without an exception, and
every offset they give points at the text it claims."""

from datetime import date, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gov_extract.inputs.clean import clean
from gov_extract.inputs.dates import Stamp, parse_datetime, parse_stamp
from gov_extract.nlp.norm import normalize_text
from gov_extract.records import Source

WORDS = [
    "Губернатор", "Севастополя", "Дмитрий", "Овсянников", "посетил", "Правительство",
    "Москвы", "встретился", "с", "мэром", "Калуги", "подписали", "соглашение", "о",
    "сотрудничестве", "Министерство", "иностранных", "дел", "РФ", "Сергей", "Лавров",
    "18", "мая", "2018", "07:05", "18-05-18", "г.", "им.", "т.д.", "«Газпром»", "ДТОИВ",
]  # fmt: skip
ODD = [
    "е\u0301", "и\u0306", "a\u0300\u0301\u0302", "\u200b", "\u200d", "\ufeff", "\xa0",
    "\u2028", "\u202e", "\ufffd", "👩\u200d👩\u200d👧", "🇷🇺", "Ω", "ß", "ǅ", "İ", "ﬁ",
    "𝔐𝔬𝔰𝔨𝔳𝔞", "中文", "العربية", "Ⅻ", "①", "\x00", "\x1b[31m", "\r", "\t", "«", "»", "—",
    ".", "!", "?", "…", "(", ")", "[", "\"", "'", ",", ";", ":", "-", "\n", "\n\n", "  ",
]  # fmt: skip

tokens = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(ODD),
    st.text(max_size=12),
    # A very long token, and a long run of words without punctuation.
    st.text(alphabet="аБвЁ-", min_size=200, max_size=1500),
    st.integers(20, 300).map(lambda n: " ".join(["слово"] * n)),
)
texts = st.lists(tokens, max_size=40).flatmap(
    lambda parts: st.lists(st.sampled_from([" ", "", "\n", ". "]), min_size=len(parts),
                           max_size=len(parts)).map(
        lambda seps: "".join(part + sep for part, sep in zip(parts, seps, strict=True))
    )
)  # fmt: skip
anything = st.one_of(texts, st.text(max_size=300))

FAST = settings(max_examples=60, deadline=None)


@FAST
@given(anything, st.one_of(st.none(), anything))
def test_clean_never_raises_and_keeps_its_promises(body: str, title: str | None) -> None:
    doc = clean(Source("a.txt", None, "txt", "x", body=body, title=title))
    assert doc.status in {"ok", "empty"}
    assert (doc.status == "empty") == (doc.error is not None)
    if doc.status == "ok":
        assert doc.text.strip()
    assert "\r" not in doc.text and "\t" not in doc.text
    assert all(line.strip() == line and line for line in doc.text.split("\n")) or not doc.text


@FAST
@given(anything)
def test_dates_never_raise(line: str) -> None:
    stamp = parse_stamp(line)
    assert stamp is None or isinstance(stamp, Stamp)
    moment = parse_datetime(line)
    assert moment is None or isinstance(moment, datetime)


@FAST
@given(st.integers(0, 40), st.integers(0, 14), st.integers(1900, 2100), st.sampled_from(".-/"))
def test_numeric_dates_are_read_exactly_when_valid(
    day: int, month: int, year: int, separator: str
) -> None:
    try:
        expected = date(year, month, day)
    except ValueError:
        expected = None
    stamp = parse_stamp(f"{day:02}{separator}{month:02}{separator}{year}")
    assert (stamp.date if stamp else None) == expected


@FAST
@given(anything, st.sampled_from(["PER", "ORG", "LOC"]))
def test_normalize_text_never_raises_or_empties(text: str, type: str) -> None:
    normal = normalize_text(text, type)
    assert isinstance(normal, str)
    if text.strip():
        assert normal.strip()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(anything)
def test_annotate_offsets_point_at_their_text(annotator, body: str) -> None:
    doc = clean(Source("a.txt", None, "txt", "x", body=body))
    annotator([doc])
    text = doc.text
    for index, sent in enumerate(doc.sentences):
        assert 0 <= sent.start < sent.stop <= len(text), index
        assert text[sent.start : sent.stop].strip()
        for token in sent.tokens:
            assert sent.start <= token.start < token.stop <= sent.stop
            assert text[token.start : token.stop] == token.text
    for mention in doc.mentions:
        assert text[mention.start : mention.stop] == mention.text
        assert mention.normal.strip()
        assert 0 <= mention.sent_idx < len(doc.sentences)
    for position in doc.positions:
        assert text[position.post_start : position.post_stop] == position.position_text
        assert 0 <= position.start <= position.stop <= len(text)
    for event in doc.events:
        assert 0 <= event.start <= event.stop <= len(text)
        assert all(text[p.start : p.stop] for p in event.participants)
