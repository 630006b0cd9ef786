"""One list-and-body mechanism per CMS family; `detect` picks one for a page."""

from __future__ import annotations

from crawlers.families.base import GenericFamily, ListItem, ListPage, PageRequest
from crawlers.families.gkmlpt import GkmlptFamily
from crawlers.families.hanweb import HanwebFamily
from crawlers.families.trs import TrsFamily


class ShtmlFamily(GenericFamily):
    name = "shtml"
    body_hints = ("//*[@id='xw_box']",)

    def matches(self, url: str, text: str) -> bool:
        return url.split("?")[0].endswith(".shtml")


class LegacyFamily(GenericFamily):
    name = "legacy"
    body_hints = ("//*[@id='fontzoom']",)

    def matches(self, url: str, text: str) -> bool:
        return ".asp" in url or "页次" in text


FAMILIES: dict[str, GenericFamily] = {
    f.name: f
    for f in (
        HanwebFamily(),
        TrsFamily(),
        GkmlptFamily(),
        ShtmlFamily(),
        LegacyFamily(),
        GenericFamily(),
    )
}


def detect(url: str, text: str, hint: str | None = None) -> GenericFamily:
    """The profile's family if it names one, else the first whose markers the page shows."""
    if hint and hint in FAMILIES:
        return FAMILIES[hint]
    for family in FAMILIES.values():
        if family.matches(url, text):
            return family
    return FAMILIES["generic"]


__all__ = ["FAMILIES", "GenericFamily", "ListItem", "ListPage", "PageRequest", "detect"]
