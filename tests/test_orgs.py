"""Organisation spans repaired from the head lexicon (models/organizations.toml)."""

import pytest

from gov_extract.annotate import segment
from gov_extract.records import Doc


def _orgs(annotator, text: str) -> list[str]:
    doc = Doc("d", "d.txt", None, "txt", "x", text=text)
    annotator([doc])
    return [m.normal for m in doc.mentions if m.type == "ORG"]


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("Делегация Правительства Севастополя посетила Москву.", "Правительство Севастополя"),
        ("Он встретился с руководителем Департамента территориальных органов исполнительной власти Москвы Евгением Стружаком.",
         "Департамент территориальных органов исполнительной власти Москвы"),
        ("Соглашение подписали с Министерством промышленности и торговли Российской Федерации.",
         "Министерство промышленности и торговли Российской Федерации"),
        ("Депутаты Законодательного собрания Санкт-Петербурга приняли закон.", "Законодательное собрание Санкт-Петербурга"),
        ("Глава администрации города Ялты провёл совещание.", "администрация города Ялты"),
        ("Он возглавляет ассоциацию «Совет муниципальных образований города Москвы».",
         "ассоциация «Совет муниципальных образований города Москвы»"),
        ("Договор заключили с ПАО «Газпром» в прошлом году.", "ПАО «Газпром»"),
        ("Директор Департамента по территориальному развитию и взаимодействию с органами местного самоуправления Севастополя Валентин Демидов выступил.",
         "Департамент по территориальному развитию и взаимодействию с органами местного самоуправления Севастополя"),
    ],
)  # fmt: skip
def test_whole_body_names(annotator, text: str, org: str) -> None:
    assert org in _orgs(annotator, text)


def test_coordinated_bodies_stay_apart(annotator) -> None:
    orgs = _orgs(
        annotator,
        "Представители Правительства Москвы и органов местного самоуправления выразили пожелание.",
    )
    assert "Правительство Москвы" in orgs
    orgs = _orgs(
        annotator,
        "Договорились с Союзом российских городов и ассоциацией «Совет муниципальных образований».",
    )
    assert "Союз российских городов" in orgs
    assert "ассоциация «Совет муниципальных образований»" in orgs


def test_meeting_is_not_a_body(annotator) -> None:
    orgs = _orgs(
        annotator,
        "Он принял участие в Общем собрании Общенациональной ассоциации территориального общественного самоуправления.",
    )
    assert not any(org.startswith("Общее собрание") for org in orgs)


def test_place_inside_a_body_stays_a_place(annotator) -> None:
    doc = Doc("d", "d.txt", None, "txt", "x", text="Делегация Правительства Севастополя прибыла.")
    annotator([doc])
    assert [(m.type, m.text) for m in doc.mentions] == [
        ("ORG", "Правительства Севастополя"),
        ("LOC", "Севастополя"),
    ]


def test_segment_keeps_lines_apart() -> None:
    doc = Doc(
        "d", "d.txt", None, "txt", "x", text="Заголовок без точки\nПервое предложение. Второе."
    )
    segment(doc)
    assert [doc.text[s.start : s.stop] for s in doc.sentences] == [
        "Заголовок без точки",
        "Первое предложение.",
        "Второе.",
    ]
