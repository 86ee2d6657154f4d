"""Datasette serves the export with its metadata: served in-process, its pages fetched."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest

import cnd_data
from cnd_data.export.queries import QUERIES
from cnd_data.export.sqlite import export_sqlite, metadata_path
from mutations import descriptor, reseal

datasette_app = pytest.importorskip("datasette.app")


def _fetch(database: Path, *paths: str) -> list[Any]:
    metadata = json.loads(metadata_path(database).read_text(encoding="utf-8"))

    async def fetch_all() -> list[Any]:
        app = datasette_app.Datasette([str(database)], metadata=metadata)
        return [await app.client.get(path) for path in paths]

    return asyncio.run(fetch_all())


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return export_sqlite(tmp_path_factory.mktemp("datasette") / "cnd.db")


def test_the_home_page_gives_title_licence_and_source(database: Path) -> None:
    pkg = cnd_data.load()
    (home,) = _fetch(database, "/")
    assert home.status_code == 200
    assert str(pkg.title).split(":")[0] in home.text
    assert "CC-BY-4.0" in home.text
    assert "creativecommons.org/licenses/by/4.0" in home.text


def test_each_table_has_its_descriptions_and_facets_on_its_categorical_fields(
    database: Path,
) -> None:
    pkg = cnd_data.load()
    for name in pkg:
        fields = pkg.schema(name)["fields"]
        page, data = _fetch(database, f"/cnd/{name}", f"/cnd/{name}.json?_size=1")
        assert page.status_code == 200, name
        assert data.status_code == 200, name
        resource = next(r for r in pkg.descriptor["resources"] if r["name"] == name)
        assert resource["description"].split("'")[0] in page.text, name
        categorical = {f["name"] for f in fields if "enum" in f.get("constraints", {})}
        assert set(data.json()["facet_results"]) == categorical, name
    (columns,) = _fetch(database, "/cnd/speakers")
    capacity = next(f for f in pkg.schema("speakers")["fields"] if f["name"] == "capacity")
    assert capacity["description"].split("'")[0][:60] in columns.text


def test_every_canned_query_runs_and_returns_rows(database: Path) -> None:
    pages = _fetch(database, *(f"/cnd/{q.name}.json?_shape=array" for q in QUERIES))
    for query, page in zip(QUERIES, pages, strict=True):
        assert page.status_code == 200, (query.name, page.text[:300])
        assert page.json(), query.name
    counts = {(r["actor_type"], r["capacity"]): r["speakers"] for r in pages[0].json()}
    speakers = cnd_data.load_table("speakers")
    assert sum(counts.values()) == len(speakers)


def test_markup_in_a_description_is_shown_as_text_not_run(package_copy: Path) -> None:
    def plant(document: dict[str, Any]) -> None:
        document["resources"][0]["description"] = "<script>alert(1)</script>"

    descriptor(plant)(package_copy)
    reseal(package_copy)
    database = export_sqlite(package_copy.parent / "hostile.db", package_copy)
    (page,) = _fetch(database, "/hostile/reports")
    assert page.status_code == 200
    assert "<script>alert(1)</script>" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text


def test_a_link_that_is_not_http_never_reaches_a_page(tmp_path: Path) -> None:
    """The gate refuses such a package; the export, given one anyway, drops the link."""
    from cnd_data.export.datasette import metadata

    pkg = cnd_data.load()
    hostile = {**pkg.descriptor, "licenses": [{"name": "x", "path": "javascript:alert(1)"}]}
    hostile["sources"] = [{"title": "y", "path": "file:///etc/passwd"}]
    top = metadata(cnd_data.Package(hostile, pkg.folder), "cnd")
    assert "license_url" not in top
    assert "source_url" not in top
    assert metadata(pkg, "cnd")["license_url"].startswith("https://")
