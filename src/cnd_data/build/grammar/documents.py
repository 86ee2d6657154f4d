"""Documents: the paragraph that says what the Commission "had before it", and its sub-items.

- "For its consideration of item 6, the Commission had before it the following:"
- "(a) Report of the Executive Director on the activities of the United Nations Office on Drugs
  and Crime (E/CN.7/2025/2-E/CN.15/2025/2);"
- "(d) Conference room paper containing a note by the Secretariat … (E/CN.7/2025/CRP.3)."

Each sub-item is "(letter) Title (Symbol)" ending in ";", "." or "; and"; the symbol is optional.
Documents named inline, without sub-items, are refused: the table keys a document by its letter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

HAD_BEFORE_IT = re.compile(r"\bhad before it\b")
_ITEM = re.compile(r"^\((?P<letter>[a-z]{1,3})\)\s+(?P<body>.+?)[;.,]?(?: and)?$")
_SYMBOL = re.compile(r"\s\((?P<symbol>[A-Z]+/[^()]*(?:\([^()]*\)[^()]*)*)\)$")


@dataclass(frozen=True)
class Document:
    letter: str
    title: str
    symbol: str | None


class DocumentsError(ValueError):
    """A documents paragraph that cannot be read completely; the message quotes the words."""


def read_documents(first_line: str, items: list[str]) -> list[Document]:
    """The documents of a paragraph's plain lines: its opening sentence and its sub-items."""
    if not items:
        raise DocumentsError(
            f"the documents are not listed as sub-items (a), (b), …: {first_line!r}"
        )
    documents = []
    for item in items:
        m = _ITEM.match(item)
        if not m:
            raise DocumentsError(f"not a document: {item!r}")
        body = m.group("body")
        symbol = _SYMBOL.search(body)
        title = body[: symbol.start()] if symbol else body
        documents.append(
            Document(m.group("letter"), title.strip(), symbol.group("symbol") if symbol else None)
        )
    return documents
