"""Datasette's metadata for the exported database, from the descriptor and the Table Schemas.

Titles, the licence and the source come from ``datapackage.json``; each table's and column's
description from its Table Schema; facets are the fields with a fixed set of values; the canned
queries are :data:`cnd_data.export.queries.QUERIES`. The format is Datasette's ``metadata.json``
(0.64 and 0.65).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cnd_data.export.queries import QUERIES
from cnd_data.loader import Package
from cnd_data.paths import web_url


def _table(resource: Mapping[str, Any], schema: Mapping[str, Any]) -> dict[str, Any]:
    fields = schema["fields"]
    table: dict[str, Any] = {
        "title": resource.get("title", resource["name"]),
        "description": resource.get("description", ""),
        "columns": {f["name"]: f.get("description", "") for f in fields},
    }
    facets = [f["name"] for f in fields if "enum" in f.get("constraints", {})]
    if facets:
        table["facets"] = facets
    if any(f["name"] == "name" for f in fields):
        table["label_column"] = "name"  # foreign keys to this table show the name, not the id
    return table


def metadata(pkg: Package, database: str) -> dict[str, Any]:
    """Datasette's metadata for ``pkg`` exported as the database named ``database``."""
    licence = pkg.licenses[0] if pkg.licenses else {}
    source = pkg.sources[0] if pkg.sources else {}
    top: dict[str, Any] = {
        "title": f"{pkg.title} (version {pkg.version})",
        "description": str(pkg.descriptor.get("description", "")),
        "license": licence.get("name") or licence.get("title", ""),
        "source": source.get("title", ""),
    }
    # only a web link reaches a page: the package gate refuses others, an export never runs one
    if web_url(licence.get("path")):
        top["license_url"] = licence["path"]
    if web_url(source.get("path")):
        top["source_url"] = source["path"]
    tables = {
        resource["name"]: _table(resource, pkg.schema(resource["name"]))
        for resource in pkg.descriptor["resources"]
    }
    tables["_metadata"] = {"description": "The descriptor (datapackage.json) and its metadata."}
    queries = {q.name: {"title": q.title, "sql": q.sql} for q in QUERIES}
    top["databases"] = {database: {"tables": tables, "queries": queries}}
    return top
