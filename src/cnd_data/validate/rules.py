"""The report's own rules: facts about UN report chapters that no schema can state.

Each rule is a small function named after what it checks; it takes the typed tables and yields
findings. Rules work on whole columns (joins and group-bys, no loops over rows), so they scale
with the package. A rule whose tables or columns are missing stays silent: the structural
checks have already reported that.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pandas as pd

from cnd_data.declared_rules import declare
from cnd_data.validate.findings import Finding
from cnd_data.validate.rulebook import (
    RULES,
    Frames,
    among,
    attach,
    differs,
    each,
    has,
    missing_from,
    plain,
    row_number,
    rule,
    sentence_of,
)

# The rules this module checks; docs/rules.md is generated from them.
SEMVER = declare(
    "semver",
    "descriptor",
    "the version is a semantic version (MAJOR.MINOR.PATCH)",
    "version is not a semantic version",
)
CREATED = declare(
    "created",
    "descriptor",
    "created, where given, is an RFC 3339 date and time in ASCII digits",
    "created is not a date and time (YYYY-MM-DDThh:mm:ssZ)",
)
TEMPORAL_COVERAGE = declare(
    "temporal-coverage",
    "rules",
    "temporalCoverage, where given, is the span of the reports' sessions, from the first start "
    "to the last end (start/end)",
    "temporalCoverage is not the span of the reports' sessions (2025-03-10/2025-03-14)",
)
PARAGRAPHS_NUMBERED = declare(
    "paragraphs-numbered",
    "report",
    "paragraphs run 1..N in each report",
    "cnd68-item6: number values are not 1..28",
)
FOOTNOTES_NUMBERED = declare(
    "footnotes-numbered",
    "report",
    "footnotes run 1..M, each in an existing paragraph",
    "the footnote's paragraph does not exist",
)
SPEAKER_POSITIONS = declare(
    "speaker-positions",
    "report",
    "speaker positions run 1..k in each paragraph",
    "cnd68-item6 4: position values are not 1..21",
)
GROUP_SPEAKER = declare(
    "group-speaker",
    "report",
    "each group has exactly one group_statement speaker, the one it names",
    "the group does not have exactly one group_statement speaker",
)
GROUP_MEMBERS = declare(
    "group-members",
    "report",
    "a group whose members are complete has a member; one whose members are not complete names "
    "the group of States (bloc_id) whose members the package does not hold, and has no implied "
    "member",
    "the group has no member, and its members are said to be complete",
)
FOOTNOTE_MEMBERS = declare(
    "footnote-members",
    "report",
    "a group's footnote members are the footnote's names, in order",
    "the 39 members listed for the group are not the names of footnote 2",
)
REPRESENTATIVE_AND_OBSERVER = declare(
    "representative-and-observer",
    "report",
    "no State speaks both as representative and as observer in a report",
    "TUR speaks as representative and as observer in cnd68-item6",
)
ISO_CODES = declare(
    "iso-codes",
    "report",
    "a State's iso3, iso2 and m49 agree with ISO 3166-1",
    "m49 does not agree with iso3",
)
MEETING_DATE = declare(
    "meeting-date",
    "report",
    "meetings fall within the session",
    "the meeting falls outside the session dates",
)
REPORT_MEETINGS = declare(
    "report-meetings",
    "report",
    "every report has a meeting",
    "the report has no meeting",
)
PARAGRAPH_ENDS = declare(
    "paragraph-ends",
    "report",
    "every paragraph ends as a sentence ends (a source cut off shows)",
    "the paragraph ends in the middle of a sentence",
)
VERBATIM = declare(
    "verbatim",
    "report",
    "names, roles, persons and labels occur verbatim in their paragraph or footnote",
    "name_in_report does not occur in its paragraph",
)
SENTENCES_REASSEMBLE = declare(
    "sentences-reassemble",
    "report",
    "a paragraph's sentences give back its text",
    "the sentences of paragraph 10 do not give back its text",
)
ATTRIBUTION = declare(
    "attribution",
    "report",
    "an attribution occurs in its sentence and fits its quantifier, given for deliberation "
    "sentences only",
    "the attribution does not occur in the sentence",
)
SENTENCE_LINK = declare(
    "sentence-link",
    "report",
    "a sentence refers only to an earlier sentence of its report",
    "refers_to must point to an earlier sentence of the same report",
)
SPEAKER_SENTENCE = declare(
    "speaker-sentence",
    "report",
    "a speaker stands in a speakers sentence of its paragraph that names it; every speakers "
    "sentence has its speakers",
    "the speakers sentence has no speaker row",
)

_INTERVAL = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}/[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
# ASCII digits only, to the very end (Python's \d takes every script's digits, and $ a final
# line end)
_SEMVER = re.compile(
    r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)"
    r"(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?\Z"
)
_SEPARATOR = r"(?:,? and |, )"


def _numbered(
    frames: Frames, table: str, within: list[str], column: str, rule_name: str
) -> Iterator[Finding]:
    """Findings for groups of rows whose ``column`` does not run 1..n without gaps or repeats."""
    if not has(frames, table, *within, column):
        return
    numbers = frames[table].dropna(subset=[column]).groupby(within)[column]
    stats = numbers.agg(["min", "max", "count", "nunique"])
    broken = stats[
        (stats["min"] != 1)
        | (stats["max"] != stats["count"])
        | (stats["nunique"] != stats["count"])
    ]
    for key in broken.index:
        where = " ".join(map(str, key)) if isinstance(key, tuple) else str(key)
        found = sorted(numbers.get_group(key if isinstance(key, tuple) else (key,)).astype(int))
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
    yield from _numbered(frames, "paragraphs", ["report_id"], "number", PARAGRAPHS_NUMBERED)


@rule
def footnotes_numbered(frames: Frames) -> Iterator[Finding]:
    """Footnotes of each report are numbered 1..M, each referenced by an existing paragraph."""
    yield from _numbered(frames, "footnotes", ["report_id"], "number", FOOTNOTES_NUMBERED)
    if not has(frames, "footnotes", "report_id", "paragraph") or not has(
        frames, "paragraphs", "report_id", "number"
    ):
        return
    footnotes = frames["footnotes"]
    known = pd.MultiIndex.from_frame(frames["paragraphs"][["report_id", "number"]])
    exists = pd.MultiIndex.from_frame(footnotes[["report_id", "paragraph"]]).isin(known)
    yield from each(
        pd.Series(~exists, index=footnotes.index),
        footnotes,
        FOOTNOTES_NUMBERED,
        "the footnote's paragraph does not exist",
        "footnotes",
        "paragraph",
    )


@rule
def speaker_positions_contiguous(frames: Frames) -> Iterator[Finding]:
    """Speaker positions run 1..k in each paragraph of each report."""
    yield from _numbered(
        frames, "speakers", ["report_id", "paragraph"], "position", SPEAKER_POSITIONS
    )


@rule
def groups_have_one_speaker_and_members(frames: Frames) -> Iterator[Finding]:
    """Every group has exactly one group_statement speaker, the one it names, and a member."""
    if not has(frames, "groups", "group_id", "speaker_id"):
        return
    groups = frames["groups"]
    if has(frames, "speakers", "speaker_id", "group_id", "statement_type"):
        speakers = frames["speakers"]
        is_group = (speakers["statement_type"] == "group_statement").fillna(False)
        statements = speakers[is_group]
        counts = groups["group_id"].map(statements["group_id"].value_counts()).fillna(0)
        yield from each(
            counts != 1,
            groups,
            GROUP_SPEAKER,
            "the group does not have exactly one group_statement speaker",
            "groups",
            "group_id",
        )
        named = attach(groups, statements, ["group_id"], ["group_id"], "speaker_id")
        wrong = (counts == 1) & (named != groups["speaker_id"]).fillna(True)
        yield from each(
            wrong,
            groups,
            GROUP_SPEAKER,
            "the group's speaker_id is not its group_statement speaker",
            "groups",
            "speaker_id",
        )
        yield from each(
            is_group & speakers["group_id"].isna(),
            speakers,
            GROUP_SPEAKER,
            "a group_statement without a group_id",
            "speakers",
            "group_id",
        )
    yield from _members_recorded(frames, groups)


def _members_recorded(frames: Frames, groups: pd.DataFrame) -> Iterator[Finding]:
    """A group whose members are complete has one; one whose members are not complete names
    the group of States (bloc_id) whose members the package does not hold."""
    complete = pd.Series(True, index=groups.index)
    if "members_complete" in groups:
        complete = groups["members_complete"].astype("boolean").fillna(True)
    if has(frames, "group_members", "group_id"):
        lonely = ~among(groups["group_id"], frames["group_members"]["group_id"])
        yield from each(
            lonely & complete,
            groups,
            GROUP_MEMBERS,
            "the group has no member, and its members are said to be complete",
            "groups",
            "group_id",
        )
    if "bloc_id" in groups:
        yield from each(
            ~complete & groups["bloc_id"].isna(),
            groups,
            GROUP_MEMBERS,
            "the members are said to be incomplete, but the label names no group of States",
            "groups",
            "members_complete",
        )


@rule
def listed_members_match_footnote(frames: Frames) -> Iterator[Finding]:
    """The members named in a group's footnote are exactly the footnote's names, in order."""
    needed = (
        ("groups", "group_id", "report_id", "footnote"),
        ("footnotes", "report_id", "number", "text"),
        ("group_members", "group_id", "position", "name_in_report", "named_in"),
    )
    if not all(has(frames, *spec) for spec in needed):
        return
    groups = frames["groups"].dropna(subset=["footnote"])
    texts = attach(
        groups, frames["footnotes"], ["report_id", "footnote"], ["report_id", "number"], "text"
    )
    members = frames["group_members"]
    listed = members[(members["named_in"] == "footnote").fillna(False)].sort_values("position")
    names = listed.groupby("group_id")["name_in_report"].agg(list)
    for index, group_id, footnote, text in zip(
        groups.index, groups["group_id"], groups["footnote"], texts, strict=True
    ):
        if pd.isna(text):
            continue
        own = [re.escape(str(n)) for n in names.get(group_id, [])]
        listing = str(text).split(":", 1)[-1].strip().rstrip(".")
        if not own or not re.fullmatch(_SEPARATOR.join(own), listing):
            yield Finding(
                FOOTNOTE_MEMBERS,
                f"the {len(own)} members listed for the group are not the names of footnote"
                f" {footnote}",
                "groups",
                row_number(index),
                "footnote",
                str(group_id),
            )


@rule
def state_not_representative_and_observer(frames: Frames) -> Iterator[Finding]:
    """No State speaks both as representative and as observer in one report."""
    if not has(frames, "speakers", "report_id", "actor_id", "capacity"):
        return
    speakers = frames["speakers"]
    if has(frames, "actors", "actor_id", "actor_type"):
        states = frames["actors"].loc[frames["actors"]["actor_type"] == "state", "actor_id"]
        speakers = speakers[among(speakers["actor_id"], states)]
    both = speakers[speakers["capacity"].isin(["representative", "observer"])]
    kinds = both.groupby(["report_id", "actor_id"])["capacity"].nunique()
    for report_id, actor_id in kinds[kinds > 1].index:
        yield Finding(
            REPRESENTATIVE_AND_OBSERVER,
            f"{actor_id} speaks as representative and as observer in {report_id}",
            "speakers",
            field="actor_id",
            value=str(actor_id),
        )


@rule
def state_codes_are_iso(frames: Frames) -> Iterator[Finding]:
    """Every State's iso3, iso2 and m49 exist in ISO 3166-1 and agree with each other."""
    if not has(frames, "actors", "actor_id", "actor_type", "iso3", "iso2", "m49"):
        return
    import pycountry

    actors = frames["actors"]
    states = actors[(actors["actor_type"] == "state").fillna(False)]
    iso = {c.alpha_3: (c.alpha_2, c.numeric) for c in pycountry.countries}
    known = states["iso3"].isin(list(iso))
    yield from each(~known, states, ISO_CODES, "not an ISO 3166-1 alpha-3 code", "actors", "iso3")
    for position, field in enumerate(("iso2", "m49")):
        expected = states["iso3"].map({k: v[position] for k, v in iso.items()})
        wrong = known & (states[field] != expected).fillna(True)
        yield from each(
            wrong, states, ISO_CODES, f"{field} does not agree with iso3", "actors", field
        )


@rule
def meetings_within_session(frames: Frames) -> Iterator[Finding]:
    """Every meeting date falls within its report's session dates."""
    if not has(frames, "meetings", "report_id", "date") or not has(
        frames, "reports", "report_id", "session_start", "session_end"
    ):
        return
    meetings, reports = frames["meetings"], frames["reports"]
    start = attach(meetings, reports, ["report_id"], ["report_id"], "session_start")
    end = attach(meetings, reports, ["report_id"], ["report_id"], "session_end")
    outside = (meetings["date"] < start) | (meetings["date"] > end)
    yield from each(
        outside,
        meetings,
        MEETING_DATE,
        "the meeting falls outside the session dates",
        "meetings",
        "date",
    )


@rule
def names_occur_verbatim(frames: Frames) -> Iterator[Finding]:
    """Every name_in_report, role, person and label occurs verbatim in its paragraph or footnote."""
    if not has(frames, "paragraphs", "report_id", "number", "text"):
        return
    paragraphs = frames["paragraphs"]
    if has(frames, "speakers", "report_id", "paragraph", "name_in_report", "role"):
        speakers = frames["speakers"]
        text = attach(
            speakers, paragraphs, ["report_id", "paragraph"], ["report_id", "number"], "text"
        )
        for field in ("name_in_report", "role", "person"):
            if field not in speakers:
                continue
            yield from each(
                missing_from(speakers[field], text),
                speakers,
                VERBATIM,
                f"{field} does not occur in its paragraph",
                "speakers",
                field,
            )
    if not has(frames, "groups", "group_id", "report_id", "paragraph", "footnote", "label"):
        return
    groups = frames["groups"]
    text = attach(groups, paragraphs, ["report_id", "paragraph"], ["report_id", "number"], "text")
    yield from each(
        missing_from(groups["label"], text),
        groups,
        VERBATIM,
        "label does not occur in its paragraph",
        "groups",
        "label",
    )
    if not has(frames, "group_members", "group_id", "name_in_report", "named_in"):
        return
    members = frames["group_members"]
    if has(frames, "footnotes", "report_id", "number", "text"):
        groups = groups.assign(
            footnote_text=attach(
                groups,
                frames["footnotes"],
                ["report_id", "footnote"],
                ["report_id", "number"],
                "text",
            )
        )
    else:
        groups = groups.assign(footnote_text=None)
    label = attach(members, groups, ["group_id"], ["group_id"], "label")
    footnote = attach(members, groups, ["group_id"], ["group_id"], "footnote_text")
    known = among(members["group_id"], groups["group_id"])
    text = footnote.where((members["named_in"] == "footnote").fillna(False), label)
    absent = known & missing_from(members["name_in_report"], text)
    yield from each(
        absent,
        members,
        VERBATIM,
        "name_in_report does not occur in its label or footnote",
        "group_members",
        "name_in_report",
    )


@rule
def sentences_reassemble_their_paragraph(frames: Frames) -> Iterator[Finding]:
    """The sentences of each paragraph, joined with single spaces, give back its text (a line
    break counting as a space): no words of the report are left unaccounted for."""
    if not has(frames, "sentences", "report_id", "paragraph", "sentence", "text") or not has(
        frames, "paragraphs", "report_id", "number", "text"
    ):
        return
    sentences = frames["sentences"].dropna(subset=["report_id", "paragraph", "sentence", "text"])
    sentences = sentences.sort_values(["report_id", "paragraph", "sentence"], kind="stable")
    parts: dict[tuple[str, str], list[str]] = {}
    for report_id, paragraph, text in zip(
        plain(sentences["report_id"]),
        plain(sentences["paragraph"]),
        plain(sentences["text"]),
        strict=True,
    ):
        parts.setdefault((str(report_id), str(paragraph)), []).append(text)
    paragraphs = frames["paragraphs"]
    # One paragraph's text is rebuilt at a time: the whole column is never held twice.
    for report_id, number, text in zip(
        plain(paragraphs["report_id"]),
        plain(paragraphs["number"]),
        plain(paragraphs["text"]),
        strict=True,
    ):
        if number is None:
            continue  # a number that is missing or not a number: its own finding says so
        rebuilt = parts.get((str(report_id), str(number)))
        if rebuilt and text is not None and " ".join(rebuilt) == text.replace("\n", " "):
            continue
        yield Finding(
            SENTENCES_REASSEMBLE,
            f"the sentences of paragraph {number} do not give back its text",
            "sentences",
            field="text",
            value=f"{report_id} paragraph {number}",
        )


@rule
def attributions_occur_in_their_sentence(frames: Frames) -> Iterator[Finding]:
    """Every attribution occurs verbatim in its sentence; a quantifier other than 'none' needs
    one, and 'none' none."""
    if not has(frames, "sentences", "text", "attribution", "quantifier"):
        return
    sentences = frames["sentences"]
    absent = missing_from(sentences["attribution"], sentences["text"])
    yield from each(
        absent,
        sentences,
        ATTRIBUTION,
        "the attribution does not occur in the sentence",
        "sentences",
        "attribution",
    )
    misfit = (
        ~absent
        & sentences["quantifier"].notna()
        & (sentences["attribution"].isna() != (sentences["quantifier"] == "none"))
    )
    yield from each(
        misfit,
        sentences,
        ATTRIBUTION,
        "the quantifier does not fit the attribution",
        "sentences",
        "quantifier",
    )
    if "kind" in sentences:
        view = sentences["kind"] == "deliberation"
        yield from each(
            (view != sentences["quantifier"].notna()) & sentences["kind"].notna(),
            sentences,
            ATTRIBUTION,
            "a deliberation sentence needs a quantifier, and no other kind has one",
            "sentences",
            "quantifier",
        )


@rule
def sentence_links_point_backwards(frames: Frames) -> Iterator[Finding]:
    """A sentence refers only to an earlier sentence of its own report, and has a relation
    exactly when it has a reference."""
    needed = ("sentence_id", "report_id", "paragraph", "sentence", "relation", "refers_to")
    if not has(frames, "sentences", *needed):
        return
    sentences = frames["sentences"]
    unpaired = sentences["refers_to"].isna() != sentences["relation"].isna()
    yield from each(
        unpaired,
        sentences,
        SENTENCE_LINK,
        "relation and refers_to must be given together",
        "sentences",
        "refers_to",
    )
    target = {
        column: attach(sentences, sentences, ["refers_to"], ["sentence_id"], column)
        for column in ("report_id", "paragraph", "sentence")
    }
    found = ~unpaired & target["report_id"].notna()
    later = (target["paragraph"] > sentences["paragraph"]) | (
        (target["paragraph"] == sentences["paragraph"])
        & (target["sentence"] >= sentences["sentence"])
    )
    wrong = found & ((target["report_id"] != sentences["report_id"]) | later).fillna(True)
    yield from each(
        wrong,
        sentences,
        SENTENCE_LINK,
        "refers_to must point to an earlier sentence of the same report",
        "sentences",
        "refers_to",
    )


_SENTENCE_END = re.compile(r"[.!?…][”’\"')\]]*$")


@rule
def reports_have_meetings(frames: Frames) -> Iterator[Finding]:
    """Every report names at least one meeting at which its item was considered."""
    if not has(frames, "reports", "report_id") or not has(frames, "meetings", "report_id"):
        return
    reports = frames["reports"]
    yield from each(
        ~among(reports["report_id"], frames["meetings"]["report_id"]),
        reports,
        REPORT_MEETINGS,
        "the report has no meeting",
        "reports",
        "report_id",
    )


@rule
def paragraphs_end_as_sentences_end(frames: Frames) -> Iterator[Finding]:
    """Every paragraph ends as a sentence ends: a source cut off in mid-sentence shows here."""
    if not has(frames, "paragraphs", "text"):
        return
    paragraphs = frames["paragraphs"]
    ends = paragraphs["text"].astype("string").str.contains(_SENTENCE_END, regex=True)
    yield from each(
        ~ends.fillna(True).astype(bool),
        paragraphs,
        PARAGRAPH_ENDS,
        "the paragraph ends in the middle of a sentence",
        "paragraphs",
        "text",
    )


@rule
def speakers_are_named_in_their_sentence(frames: Frames) -> Iterator[Finding]:
    """A speaker's sentence is a speakers sentence of its paragraph that names it verbatim, and
    every speakers sentence names at least one speaker."""
    needed = ("speaker_id", "report_id", "paragraph", "sentence_id", "name_in_report")
    if not has(frames, "speakers", *needed) or not has(
        frames, "sentences", "sentence_id", "report_id", "paragraph", "kind", "text"
    ):
        return
    speakers, sentences = frames["speakers"], frames["sentences"]
    found = among(speakers["sentence_id"], sentences["sentence_id"])
    elsewhere = (
        differs(sentence_of(speakers, sentences, "kind"), "speakers")
        | differs(sentence_of(speakers, sentences, "paragraph"), speakers["paragraph"])
        | differs(sentence_of(speakers, sentences, "report_id"), speakers["report_id"])
    )
    yield from each(
        found & elsewhere,
        speakers,
        SPEAKER_SENTENCE,
        "the speaker's sentence is not a speakers sentence of its paragraph",
        "speakers",
        "sentence_id",
    )
    absent = found & missing_from(
        speakers["name_in_report"], sentence_of(speakers, sentences, "text")
    )
    yield from each(
        absent,
        speakers,
        SPEAKER_SENTENCE,
        "name_in_report does not occur in the speaker's sentence",
        "speakers",
        "name_in_report",
    )
    silent = (sentences["kind"] == "speakers").fillna(False) & ~among(
        sentences["sentence_id"], speakers["sentence_id"]
    )
    yield from each(
        silent,
        sentences,
        SPEAKER_SENTENCE,
        "the speakers sentence has no speaker row",
        "sentences",
        "sentence_id",
    )


def version_findings(version: object) -> Iterator[Finding]:
    """The package version is a semantic version (MAJOR.MINOR.PATCH)."""
    if not isinstance(version, str) or not _SEMVER.match(version):
        yield Finding(SEMVER, "version is not a semantic version", value=str(version))


# temporalCoverage not given at all (null is given, and is not an interval)
ABSENT = object()
_CREATED = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]+)?(?:Z|[+-][0-9]{2}:[0-9]{2})"
)


def created_findings(created: object) -> Iterator[Finding]:
    """``created``, where given, is a date and time as the specification says (RFC 3339)."""
    if created is ABSENT:
        return
    try:
        if not (isinstance(created, str) and _CREATED.fullmatch(created)):
            raise ValueError(created)
        dt.datetime.fromisoformat(created.replace("Z", "+00:00"))
    except ValueError:
        message = "created is not a date and time (YYYY-MM-DDThh:mm:ssZ)"
        yield Finding(CREATED, message, value=str(created))


def temporal_findings(coverage: object, reports: pd.DataFrame | None) -> Iterator[Finding]:
    """``temporalCoverage``, where given, is the interval from the first session's start to the
    last session's end (ISO 8601 dates, ``start/end``)."""
    if coverage is ABSENT:
        return
    found = _INTERVAL.fullmatch(coverage) if isinstance(coverage, str) else None
    if found is None:
        yield Finding(
            TEMPORAL_COVERAGE,
            "temporalCoverage is not an interval of dates (YYYY-MM-DD/YYYY-MM-DD)",
            value=str(coverage),
        )
        return
    if (
        reports is None
        or reports.empty
        or not all(
            field in reports and pd.api.types.is_datetime64_any_dtype(reports[field])
            for field in ("session_start", "session_end")
        )
    ):
        return  # without the dates as dates, the other findings say why
    start = reports["session_start"].min()
    end = reports["session_end"].max()
    if pd.isna(start) or pd.isna(end):
        return
    expected = f"{start:%Y-%m-%d}/{end:%Y-%m-%d}"
    if coverage != expected:
        yield Finding(
            TEMPORAL_COVERAGE,
            f"temporalCoverage is not the span of the reports' sessions ({expected})",
            value=str(coverage),
        )


def rule_findings(frames: Frames) -> Iterator[Finding]:
    for check in RULES:
        yield from check(frames)
