"""The grammar of a UN functional-commission report chapter, one module per kind of sentence.

``sentences`` splits a paragraph into sentences and gives each its kind; ``meetings``,
``documents``, ``speakers`` and ``deliberations`` read the sentences of their kind. Each
module's docstring lists the forms it reads; anything else of its kind is refused with the
words that could not be read.
"""
