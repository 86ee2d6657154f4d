"""One report's parts → rows of every table, in report order."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from cnd_data.build.deliberations import sentences_of
from cnd_data.build.errors import BuildError
from cnd_data.build.front_matter import (
    parse_agenda_item,
    parse_documents,
    parse_front_matter,
    parse_meetings,
)
from cnd_data.build.groups import GroupParser
from cnd_data.build.registry import Actor, Registry
from cnd_data.build.source import split_report
from cnd_data.build.speakers import SpeakerParser
from cnd_data.build.text import FOOTNOTE_MARK, plain

Row = dict[str, Any]
Tables = dict[str, list[Row]]
TABLES = (
    "reports",
    "meetings",
    "documents",
    "paragraphs",
    "footnotes",
    "actors",
    "speakers",
    "groups",
    "group_members",
    "sentences",
)


def report_tables(path: Path, registry: Registry) -> Tables:
    """Rows of every table but actors for one report file; actor ids used go in ``_actors``."""
    origin = path.name
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BuildError(f"{origin}: not UTF-8 ({error})") from None
    report_id = path.stem
    raw = split_report(text, origin)
    cover = parse_front_matter(raw.header, origin)
    item, title = parse_agenda_item(raw.paragraphs, origin)
    if plain(title) != plain(cover.agenda_title):
        raise BuildError(f"{origin}: the cover's title differs from the agenda item's title")
    numbers = [p.number for p in raw.paragraphs]
    if len(set(numbers)) != len(numbers):
        raise BuildError(f"{origin}: paragraph numbers repeat: {numbers}")

    rapporteur_actor = (
        registry.resolve(cover.rapporteur_country) if cover.rapporteur_country else None
    )
    unresolved = []
    if cover.rapporteur_country and rapporteur_actor is None:
        unresolved.append(f"cover: unknown name {cover.rapporteur_country!r}")

    tables: Tables = {name: [] for name in TABLES}
    tables["reports"].append(
        {
            "report_id": report_id,
            "body": cover.body,
            "session": cover.session,
            "venue": cover.venue,
            "session_start": cover.session_start,
            "session_end": cover.session_end,
            "status": cover.status,
            "addendum": cover.addendum,
            "agenda_item": item,
            "agenda_title": plain(cover.agenda_title),
            "rapporteur": cover.rapporteur,
            "rapporteur_actor_id": rapporteur_actor,
            "source_file": path.name,
            "source_sha256": hashlib.sha256(data).hexdigest(),
        }
    )
    tables["meetings"] = [
        {"report_id": report_id, "number": m.number, "date": m.date}
        for m in parse_meetings(raw.paragraphs)
    ]
    tables["documents"] = [
        {
            "report_id": report_id,
            "paragraph": d.paragraph,
            "letter": d.letter,
            "title": d.title,
            "symbol": d.symbol,
        }
        for d in parse_documents(raw.paragraphs, origin)
    ]
    tables["paragraphs"] = [
        {
            "report_id": report_id,
            "number": p.number,
            "section": p.section,
            "section_title": p.section_title,
            "text": plain(p.raw),
        }
        for p in raw.paragraphs
    ]
    referenced_in: dict[int, int] = {}
    for paragraph in raw.paragraphs:
        for mark in FOOTNOTE_MARK.findall(paragraph.raw):
            referenced_in.setdefault(int(mark), paragraph.number)
    footnote_text = {}
    for footnote in raw.footnotes:
        if footnote.number not in referenced_in:
            raise BuildError(f"{origin}: footnote {footnote.number} has no marker in any paragraph")
        footnote_text[footnote.number] = plain(footnote.text)
        tables["footnotes"].append(
            {
                "report_id": report_id,
                "number": footnote.number,
                "paragraph": referenced_in[footnote.number],
                "text": footnote_text[footnote.number],
            }
        )

    speaker_parser = SpeakerParser(registry)
    group_parser = GroupParser(registry, cover.session_start, cover.session_end)
    for speaker in speaker_parser.parse(raw.paragraphs):
        speaker_id = f"{report_id}-p{speaker.paragraph}-{speaker.position}"
        group_id = None
        if speaker.group is not None:
            group_id = f"{report_id}-g{len(tables['groups']) + 1}"
            number = speaker.group.footnote
            if number is not None and number not in footnote_text:
                raise BuildError(f"{origin}: group footnote {number} is missing")
            tables["groups"].append(
                {
                    "group_id": group_id,
                    "report_id": report_id,
                    "paragraph": speaker.paragraph,
                    "footnote": number,
                    "label": speaker.group.label,
                    "speaker_id": speaker_id,
                }
            )
            listing = (number, footnote_text[number]) if number is not None else None
            tables["group_members"] += [
                {
                    "group_id": group_id,
                    "actor_id": m.actor_id,
                    "position": m.position,
                    "name_in_report": m.name_in_report,
                    "membership": m.membership,
                    "basis": m.basis,
                    "named_in": m.named_in,
                }
                for m in group_parser.members(speaker.group.label, listing)
            ]
        tables["speakers"].append(
            {
                "speaker_id": speaker_id,
                "report_id": report_id,
                "paragraph": speaker.paragraph,
                "position": speaker.position,
                "actor_id": speaker.actor_id,
                "name_in_report": speaker.name_in_report,
                "capacity": speaker.capacity,
                "statement_type": speaker.statement_type,
                "group_id": group_id,
                "role": speaker.role,
                "actor_basis": speaker.actor_basis,
            }
        )
    deliberations = [(p.number, plain(p.raw)) for p in raw.paragraphs if p.section is not None]
    tables["sentences"] = [
        {
            "sentence_id": f"{report_id}-p{s.paragraph}-s{s.sentence}",
            "report_id": report_id,
            "paragraph": s.paragraph,
            "sentence": s.sentence,
            "text": s.text,
            "attribution": s.attribution,
            "quantifier": s.quantifier,
            "relation": s.relation,
            "refers_to": f"{report_id}-p{s.refers_to[0]}-s{s.refers_to[1]}"
            if s.refers_to
            else None,
        }
        for s in sentences_of(deliberations)
    ]
    unresolved += speaker_parser.unresolved + group_parser.unresolved
    if unresolved:
        raise BuildError(
            f"{origin}: {len(unresolved)} name(s) not in the registry:\n  "
            + "\n  ".join(unresolved)
        )
    return tables


def actor_rows(registry: Registry, actor_ids: set[str]) -> list[Row]:
    """The actors the reports name, sorted by id."""
    rows = []
    for actor_id in sorted(actor_ids):
        actor: Actor = registry.actors[actor_id]
        rows.append({key: getattr(actor, key) for key in actor.__dataclass_fields__})
    return rows


def build_tables(paths: list[Path], registry: Registry) -> Tables:
    """Rows of every table for a set of report files."""
    tables: Tables = {name: [] for name in TABLES}
    for path in sorted(paths, key=lambda p: p.name):
        for name, rows in report_tables(path, registry).items():
            tables[name] += rows
    used = {row["actor_id"] for row in tables["speakers"] + tables["group_members"]}
    used |= {r["rapporteur_actor_id"] for r in tables["reports"] if r["rapporteur_actor_id"]}
    tables["actors"] = actor_rows(registry, used)
    ids = [row["report_id"] for row in tables["reports"]]
    if len(set(ids)) != len(ids):
        raise BuildError(f"two report files share a name: {sorted(ids)}")
    return tables
