"""Rules that read what links an action to the rest of the chapter against the words: its
meeting, the sentences that say the Commission acted, and the statements related to it."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pandas as pd

from cnd_data.declared_rules import declare
from cnd_data.validate.action_words import BEFORE_IT
from cnd_data.validate.findings import Finding
from cnd_data.validate.rulebook import Frames, each, has, plain, rule, texts_of

ACTION_MEETING = declare(
    "action-meeting",
    "words",
    "an action's meeting is a meeting of its report that its sentence names by its ordinal (not"
    " in a quoted title), or the one the last sentence naming meetings named alone where it "
    "says 'At the same meeting' or 'At that meeting'; a sentence that names one gives one",
    "the action's sentence does not name meeting 9",
)
ACTION_MISSING = declare(
    "action-missing",
    "words",
    "a sentence that says the Commission adopted, approved, rejected or deferred a draft, or that"
    " a draft was withdrawn, introduces an action, and one that says the Commission had a draft"
    " before it is an action's draft sentence; a speaker's sentence that relates its statements"
    " to an action ('Before the adoption of …', 'in explanation of vote', 'introduced the draft"
    " resolution') has the action its words give (by symbol, else of the kind and outcome they"
    " name, whose sentences span its paragraph: from its draft's to its own), and no other"
    " speaker has one",
    "the sentence says the Commission acted on a draft, and no action row cites it",
)

_VERB = re.compile(
    r"\bCommission (?:also |then )?(?:adopted|approved|rejected|(?:decided to )?(?:defer|deferred"
    r"|postpone|postponed))\b"
)
_DRAFT = re.compile(r"\b[Dd]raft (?:resolution|decision)\b")
_OWN = re.compile(
    r"^(?:The )?[Dd]raft (?:resolution|decision) ([A-Z]+/\S*[A-Za-z0-9]) was (?:withdrawn|adopted"
    r"|approved|rejected)\b"
)
_A_DRAFT = "raft "  # in every sentence _VERB with _DRAFT, _OWN or BEFORE_IT finds
_RELATED = re.compile(
    r"^(?:Before|After|Prior to) (?:the (?:adoption|approval|rejection) of|the vote\b|action "
    r"was taken on)|\bin explanation of (?:vote|position)\b|\bintroduced (?:the |a )?(?:revised )?"
    r"draft (?:resolution|decision)\b"
)
_RELATED_DRAFT = re.compile(r"^[^,]*\bdraft (resolution|decision)(?: ([A-Z]+/[^ ,]+))?")
_INTRODUCED = re.compile(r"\bintroduced (?:the |a )?(?:revised )?draft (resolution|decision)"
                         r"(?: ([A-Z]+/[^ ,]*[A-Za-z0-9]))?")  # fmt: skip
_OUTCOMES = {"adoption": "adopted", "approval": "approved", "rejection": "rejected"}
_ORDINAL = re.compile(r"\b([0-9]+)(?:st|nd|rd|th) meetings?\b")
_QUOTED = re.compile(r"“[^“”]*”")
_SAME = re.compile(r"^(?:Also )?[Aa]t (?:the same|that) meeting\b")
_OPENS = re.compile(r"^(?:Also )?[Aa]t its ([0-9]+)(?:st|nd|rd|th) meeting\b")


def _ordinals(text: str) -> list[int]:
    """The meetings a text names by ordinal, a quoted title's words left out."""
    return [int(n) for n in _ORDINAL.findall(_QUOTED.sub("“”", text))]


def _last_named(frames: Frames) -> dict[object, int | None]:
    """Each sentence → the one meeting the last sentence naming meetings before it named (a
    meetings or action sentence, or a speakers sentence opening with one), None after one that
    named several: what "At the same meeting" means there."""
    order = frames["sentences"].sort_values(["report_id", "paragraph", "sentence"], kind="stable")
    last: dict[object, int | None] = {}
    report_before, named = None, None
    for sentence, report, kind, text in zip(
        plain(order["sentence_id"]), plain(order["report_id"]), plain(order["kind"]),
        plain(order["text"]), strict=True,
    ):  # fmt: skip
        if report != report_before:
            report_before, named = report, None
        last[sentence] = named
        text = text if isinstance(text, str) else ""
        ordinals = _ordinals(text) if kind in ("meetings", "action") else []
        if kind == "speakers" and (opening := _OPENS.match(text)):
            ordinals = [int(opening.group(1))]
        if ordinals:
            named = ordinals[0] if len(set(ordinals)) == 1 else None
    return last


@rule
def action_meeting_is_named(frames: Frames) -> Iterator[Finding]:
    """An action's meeting is a meeting of its report, named by its sentence, or the one last
    named before it where the sentence says "At the same meeting"."""
    if not has(frames, "actions", "report_id", "meeting", "sentence_id"):
        return
    if not has(frames, "sentences", "sentence_id", "report_id", "paragraph", "sentence", "kind",
               "text"):  # fmt: skip
        return
    actions = frames["actions"]
    sentences = frames["sentences"]
    texts = texts_of(sentences, plain(actions["sentence_id"]))
    last = _last_named(frames)
    held: set[tuple[object, object]] = set()
    if has(frames, "meetings", "report_id", "number"):
        meetings = frames["meetings"]
        held = set(zip(plain(meetings["report_id"]), plain(meetings["number"]), strict=True))
    wrong = []
    for report, meeting, sentence in zip(
        plain(actions["report_id"]), plain(actions["meeting"]), plain(actions["sentence_id"]),
        strict=True,
    ):  # fmt: skip
        text = texts.get(sentence)
        if not isinstance(text, str):
            wrong.append(False)
            continue
        named = _ordinals(text)
        if _SAME.match(text) and not named:
            named = [n] if (n := last.get(sentence)) is not None else []
        given = [] if meeting is None else [int(meeting)]
        wrong.append(given != named[:1] or len(set(named)) > 1 or (
            meeting is not None and (report, meeting) not in held))  # fmt: skip
    yield from each(
        pd.Series(wrong, index=actions.index),
        actions,
        ACTION_MEETING,
        "the action's meeting is not the one meeting of its report its sentence names",
        "actions",
        "meeting",
    )


@rule
def every_action_has_its_row(frames: Frames) -> Iterator[Finding]:
    """A sentence that says the Commission acted on a draft is an action's sentence."""
    if not has(frames, "sentences", "sentence_id", "kind", "text"):
        return
    sentences = frames["sentences"]
    cited: set[object] = set()
    drafted: set[object] = set()  # the draft sentences actions cite
    drafts: set[tuple[object, object]] = set()  # (report, symbol) of every action
    if has(frames, "actions", "sentence_id", "report_id", "symbol"):
        table = frames["actions"]
        cited = set(plain(table["sentence_id"]))
        drafts = set(zip(plain(table["report_id"]), plain(table["symbol"]), strict=True))
        if "draft_sentence_id" in table:
            drafted = set(plain(table["draft_sentence_id"]))
    reports = plain(sentences["report_id"]) if "report_id" in sentences else [None] * len(sentences)
    texts = plain(sentences["text"])
    # every pattern here names a draft: a sentence without the word is passed over at once
    drafting = [isinstance(t, str) and _A_DRAFT in t for t in texts]
    acted = [
        drafting[i] and _acted(t, report, drafts)
        for i, (t, report) in enumerate(zip(texts, reports, strict=True))
    ]  # two linear searches each: one pattern spanning both was quadratic on a long sentence
    yield from each(
        pd.Series(acted, index=sentences.index) & ~sentences["sentence_id"].isin(cited),
        sentences,
        ACTION_MISSING,
        "the sentence says the Commission acted on a draft, and no action row cites it",
        "sentences",
        "text",
    )
    before = [drafting[i] and BEFORE_IT.search(t) is not None for i, t in enumerate(texts)]
    yield from each(
        pd.Series(before, index=sentences.index) & ~sentences["sentence_id"].isin(drafted),
        sentences,
        ACTION_MISSING,
        "the sentence says the Commission had a draft before it, and no action cites it as its"
        " draft sentence",
        "sentences",
        "text",
    )


def _acted(text: str, report: object, drafts: set[tuple[object, object]]) -> bool:
    """Whether a sentence says the Commission acted on a draft: "the Commission adopted …
    draft …", or a draft named by symbol "was adopted" that no action of its report has
    (with one, it adds the vote to that action)."""
    verb = _VERB.search(text)
    if verb is not None and _DRAFT.search(text, verb.end()) is not None:
        return True
    own = _OWN.match(text)
    return own is not None and (report, own.group(1)) not in drafts


@rule
def statements_relate_to_the_action_their_words_give(frames: Frames) -> Iterator[Finding]:
    """A speaker whose sentence relates it to an action has the action the words give; no
    other speaker has one."""
    if not has(frames, "speakers", "sentence_id", "action_id", "report_id", "paragraph"):
        return
    if not has(frames, "sentences", "sentence_id", "text"):
        return
    speakers, sentences = frames["speakers"], frames["sentences"]
    # each sentence's text looked up, not copied to each of its rows (a long list of speakers
    # would copy a long text as many times)
    texts = texts_of(sentences, plain(speakers["sentence_id"]))
    actions: dict[object, tuple[object, ...]] = {}
    if has(frames, "actions", "action_id", "report_id", "paragraph", "kind", "symbol", "outcome"):
        table = frames["actions"]
        columns = ("report_id", "paragraph", "kind", "symbol", "outcome")
        rows = zip(*(plain(table[c]) for c in columns), _first_paragraphs(frames), strict=True)
        actions = dict(zip(plain(table["action_id"]), rows, strict=True))
    wrong = []
    # each sentence read once, however many its rows: a long list of speakers stays linear
    relates: dict[object, bool] = {}
    gives: dict[tuple[object, object], bool] = {}
    for sentence, action, report, paragraph in zip(
        plain(speakers["sentence_id"]), plain(speakers["action_id"]),
        plain(speakers["report_id"]), plain(speakers["paragraph"]), strict=True,
    ):  # fmt: skip
        text = texts.get(sentence)
        if sentence not in relates:
            relates[sentence] = isinstance(text, str) and _RELATED.search(text) is not None
        related = relates[sentence]
        if not related or action is None:
            wrong.append(related != (action is not None))
            continue
        found = actions.get(action)
        if found is not None and (sentence, action) not in gives:
            gives[sentence, action] = _gives(str(text), (report, paragraph), found)
        wrong.append(found is not None and not gives[sentence, action])
    yield from each(
        pd.Series(wrong, index=speakers.index),
        speakers,
        ACTION_MISSING,
        "the sentence does not relate the statement to this action",
        "speakers",
        "action_id",
    )


def _first_paragraphs(frames: Frames) -> list[object]:
    """Each action's first paragraph: its draft sentence's, where it has one, else its own."""
    table = frames["actions"]
    own = plain(table["paragraph"])
    if "draft_sentence_id" not in table or not has(frames, "sentences", "paragraph"):
        return own
    sentences = frames["sentences"]
    paragraphs = dict(zip(plain(sentences["sentence_id"]), plain(sentences["paragraph"]),
                          strict=True))  # fmt: skip
    drafts = plain(table["draft_sentence_id"])
    return [paragraphs.get(d, p) if d is not None else p for d, p in zip(drafts, own, strict=True)]


def _gives(text: str, place: tuple[object, object], action: tuple[object, ...]) -> bool:
    """Whether a sentence's words give this action: of its report; named by symbol, or with
    the kind and outcome the words name, its sentences spanning the sentence's paragraph."""
    report, paragraph, kind, symbol, outcome, first = action
    if report != place[0]:
        return False
    named = _RELATED_DRAFT.match(text) or _INTRODUCED.search(text)
    said = next((o for word, o in _OUTCOMES.items() if text.startswith(("Before", "After",
                 "Prior")) and f" {word} of" in text.split(",")[0]), None)  # fmt: skip
    if named and named.group(2):  # by symbol, and what the words say was done with it
        return symbol == named.group(2) and said in (None, outcome)
    if not (_at_most(first, place[1]) and _at_most(place[1], paragraph)):
        return False
    if named and kind != f"draft_{named.group(1)}":
        return False
    return said in (None, outcome)


def _at_most(low: object, high: object) -> bool:
    return isinstance(low, int) and isinstance(high, int) and low <= high
