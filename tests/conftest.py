"""Shared fixtures: the repository's sources and a package built fresh from them."""

from __future__ import annotations

import csv
import functools
import threading
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from cnd_data.build import build
from cnd_data.build.registry import Registry, load_registry

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "sources"
REGISTRY = SOURCES / "registry"
# The chapter the repository shipped first. Tests of its facts read the build of its source
# alone, so that they hold however many chapters the package grows to.
SHIPPED = "cnd68-item6"
SHIPPED_SOURCE = SOURCES / "reports" / f"{SHIPPED}.md"


@pytest.fixture(scope="session")
def registry() -> Registry:
    return load_registry(REGISTRY)


@pytest.fixture(scope="session")
def fresh_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The package built from sources/ into an empty folder."""
    out = tmp_path_factory.mktemp("fresh")
    build([SOURCES], out, REGISTRY)
    return out


@pytest.fixture(scope="session")
def chapter_build() -> Path:
    """The package built from the shipped chapter's source alone."""
    from mutations import shipped_chapter

    return shipped_chapter()


@pytest.fixture
def package_copy(tmp_path: Path) -> Path:
    """A writable copy of the package built from the shipped chapter alone."""
    from mutations import copy_package

    return copy_package(tmp_path / "package")


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass  # no request lines in the test output


@pytest.fixture
def web() -> Iterator[Callable[[Path], str]]:
    """Serves a folder over HTTP on the loopback: given the folder, the address of its root."""
    servers: list[ThreadingHTTPServer] = []

    def serve(folder: Path) -> str:
        handler = functools.partial(_Quiet, directory=str(folder))
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield serve
    for server in servers:
        server.shutdown()
        server.server_close()


def read_rows(folder: Path, table: str) -> list[dict[str, str]]:
    with (folder / "data" / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))
