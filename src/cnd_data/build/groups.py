"""Groups on whose behalf a statement was made, and their members.

A group's label names members ("the European Union and its member States", "the Group of 77
and China") or none ("a group of countries"); its footnote lists members ("A, B and C.") or
States that "associated themselves with the statement: D and E.". "Its member States" names the
members of the organisation before it as a class, and a group of States ("the Group of African
States") names its members as a class too: they are enumerated from the registry's memberships
over the session dates and marked as implied. A group of States is the group's bloc, not a
member of itself; where the registry does not hold its members, the group's members are
incomplete (only those named by name are rows) and the data says so.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from cnd_data.build.errors import BuildError
from cnd_data.build.names import split_names
from cnd_data.build.registry import Registry

_GENERIC = re.compile(r"^an? (?:group|number) of (?:countries|States|Member States|delegations)$")
_CLASS = re.compile(r",? and (?P<phrase>(?:its|their) member States)$")
_ASSOCIATED = re.compile(
    r"^[^:]*\bassociated themselves with (?:the|this) statement:\s*(?P<names>.+)$"
)


@dataclass(frozen=True)
class Member:
    actor_id: str
    position: int | None
    name_in_report: str
    membership: str
    basis: str
    named_in: str


@dataclass(frozen=True)
class Members:
    """A group's members, the group of States its label names (if any), and whether the rows
    hold every member."""

    rows: tuple[Member, ...]
    bloc_id: str | None = None
    complete: bool = True


class GroupParser:
    """Members of each group, collecting names it cannot resolve."""

    def __init__(self, registry: Registry, start: dt.date, end: dt.date) -> None:
        self.registry = registry
        self.start, self.end = start, end
        self.unresolved: list[str] = []

    def members(self, label: str, footnote: tuple[int, str] | None) -> Members:
        bloc, members, complete = self._from_label(label)
        if footnote is not None:
            members += self._from_footnote(*footnote)
        seen: dict[str, Member] = {}
        for member in members:
            if member.actor_id in seen:
                raise BuildError(
                    f"group {label!r}: {member.actor_id} is named twice"
                    f" ({seen[member.actor_id].name_in_report!r}, {member.name_in_report!r})"
                )
            seen[member.actor_id] = member
        return Members(tuple(members), bloc, complete)

    def _from_label(self, label: str) -> tuple[str | None, list[Member], bool]:
        """The bloc the label names, the members it names or implies, and whether those are
        all of them."""
        if _GENERIC.match(label):
            return None, [], True
        named, phrase = label, None
        if m := _CLASS.search(label):
            named, phrase = label[: m.start()], m.group("phrase")
        names, unknown = split_names(named, self.registry)
        self.unresolved += [f"group label {label!r}: unknown name {name!r}" for name in unknown]
        blocs = [
            n for n in names if self.registry.actors[n.actor_id].actor_type == "group_of_states"
        ]
        if len(blocs) > 1:
            raise BuildError(
                f"group label {label!r} names {len(blocs)} groups of States"
                f" ({', '.join(n.text for n in blocs)}); a group has one"
            )
        bloc, complete = (blocs[0].actor_id, True) if blocs else (None, True)
        members = [
            Member(n.actor_id, None, n.text, "member", "listed", "label")
            for n in names
            if n not in blocs
        ]
        for n in blocs:
            implied = self.registry.members_of(n.actor_id, self.start, self.end)
            members += [Member(a, None, n.text, "member", "implied", "label") for a in implied]
            complete = bool(implied)
        if phrase and names:
            organisation = names[-1].actor_id
            implied = self.registry.members_of(organisation, self.start, self.end)
            if not implied:
                raise BuildError(
                    f"group label {label!r}: the registry has no members of {organisation}"
                )
            members += [Member(a, None, phrase, "member", "implied", "label") for a in implied]
        return bloc, members, complete

    def _from_footnote(self, number: int, text: str) -> list[Member]:
        text = text.strip().rstrip(".")
        membership = "member"
        if m := _ASSOCIATED.match(text):
            text, membership = m.group("names"), "associated"
        names, unknown = split_names(text, self.registry)
        self.unresolved += [f"footnote {number}: unknown name {name!r}" for name in unknown]
        return [
            Member(n.actor_id, position, n.text, membership, "listed", "footnote")
            for position, n in enumerate(names, start=1)
        ]
