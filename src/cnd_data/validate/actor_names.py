"""Rules that read names against the ``names`` table, the names under which the package knows
each actor: a speaker or a member named by name is the actor that name names; a member implied
by a class ("its member States") is not named by its own name; the footnote's words say who
associated themselves with a statement.

A name is looked up as DATA.md says (``names.name``): no leading "the", straight apostrophes,
single spaces, NFC. The lookup is written here, apart from the build's.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator

import pandas as pd

from cnd_data.declared_rules import declare
from cnd_data.validate.findings import Finding
from cnd_data.validate.rulebook import Frames, among, attach, each, has, plain, row_number, rule
from cnd_data.validate.rules import GROUP_MEMBERS
from cnd_data.validate.word_scan import Phrases, Text, covered, occurrences, within

# The rules this module checks; docs/rules.md is generated from them.
ACTOR_NAME = declare(
    "actor-name",
    "words",
    "a speaker, a sponsor, and a group member listed by name, is the actor its name_in_report"
    " names in the"
    " names table (looked up without a leading 'the', with straight apostrophes; 'the "
    "Commission' is the report's body); an implied member is not named in its own name; a "
    "group's bloc is a group of States its label names; every actor a label names is its bloc "
    "or a member it lists; every actor's name is its names row of kind name",
    "name_in_report names SGP, not the row's actor",
)
SPEAKER_MISSING = declare(
    "speaker-missing",
    "words",
    "a name of the names table in a speakers sentence's list of speakers (between its first and"
    " last speaker, or joined to them by commas and 'and') is a speaker's name or part of one, "
    "of a title or of a group's label: a speaker left out of the rows is found",
    "the sentence names 'Kenya', and no speaker row of it does",
)
NAME_AMBIGUOUS = declare(
    "name-ambiguous",
    "words",
    "no two actors share a name once it is looked up",
    "the name names more than one actor",
)
MEMBERSHIP_WORDING = declare(
    "membership-wording",
    "words",
    "a member is 'associated' exactly where its group's footnote says the States 'associated "
    "themselves with' the statement",
    "the membership does not agree with the words of the group's footnote",
)

_SPACES = re.compile(r"[ \t\u00a0]+")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'"})
_ARTICLE = re.compile(r"^[Tt]he ")
ASSOCIATED_WORDS = "associated themselves with"


def looked_up(name: object) -> str | None:
    """The form under which a name is looked up, or None for a missing name."""
    return _looked_up(name) if isinstance(name, str) else None


@functools.lru_cache(maxsize=1 << 16)  # a package names its actors again and again
def _looked_up(name: str) -> str:
    text = unicodedata.normalize("NFC", name).translate(_APOSTROPHES)
    return _ARTICLE.sub("", _SPACES.sub(" ", text).strip())


def names_lookup(frames: Frames) -> dict[str, str] | None:
    """Each looked-up name → its actor, from the names table (None without one); a name that
    names two actors → "", reported once by ``names_name_one_actor``."""
    if not has(frames, "names", "name", "actor_id"):
        return None
    names = frames["names"]
    pairs: dict[str, set[str]] = {}
    for name, actor in zip(plain(names["name"]), plain(names["actor_id"]), strict=True):
        key = looked_up(name)
        if key is not None and isinstance(actor, str):
            pairs.setdefault(key, set()).add(actor)
    return {key: next(iter(actors)) if len(actors) == 1 else "" for key, actors in pairs.items()}


@rule
def each_actor_has_its_own_name(frames: Frames) -> Iterator[Finding]:
    """Every actor's name (actors.name) is the names row of kind name that names it, and every
    row of kind name is its actor's name: the names table is anchored to the actors."""
    if not has(frames, "names", "name", "actor_id", "kind") or not has(
        frames, "actors", "actor_id", "name"
    ):
        return
    names, actors = frames["names"], frames["actors"]
    own = (names["kind"].astype("string") == "name").fillna(False)
    named = attach(names, actors, ["actor_id"], ["actor_id"], "name")
    known = among(names["actor_id"], actors["actor_id"])
    yield from each(
        own & known & (named.astype("string") != names["name"].astype("string")).fillna(True),
        names,
        ACTOR_NAME,
        "a name of kind name is not its actor's name in actors",
        "names",
        "name",
    )
    pairs = set(zip(plain(names.loc[own, "actor_id"]), plain(names.loc[own, "name"]), strict=True))
    missing = [
        (a, n) not in pairs
        for a, n in zip(plain(actors["actor_id"]), plain(actors["name"]), strict=True)
    ]
    yield from each(
        pd.Series(missing, index=actors.index),
        actors,
        ACTOR_NAME,
        "the actor's name is not in the names table as its name",
        "actors",
        "name",
    )


@rule
def names_name_one_actor(frames: Frames) -> Iterator[Finding]:
    """No two actors share a name once it is looked up."""
    if not has(frames, "names", "name", "actor_id"):
        return
    names = frames["names"]
    keys = names["name"].map(looked_up)
    actors = names.groupby(keys, dropna=True)["actor_id"].nunique()
    shared = among(keys, actors[actors > 1].index)
    yield from each(
        shared, names, NAME_AMBIGUOUS, "the name names more than one actor", "names", "name"
    )


def _bodies(frames: Frames, lookup: dict[str, str]) -> dict[str, str]:
    """Each report → the actor its body's name names: "the Commission" in its words."""
    if not has(frames, "reports", "report_id", "body"):
        return {}
    reports = frames["reports"]
    pairs = zip(plain(reports["report_id"]), plain(reports["body"]), strict=True)
    return {r: a for r, b in pairs if (a := lookup.get(looked_up(b) or "")) is not None}


def _named(
    table: pd.DataFrame,
    lookup: dict[str, str],
    bodies: dict[str, str],
    resource: str,
    known: set[str],
) -> Iterator[Finding]:
    """Rows whose name_in_report must name their actor_id ("the Commission" names the body of
    the row's report); a row whose actor is not ``known`` is left to the foreign key."""
    reports = table["report_id"] if "report_id" in table else pd.Series(None, index=table.index)
    for index, name, actor, report in zip(
        table.index,
        plain(table["name_in_report"]),
        plain(table["actor_id"]),
        plain(reports),
        strict=True,
    ):
        key = looked_up(name)
        if key is None or not isinstance(actor, str):
            continue
        named = bodies.get(report) if key == "Commission" else lookup.get(key)
        if named == "" or actor not in known:
            continue  # a name of two actors, an actor without names: other rules say so
        if named is None:
            yield Finding(
                ACTOR_NAME,
                "name_in_report is not a name of any actor in the names table",
                resource,
                row_number(index),
                "name_in_report",
                str(name),
            )
        elif named != actor:
            yield Finding(
                ACTOR_NAME,
                f"name_in_report names {named}, not the row's actor",
                resource,
                row_number(index),
                "actor_id",
                actor,
            )


@rule
def actors_are_the_ones_named(frames: Frames) -> Iterator[Finding]:
    """A speaker, a sponsor, and a group member listed by name, is the actor its name_in_report
    names."""
    lookup = names_lookup(frames)
    if lookup is None:
        return
    bodies = _bodies(frames, lookup)
    known = set(lookup.values())
    if has(frames, "actors", "actor_id"):
        known = {a for a in plain(frames["actors"]["actor_id"]) if isinstance(a, str)}
    if has(frames, "speakers", "name_in_report", "actor_id"):
        yield from _named(frames["speakers"], lookup, bodies, "speakers", known)
    if has(frames, "sponsors", "name_in_report", "actor_id"):
        yield from _named(frames["sponsors"], lookup, {}, "sponsors", known)
    if has(frames, "group_members", "name_in_report", "actor_id", "basis"):
        members = frames["group_members"]
        listed = (members["basis"].astype("string") == "listed").fillna(False)
        yield from _named(members[listed], lookup, {}, "group_members", known)
        implied = (members["basis"].astype("string") == "implied").fillna(False)
        own = pd.Series(
            [
                lookup.get(looked_up(n) or "") == a
                for n, a in zip(
                    plain(members["name_in_report"]), plain(members["actor_id"]), strict=True
                )
            ],
            index=members.index,
            dtype=bool,  # an empty list is not of type object, which & refuses with Arrow
        )
        yield from each(
            implied & own,
            members,
            ACTOR_NAME,
            "an implied member is named in its own name: it is listed",
            "group_members",
            "basis",
        )


@rule
def membership_agrees_with_the_words(frames: Frames) -> Iterator[Finding]:
    """A member named in a footnote "associated themselves with" the statement exactly where the
    footnote says so; a member named in the label, or implied by it, is a member."""
    needed = ("group_id", "membership", "named_in")
    if not has(frames, "group_members", *needed) or not has(
        frames, "groups", "group_id", "report_id", "footnote"
    ):
        return
    members, groups = frames["group_members"], frames["groups"]
    associated = (members["membership"].astype("string") == "associated").fillna(False)
    in_footnote = (members["named_in"].astype("string") == "footnote").fillna(False)
    says = pd.Series(False, index=members.index)
    if has(frames, "footnotes", "report_id", "number", "text"):
        words = attach(
            groups, frames["footnotes"], ["report_id", "footnote"], ["report_id", "number"], "text"
        )
        groups = groups.assign(associates=words.astype("string").str.contains(ASSOCIATED_WORDS))
        says = attach(members, groups, ["group_id"], ["group_id"], "associates")
        says = pd.Series(says, index=members.index).astype("boolean").fillna(False)
    wrong = (associated & ~(in_footnote & says)) | (~associated & in_footnote & says)
    yield from each(
        wrong,
        members,
        MEMBERSHIP_WORDING,
        "the membership does not agree with the words of the group's footnote",
        "group_members",
        "membership",
    )


@rule
def bloc_is_named_in_the_label(frames: Frames) -> Iterator[Finding]:
    """A group's bloc is a group of States that its label names."""
    if not has(frames, "groups", "bloc_id", "label"):
        return
    lookup = names_lookup(frames)
    if lookup is None:
        return
    groups = frames["groups"]
    names: dict[str, list[str]] = {}
    for key, actor in lookup.items():
        names.setdefault(actor, []).append(key)
    kinds: dict[str, str] = {}
    if has(frames, "actors", "actor_id", "actor_type"):
        actors = frames["actors"]
        pairs = zip(plain(actors["actor_id"]), plain(actors["actor_type"]), strict=True)
        kinds = {a: t for a, t in pairs if isinstance(a, str) and isinstance(t, str)}
    wrong = [
        isinstance(bloc, str)
        and bloc in kinds
        and (
            kinds[bloc] != "group_of_states"
            or not any(n in str(label) for n in names.get(bloc, []))
        )
        for bloc, label in zip(plain(groups["bloc_id"]), plain(groups["label"]), strict=True)
    ]
    yield from each(
        pd.Series(wrong, index=groups.index),
        groups,
        ACTOR_NAME,
        "the bloc is not a group of States that the label names",
        "groups",
        "bloc_id",
    )


# what stands between two names of one list: a comma, "and", ", and", and the next one's "the";
# or between two lists of one sentence: "and by the observer for", ", the representatives of"
_BETWEEN = re.compile(
    r"\s*(?:,|,? and)(?:\s+by)?\s+(?:the\s+)?"
    r"(?:(?:representatives?|observers?|delegations?)\s+(?:of|for)\s+(?:the\s+)?)?"
)


def _in_the_list(text: str, rows: dict[str, list[int]], left: list[tuple[int, str]]) -> list[str]:
    """The names outside the rows' words that stand in the sentence's list of speakers: between
    its first and last named speaker, or joined to them by commas and "and" alone (a name the
    sentence speaks of, "on the assistance provided by UNODC", is not in the list)."""
    starts = [start for found in rows.values() for start in found]
    if not starts:
        return []
    first = min(starts)
    last = max(start + len(name) for name, found in rows.items() for start in found)
    inside = [name for start, name in left if first <= start < last]
    end = last
    for start, name in (item for item in left if item[0] >= last):
        if not _BETWEEN.fullmatch(text, end, start):
            break
        inside.append(name)
        end = start + len(name)
    begin = first
    for start, name in sorted((item for item in left if item[0] < first), reverse=True):
        if not _BETWEEN.fullmatch(text, start + len(name), begin):
            break
        inside.append(name)
        begin = start
    return inside


@rule
def every_name_in_a_speakers_sentence_has_its_row(frames: Frames) -> Iterator[Finding]:
    """A name of the names table that a speakers sentence holds is a speaker's name, a part of
    one, or of a speaker's title or group label: a speaker left out of the rows is found."""
    lookup = names_lookup(frames)
    if lookup is None or not has(frames, "sentences", "sentence_id", "kind", "text"):
        return
    if not has(frames, "speakers", "sentence_id", "name_in_report", "role", "group_id"):
        return
    sentences, speakers = frames["sentences"], frames["speakers"]
    labels: dict[str, str] = {}
    if has(frames, "groups", "group_id", "label"):
        pairs = zip(
            plain(frames["groups"]["group_id"]), plain(frames["groups"]["label"]), strict=True
        )
        labels = {g: lb for g, lb in pairs if isinstance(g, str) and isinstance(lb, str)}
    words: dict[str, set[str]] = {}
    for sentence, *said in zip(
        plain(speakers["sentence_id"]),
        plain(speakers["name_in_report"]),
        plain(speakers["role"]),
        [labels.get(g) if isinstance(g, str) else None for g in plain(speakers["group_id"])],
        strict=True,
    ):
        if isinstance(sentence, str):
            words.setdefault(sentence, set()).update(w for w in said if isinstance(w, str))
    names = Phrases(k for k in lookup if len(k) > 3)  # made once, read in every sentence
    spoken: dict[str, set[str]] = {}
    for sentence, name in zip(
        plain(speakers["sentence_id"]), plain(speakers["name_in_report"]), strict=True
    ):
        if isinstance(sentence, str) and isinstance(name, str) and name:
            spoken.setdefault(sentence, set()).add(name)
    speaking = (sentences["kind"].astype("string") == "speakers").fillna(False)
    for index, sentence, text in zip(
        sentences.index[speaking],
        plain(sentences.loc[speaking, "sentence_id"]),
        plain(sentences.loc[speaking, "text"]),
        strict=True,
    ):
        if not isinstance(text, str) or sentence not in words:
            continue
        cut = Text(text)
        rowed = covered(cut, words[sentence])
        outside = sorted(
            (start, name)
            for name, found in names.find(cut).items()
            for start in found
            if not within(rowed, start, start + len(name))
        )
        left = _in_the_list(text, occurrences(cut, spoken.get(sentence, set())), outside)
        if left:
            yield Finding(
                SPEAKER_MISSING,
                f"the sentence names {left[0]!r}, and no speaker row of it does",
                "sentences",
                row_number(index),
                "text",
                left[0],
            )


@rule
def incomplete_groups_imply_no_member(frames: Frames) -> Iterator[Finding]:
    """A group whose members are said to be incomplete has no implied member: members implied
    by its bloc would have made them complete."""
    if not has(frames, "groups", "group_id", "members_complete") or not has(
        frames, "group_members", "group_id", "basis"
    ):
        return
    groups, members = frames["groups"], frames["group_members"]
    implied = members.loc[(members["basis"].astype("string") == "implied").fillna(False)]
    incomplete = ~groups["members_complete"].astype("boolean").fillna(True)
    yield from each(
        incomplete & among(groups["group_id"], implied["group_id"]),
        groups,
        GROUP_MEMBERS,
        "the members are said to be incomplete, but the group has implied members",
        "groups",
        "members_complete",
    )


@rule
def label_names_are_the_groups_actors(frames: Frames) -> Iterator[Finding]:
    """Every name of the names table in a group's label is its bloc or a member the label
    lists ("the European Union and its member States" lists the European Union)."""
    lookup = names_lookup(frames)
    if lookup is None or not has(frames, "groups", "group_id", "label", "bloc_id"):
        return
    if not has(frames, "group_members", "group_id", "actor_id", "basis", "named_in"):
        return
    groups, members = frames["groups"], frames["group_members"]
    listed = members[
        (members["basis"].astype("string") == "listed").fillna(False)
        & (members["named_in"].astype("string") == "label").fillna(False)
    ]
    actors: dict[object, set[object]] = {}
    for group, actor in zip(plain(listed["group_id"]), plain(listed["actor_id"]), strict=True):
        actors.setdefault(group, set()).add(actor)
    names = Phrases(k for k in lookup if lookup[k])  # made once, read in every label
    wrong = []
    for group, label, bloc in zip(
        plain(groups["group_id"]), plain(groups["label"]), plain(groups["bloc_id"]), strict=True
    ):
        said = names.find(label) if isinstance(label, str) else {}
        own = actors.get(group, set()) | {bloc}
        spans = covered(str(label), [n for n, starts in said.items() if lookup[n] in own])
        wrong.append(  # a name inside one of the group's own ("China" in "Group of 77 and China")
            any(
                not within(spans, start, start + len(name))
                for name, starts in said.items()
                if lookup[name] not in own
                for start in starts
            )
        )
    yield from each(
        pd.Series(wrong, index=groups.index),
        groups,
        ACTOR_NAME,
        "the label names an actor that is neither the group's bloc nor a member it lists",
        "groups",
        "label",
    )
