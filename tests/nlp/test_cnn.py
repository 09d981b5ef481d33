"""The fast encoder, and the embedding loaded without similarity tables, give Natasha's
own answers: same activations, same tags, trees."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import RAW
from natasha import NewsEmbedding, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser

from gov_extract.inputs.clean import clean
from gov_extract.inputs.read import Columns, discover, read
from gov_extract.nlp.annotate import lemmatize, segment
from gov_extract.nlp.cnn import CNNEncoder, accelerate
from gov_extract.nlp.embedding import news_embedding, news_tagger

pytestmark = pytest.mark.model  # Natasha's taggers themselves

TAGGERS = (NewsNERTagger, NewsMorphTagger, NewsSyntaxParser)


@pytest.fixture(scope="module")
def embedding() -> NewsEmbedding:
    return NewsEmbedding()


@pytest.fixture(scope="module")
def sentences() -> list[list[str]]:
    """Every sentence of the sample releases, as words."""
    found = []
    for path in discover(RAW):
        for source in read(path, RAW, Columns()):
            doc = clean(source)
            if doc.status == "ok":
                segment(doc)
                lemmatize(doc)
                found += [[token.text for token in sent.tokens] for sent in doc.sentences]
    assert len(found) > 100
    return found


@pytest.mark.parametrize("tagger_type", TAGGERS, ids=lambda t: t.__name__)
def test_activations_match_slovnet(embedding, sentences, tagger_type) -> None:
    model = tagger_type(embedding).infer.model
    encoder = tagger_type(embedding).infer.encoder
    batch = encoder.input([encoder.item(words) for words in sentences[:64]])
    embedded = model.emb(batch.word_id, batch.shape_id)
    slow = model.encoder(embedded.copy(), batch.pad_mask)
    fast = CNNEncoder(model.encoder)(embedded.copy(), batch.pad_mask)
    assert fast.shape == slow.shape
    assert np.abs(fast - slow).max() < 1e-4 * max(1.0, np.abs(slow).max())
    assert not fast[batch.pad_mask].any()


@pytest.mark.parametrize("tagger_type", TAGGERS, ids=lambda t: t.__name__)
def test_tags_match_slovnet(embedding, sentences, tagger_type) -> None:
    slow, fast = tagger_type(embedding), tagger_type(embedding)
    accelerate(fast)
    assert isinstance(fast.infer.model.encoder, CNNEncoder)
    assert not isinstance(slow.infer.model.encoder, CNNEncoder)
    # Decoded answers per sentence: NER and morphology tags, or syntax heads and relations.
    ours, theirs = (
        list(t.infer.decoder(t.infer.process(t.infer.encoder(sentences)))) for t in (fast, slow)
    )
    assert len(ours) == len(sentences)
    assert ours == theirs


@pytest.mark.parametrize("tagger_type", TAGGERS, ids=lambda t: t.__name__)
def test_our_embedding_gives_natashas_answers(embedding, sentences, tagger_type) -> None:
    """Loaded without the similarity table, and the tagger with navec's words."""
    navec = news_embedding()
    assert not hasattr(navec.pq, "ab")  # the similarity table is not built
    tagger = news_tagger(tagger_type, navec)
    assert tagger.infer.encoder.words_vocab.item_ids is navec.vocab.word_ids
    ours, theirs = (
        list(t.infer.decoder(t.infer.process(t.infer.encoder(sentences))))
        for t in (tagger, tagger_type(embedding))
    )
    assert ours == theirs


def test_only_the_tagger_being_loaded_takes_navecs_words() -> None:
    navec = news_embedding()
    news_tagger(NewsNERTagger, navec)
    assert NewsNERTagger(navec).infer.encoder.words_vocab.item_ids is not navec.vocab.word_ids
