"""One text through the pipeline in memory, the way `nlp(text)` works in spaCy:
`gov_extract.extract(text)` returns the rows every table would get for it, with no
output folder and no run state.

It takes the pipeline's own path: the batch annotator of the workers (clean, then
every annotation step), the `documents` row made there, linking over this one text,
the rows of the other tables. Entity ids are those this text alone gives; a run over
a corpus links across its documents.
"""

from __future__ import annotations

import pickle
from datetime import date, datetime, time

from gov_extract.engines import annotate_batch
from gov_extract.link import link_corpus
from gov_extract.pipeline import pipeline_version
from gov_extract.records import Source, sha256
from gov_extract.store.tables import linked_rows
from gov_extract.tables import Tables

# The `source` of a text given in memory; its `record` is a hash of the text, so that
# the doc_ids of several texts differ and their tables can be put together.
SOURCE = "<text>"


def extract(
    text: str, published_at: datetime | date | str | None = None, title: str | None = None
) -> Tables:
    """The tables of one release text: `published_at` (a datetime, date or ISO 8601
    string) dates its events where the text says `вчера` or nothing; `title` is its
    headline, else the first line is taken for one when it looks like one. The models
    load on the first call (a few seconds) and stay loaded for the next ones."""
    digest = sha256(text.encode())
    source = Source(
        SOURCE, digest[:16], "txt", digest, body=text, title=title,
        published_at=_moment(published_at),
    )  # fmt: skip
    [done] = annotate_batch([(0, source)], pipeline_version())
    # As the run state keeps them: the document without its tokens, and its row.
    doc, row = pickle.loads(done.doc), pickle.loads(done.row)
    docs = [doc] if doc.status == "ok" else []
    rows = {name: list(found) for name, found in linked_rows(docs, link_corpus(docs)).items()}
    return Tables.from_rows({"documents": [row], **rows})


def _moment(value: datetime | date | str | None) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime.combine(value, time())
    return datetime.fromisoformat(value)
