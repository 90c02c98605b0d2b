"""Checks every page a test fetches as a GOV.UK page (alphagov/notifications-admin style)."""

import html5lib
from bs4 import BeautifulSoup


class PageCheckError(AssertionError):
    pass


def check_govuk_page(content: bytes, *, url: str = "") -> BeautifulSoup:
    """Valid HTML, exactly one <h1> whose text begins the <title>, no duplicate ids."""
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
    seen: set[str] = set()
    for element in soup.find_all(id=True):
        element_id = str(element["id"])
        if element_id in seen:
            raise PageCheckError(f"{url}: duplicate id {element_id!r}")
        seen.add(element_id)
    return soup
