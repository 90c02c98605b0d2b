"""Checks every page a test fetches as a GOV.UK page (alphagov/notifications-admin style)."""

import re

import html5lib
from bs4 import BeautifulSoup, Comment

# Markup of the kind the product's own templates emit. Seen as visible text, it means a
# template escaped HTML it built itself (a macro's `html` given as `text`, a string not
# marked safe). User-entered payloads (`<script>`, `<img onerror>`) shown escaped are right,
# so those tags are not listed.
_OWN_MARKUP = re.compile(
    r"</?(a|abbr|br|button|dd|details|div|dl|dt|em|form|h[1-6]|input|label|li|ol|p|span|"
    r"strong|summary|table|tbody|td|th|thead|time|tr|ul)(\s[^<>]*)?/?>",
    re.IGNORECASE,
)
_NOT_VISIBLE = {"script", "style", "template", "textarea", "title", "noscript"}


class PageCheckError(AssertionError):
    pass


def check_govuk_page(content: bytes, *, url: str = "") -> BeautifulSoup:
    """Valid HTML, exactly one <h1> whose text begins the <title>, no markup shown as text,
    no duplicate ids."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    try:
        parser.parse(content)
    except html5lib.html5parser.ParseError as error:
        raise PageCheckError(f"{url}: HTML does not parse: {error}") from None
    soup = BeautifulSoup(content, "html.parser")
    h1s = soup.find_all("h1")
    if len(h1s) != 1:
        raise PageCheckError(f"{url}: expected exactly one <h1>, found {len(h1s)}")
    title = " ".join(soup.title.get_text().split()) if soup.title else ""
    title = title.removeprefix("Error: ").removeprefix("Gwall: ")
    h1 = " ".join(h1s[0].get_text().split())
    if not h1 or not title.startswith(h1):
        raise PageCheckError(f"{url}: <title> {title!r} does not begin with the <h1> {h1!r}")
    for node in soup.find_all(string=True):
        if isinstance(node, Comment) or node.parent is None or node.parent.name in _NOT_VISIBLE:
            continue
        shown = _OWN_MARKUP.search(str(node))
        if shown:
            raise PageCheckError(f"{url}: markup shown as text: {shown.group(0)!r}")
    seen: set[str] = set()
    for element in soup.find_all(id=True):
        element_id = str(element["id"])
        if element_id in seen:
            raise PageCheckError(f"{url}: duplicate id {element_id!r}")
        seen.add(element_id)
    return soup
