"""The name → actor registry: States from the UN country list, curated organisations and aliases.

Files in the registry folder (all edited by hand except the reference copy):

- ``country-codes.csv``: reference list of countries (ISO 3166, M49, UNTERM names).
- ``state-corrections.csv``: cell corrections applied to that list before anything is read.
- ``organizations.csv``: every non-State actor, with its type, abbreviation and source.
- ``aliases.csv``: further names of an actor that the report genre uses.
- ``memberships.csv``: membership of organisations over time (for "its member States").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from cnd_data.build.errors import BuildError
from cnd_data.build.inputs import read_table
from cnd_data.build.text import find_words, name_key, name_text

COUNTRY_CODES = "country-codes.csv"
_SHORT = "UNTERM English Short"
_FORMAL = "UNTERM English Formal"
_NON_MEMBER_OBSERVER = "*"
_NOT_UN = "**"
_COUNTRY_COLUMNS = (
    "ISO3166-1-Alpha-3", "ISO3166-1-Alpha-2", "M49", _SHORT, _FORMAL, "official_name_en",
    "Region Name", "Sub-region Name",
)  # fmt: skip


@dataclass(frozen=True)
class Actor:
    actor_id: str
    name: str
    actor_type: str
    abbreviation: str | None = None
    iso3: str | None = None
    iso2: str | None = None
    m49: str | None = None
    un_member: bool | None = None
    region: str | None = None
    subregion: str | None = None


@dataclass(frozen=True)
class Name:
    """A name under which the genre names an actor, and where the registry has it from."""

    actor_id: str
    name: str
    kind: str  # name, formal_name, iso_name, abbreviation, name_with_abbreviation, alias


@dataclass(frozen=True)
class Membership:
    organization_id: str
    member_id: str
    member_from: dt.date
    member_until: dt.date | None


class Registry:
    """Actors by id and by every name under which the report genre may name them."""

    def __init__(self, actors: Iterable[Actor], names: Iterable[Name]) -> None:
        self.actors: dict[str, Actor] = {}
        for actor in actors:
            if actor.actor_id in self.actors:
                raise BuildError(f"registry: actor id {actor.actor_id!r} defined twice")
            self.actors[actor.actor_id] = actor
        self._by_key: dict[str, str] = {}
        self.names: dict[str, list[Name]] = {}
        clashes = []
        for entry in names:
            actor_id, name = entry.actor_id, entry.name
            if actor_id not in self.actors:
                raise BuildError(f"registry: name {name!r} is for unknown actor {actor_id!r}")
            key = name_key(name)
            if self._by_key.setdefault(key, actor_id) != actor_id:
                clashes.append(f"{name!r} names both {self._by_key[key]} and {actor_id}")
            known = self.names.setdefault(actor_id, [])
            if all(n.name != name for n in known):
                known.append(entry)
        if clashes:
            raise BuildError("registry: ambiguous names: " + "; ".join(sorted(set(clashes))))
        self.longest_key = max(map(len, self._by_key), default=0)  # bounds a name's length
        self.memberships: list[Membership] = []
        self.folder = Path("registry")

    def resolve(self, name: str) -> str | None:
        """The actor id for a name as written, or None."""
        return self.resolve_key(name_key(name))

    def named_in(self, text: str) -> set[str]:
        """The actors whose names stand in a text as whole words, and not inside a longer name
        ("Sudan" in "South Sudan"): every name is looked for, which suits the few sentences
        whose speakers a maintainer records by hand."""
        written = name_text(text)
        spans = []
        for key, actor in self._by_key.items():
            start = find_words(written, key, 0)
            while start >= 0:
                spans.append((start, start + len(key), actor))
                start = find_words(written, key, start + 1)
        named, reach = set(), -1  # the furthest end of a name that starts earlier or is longer
        for _, end, actor in sorted(spans, key=lambda span: (span[0], -span[1])):
            if end > reach:
                named.add(actor)
            reach = max(reach, end)
        return named

    def resolve_key(self, key: str) -> str | None:
        """The actor id for a name already made a key by ``name_key``, or None."""
        return self._by_key.get(key)

    def members_of(self, organization_id: str, start: dt.date, end: dt.date) -> list[str]:
        """Actors that were members of an organisation throughout [start, end], sorted."""
        return sorted(
            m.member_id
            for m in self.memberships
            if m.organization_id == organization_id
            and m.member_from <= start
            and (m.member_until is None or m.member_until >= end)
        )


def _states(folder: Path) -> tuple[list[Actor], list[Name]]:
    table = read_table(folder, COUNTRY_CODES, _COUNTRY_COLUMNS)
    rows = {row["ISO3166-1-Alpha-3"]: row for row in table}
    for fix in read_table(folder, "state-corrections.csv", ("iso3", "column", "value")):
        row = rows.get(fix["iso3"])
        if row is None or fix["column"] not in row:
            raise BuildError(f"state-corrections.csv: no cell {fix['iso3']}/{fix['column']}")
        row[fix["column"]] = fix["value"]
    actors, names = [], []
    for iso3, row in sorted(rows.items()):
        short = row[_SHORT].strip()
        unmarked = short.rstrip("*")
        marker = short[len(unmarked) :]
        if not short or marker == _NOT_UN:
            continue
        name = unmarked.rstrip()
        if name.endswith("(the)"):
            name = name.removesuffix("(the)").rstrip()
        observer = marker == _NON_MEMBER_OBSERVER
        actors.append(
            Actor(
                actor_id=iso3,
                name=name,
                actor_type="state",
                iso3=iso3,
                iso2=row["ISO3166-1-Alpha-2"],
                m49=_m49(row["M49"], iso3),
                un_member=not observer,
                region=row["Region Name"] or None,
                subregion=row["Sub-region Name"] or None,
            )
        )
        formal = row[_FORMAL].strip().rstrip("*").rstrip()
        kinds = {"name": name, "formal_name": formal, "iso_name": row["official_name_en"].strip()}
        names += [Name(iso3, n, kind) for kind, n in kinds.items() if n]
    return actors, names


def _m49(code: str, iso3: str) -> str:
    if not re.fullmatch(r"[0-9]{1,3}", code):
        raise BuildError(f"{COUNTRY_CODES}: {iso3}: M49 {code!r} is not a number of 1 to 3 digits")
    return code.zfill(3)


def _organizations(folder: Path) -> tuple[list[Actor], list[Name]]:
    actors, names = [], []
    for row in read_table(
        folder, "organizations.csv", ("actor_id", "name", "actor_type", "abbreviation", "source")
    ):
        if not (row.get("source") or "").strip():
            raise BuildError(f"organizations.csv: {row['actor_id']} has no source")
        abbreviation = row["abbreviation"] or None
        actors.append(Actor(row["actor_id"], row["name"], row["actor_type"], abbreviation))
        names.append(Name(row["actor_id"], row["name"], "name"))
        if abbreviation:
            names.append(Name(row["actor_id"], abbreviation, "abbreviation"))
            full = f"{row['name']} ({abbreviation})"
            names.append(Name(row["actor_id"], full, "name_with_abbreviation"))
    return actors, names


def _date(text: str, where: str) -> dt.date:
    """A date written YYYY-MM-DD (fromisoformat alone takes 20250101 and week dates too)."""
    try:
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
            raise ValueError(text)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise BuildError(f"{where}: not an ISO date: {text!r}") from None


def load_registry(folder: Path) -> Registry:
    """Read the registry folder; inconsistent or ambiguous entries raise BuildError."""
    states, state_names = _states(folder)
    organizations, organization_names = _organizations(folder)
    aliases = [
        Name(row["actor_id"], row["alias"], "alias")
        for row in read_table(folder, "aliases.csv", ("actor_id", "alias"))
    ]
    check_state_codes(states)
    registry = Registry(states + organizations, state_names + organization_names + aliases)
    registry.folder = folder
    for row in read_table(
        folder, "memberships.csv", ("organization_id", "member_id", "member_from", "member_until")
    ):
        for key in ("organization_id", "member_id"):
            if row[key] not in registry.actors:
                raise BuildError(f"memberships.csv: unknown actor {row[key]!r}")
        registry.memberships.append(
            Membership(
                row["organization_id"],
                row["member_id"],
                _date(row["member_from"], "memberships.csv"),
                _date(row["member_until"], "memberships.csv") if row["member_until"] else None,
            )
        )
    return registry


def check_state_codes(actors: Iterable[Actor]) -> None:
    """Every State's alpha-3, alpha-2 and M49 code must agree with ISO 3166-1 (pycountry)."""
    try:
        import pycountry
    except ImportError:
        raise BuildError("the build needs pycountry: pip install 'cnd-data[build]'") from None
    problems = []
    for actor in actors:
        if actor.actor_type != "state":
            continue
        country = pycountry.countries.get(alpha_3=actor.iso3)
        if country is None:
            problems.append(f"{actor.actor_id}: {actor.iso3!r} is not an ISO 3166-1 alpha-3 code")
        elif (country.alpha_2, country.numeric) != (actor.iso2, actor.m49):
            problems.append(
                f"{actor.actor_id}: iso2/m49 {actor.iso2}/{actor.m49} differ from ISO 3166-1"
                f" {country.alpha_2}/{country.numeric}"
            )
    if problems:
        raise BuildError("registry: " + "; ".join(problems))
