"""Named SQL queries over the exported database: the README's, and Datasette's canned queries.

Each runs in SQLite as written; the README shows the first, and a test keeps them in step.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Query:
    name: str
    title: str
    sql: str


QUERIES = (
    Query(
        "speakers_by_kind",
        "Who took the floor, by kind of actor and capacity",
        """SELECT a.actor_type, s.capacity, count(*) AS speakers
FROM speakers AS s JOIN actors AS a USING (actor_id)
GROUP BY a.actor_type, s.capacity
ORDER BY speakers DESC, a.actor_type, s.capacity;""",
    ),
    Query(
        "group_statements",
        "Statements made on behalf of a group, with the group's listed and implied members",
        """SELECT g.paragraph, a.name AS speaker, g.label AS on_behalf_of,
  sum(m.basis = 'listed') AS listed_members, sum(m.basis = 'implied') AS implied_members
FROM groups AS g
JOIN speakers AS s ON s.speaker_id = g.speaker_id
JOIN actors AS a ON a.actor_id = s.actor_id
LEFT JOIN group_members AS m ON m.group_id = g.group_id
GROUP BY g.group_id
ORDER BY g.paragraph, g.group_id;""",
    ),
    Query(
        "states_also_in_groups",
        "States that spoke for themselves and were members of a group that made a statement",
        """SELECT DISTINCT a.name AS state, g.label AS group_label, g.paragraph AS group_paragraph
FROM speakers AS s
JOIN actors AS a ON a.actor_id = s.actor_id AND a.actor_type = 'state'
JOIN group_members AS m ON m.actor_id = s.actor_id AND m.membership = 'member'
JOIN groups AS g ON g.group_id = m.group_id
WHERE s.group_id IS NULL
ORDER BY a.name, g.paragraph;""",
    ),
    Query(
        "deliberation_views",
        "What the Commission recorded in its deliberations, with who held each view",
        """SELECT paragraph, sentence, attribution, quantifier, relation, text
FROM sentences
WHERE kind = 'deliberation'
ORDER BY paragraph, sentence;""",
    ),
)
