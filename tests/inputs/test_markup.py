"""HTML pages that used to lose their text silently or give menus as the article."""

from pathlib import Path

import pytest

from gov_extract.inputs.read import Columns, read

PARAGRAPHS = [
    "Губернатор Калужской области Владислав Шапша посетил завод в Обнинске.",
    "Стороны обсудили вопросы развития производства и подготовки кадров для новых цехов.",
    "По итогам встречи подписано соглашение о сотрудничестве на пять лет вперёд.",
]


def _read_html(tmp_path: Path, markup: str):
    path = tmp_path / "page.html"
    path.write_text(markup, encoding="utf-8")
    [source] = read(path, tmp_path, Columns())
    return source


def _page(body: str) -> str:
    return f"<html><head><title>Визит</title></head><body>{body}</body></html>"


@pytest.mark.parametrize("depth", [300, 5000])
def test_deeply_nested_page_is_read_whole(tmp_path: Path, depth: int) -> None:
    first, inner, last = (f"<p>{text}</p>" for text in PARAGRAPHS)
    nested = "<div>" * depth + inner + "<p>Второй абзац внутри.</p>" + "</div>" * depth
    source = _read_html(tmp_path, _page(f"<article>{first}{nested}{last}</article>"))
    assert source.error is None
    assert source.body.split("\n") == [
        PARAGRAPHS[0],
        PARAGRAPHS[1],
        "Второй абзац внутри.",
        PARAGRAPHS[2],
    ]
    assert source.warning.startswith(f"HTML nested {depth + 4:,} levels deep")


def test_ordinary_page_is_not_flattened(tmp_path: Path) -> None:
    nested = "<div>" * 200 + "".join(f"<p>{text}</p>" for text in PARAGRAPHS) + "</div>" * 200
    source = _read_html(tmp_path, _page(nested))
    assert source.body.split("\n") == PARAGRAPHS
    assert source.warning is None


@pytest.mark.parametrize(
    "body",
    [
        "<nav><ul><li><a href='/'>menu</a></li></ul></nav><script>var a = 1;</script>",
        "<header><a href='/'>Главная</a></header><div><a href='/news'>Новости</a> "
        "<a href='/docs'>Документы</a></div><footer>© 2024</footer>",
        "<aside>Популярное</aside><form><button>Найти</button></form>",
    ],
)
def test_page_of_menus_only_has_no_article(tmp_path: Path, body: str) -> None:
    source = _read_html(tmp_path, _page(body))
    assert source.error.startswith("no article text found in the HTML page")


def test_short_article_beside_menus_is_kept(tmp_path: Path) -> None:
    body = "<nav><a href='/'>Главная</a></nav><div>Губернатор провёл приём граждан.</div>"
    source = _read_html(tmp_path, _page(body))
    assert source.error is None
    assert "Губернатор провёл приём граждан." in source.body
