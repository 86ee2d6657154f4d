"""The report's identity: its cover lines and the opening paragraphs of the chapter.

Cover lines (emphasis marks split one line into parts):
``Commission on Narcotic Drugs`` / ``Sixty-eighth session`` / ``Vienna, 10–14 March 2025`` /
``Draft report`` ``Rapporteur: Name (Country)`` ``Addendum`` ``<agenda item title>``.
The paragraph that names the meetings also names the agenda item: "the Commission considered
agenda item 6, entitled “…”", "… agenda item 5 (b), entitled “…”", "… agenda item 5, “…”".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from cnd_data.build.dates import ordinal_number, parse_date_range
from cnd_data.build.errors import BuildError
from cnd_data.build.source import RawParagraph
from cnd_data.build.text import plain

_SESSION = re.compile(r"^(?P<ordinal>[A-Za-z-]+) session$")
_VENUE = re.compile(r"^(?P<venue>[^,0-9]+), (?P<dates>[0-9].*[0-9]{4})$")
_STATUS = re.compile(r"^(?P<draft>Draft )?[Rr]eport$")
_RAPPORTEUR = re.compile(r"Rapporteur:\s*(?P<name>[^()]+?)\s*\((?P<country>[^)]+)\)")
# "agenda item 6, entitled “…”", "agenda item 5 (b), entitled “…”", or the title quoted
# without "entitled" ("agenda item 5, “…: (a) …; (b) …”")
_ITEM = re.compile(
    r"\bagenda item (?P<number>[1-9][0-9]*(?: \([a-z]\))?), (?:entitled )?"
    r"[“\"](?P<title>[^”\"]+)[”\"]"
)
AGENDA_ITEM = re.compile(r"^(?P<number>[1-9][0-9]*)(?: \((?P<letter>[a-z])\))?$")


def item_order(item: str) -> tuple[int, str]:
    """An agenda item's place in the agenda: 5 (b) after 5 (a), 10 after 9."""
    found = AGENDA_ITEM.match(item)
    if found is None:
        return (0, item)
    return int(found.group("number")), found.group("letter") or ""


@dataclass(frozen=True)
class FrontMatter:
    body: str
    session: int
    venue: str
    session_start: dt.date
    session_end: dt.date
    status: str
    addendum: bool
    rapporteur: str | None
    rapporteur_country: str | None
    agenda_title: str


def _parts(header: list[str]) -> list[str]:
    """Cover lines cut at emphasis marks, as the PDF's separate text runs."""
    return [p.strip() for line in header for p in re.split(r"\*+", line) if p.strip()]


def parse_front_matter(header: list[str], origin: str) -> FrontMatter:
    parts = _parts(header)
    session_at = next((i for i, p in enumerate(parts) if _SESSION.match(p)), None)
    if session_at is None or session_at == 0:
        raise BuildError(f"{origin}: cover has no '<ordinal> session' line after the body's name")
    venue = next((m for p in parts if (m := _VENUE.match(p))), None)
    if venue is None:
        raise BuildError(f"{origin}: cover has no 'Venue, dates' line")
    start, end = parse_date_range(venue.group("dates"))
    status = next((m for p in parts if (m := _STATUS.match(p))), None)
    rapporteur = _RAPPORTEUR.search(" ".join(parts))
    known = {parts[session_at - 1], parts[session_at], venue.group(0), "Addendum"}
    titles = [
        p
        for p in parts
        if p not in known
        and not _STATUS.match(p)
        and not p.startswith("Rapporteur")
        and not (rapporteur and rapporteur.group("name") in p)
    ]
    if not titles:
        raise BuildError(f"{origin}: cover has no agenda item title")
    session = _SESSION.match(parts[session_at])
    assert session is not None
    return FrontMatter(
        body=parts[session_at - 1],
        session=ordinal_number(session.group("ordinal")),
        venue=venue.group("venue").strip(),
        session_start=start,
        session_end=end,
        status="draft" if status and status.group("draft") else "final",
        addendum="Addendum" in parts,
        rapporteur=rapporteur.group("name") if rapporteur else None,
        rapporteur_country=rapporteur.group("country") if rapporteur else None,
        agenda_title=max(titles, key=len),
    )


def parse_agenda_item(paragraphs: list[RawParagraph], origin: str) -> tuple[str, str]:
    """(item, title) from 'considered agenda item N, entitled “…”' (N may be a sub-item,
    "5 (b)"; "entitled" may be left out)."""
    for paragraph in paragraphs:
        if m := _ITEM.search(plain(paragraph.raw)):
            return m.group("number"), m.group("title")
    raise BuildError(f"{origin}: no paragraph says 'agenda item N, entitled “…”'")
