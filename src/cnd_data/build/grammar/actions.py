"""Actions: what the Commission did with a draft resolution or decision.

A sentence introduces an action, with its meeting, verb, draft and what the sentence says of it:

- "At its 9th meeting, on 14 March 2025, the Commission adopted a draft resolution entitled
  “Title” (E/CN.7/2025/L.2), as orally revised, sponsored by A, B and C (for the text, see
  chap. I, sect. B, resolution 68/1)."
- "At the same meeting, the Commission approved, for adoption by the Economic and Social
  Council, draft resolution E/CN.7/2025/L.3, entitled “Title”, submitted by the Chair."
- "The Commission rejected draft decision E/CN.7/2025/L.4." / "… decided to defer
  consideration of draft resolution E/CN.7/2025/L.5 to its sixty-ninth session."

A sentence may put a draft before the Commission, to be acted on in a later sentence, which
then names it by its symbol, its title or its kind alone ("the revised draft resolution"):

- "At its 12th meeting, on 12 March 2027, the Commission had before it a revised draft
  resolution entitled “Title” (E/CN.7/2027/L.3/Rev.1), sponsored by A and B." … "At the same
  meeting, the Commission adopted the revised draft resolution, as orally amended."

Later sentences of its paragraph add to the last action it introduced:

- "The draft resolution was adopted without a vote." / "… was adopted by a recorded vote of 38
  to 1, with 3 abstentions." (or "by a vote of …"; "with no abstentions")
- "The draft resolution was sponsored by A and B."
- "(For the text, see chapter I, section B, resolution 68/1.)"

The Commission's other actions ("The Commission adopted the provisional agenda", "… took note
of the report") are not about a draft and give no row. A draft named by its symbol may be
acted on in a sentence of its own ("Draft resolution E/CN.7/2025/L.6 was withdrawn by its
sponsors.", "Draft decision E/CN.7/2025/L.7 was adopted without a vote."). Every other sentence
of an action section that speaks of a draft, a vote, a sponsor or where a text is printed stops
the build, and so does a word of these sentences that none of their parts reads ("The voting
was as follows: …" is not read yet).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A sentence the action grammar must read completely, or refuse.
MENTION = re.compile(
    r"\b(?:[Dd]raft (?:resolution|decision)s?|vot(?:e|es|ed|ing)|sponsor(?:s|ed)?"
    r"|[Ff]or the text)\b"
)
_LEAD = re.compile(
    r"^(?:(?:Also )?[Aa]t (?:its|that|the same) (?P<lead>[^,]*?\bmeetings?\b(?:,? (?:held )?on"
    r" [0-9][^,]*)?), )?"
)
_VERB = re.compile(
    r"^(?:the |The )?Commission (?:also )?(?P<verb>adopted|approved|rejected"
    r"|(?:decided to )?(?:defer|deferred|postpone|postponed)(?: further)? (?:its )?consideration"
    r" of)(?=[ ,])"
)
OUTCOMES = {"adopted": "adopted", "approved": "approved", "rejected": "rejected"}
_BEFORE_IT = re.compile(r"^(?:the |The )?Commission (?:also )?had before it(?= )")
_DRAFT = re.compile(r"(?:(?:a|the) )?(?:revised )?[Dd]raft (?P<kind>resolution|decision)\b")
# A document symbol ("E/CN.7/2027/L.4/Rev.1"): one pattern for every part of the build that
# names a draft, so that a symbol one part reads is never one another part refuses.
DRAFT_SYMBOL = r"[A-Z]+/[A-Za-z0-9.]+(?:/[A-Za-z0-9.]+)*[A-Za-z0-9]"
# Each part a sentence may hold, tried in turn where the last one ended.
_PARTS = {
    "symbol": re.compile(rf"\(?(?P<symbol>{DRAFT_SYMBOL})\)?"),
    "title": re.compile(r"entitled “(?P<title>[^“”]+)”"),
    "revised": re.compile(r"as (?:orally )?(?:revised|amended|corrected)"),
    "council": re.compile(
        r"for adoption by the (?P<council>Economic and Social Council|General Assembly)"
    ),
    "printed": re.compile(r"\((?:for the text, see|see) (?P<printed>[^()]+?)\.?\)"),
    "proposer": re.compile(r"(?:sponsored|submitted) by (?P<proposer>[^()]+?)(?=,? \(|,? as |$)"),
    "until": re.compile(r"to (?P<until>(?:its|a) [a-z-]+ session|a later (?:date|session))"),
}
_FIELDS = {"council": "recommended_to", "printed": "printed_in"}
_SEPARATOR = re.compile(r"(?:,? and |, | )")
_FOLLOW = re.compile(
    r"^(?:The|That) (?:revised )?draft (?P<kind>resolution|decision)"
    rf"(?: (?P<symbol>{DRAFT_SYMBOL}))? was (?P<rest>.+?)\.$"
)
# a draft acted on in a sentence of its own, named by its symbol ("Draft resolution
# E/CN.7/2027/L.4 was withdrawn by its sponsors.", "… was adopted without a vote.")
_OWN = re.compile(
    rf"^(?:The )?[Dd]raft (?P<kind>resolution|decision) (?P<symbol>{DRAFT_SYMBOL})"
    r" was (?P<rest>.+?)\.$"
)
_WITHDRAWN = re.compile(r"^withdrawn(?: by (?:its|the) sponsors?)?$")
_VOTE = re.compile(
    r"^(?P<outcome>adopted|approved|rejected) (?:(?P<none>without a vote)"
    r"|by a (?P<recorded>recorded )?vote of (?P<yes>[0-9]+) to (?P<no>[0-9]+),"
    r" with (?P<abstain>[0-9]+|no) abstentions?)$"
)
_SPONSORED = re.compile(r"^(?:sponsored|submitted) by (?P<proposer>.+)$")
_PRINTED = re.compile(
    r"^\(?For the text(?: of the (?:resolution|decision))?, see (?P<printed>.+?)\.\)?$"
)
_DIGITS = re.compile(r"^[0-9]+$")


@dataclass(slots=True)
class Action:
    """One draft and what the Commission did with it, as the chapter's sentences say."""

    paragraph: int
    sentence: int
    kind: str
    outcome: str
    symbol: str | None = None
    title: str | None = None
    revised: bool = False
    recommended_to: str | None = None
    until: str | None = None
    proposer: str | None = None
    vote: str = "unstated"
    counts: tuple[int, int, int] | None = None
    printed_in: str | None = None
    # where the chapter said the Commission had the draft before it, if not in this sentence:
    # (paragraph, sentence)
    draft: tuple[int, int] | None = None


class ActionError(ValueError):
    """A sentence about an action that cannot be read completely; the message quotes it."""


def _outcome(verb: str) -> str:
    return OUTCOMES.get(verb, "deferred")


def read_intro(sentence: str, paragraph: int, number: int) -> Action | None:
    """The action a sentence introduces, or None if it introduces none."""
    opening = _opening(sentence, _VERB)
    if opening is None:
        return None
    verb, rest = opening
    council = _PARTS["council"].match(rest, 2) if rest.startswith(", ") else None
    if council:  # "approved, for adoption by the Economic and Social Council, …"
        rest = rest[council.end() :].removeprefix(",")
    said = f"the Commission {verb.group('verb')}"
    # "The Commission adopted the provisional agenda": not a draft's action, no row
    action = _drafted(rest, said, paragraph, number, _outcome(verb.group("verb")))
    if action is not None and council:
        _once(action, "recommended_to", council.group("council"))
    return action


def read_draft(sentence: str, paragraph: int, number: int) -> Action | None:
    """The draft a sentence says the Commission had before it, to be acted on in a later
    sentence ("At its 10th meeting, …, the Commission had before it a revised draft resolution
    entitled “Title” (E/CN.7/2027/L.3/Rev.1), sponsored by A and B."), or None. Its outcome is
    empty until then."""
    opening = _opening(sentence, _BEFORE_IT)
    if opening is None:
        return None
    return _drafted(opening[1], "the Commission had before it", paragraph, number, "")


def _opening(sentence: str, verb: re.Pattern[str]) -> tuple[re.Match[str], str] | None:
    """The verb that follows a sentence's lead, and the words after it (the full stop off)."""
    lead = _LEAD.match(sentence)
    rest = sentence[lead.end() if lead else 0 :]
    found = verb.match(rest)
    return (found, rest[found.end() :].rstrip(".")) if found else None


def _drafted(rest: str, said: str, paragraph: int, number: int, outcome: str) -> Action | None:
    """The draft that ``rest`` names and what it says of it; None where it names no draft, and
    an error where it speaks of one in other words."""
    draft = _DRAFT.match(rest, 1) if rest.startswith(" ") else None
    if draft is None:
        if MENTION.search(rest):
            raise ActionError(f"{said} a draft in words not read")
        return None
    action = Action(paragraph, number, f"draft_{draft.group('kind')}", outcome)
    _read_parts(action, rest[draft.end() :])
    return action


def _read_parts(action: Action, text: str) -> None:
    """Symbol, title, revision, recommendation, deferral, proposer and print reference, each at
    most once and in any order; a word none of them reads is an error."""
    position, seen = 0, set()
    while position < len(text):
        gap = _SEPARATOR.match(text, position)
        position = gap.end() if gap else position
        for part, pattern in _PARTS.items():
            if part not in seen and (found := pattern.match(text, position)):
                seen.add(part)
                _take(action, part, found)
                position = found.end()
                break
        else:
            raise ActionError(f"words not understood in an action: {text[position:]!r}")


def _take(action: Action, part: str, found: re.Match[str]) -> None:
    if part == "revised":
        action.revised = True
    else:
        setattr(action, _FIELDS.get(part, part), found.group(part))


def read_follow_up(sentence: str, last: Action | None) -> Action | None:
    """Apply a sentence that adds to the last action (vote, withdrawal, sponsors, where the
    text is printed); a draft withdrawn in its own sentence is a new action, returned."""
    own = _OWN.match(sentence)
    if own and (last is None or own.group("symbol") != last.symbol):
        return _own_action(own)
    printed, follow = _PRINTED.match(sentence), _FOLLOW.match(sentence)
    if printed is None and follow is None:
        raise ActionError("no action form fits")
    if last is None:
        raise ActionError("no action before it in its paragraph to add to")
    if printed is not None:
        _once(last, "printed_in", printed.group("printed"))
        return None
    assert follow is not None
    if f"draft_{follow.group('kind')}" != last.kind or (
        follow.group("symbol") and follow.group("symbol") != last.symbol
    ):
        raise ActionError(
            f"names another draft than the last action's ({last.symbol or last.kind})"
        )
    _follow(last, follow.group("rest"))
    return None


def read_taken(sentence: str, draft: Action) -> Action:
    """The action a sentence after a draft put before the Commission says was taken on it
    ("The draft resolution was adopted without a vote.", "… was withdrawn"); anything else
    said of a draft not yet acted on is not read."""
    follow = _FOLLOW.match(sentence)
    named = follow.group("symbol") if follow else None
    if (
        follow is None
        or f"draft_{follow.group('kind')}" != draft.kind
        or named not in (None, draft.symbol)
    ):
        raise ActionError("follows a draft the Commission had before it, in words not read")
    return _taken(draft.kind, draft.symbol, follow.group("rest"))


def _own_action(own: re.Match[str]) -> Action:
    """A draft withdrawn, or adopted, approved or rejected with its vote, in its own sentence."""
    return _taken(f"draft_{own.group('kind')}", own.group("symbol"), own.group("rest"))


def _taken(kind: str, symbol: str | None, rest: str) -> Action:
    """A draft withdrawn, or adopted, approved or rejected with its vote ("withdrawn by its
    sponsors", "adopted without a vote")."""
    if _WITHDRAWN.match(rest):
        return Action(0, 0, kind, "withdrawn", symbol=symbol)
    vote = _VOTE.match(rest)
    if vote is None:
        raise ActionError(f"words not understood after the draft: {rest!r}")
    action = Action(0, 0, kind, _outcome(vote.group("outcome")), symbol=symbol)
    _follow(action, rest)
    return action


def _follow(action: Action, rest: str) -> None:
    if vote := _VOTE.match(rest):
        if _outcome(vote.group("outcome")) != action.outcome:
            raise ActionError(f"says {vote.group('outcome')}, the action {action.outcome}")
        how = "recorded_vote" if vote.group("recorded") else "vote"
        _once(action, "vote", "without_vote" if vote.group("none") else how, default="unstated")
        if not vote.group("none"):
            abstain = vote.group("abstain")
            action.counts = (int(vote.group("yes")), int(vote.group("no")),
                             int(abstain) if _DIGITS.match(abstain) else 0)  # fmt: skip
    elif sponsored := _SPONSORED.match(rest):
        _once(action, "proposer", sponsored.group("proposer"))
    else:
        raise ActionError(f"words not understood after the draft: {rest!r}")


def _once(action: Action, name: str, value: object, default: object = None) -> None:
    """Set a property of an action that the chapter may state only once."""
    if getattr(action, name) != default:
        raise ActionError(f"states the {name.replace('_', ' ')} of the action again")
    setattr(action, name, value)
