"""The report's own rules: facts about UN report chapters that no schema can state.

Each rule is a small function named after what it checks; it takes the typed tables and yields
findings. A rule whose tables or columns are missing stays silent: the structural checks have
already reported that.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from typing import Any

import pandas as pd

from cnd_data.validate.findings import Finding

Frames = dict[str, pd.DataFrame]
Rule = Callable[[Frames], Iterator[Finding]]
RULES: list[Rule] = []

_SEMVER = re.compile(
    r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$"
)
_MARKUP = re.compile(r"<sup>|</?[a-z]+>|\*\*|\]\([^)]*\)|  |^\s|\s$|\w- \w")
_SEPARATOR = r"(?:,? and |, )"


def rule(function: Rule) -> Rule:
    RULES.append(function)
    return function


def _has(frames: Frames, table: str, *columns: str) -> bool:
    return table in frames and all(c in frames[table] for c in columns)


def _equal(a: Any, b: Any) -> bool:
    """Scalar equality where a missing value equals nothing."""
    return not (pd.isna(a) or pd.isna(b)) and bool(a == b)


def _row(index: object) -> int:
    return int(str(index)) + 2


def _lookup(frame: pd.DataFrame, keys: list[str], value: str) -> dict[Any, Any]:
    """Key → value, the first row winning where a key repeats (the key checks report that)."""
    unique = frame.drop_duplicates(subset=keys)
    index = zip(*(unique[k] for k in keys), strict=True) if len(keys) > 1 else unique[keys[0]]
    return dict(zip(index, unique[value], strict=True))


def _texts(frames: Frames, table: str) -> dict[Any, Any]:
    """(report_id, number) → text of the paragraphs or footnotes."""
    if not _has(frames, table, "report_id", "number", "text"):
        return {}
    return _lookup(frames[table], ["report_id", "number"], "text")


def _numbered(
    frames: Frames, table: str, within: list[str], column: str, rule_name: str
) -> Iterator[Finding]:
    """Findings for groups of rows whose ``column`` does not run 1..n without gaps or repeats."""
    if not _has(frames, table, *within, column):
        return
    for key, numbers in frames[table].groupby(within)[column]:
        found = sorted(numbers.dropna().astype(int))
        if found != list(range(1, len(found) + 1)):
            where = " ".join(map(str, key)) if isinstance(key, tuple) else str(key)
            yield Finding(
                rule_name,
                f"{where}: {column} values are not 1..{len(found)}",
                table,
                field=column,
                value=str(found),
            )


@rule
def paragraphs_numbered(frames: Frames) -> Iterator[Finding]:
    """Paragraphs of each report are numbered 1..N without gaps or repeats."""
    yield from _numbered(frames, "paragraphs", ["report_id"], "number", "paragraphs-numbered")


@rule
def footnotes_numbered(frames: Frames) -> Iterator[Finding]:
    """Footnotes of each report are numbered 1..M, each referenced by an existing paragraph."""
    yield from _numbered(frames, "footnotes", ["report_id"], "number", "footnotes-numbered")
    if not _has(frames, "footnotes", "report_id", "paragraph"):
        return
    known = set(_texts(frames, "paragraphs"))
    for index, row in frames["footnotes"].iterrows():
        if (row["report_id"], row["paragraph"]) not in known:
            yield Finding(
                "footnotes-numbered",
                "the footnote's paragraph does not exist",
                "footnotes",
                _row(index),
                "paragraph",
                str(row["paragraph"]),
            )


@rule
def speaker_positions_contiguous(frames: Frames) -> Iterator[Finding]:
    """Speaker positions run 1..k in each paragraph of each report."""
    yield from _numbered(
        frames, "speakers", ["report_id", "paragraph"], "position", "speaker-positions"
    )


@rule
def groups_have_one_speaker_and_members(frames: Frames) -> Iterator[Finding]:
    """Every group has exactly one group_statement speaker, the one it names, and a member."""
    if not _has(frames, "groups", "group_id", "speaker_id"):
        return
    groups = frames["groups"]
    speakers = frames.get("speakers", pd.DataFrame(columns=["group_id", "statement_type"]))
    members = frames.get("group_members", pd.DataFrame(columns=["group_id"]))
    statements = speakers[speakers["statement_type"] == "group_statement"]
    for index, group in groups.iterrows():
        own = statements[statements["group_id"] == group["group_id"]]
        if len(own) != 1:
            yield Finding(
                "group-speaker",
                f"{len(own)} group_statement speakers name this group",
                "groups",
                _row(index),
                "group_id",
                str(group["group_id"]),
            )
        elif "speaker_id" in own and not _equal(own["speaker_id"].iloc[0], group["speaker_id"]):
            yield Finding(
                "group-speaker",
                "the group's speaker_id is not its group_statement",
                "groups",
                _row(index),
                "speaker_id",
                str(group["speaker_id"]),
            )
        if not (members["group_id"] == group["group_id"]).any():
            yield Finding(
                "group-members",
                "the group has no member",
                "groups",
                _row(index),
                "group_id",
                str(group["group_id"]),
            )
    orphans = speakers[
        (speakers["statement_type"] == "group_statement") & speakers["group_id"].isna()
    ]
    for index in orphans.index:
        yield Finding(
            "group-speaker",
            "a group_statement without a group_id",
            "speakers",
            _row(index),
            "group_id",
        )


@rule
def listed_members_match_footnote(frames: Frames) -> Iterator[Finding]:
    """The members named in a group's footnote are exactly the footnote's names, in order."""
    needed = (
        ("groups", "group_id", "report_id", "footnote"),
        ("footnotes", "report_id", "number", "text"),
        ("group_members", "group_id", "position", "name_in_report", "named_in"),
    )
    if not all(_has(frames, *spec) for spec in needed):
        return
    texts = _texts(frames, "footnotes")
    members = frames["group_members"]
    for index, group in frames["groups"].dropna(subset=["footnote"]).iterrows():
        text = texts.get((group["report_id"], group["footnote"]))
        if text is None or pd.isna(text):
            continue
        listed = members[
            (members["group_id"] == group["group_id"]) & (members["named_in"] == "footnote")
        ].sort_values("position")
        names = [re.escape(str(n)) for n in listed["name_in_report"]]
        listing = str(text).split(":", 1)[-1].strip().rstrip(".")
        if not names or not re.fullmatch(_SEPARATOR.join(names), listing):
            # fullmatch with separators between names only: every name, in order, nothing else
            yield Finding(
                "footnote-members",
                f"the {len(names)} members listed for the group are not the names of footnote"
                f" {group['footnote']}",
                "groups",
                _row(index),
                "footnote",
                str(group["group_id"]),
            )


@rule
def state_not_representative_and_observer(frames: Frames) -> Iterator[Finding]:
    """No State speaks both as representative and as observer in one report."""
    if not _has(frames, "speakers", "report_id", "actor_id", "capacity"):
        return
    speakers = frames["speakers"]
    if _has(frames, "actors", "actor_id", "actor_type"):
        states = set(frames["actors"].loc[frames["actors"]["actor_type"] == "state", "actor_id"])
        speakers = speakers[speakers["actor_id"].isin(states)]
    both = speakers[speakers["capacity"].isin(["representative", "observer"])]
    kinds = both.groupby(["report_id", "actor_id"])["capacity"].nunique()
    for key in kinds[kinds > 1].index:
        report_id, actor_id = key
        yield Finding(
            "representative-and-observer",
            f"{actor_id} speaks as representative and as observer in {report_id}",
            "speakers",
            field="actor_id",
            value=str(actor_id),
        )


@rule
def state_codes_are_iso(frames: Frames) -> Iterator[Finding]:
    """Every State's iso3, iso2 and m49 exist in ISO 3166-1 and agree with each other."""
    if not _has(frames, "actors", "actor_id", "actor_type", "iso3", "iso2", "m49"):
        return
    import pycountry

    actors = frames["actors"]
    for index, actor in actors[actors["actor_type"] == "state"].iterrows():
        country = pycountry.countries.get(alpha_3=str(actor["iso3"]))
        if country is None:
            yield Finding(
                "iso-codes",
                f"{actor['iso3']!r} is not an ISO 3166-1 alpha-3 code",
                "actors",
                _row(index),
                "iso3",
                str(actor["iso3"]),
            )
            continue
        for field, expected in (("iso2", country.alpha_2), ("m49", country.numeric)):
            if not _equal(actor[field], expected):
                yield Finding(
                    "iso-codes",
                    f"{field} {actor[field]!r} does not agree with {actor['iso3']} ({expected})",
                    "actors",
                    _row(index),
                    field,
                    str(actor[field]),
                )


@rule
def meetings_within_session(frames: Frames) -> Iterator[Finding]:
    """Every meeting date falls within its report's session dates."""
    if not _has(frames, "meetings", "report_id", "date") or not _has(
        frames, "reports", "report_id", "session_start", "session_end"
    ):
        return
    reports = frames["reports"]
    starts = _lookup(reports, ["report_id"], "session_start")
    ends = _lookup(reports, ["report_id"], "session_end")
    for index, meeting in frames["meetings"].iterrows():
        start, end = starts.get(meeting["report_id"]), ends.get(meeting["report_id"])
        if pd.isna(meeting["date"]) or start is None or pd.isna(start) or pd.isna(end):
            continue
        if not start <= meeting["date"] <= end:
            yield Finding(
                "meeting-date",
                "the meeting falls outside the session dates",
                "meetings",
                _row(index),
                "date",
                str(meeting["date"].date()),
            )


@rule
def names_occur_verbatim(frames: Frames) -> Iterator[Finding]:
    """Every name_in_report, role and label occurs verbatim in its paragraph or footnote."""
    if not _has(frames, "paragraphs", "report_id", "number", "text"):
        return
    paragraphs, footnotes = _texts(frames, "paragraphs"), _texts(frames, "footnotes")

    def absent(word: Any, text: Any) -> bool:
        return not pd.isna(word) and (pd.isna(text) or str(word) not in str(text))

    if _has(frames, "speakers", "report_id", "paragraph", "name_in_report", "role"):
        for index, row in frames["speakers"].iterrows():
            text = paragraphs.get((row["report_id"], row["paragraph"]))
            for field in ("name_in_report", "role"):
                if absent(row[field], text):
                    yield Finding(
                        "verbatim",
                        f"{field} does not occur in its paragraph",
                        "speakers",
                        _row(index),
                        field,
                        str(row[field]),
                    )
    if not _has(frames, "groups", "group_id", "report_id", "paragraph", "footnote", "label"):
        return
    groups = {
        row["group_id"]: row for _, row in frames["groups"].drop_duplicates("group_id").iterrows()
    }
    for index, group in frames["groups"].iterrows():
        if absent(group["label"], paragraphs.get((group["report_id"], group["paragraph"]))):
            yield Finding(
                "verbatim",
                "label does not occur in its paragraph",
                "groups",
                _row(index),
                "label",
                str(group["label"]),
            )
    if not _has(frames, "group_members", "group_id", "name_in_report", "named_in"):
        return
    for index, member in frames["group_members"].iterrows():
        if member["group_id"] not in groups:
            continue
        group = groups[member["group_id"]]
        if _equal(member["named_in"], "footnote"):
            text = footnotes.get((group["report_id"], group["footnote"]))
        else:
            text = group["label"]
        if absent(member["name_in_report"], text):
            yield Finding(
                "verbatim",
                f"name_in_report does not occur in its {member['named_in']}",
                "group_members",
                _row(index),
                "name_in_report",
                str(member["name_in_report"]),
            )


@rule
def sentences_reassemble_their_paragraph(frames: Frames) -> Iterator[Finding]:
    """The sentences of each paragraph under a section heading, joined with single spaces,
    give back its text (a line break counting as a space)."""
    if not _has(frames, "sentences", "report_id", "paragraph", "sentence", "text") or not _has(
        frames, "paragraphs", "report_id", "number", "section", "text"
    ):
        return
    sentences = frames["sentences"].dropna(subset=["sentence", "text"]).sort_values("sentence")
    joined = sentences.groupby(["report_id", "paragraph"])["text"].agg(" ".join)
    for _, paragraph in frames["paragraphs"].dropna(subset=["section"]).iterrows():
        key = (paragraph["report_id"], paragraph["number"])
        expected = str(paragraph["text"]).replace("\n", " ")
        if joined.get(key) != expected:
            yield Finding(
                "sentences-reassemble",
                f"the sentences of paragraph {paragraph['number']} do not give back its text",
                "sentences",
                field="text",
                value=f"{paragraph['report_id']} paragraph {paragraph['number']}",
            )


@rule
def attributions_occur_in_their_sentence(frames: Frames) -> Iterator[Finding]:
    """Every attribution occurs verbatim in its sentence; a quantifier other than 'none' needs
    one, and 'none' none."""
    if not _has(frames, "sentences", "text", "attribution", "quantifier"):
        return
    for index, row in frames["sentences"].iterrows():
        phrase, quantifier = row["attribution"], row["quantifier"]
        if not pd.isna(phrase) and (pd.isna(row["text"]) or str(phrase) not in str(row["text"])):
            yield Finding(
                "attribution",
                "the attribution does not occur in the sentence",
                "sentences",
                _row(index),
                "attribution",
                str(phrase),
            )
        elif pd.isna(quantifier):
            continue
        elif pd.isna(phrase) != (quantifier == "none"):
            yield Finding(
                "attribution",
                f"quantifier {quantifier!r} does not fit the attribution",
                "sentences",
                _row(index),
                "quantifier",
                str(quantifier),
            )


@rule
def sentence_links_point_backwards(frames: Frames) -> Iterator[Finding]:
    """A sentence refers only to an earlier sentence of its own report, and has a relation
    exactly when it has a reference."""
    needed = ("sentence_id", "report_id", "paragraph", "sentence", "relation", "refers_to")
    if not _has(frames, "sentences", *needed):
        return
    sentences = frames["sentences"]
    order = {
        row["sentence_id"]: (row["report_id"], row["paragraph"], row["sentence"])
        for _, row in sentences.drop_duplicates("sentence_id").iterrows()
    }
    for index, row in sentences.iterrows():
        target, relation = row["refers_to"], row["relation"]
        if pd.isna(target) != pd.isna(relation):
            yield Finding(
                "sentence-link",
                "relation and refers_to must be given together",
                "sentences",
                _row(index),
                "refers_to",
                str(target),
            )
            continue
        if pd.isna(target) or target not in order:
            continue  # the foreign key check reports a dangling reference
        report_id, paragraph, number = order[target]
        if report_id != row["report_id"] or (paragraph, number) >= (
            row["paragraph"],
            row["sentence"],
        ):
            yield Finding(
                "sentence-link",
                "refers_to must point to an earlier sentence of the same report",
                "sentences",
                _row(index),
                "refers_to",
                str(target),
            )


@rule
def text_is_clean(frames: Frames) -> Iterator[Finding]:
    """Text cells are NFC-normalised, trimmed, and free of markup and page-break artefacts."""
    for table, frame in frames.items():
        for column in frame.columns:
            if frame[column].dtype != "string":
                continue
            values = frame[column].dropna()
            dirty = values.str.contains(_MARKUP)
            for index, value in values[dirty].items():
                found = _MARKUP.search(value)
                what = found.group() if found else ""
                yield Finding(
                    "clean-text",
                    f"markup or stray spaces: {what!r}",
                    table,
                    _row(index),
                    column,
                    value,
                )
            for index, value in values[~dirty].items():
                if unicodedata.normalize("NFC", value) != value:
                    yield Finding(
                        "clean-text", "not in Unicode NFC", table, _row(index), column, value
                    )


def version_findings(version: object) -> Iterator[Finding]:
    """The package version is a semantic version (MAJOR.MINOR.PATCH)."""
    if not isinstance(version, str) or not _SEMVER.match(version):
        yield Finding("semver", "version is not a semantic version", value=str(version))


def rule_findings(frames: Frames) -> Iterator[Finding]:
    for check in RULES:
        yield from check(frames)
