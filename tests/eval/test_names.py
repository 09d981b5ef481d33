"""The person normal-form measure, on a document in factRuEval's layout written here."""

from pathlib import Path

from gov_extract_eval.gold import GoldDoc
from gov_extract_eval.names import person_normal_forms, read_persons

from gov_extract.link.entities import read_names
from gov_extract.records import Doc, Mention

TEXT = "Министр Иван Петров прибыл. Петрова встретил В. Сидоров."


def _write(folder: Path) -> None:
    def span(word: str) -> tuple[int, int]:
        return TEXT.index(word), len(word)

    lines = [
        ("1", "name", "Иван"), ("2", "surname", "Петров"), ("3", "surname", "Петрова"),
        ("4", "name", "В."), ("5", "surname", "Сидоров"),
    ]  # fmt: skip
    (folder / "book_1.txt").write_text(TEXT, encoding="utf-8")
    (folder / "book_1.spans").write_text(
        "".join(f"{i} {kind} {span(w)[0]} {span(w)[1]} 0 1 # {w}\n" for i, kind, w in lines),
        encoding="utf-8",
    )
    (folder / "book_1.objects").write_text(
        "10 Person 1 2 # Иван Петров\n11 Person 3 # Петрова\n12 Person 4 5 # В. Сидоров\n",
        encoding="utf-8",
    )
    (folder / "book_1.coref").write_text(
        "1 10 11\nfirstname Иван\nlastname Петров\n\n2 12\nfirstname Виктор\nlastname Сидоров\n",
        encoding="utf-8",
    )


def _doc(*names: tuple[str, str]) -> Doc:
    doc = Doc("book_1", "book_1", None, "txt", "", text=TEXT)
    for written, normal in names:
        start = TEXT.index(written)
        doc.mentions.append(Mention(start, start + len(written), "PER", written, 0, normal=normal))
    read_names(doc)
    return doc


def test_the_first_name_is_asked_for_only_where_it_is_written(tmp_path: Path) -> None:
    _write(tmp_path)
    petrov, sidorov = read_persons("book_1", tmp_path)
    assert (petrov.first, petrov.last) == ("Иван", "Петров")
    assert (sidorov.first, sidorov.last) == (None, "Сидоров")


def test_a_person_counts_when_the_linked_name_is_nominative(tmp_path: Path) -> None:
    _write(tmp_path)
    gold = GoldDoc("book_1", TEXT, ())
    right = _doc(
        ("Иван Петров", "Иван Петров"), ("Петрова", "Петров"), ("В. Сидоров", "В. Сидоров")
    )
    report = person_normal_forms([gold], [right], tmp_path)
    assert (report.score.tp, report.score.n_gold, report.split) == (2, 2, 0)
    wrong = _doc(("Иван Петров", "Ивана Петрова"), ("Петрова", "Петров"))
    report = person_normal_forms([gold], [wrong], tmp_path)
    assert (report.score.tp, report.missed, report.split) == (0, 1, 0)
    assert report.wrong == [("book_1", "Иван Петров", "Ивана Петрова")]
