"""What an event is besides its participants and date: its modality and CAMEO code,
topic and place, and whether it only joins or refers back to another.
"""

from __future__ import annotations

from spacy.tokens import Doc as SpacyDoc
from spacy.tokens import Token

from gov_extract.extract.events.arguments import Context
from gov_extract.extract.events.frames import Frame, lexicon
from gov_extract.extract.events.paths import follow
from gov_extract.nlp.norm import normalize_text
from gov_extract.records import Event

# The trigger and the words above it that can negate it or make it a plan.
NEAR = 3
# Links from one clause to another: what governs beyond them is another statement.
CLAUSE_LINKS = ("parataxis", "conj", "advcl", "ccomp", "acl", "acl:relcl", "csubj")
# Clauses and lists that follow a place's name and are no part of it.
CLAUSES = ("acl", "acl:relcl", "parataxis", "conj", "cc", "advcl")
# The words of `на 18 марта` besides its head.
DATE_PARTS = ("nummod", "amod", "nmod", "flat")
PLANNED_CAMEO = "036"  # express intent to meet or visit
INTENT_TO_AGREE_CAMEO = "030"


def joins(trigger: Token) -> bool:
    """`Во встрече также участвовали …`: taking part in an event that names no side of
    its own."""
    return (
        trigger.dep_ == "obl"
        and trigger.head.lemma_ in lexicon().joining
        and not any(child.dep_ == "nmod" for child in trigger.children)
    )


def modality(sdoc: SpacyDoc, index: int) -> str:
    lex = lexicon()
    token = sdoc[index]
    near = _clause(token)
    # Said of the event itself (`должен был встретиться`, `предполагалась встреча`), not
    # of something during it (`вопрос должен был подниматься во время встречи`).
    above = token.head
    if above.lemma_ in lex.unfulfilled and _past(above) and not _compared(above):
        # `Планировалось, что … посетит …, однако визит перенесён на июль`: still to come.
        moved = any(t.lemma_ in lex.postponed for t in sdoc) and _new_date(sdoc)
        return "planned" if moved else "negated"
    for item in near:
        if any(child.text.lower() in lex.negation_words for child in item.children):
            return "negated"
        if item.lemma_ in lex.negated:
            return "negated"
        if item.lemma_ in lex.postponed:
            # `визит отложен`: called off; `перенесён на 18 марта`: still to come.
            return "planned" if _new_date(sdoc) else "negated"
    if any(a.lemma_ in lex.planned for a in _governors(token)):
        return "planned"
    # `пригласил коллегу в Тверь`: an inviting verb's own event is the invited one;
    # `предстоящего Совета`: a word of the plan said of the event.
    if token.lemma_ in lex.planned and token.lemma_ in lex.object_control:
        return "planned"
    if any(c.dep_ == "amod" and c.lemma_ in lex.planned for c in token.children):
        return "planned"
    # `чтобы … приехать`: a purpose, not something that happened.
    if any(c.lemma_ in lex.purpose for item in near for c in item.children if c.dep_ == "mark"):
        return "planned"
    # `заседание, которое пройдёт 28 мая`: a noun trigger's own clause tells its time.
    clauses = [c for c in token.children if c.dep_ == "acl:relcl"]
    for item in [*near, *clauses]:
        if _future(item):
            return "planned"
    return "asserted"


def _clause(token: Token) -> list[Token]:
    """The trigger and the two words above it within its clause: `не` or `отменил` of
    another clause says nothing of it (`Встреча не состоялась: он находится в
    командировке`)."""
    found = [token]
    while len(found) < NEAR and token.head.i != token.i and not _new_clause(token):
        token = token.head
        found.append(token)
    return found


def _new_clause(token: Token) -> bool:
    """Whether the token heads a clause of its own; an infinitive coordinated with a
    verb shares that verb's tense (`посетит поселения … и пообщаться с жителями`)."""
    if token.dep_ == "conj" and "Inf" in token.morph.get("VerbForm"):
        return False
    return token.dep_ in CLAUSE_LINKS


def _governors(token: Token) -> list[Token]:
    """The words above the token that govern it: a conjunct's head is its peer, not its
    governor (`договорились о …, а также обсудили …`: the talk is no plan)."""
    found = []
    while token.head.i != token.i:
        if token.dep_ != "conj":
            found.append(token.head)
        token = token.head
    return found


def _past(token: Token) -> bool:
    """`планировалось`, `должен был`: past, by the word or its auxiliary."""
    if "Past" in token.morph.get("Tense"):
        return True
    return any(c.lemma_ == "быть" and "Past" in c.morph.get("Tense") for c in token.children)


def _compared(token: Token) -> bool:
    """`как и планировалось`: what happened was as expected."""
    return any(c.dep_ == "mark" and c.lemma_ == "как" for c in token.children)


def _future(token: Token) -> bool:
    if "Fut" in token.morph.get("Tense"):
        return True
    # `будет работать`: the tagger does not always give the auxiliary a tense.
    return any(
        c.lemma_ == "быть" and ("Fut" in c.morph.get("Tense") or c.text.lower().startswith("буд"))
        for c in token.children
    )


def _new_date(sentence: SpacyDoc) -> bool:
    """Whether the sentence names when the event will be instead (`перенесён на 18
    марта`, `с 12 на 18 марта`, `на апрель`); the parser hangs that phrase anywhere,
    but a date inside a participle's clause is the old one (`визит, запланированный на
    27 ноября, отложен`)."""
    for word in sentence:
        if word.lemma_ != "на" or word.dep_ != "case" or _in_participle(word):
            continue
        target = word.head
        words = [target, *(c for c in target.children if c.dep_ in DATE_PARTS)]
        if any(w.text[:1].isdigit() or w.lemma_ in lexicon().new_date for w in words):
            return True
    return False


def _in_participle(token: Token) -> bool:
    return any(
        "Part" in a.morph.get("VerbForm") and a.dep_ in ("acl", "amod") for a in token.ancestors
    )


def cameo(frame: Frame, modality: str) -> str:
    if modality != "planned":
        return frame.cameo
    return INTENT_TO_AGREE_CAMEO if frame.type == "agreement" else PLANNED_CAMEO


def topic(context: Context, trigger: int, frame: Frame, nodes: dict[str, int]) -> str | None:
    for path in frame.topic:
        for index in follow(context.sdoc, trigger, path, nodes):
            return _subtree_text(context, context.sdoc[index])
    return None


def place(
    context: Context, trigger: int, frame: Frame, nodes: dict[str, int], event: Event
) -> None:
    destination = next((p for p in event.participants if p.role == "destination"), None)
    if destination is not None:
        event.location, event.location_name = destination.mention, destination.name
        return
    for path in frame.place:
        for index in follow(context.sdoc, trigger, path, nodes):
            mention = context.mentions[index]
            if mention is not None and mention.type in ("LOC", "ORG"):
                event.location, event.location_name = mention, mention.normal
                return
            token = context.sdoc[index]
            # `в Доме правительства`: a named place that is no entity; `в здании
            # Правительства на площади …`, `в селе …`: a building or settlement.
            if token.text[:1].isupper() or token.lemma_ in lexicon().places:
                phrase = _subtree_text(context, _place_words(token), skip_case=token)
                event.location_name = normalize_text(phrase, "LOC")
                return


def _place_words(token: Token) -> list[Token]:
    """The place's name without the clauses after it (`в зале заседаний администрации,
    где собрались …`)."""
    found = [token]
    for child in token.children:
        if child.dep_ not in CLAUSES:
            found.extend(_place_words(child))
    return found


def _subtree_text(
    context: Context, words: Token | list[Token], skip_case: Token | None = None
) -> str:
    """The words' span as written (a token: its whole subtree), without the
    preposition of `skip_case` nor a final punctuation mark."""
    tokens = context.doc.sentences[context.sent_idx].tokens
    found = list(words.subtree) if isinstance(words, Token) else words
    indices = [t.i for t in found if not (t.dep_ == "case" and t.head == skip_case)]
    indices = [i for i in indices if context.sdoc[i].dep_ != "punct" or i != max(indices)]
    return context.doc.text[tokens[min(indices)].start : tokens[max(indices)].stop]
