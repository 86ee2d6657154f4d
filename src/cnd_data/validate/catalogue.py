"""Every rule of ``cnd-data validate``: its id, what it checks, and a finding it gives.

The catalogue is the one list of rule ids; docs/rules.md is generated from it (``cnd-data
rules``), and the tests fail when a check reports a rule that is not listed here.
"""

from __future__ import annotations

# id: (stage, what it checks, an example of what it reports)
CATALOGUE: dict[str, tuple[str, str, str]] = {
    "descriptor": ("descriptor", "the descriptor has a list of resources, each with a unique name",
                   "two resources share this name"),
    "descriptor-key": ("descriptor", "every key is one the Data Package v2 specification defines at"
                       " its level, and constraints apply to their field's type",
                       "'primarykey' is not a key of a Table Schema"),
    "descriptor-type": ("descriptor", "a descriptor part that must be an object is one",
                        "resource 1 must be an object"),
    "descriptor-shape": ("descriptor", "the descriptor against the Data Package v2 profile",
                         "['x'] is not of type 'string' (at name)"),
    "semver": ("descriptor", "the version is a semantic version (MAJOR.MINOR.PATCH)",
               "version is not a semantic version"),
    "statement-wording": ("words", "a speaker's statement type agrees with its sentence: 'right"
                          " of reply' for right_of_reply and 'in exercise of the right of reply'"
                          " for every row of its sentence, 'on behalf of' for a group"
                          " statement, 'brief…' for a briefing, 'introduc…' for an introductory"
                          " statement; a sentence says 'on behalf of' as often as it has group"
                          " statements", "the statement type does not agree with the words of the"
                          " speaker's sentence"),
    "attribution-wording": ("words", "a deliberation's attribution is the first phrase of its"
                            " sentence that names speakers, with the words that weigh it ('many"
                            " speakers'), and none where no phrase names speakers", "the"
                            " attribution is not the first phrase of the sentence that names"
                            " speakers"),
    "quantifier-wording": ("words", "a deliberation's quantifier is the one its attribution's first"
                           " words give (none when there is no attribution)", "the quantifier is"
                           " not the one the attribution's first words give"),
    "document-wording": ("words", "a document's lettered item '(b)' stands in the paragraph that"
                         " lists it, begins with its whole title, and holds its whole symbol; every"
                         " item has its row",
                         "the document's symbol does not stand in its lettered item of the"
                         " paragraph"),
    "meeting-wording": ("words", "a meeting's date is the one the meetings sentence pairs with its"
                        " ordinal (the ordinals since the last date take the next date, one day"
                        " each where it gives as many days), and every ordinal has its meeting",
                        "the meetings sentence does not give"
                        " this meeting this date"),
    "speaker-count": ("words", "no more speaker rows name an actor in a sentence than the sentence"
                      " holds its name", "more rows name this actor in the sentence than the"
                      " sentence names it"),
    "capacity-wording": ("words", "a representative's, an observer's or a briefer's sentence holds"
                         " that word (a representative's may say 'participant' or give a title);"
                         " a secretariat"
                         " or an officer is a UN-system actor, an officer is Chair, Vice-Chair or"
                         " Rapporteur", "the capacity does not agree with the sentence's"
                         " words or the actor's type"),
    "speaker-order": ("words", "the names and titles of a sentence's speakers occur in it in the"
                      " order of their positions; a row marked shared has a title and the next"
                      " row's name", "the speaker is not named, or titled, after the speaker"
                      " before it in its sentence"),
    "actor-name": ("words", "a speaker, and a group member listed by name, is the actor its"
                   " name_in_report names in the names table (looked up without a leading 'the',"
                   " with straight apostrophes; 'the Commission' is the report's body); an implied"
                   " member is not named in its own name; a group's bloc is a group of States"
                   " its label names; every actor a label names is its bloc or a member it lists;"
                   " every actor's name is its names row of kind name",
                   "name_in_report names SGP, not the row's actor"),
    "speaker-missing": ("words", "a name of the names table in a speakers sentence's list of"
                        " speakers (between its first and last speaker, or joined to them by"
                        " commas and 'and') is a speaker's name or part of one, of a title or of"
                        " a group's label: a speaker left out of the rows is found",
                        "the sentence names 'Kenya', and no speaker row of it does"),
    "name-ambiguous": ("words", "no two actors share a name once it is looked up",
                       "the name names more than one actor"),
    "membership-wording": ("words", "a member is 'associated' exactly where its group's footnote"
                           " says the States 'associated themselves with' the statement",
                           "the membership does not agree with the words of the group's"
                           " footnote"),
    "group-label": ("words", "a group's label is what its speaker's sentence says the statement"
                    " was made 'on behalf of'", "the speaker's sentence does not say the"
                    " statement was made \"on behalf of\" the label"),
    "sentence-kind": ("words", "a meetings sentence names a meeting by its ordinal",
                      "a meetings sentence that names no meeting by its ordinal"),
    "relation-wording": ("words", "a sentence 'responds' to the sentence before it in its paragraph"
                         " exactly where it begins 'In response' there; it 'continues' the last"
                         " earlier sentence"
                         " attributed to a group exactly where it begins 'That group of speakers',"
                         " 'Those speakers', 'These speakers' or 'The same speakers' and there is"
                         " one",
                         "refers_to is not the sentence the relation points back to"),
    "agenda-wording": ("words", "a report's agenda item ('item 6') and its whole title, quoted,"
                       " occur in a sentence of the report that names its meetings", "the report's"
                       " agenda_title does not occur in a sentence that names its meetings"),
    "temporal-coverage": ("rules", "temporalCoverage, where given, is the span of the reports'"
                          " sessions, from the first start to the last end (start/end)",
                          "temporalCoverage is not the span of the reports' sessions"
                          " (2025-03-10/2025-03-14)"),
    "rebuild": ("rules", "where the package's sources are beside it (a checkout), every data file"
                " and the descriptor equal a fresh build of them: no hand edit",
                "differs from a build of sources/ ('Singapore' built): an edit the sources do"
                " not make"),
    "schema-missing": ("schema", "the schema file can be read", "cannot read the schema"),
    "schema-json": ("schema", "the schema file is JSON", "the schema is not JSON"),
    "schema-invalid": ("schema", "the schema has a list of named fields with string types, and keys"
                       " and constraints that can be applied", "every field must be an object"
                       " with a name"),
    "schema-shape": ("schema", "the schema against the Table Schema v2 profile",
                     "'5' is not of type 'integer' (at fields/0/constraints/maxLength)"),
    "unsafe-path": ("file", "a path stays inside the package with links resolved, names a regular"
                    " file, and is not a URL unless --allow-remote",
                    "a link that leads outside the package folder"),
    "file-missing": ("file", "the data file exists", "cannot read the file: no such file"),
    "empty-file": ("file", "the data file is not empty and has a header row",
                   "the file is empty"),
    "bytes": ("file", "the file's size is the descriptor's bytes, a whole number",
              "the file has 5778 bytes, the descriptor says 5777"),
    "hash": ("file", "the file's hash is the descriptor's hash",
             "the file's sha256 differs from the descriptor's"),
    "encoding": ("file", "UTF-8 without a byte order mark",
                 "not UTF-8: byte 0xe9 at offset 120 (line 4)"),
    "nul-byte": ("file", "no NUL byte in a text file", "a NUL byte on line 3"),
    "dialect": ("file", "the dialect is one the reader reads (comma, double quotes) and the line"
                " ends are the dialect's", "line 1 ends in CRLF; the dialect says LF"),
    "csv-syntax": ("file", "the CSV can be parsed", "the CSV cannot be parsed: unexpected end of"
                   " data (an unterminated quote swallows the rest)"),
    "header-width": ("file", "the header has at most 1,000 columns",
                     "the header has more than 1000 columns"),
    "missing-column": ("header", "every schema field has its column",
                       "column 'date' of the schema is missing"),
    "extra-column": ("header", "every column is a schema field", "column 'venue' is not in the"
                     " schema"),
    "header-order": ("header", "the columns are in the schema's order",
                     "the columns are not in the schema's order"),
    "row-length": ("rows", "every row has as many cells as the header",
                   "the row has 4 cells, the header 3"),
    "swallowed-rows": ("rows", "no quoted cell holds what look like whole rows",
                       "a quoted cell holds what look like whole rows: an unbalanced quote?"),
    "type": ("cells", "every cell is of its field's type, strictly (no 1e3 or ' 7' as an integer)",
             "'1e3' is not a valid integer"),
    "required": ("cells", "a required field has a value", "a required value is missing"),
    "unique": ("cells", "a unique field repeats no value", "'KEN' occurs more than once"),
    "enum": ("cells", "a value is one of its field's values",
             "'delegate' breaks the enum constraint (representative, observer, …)"),
    "pattern": ("cells", "a value matches its field's pattern, run in RE2 (linear time)",
                "'cnd68_item6' breaks the pattern constraint (^[a-z0-9]+(-[a-z0-9]+)*$)"),
    "minimum": ("cells", "a value is at least its field's minimum",
                "'0' breaks the minimum constraint (1)"),
    "maximum": ("cells", "a value is at most its field's maximum",
                "'100' breaks the maximum constraint (99)"),
    "exclusiveMinimum": ("cells", "a value is above its field's exclusive minimum",
                         "'0' breaks the exclusiveMinimum constraint (0)"),
    "exclusiveMaximum": ("cells", "a value is below its field's exclusive maximum",
                         "'9' breaks the exclusiveMaximum constraint (9)"),
    "minLength": ("cells", "a text is at least its field's minimum length",
                  "'' breaks the minLength constraint (1)"),
    "maxLength": ("cells", "a text is at most its field's maximum length",
                  "'Albania' breaks the maxLength constraint (5)"),
    "primary-key": ("keys", "the primary key is unique and complete",
                    "the primary key actor_id=KEN is not unique"),
    "foreign-key": ("keys", "every foreign key, composite ones included, finds its row",
                    "actor_id=XXX not found in actors (actor_id)"),
    "foreign-key-reference": ("keys", "the fields a foreign key refers to are unique",
                              "the referenced fields (actor_id) are not unique"),
    "clean-text": ("text", "text is NFC, trimmed, free of markup and page-break artefacts",
                   "markup, stray spaces or a broken line"),
    "hidden-character": ("text", "no control, format, bidirectional or zero-width character",
                         "a control, format, bidirectional or zero-width character"),
    "mixed-script": ("text", "no word mixes the letters of two scripts (a homoglyph)",
                     "a word mixes the letters of two scripts (a homoglyph?)"),
    "formula-injection": ("text", "no cell starts with a character a spreadsheet runs as a formula",
                          "the cell starts with a character spreadsheets read as a formula"),
    "paragraphs-numbered": ("report", "paragraphs run 1..N in each report",
                            "cnd68-item6: number values are not 1..28"),
    "footnotes-numbered": ("report", "footnotes run 1..M, each in an existing paragraph",
                           "the footnote's paragraph does not exist"),
    "speaker-positions": ("report", "speaker positions run 1..k in each paragraph",
                          "cnd68-item6 4: position values are not 1..21"),
    "group-speaker": ("report", "each group has exactly one group_statement speaker, the one it"
                      " names", "the group does not have exactly one group_statement speaker"),
    "group-members": ("report", "a group whose members are complete has a member; one whose"
                      " members are not complete names the group of States (bloc_id) whose"
                      " members the package does not hold, and has no implied member",
                      "the group has no member, and its members are said to be complete"),
    "footnote-members": ("report", "a group's footnote members are the footnote's names, in order",
                         "the 39 members listed for the group are not the names of footnote 2"),
    "representative-and-observer": ("report", "no State speaks both as representative and as"
                                     " observer in a report",
                                     "TUR speaks as representative and as observer in cnd68-item6"),
    "iso-codes": ("report", "a State's iso3, iso2 and m49 agree with ISO 3166-1",
                  "m49 does not agree with iso3"),
    "meeting-date": ("report", "meetings fall within the session",
                     "the meeting falls outside the session dates"),
    "report-meetings": ("report", "every report has a meeting", "the report has no meeting"),
    "paragraph-ends": ("report", "every paragraph ends as a sentence ends (a source cut off shows)",
                       "the paragraph ends in the middle of a sentence"),
    "verbatim": ("report", "names, roles and labels occur verbatim in their paragraph or footnote",
                 "name_in_report does not occur in its paragraph"),
    "sentences-reassemble": ("report", "a paragraph's sentences give back its text",
                             "the sentences of paragraph 10 do not give back its text"),
    "attribution": ("report", "an attribution occurs in its sentence and fits its quantifier, given"
                    " for deliberation sentences only", "the attribution does not occur in the"
                    " sentence"),
    "sentence-link": ("report", "a sentence refers only to an earlier sentence of its report",
                      "refers_to must point to an earlier sentence of the same report"),
    "speaker-sentence": ("report", "a speaker stands in a speakers sentence of its paragraph that"
                         " names it; every speakers sentence has its speakers",
                         "the speakers sentence has no speaker row"),
    "speaker-capacity": ("report", "a speaker's capacity agrees with the words of its sentence",
                         "the capacity does not agree with the words of the speaker's sentence"),
}  # fmt: skip
# Derived fields that no rule reads against the report's words, and why; the rebuild check
# (in a checkout) compares every field with a build of the sources.
UNCHECKED: dict[str, str] = {
    "reports: body, session, venue, session_start, session_end, status, addendum, rapporteur,"
    " rapporteur_actor_id": "read from the report's cover, which the package does not hold as"
    " text (meeting-date holds the meetings within the session dates)",
    "reports: source_file, source_sha256": "name and hash the source text, outside the package",
    "paragraphs: section, section_title": "the headings are not held as text",
    "footnotes: paragraph": "the footnote marks are taken out of the paragraph text; only its"
    " form is checked (footnotes-numbered: a paragraph that exists)",
    "actors: every field": "the registry's (the UN country list and the curated organisations),"
    " not the report's words; iso-codes checks a State's codes against ISO 3166-1",
    "names: kind": "where the registry has the name from",
    "sentences: kind, for kinds other than meetings": "what a sentence records is the grammar's"
    " reading; speaker-sentence holds every speakers sentence to its rows, quantifier-wording and"
    " attribution hold the deliberations",
}
REFERENCE_PREFIX = "frictionless:"  # --reference: Frictionless's own error types, prefixed


def known(rule: str) -> bool:
    """Whether a rule id is in the catalogue (or one of Frictionless's, with --reference)."""
    return rule in CATALOGUE or rule.startswith(REFERENCE_PREFIX)


def catalogue_markdown() -> str:
    """docs/rules.md: the catalogue as a table per stage."""
    lines = [
        "# The rules of `cnd-data validate`",
        "",
        "Generated from `src/cnd_data/validate/catalogue.py` by `cnd-data rules`; do not edit.",
        "Every finding names its rule. With `--reference`, Frictionless's own findings are added,",
        f"their rule ids prefixed with `{REFERENCE_PREFIX}`.",
    ]
    stages = dict.fromkeys(stage for stage, _, _ in CATALOGUE.values())
    for stage in stages:
        lines += [
            "",
            f"## {stage}",
            "",
            "| rule | checks | example finding |",
            "| --- | --- | --- |",
        ]
        for rule, (where, what, example) in CATALOGUE.items():
            shown = example.replace("|", "\\|")
            if where == stage:
                lines.append(f"| `{rule}` | {what} | {shown} |")
    lines += [
        "",
        "## fields no rule reads against the words",
        "",
        "In a checkout, the rebuild check compares them with a build of the sources.",
        "",
        "| table: fields | why |",
        "| --- | --- |",
        *(f"| {fields} | {why} |" for fields, why in UNCHECKED.items()),
    ]
    return "\n".join(lines) + "\n"
