"""The rule files are checked when they load: each kind of mistake a researcher may make
in models/*.toml stops the run with a message naming the file and the key."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT

from gov_extract import lexicons
from gov_extract.errors import UsageError
from gov_extract.extract.events import frames
from gov_extract.extract.events.paths import problem

SHIPPED = ROOT / "models"


def _clear() -> None:
    for cached in (lexicons.models_dir, lexicons.load, lexicons.fingerprint, frames.lexicon):
        cached.cache_clear()


@pytest.fixture
def rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the shipped rules that a test may break, in place of them."""
    folder = tmp_path / "rules"
    shutil.copytree(SHIPPED, folder)
    monkeypatch.setenv(lexicons.OVERRIDE, str(folder))
    # Messages name the file relative to the working directory, as a researcher runs.
    monkeypatch.chdir(tmp_path)
    _clear()
    yield folder
    _clear()


def edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / f"{name}.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def error(name: str) -> str:
    with pytest.raises(lexicons.RuleError) as raised:
        lexicons.load(name)
    return str(raised.value)


def test_shipped_rules_are_valid() -> None:
    _clear()
    for name in lexicons.NAMES:
        assert "format" not in lexicons.load(name)
    assert "meeting.verb" in frames.lexicon().frames


def test_a_rule_error_is_a_usage_error() -> None:
    # The command line turns it into exit status 2 and one line.
    assert issubclass(lexicons.RuleError, UsageError)


def test_unknown_key(rules: Path) -> None:
    edit(rules, "posts", "\nheads = [", "\nheds = [")
    message = error("posts")
    assert message.startswith('rules/posts.toml: unknown key "heds" (did you mean "heads"?')
    assert "expected one of heads, professions" in message


def test_unknown_nested_key(rules: Path) -> None:
    edit(rules, "posts", "offices = [", "ofices = [")
    assert error("posts").startswith('rules/posts.toml: links: unknown key "ofices"')


def test_missing_key(rules: Path) -> None:
    edit(rules, "events", "object_control = [", "# object_control = [")
    assert error("events") == 'rules/events.toml: participants: missing key "object_control"'


def test_wrong_type(rules: Path) -> None:
    edit(rules, "events", 'negation_words = ["не"]', 'negation_words = "не"')
    assert error("events") == (
        'rules/events.toml: modality.negation_words: expected an array, found a string "не"'
    )


def test_unknown_value(rules: Path) -> None:
    edit(rules, "organizations", '"по" = "datv"', '"по" = "dativ"')
    assert error("organizations").startswith(
        'rules/organizations.toml: chain_prepositions."по" "dativ": unknown value'
        ' (did you mean "datv"? expected one of nomn, gent, datv'
    )


def test_no_format(rules: Path) -> None:
    edit(rules, "chrome", "format = 1\n", "")
    assert error("chrome").startswith("rules/chrome.toml: no format version: write `format = 1`")


def test_other_format(rules: Path) -> None:
    edit(rules, "abbreviations", "format = 1", "format = 2")
    assert error("abbreviations") == (
        "rules/abbreviations.toml: made for format 2, this gov-extract reads format 1"
    )


def test_not_toml(rules: Path) -> None:
    edit(rules, "chrome", "cut_from = [", "cut_from = [[")
    assert error("chrome").startswith("rules/chrome.toml: not valid TOML: ")


def test_unknown_preposition_in_a_path(rules: Path) -> None:
    edit(
        rules,
        "events",
        '{path = "obl:с", role = "participant"}',
        '{path = "obl:сс", role = "participant"}',
    )
    assert error("events") == (
        'rules/events.toml: frame "meeting.verb" args[1].path "obl:сс":'
        ' unknown preposition "сс" in step "obl:сс"'
    )


def test_unknown_relation_in_a_path(rules: Path) -> None:
    edit(rules, "events", 'topic = ["obl:о", "obl:об", "obl:по"]', 'topic = ["obl:о", "obk:об"]')
    assert error("events").startswith(
        'rules/events.toml: frame "meeting.verb" topic[1] "obk:об": unknown step "obk:об"'
    )


def test_unknown_node_in_a_path(rules: Path) -> None:
    edit(rules, "events", '{path = "document/~nmod:между"', '{path = "documnet/~nmod:между"')
    message = error("events")
    assert message.startswith('rules/events.toml: frame "agreement.sign" args[7].path')
    assert "nor a node of the pattern (trigger, document)" in message


def test_head_without_a_climb(rules: Path) -> None:
    edit(
        rules,
        "events",
        '{path = "nmod", role = "visitor"}',
        '{path = "nmod", role = "visitor", head = ["x"]}',
    )
    assert 'frame "visit.noun" args[1].head: filters the heads a path climbs to' in error("events")


def test_unknown_role(rules: Path) -> None:
    edit(rules, "events", '{path = "guest", role = "visitor"}', '{path = "guest", role = "guest"}')
    assert 'frame "visit.receive" args[1].role "guest": unknown value' in error("events")


def test_both_patterns(rules: Path) -> None:
    edit(
        rules,
        "events",
        'name = "visit.receive"\n',
        'name = "visit.receive"\nmatch = [{LEMMA = {IN = ["x"]}}]\n',
    )
    assert error("events").endswith(
        'frame "visit.receive": needs exactly one of the keys match, dependency'
    )


def test_trigger_without_lemmas(rules: Path) -> None:
    edit(
        rules,
        "events",
        '{LEMMA = {IN = ["обсудить", "обсуждать"]}, POS = "VERB"}',
        '{POS = "VERB"}',
    )
    assert 'frame "meeting.discuss" match[0]: missing key "LEMMA"' in error("events")


def test_unknown_pattern_attribute(rules: Path) -> None:
    edit(
        rules,
        "events",
        '{LEMMA = {IN = ["визит", "поездка", "командировка", "госвизит"]}, POS = "NOUN"}',
        '{LEMMA = {IN = ["визит"]}, PSO = "NOUN"}',
    )
    assert 'frame "visit.noun" match[0]: unknown key "PSO" (did you mean "POS"?' in error("events")


def test_dependency_node_left_unlinked(rules: Path) -> None:
    edit(
        rules,
        "events",
        '{LEFT_ID = "trigger", REL_OP = ">", RIGHT_ID = "guest", RIGHT_ATTRS = {DEP = "obj", _',
        '{LEFT_ID = "trigger2", REL_OP = ">", RIGHT_ID = "guest", RIGHT_ATTRS = {DEP = "obj", _',
    )
    assert 'frame "meeting.receive" dependency[1].LEFT_ID "trigger2": no earlier node' in error(
        "events"
    )


def test_two_frames_of_one_name(rules: Path) -> None:
    edit(rules, "events", 'name = "visit.noun"', 'name = "visit.verb"')
    assert 'frame "visit.verb": a second item with name "visit.verb"' in error("events")


def test_every_problem_is_counted(rules: Path) -> None:
    edit(rules, "chrome", "\ndrop = [", "\ndropped = [")
    # The unknown key and the missing one: the first is shown, the other counted.
    assert error("chrome").endswith("(and 1 more)")


@pytest.mark.parametrize(
    "path",
    [
        "subject",
        "^subject",
        "obl:с",
        "^obl:в",
        "nsubj:pass",
        "obj/nmod:между",
        "document/~nmod:между",
        "^",
        "guest",
    ],
)
def test_valid_paths(path: str) -> None:
    assert problem(path, ["trigger", "guest", "document"]) is None


@pytest.mark.parametrize(
    "path, expected",
    [
        ("obl:сс", 'unknown preposition "сс"'),
        ("nsubj:pas", 'unknown relation "nsubj:pas"'),
        ("obl:", 'nothing after ":"'),
        ("obj//nmod", "an empty step"),
        ("guest", 'unknown step "guest"'),
        ("", "an empty path"),
    ],
)
def test_invalid_paths(path: str, expected: str) -> None:
    found = problem(path)
    assert found is not None and expected in found
