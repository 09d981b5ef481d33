"""HTML pages as trees for trafilatura, with the checks that keep text from being
lost or made up: pages nested deeper than libxml2 parses, and pages of menus only."""

from __future__ import annotations

import re
from collections import Counter

from lxml.html import HtmlElement
from trafilatura.utils import load_html

# libxml2 stops parsing at this depth and drops the rest of the page without a word;
# a tree that reaches it may have lost text.
LIBXML_MAX_DEPTH = 256
# Tags below this depth are dropped (their text kept): far below libxml2's limit and
# far above the nesting of real pages.
FLAT_DEPTH = 100
DEEP_WARNING = (
    "HTML nested {:,} levels deep: the tags below level "
    f"{FLAT_DEPTH} were dropped to read the whole page, so paragraph breaks there may be lost"
)

_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta"}
    | {"param", "source", "track", "wbr"}
)
# Their contents are not markup; `<div>` in a script must not count.
_RAW = "script|style|textarea|title|xmp|plaintext|noscript|iframe|noembed|noframes"
_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)"
    rf"|<(?P<raw>{_RAW})\b.*?(?:</(?P=raw)\s*>|\Z)"
    r"|<(?P<close>/?)(?P<name>[a-zA-Z][^\s/>]*)(?:[^>\"']|\"[^\"]*\"|'[^']*')*>",
    re.DOTALL | re.IGNORECASE,
)
# Where a dropped tag ended or started a block, a line break keeps the paragraphs apart.
_BLOCKS = frozenset(
    {"address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "fieldset"}
    | {"figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "li"}
    | {"main", "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul"}
)

# Text a reader sees as the article, not as the page's head or site chrome: outside
# navigation, scripts, forms and links. trafilatura falls back to such chrome when a
# page has no article. Not only under <body>: lxml gives a broken page no body.
_ARTICLE_TEXT = (
    "//text()[normalize-space()][not(ancestor::*[self::head or self::title or "
    "self::nav or self::header or self::footer or self::aside or self::menu or "
    "self::script or self::style or self::noscript or self::template or self::form or "
    "self::button or self::select or self::a])]"
)


def article_tree(markup: str) -> tuple[HtmlElement | None, str | None]:
    """The page's tree, None when it has no article text; and a warning when it had to
    be flattened to be read whole."""
    tree = load_html(markup)
    warning = None
    if tree is not None and _at_depth_limit(tree):
        flat, depth = flatten(markup)
        tree, warning = load_html(flat), DEEP_WARNING.format(depth)
    if tree is None or not tree.xpath(_ARTICLE_TEXT):
        return None, warning
    return tree, warning


def _at_depth_limit(tree: HtmlElement) -> bool:
    return bool(tree.xpath("/" + "/".join(["*"] * LIBXML_MAX_DEPTH)))


def flatten(markup: str) -> tuple[str, int]:
    """The markup with the tags nested deeper than FLAT_DEPTH left out, and its depth."""
    kept: list[str] = []
    open_tags: list[str] = []
    still_open: Counter[str] = Counter()
    deepest = 0
    at = 0
    broken = False
    for token in _TOKEN.finditer(markup):
        name = (token["name"] or "").lower()
        if not name or name in _VOID:
            continue
        if not token["close"]:
            if token[0].endswith("/>"):
                continue
            open_tags.append(name)
            still_open[name] += 1
            depth = len(open_tags)
            deepest = max(deepest, depth)
        elif still_open[name]:
            # An end tag closes the elements opened inside it, as in a browser; each
            # tag is popped once, so a page of thousands of tags stays linear.
            depth = len(open_tags)
            while open_tags[depth - 1] != name:
                depth -= 1
            for closed in open_tags[depth - 1 :]:
                still_open[closed] -= 1
            del open_tags[depth - 1 :]
        else:
            continue  # a stray end tag, ignored by libxml2 as well
        if depth > FLAT_DEPTH:
            between = markup[at : token.start()]
            kept.append(between)
            # One break for a run of dropped block tags: thousands of them make
            # trafilatura crawl.
            broken = broken and not between.strip()
            if name in _BLOCKS and not broken:
                kept.append("<br>")
                broken = True
            at = token.end()
    kept.append(markup[at:])
    return "".join(kept), deepest
