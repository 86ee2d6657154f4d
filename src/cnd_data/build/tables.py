"""Chapters → rows of every table, in report order: one row-builder per table.

The identifiers are made here and nowhere else: a chapter's rows are keyed by its ``report_id``,
so several chapters share one release without clashing, and they share the ``actors`` table.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cnd_data.build.chapter import Chapter, read_chapter
from cnd_data.build.errors import BuildError
from cnd_data.build.grammar.deliberations import UNREAD, views_of
from cnd_data.build.registry import Actor, Registry
from cnd_data.build.text import plain

Row = dict[str, Any]
Tables = dict[str, list[Row]]
TABLES = (
    "reports",
    "meetings",
    "documents",
    "paragraphs",
    "footnotes",
    "actors",
    "names",
    "speakers",
    "groups",
    "group_members",
    "sentences",
    "actions",
    "sponsors",
)


def speaker_id(report_id: str, paragraph: int, position: int) -> str:
    return f"{report_id}-p{paragraph}-{position}"


def sentence_id(report_id: str, paragraph: int, sentence: int) -> str:
    return f"{report_id}-p{paragraph}-s{sentence}"


def group_id(report_id: str, number: int) -> str:
    return f"{report_id}-g{number}"


def report_rows(chapter: Chapter) -> list[Row]:
    cover = chapter.cover
    return [
        {
            "report_id": chapter.report_id,
            "body": cover.body,
            "session": cover.session,
            "venue": cover.venue,
            "session_start": cover.session_start,
            "session_end": cover.session_end,
            "status": cover.status,
            "addendum": cover.addendum,
            "agenda_item": chapter.agenda_item,
            "agenda_title": plain(cover.agenda_title),
            "rapporteur": cover.rapporteur,
            "rapporteur_actor_id": chapter.rapporteur_actor,
            "source_file": chapter.source_file,
            "source_sha256": chapter.sha256,
        }
    ]


def meeting_rows(chapter: Chapter) -> list[Row]:
    return [
        {"report_id": chapter.report_id, "number": m.number, "date": m.date}
        for m in chapter.meetings
    ]


def document_rows(chapter: Chapter) -> list[Row]:
    return [
        {
            "report_id": chapter.report_id,
            "paragraph": paragraph,
            "letter": d.letter,
            "title": d.title,
            "symbol": d.symbol,
        }
        for paragraph, d in chapter.documents
    ]


def paragraph_rows(chapter: Chapter) -> list[Row]:
    return [
        {
            "report_id": chapter.report_id,
            "number": p.number,
            "section": p.section,
            "section_title": p.section_title,
            "text": plain(p.raw),
        }
        for p in chapter.paragraphs
    ]


def footnote_rows(chapter: Chapter) -> list[Row]:
    return [
        {"report_id": chapter.report_id, "number": number, "paragraph": paragraph, "text": text}
        for number, (paragraph, text) in chapter.footnotes.items()
    ]


def sentence_rows(chapter: Chapter) -> list[Row]:
    """Every sentence; those of the deliberations with who holds their view."""
    views = views_of(
        [(s.paragraph, s.number, s.text) for s in chapter.sentences if s.kind == "deliberation"]
    )
    unread = [
        f"paragraph {paragraph}, sentence {number}: who holds the view is not read:"
        f" {view.attribution!r}"
        for (paragraph, number), view in views.items()
        if view.quantifier == UNREAD
    ]
    if unread:
        raise BuildError(f"{chapter.source_file}: " + f"\n{chapter.source_file}: ".join(unread))
    rows = []
    for s in chapter.sentences:
        view = views.get((s.paragraph, s.number))
        refers_to = view.refers_to if view else None
        rows.append(
            {
                "sentence_id": sentence_id(chapter.report_id, s.paragraph, s.number),
                "report_id": chapter.report_id,
                "paragraph": s.paragraph,
                "sentence": s.number,
                "kind": s.kind,
                "text": s.text,
                "attribution": view.attribution if view else None,
                "quantifier": view.quantifier if view else None,
                "relation": view.relation if view else None,
                "refers_to": sentence_id(chapter.report_id, *refers_to) if refers_to else None,
            }
        )
    return rows


def speaker_rows(chapter: Chapter) -> dict[str, list[Row]]:
    """Speakers, and the groups they spoke for with their members."""
    tables: dict[str, list[Row]] = {"speakers": [], "groups": [], "group_members": []}
    for speaker in chapter.speakers:
        entry = speaker_id(chapter.report_id, speaker.paragraph, speaker.position)
        group = None
        if speaker.group is not None:
            group = group_id(chapter.report_id, len(tables["groups"]) + 1)
            tables["groups"].append(
                {
                    "group_id": group,
                    "report_id": chapter.report_id,
                    "paragraph": speaker.paragraph,
                    "footnote": speaker.group.footnote,
                    "label": speaker.group.label,
                    "bloc_id": speaker.members.bloc_id,
                    "members_complete": speaker.members.complete,
                    "speaker_id": entry,
                }
            )
            rows = speaker.members.rows
            tables["group_members"] += [{"group_id": group} | vars(m) for m in rows]
        tables["speakers"].append(
            {
                "speaker_id": entry,
                "report_id": chapter.report_id,
                "paragraph": speaker.paragraph,
                "position": speaker.position,
                "sentence_id": sentence_id(chapter.report_id, speaker.paragraph, speaker.sentence),
                "actor_id": speaker.actor_id,
                "name_in_report": speaker.name_in_report,
                "capacity": speaker.capacity,
                "statement_type": speaker.statement_type,
                "group_id": group,
                "role": speaker.role,
                "person": speaker.person,
                "actor_basis": speaker.actor_basis,
                "entry_basis": speaker.entry_basis,
                "action_id": action_id(chapter.report_id, speaker.action)
                if speaker.action
                else None,
            }
        )
    return tables


def action_id(report_id: str, number: int) -> str:
    return f"{report_id}-a{number}"


def action_rows(chapter: Chapter) -> dict[str, list[Row]]:
    """The chapter's actions, numbered in report order, and the sponsors each names."""
    tables: dict[str, list[Row]] = {"actions": [], "sponsors": []}
    read = chapter.actions
    if read is None:
        return tables
    for number, (action, meeting, sponsors) in enumerate(
        zip(read.actions, read.meetings, read.sponsors, strict=True), start=1
    ):
        entry = action_id(chapter.report_id, number)
        counts = action.counts or (None, None, None)
        tables["actions"].append(
            {
                "action_id": entry,
                "report_id": chapter.report_id,
                "paragraph": action.paragraph,
                "sentence_id": sentence_id(chapter.report_id, action.paragraph, action.sentence),
                "draft_sentence_id": sentence_id(chapter.report_id, *action.draft)
                if action.draft
                else None,
                "meeting": meeting,
                "kind": action.kind,
                "symbol": action.symbol,
                "title": action.title,
                "outcome": action.outcome,
                "recommended_to": action.recommended_to,
                "deferred_to": action.until,
                "as_revised": action.revised,
                "proposer": action.proposer,
                "vote": action.vote,
                "votes_for": counts[0],
                "votes_against": counts[1],
                "abstentions": counts[2],
                "printed_in": action.printed_in,
            }
        )
        tables["sponsors"] += [
            {"action_id": entry, "position": position, "actor_id": n.actor_id,
             "name_in_report": n.text}
            for position, n in enumerate(sponsors, start=1)
        ]  # fmt: skip
    return tables


def chapter_tables(chapter: Chapter) -> Tables:
    """Rows of every table but actors for one chapter."""
    return {
        "reports": report_rows(chapter),
        "meetings": meeting_rows(chapter),
        "documents": document_rows(chapter),
        "paragraphs": paragraph_rows(chapter),
        "footnotes": footnote_rows(chapter),
        **speaker_rows(chapter),
        "sentences": sentence_rows(chapter),
        **action_rows(chapter),
    }


def report_tables(path: Path, registry: Registry) -> Tables:
    """Rows of every table but actors for one report file."""
    return chapter_tables(read_chapter(path, registry))


def actor_rows(registry: Registry, actor_ids: set[str]) -> list[Row]:
    """The actors the reports name, sorted by id."""
    rows = []
    for actor_id in sorted(actor_ids):
        actor: Actor = registry.actors[actor_id]
        rows.append({key: getattr(actor, key) for key in actor.__dataclass_fields__})
    return rows


def name_rows(registry: Registry, actor_ids: set[str]) -> list[Row]:
    """The names under which the registry knows those actors, by actor id, in registry order
    (the actor's own name first)."""
    return [
        {"name": n.name, "actor_id": n.actor_id, "kind": n.kind}
        for actor_id in sorted(actor_ids)
        for n in registry.names.get(actor_id, [])
    ]


def build_tables(paths: list[Path], registry: Registry) -> Tables:
    """Rows of every table for a set of report files."""
    tables: Tables = {name: [] for name in TABLES}
    ids = [path.stem for path in paths]
    if len(set(ids)) != len(ids):
        raise BuildError(f"two report files share a name: {sorted(ids)}")
    for path in sorted(paths, key=lambda p: p.name):
        for name, rows in report_tables(path, registry).items():
            tables[name] += rows
    used = {
        row["actor_id"] for row in tables["speakers"] + tables["group_members"] + tables["sponsors"]
    }
    used |= {row["bloc_id"] for row in tables["groups"] if row["bloc_id"]}
    used |= {r["rapporteur_actor_id"] for r in tables["reports"] if r["rapporteur_actor_id"]}
    used |= _named_where_recorded(tables, registry)
    tables["actors"] = actor_rows(registry, used)
    tables["names"] = name_rows(registry, used)
    return tables


def _named_where_recorded(tables: Tables, registry: Registry) -> set[str]:
    """The actors a sentence whose speakers were recorded by hand names: the package knows
    them, so that the gate finds one the file leaves out (speaker-missing reads the names
    table), as it finds one left out of a parsed sentence."""
    recorded = {r["sentence_id"] for r in tables["speakers"] if r["entry_basis"] == "recorded"}
    texts = (str(r["text"]) for r in tables["sentences"] if r["sentence_id"] in recorded)
    return {actor for text in texts for actor in registry.named_in(text)}
