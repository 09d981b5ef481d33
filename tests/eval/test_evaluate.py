"""make eval on the shared gold corpora (skipped when they are absent)."""

import pytest
from conftest import SHARED, shared_path
from gov_extract_eval.evaluate import evaluate


@pytest.mark.model
def test_eval_beats_bare_natasha_where_it_should() -> None:
    report = evaluate(shared_path("corpora"))
    f1 = {(r.corpus, r.measure, r.system): r.f1 for r in report.rows}
    corpus = "factRuEval-2016 dev"
    assert f1[(corpus, "NER ORG", "gov-extract")] > f1[(corpus, "NER ORG", "natasha")] + 0.03
    for type in ("PER", "LOC"):
        assert f1[(corpus, f"NER {type}", "gov-extract")] >= f1[(corpus, f"NER {type}", "natasha")]
    assert f1[(corpus, "Occupation", "gov-extract")] > 0.5
    assert ("NEREL dev", "WORKS_AS", "gov-extract") in f1
    assert report.as_dict()["rows"]
    if (SHARED / "corpora" / "real-releases").is_dir():
        parts = {r.corpus for r in report.rows if r.corpus.startswith("real releases")}
        assert parts == {
            "real releases, development (48 documents)",
            "real releases, held-out (12 documents)",
            "real releases, all (60 documents)",
        }
