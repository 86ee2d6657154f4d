"""`validate --reference` runs Frictionless on a copy made through the trust boundary: it never
opens a FIFO, never reads a file linked outside the package, never fetches a URL unasked, and
still finds what Frictionless finds."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cnd_data.validate import validate
from mutations import descriptor, set_cell

pytest.importorskip("frictionless")
SECRET = "SECRET-reference-1d2e"


def _rules(folder: Path, allow_remote: bool = False) -> set[str]:
    report = validate(folder, reference=True, rebuild=False, allow_remote=allow_remote)
    return {f.rule for f in report.findings}


def test_the_reference_still_finds_a_cell_of_the_wrong_type(package_copy: Path) -> None:
    set_cell("meetings", 2, "number", "five")(package_copy)
    report = validate(package_copy, reference=True, rebuild=False)
    assert "frictionless:type-error" in {f.rule for f in report.findings}
    assert report.reference.startswith("Frictionless found")


def test_a_fifo_data_file_does_not_hang_the_reference(package_copy: Path) -> None:
    path = package_copy / "data" / "meetings.csv"
    path.unlink()
    os.mkfifo(path)
    code = (
        "import sys; from cnd_data.validate import validate\n"
        f"r = validate({str(package_copy)!r}, reference=True, rebuild=False)\n"
        "print(sorted({f.rule for f in r.findings}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert "frictionless:not-run" in done.stdout


def test_a_file_linked_outside_is_never_shown(package_copy: Path, tmp_path: Path) -> None:
    outside = tmp_path / "secret.csv"
    outside.write_text(f"report_id,number,date\n{SECRET},1,2025-03-12\n", encoding="utf-8")
    path = package_copy / "data" / "meetings.csv"
    path.unlink()
    path.symlink_to(outside)
    report = validate(package_copy, reference=True, rebuild=False)
    assert "frictionless:not-run" in {f.rule for f in report.findings}
    assert report.reference == "Frictionless did not run (see its finding)"
    assert SECRET not in json.dumps([vars(f) for f in report.findings])


@pytest.fixture
def listener() -> Iterator[tuple[str, list[bytes]]]:
    """A local HTTP address, and what reached it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.5)
    received: list[bytes] = []
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                connection, _ = server.accept()
            except OSError:
                continue
            received.append(connection.recv(1024))
            connection.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}", received
    stop.set()
    thread.join()
    server.close()


def test_a_remote_path_is_not_fetched_without_allow_remote(
    package_copy: Path, listener: tuple[str, list[bytes]]
) -> None:
    address, received = listener
    descriptor(lambda d: d["resources"][1].update(path=f"{address}/meetings.csv"))(package_copy)
    assert "frictionless:not-run" in _rules(package_copy)
    assert received == []


def test_a_schema_profile_elsewhere_is_not_fetched(
    package_copy: Path, listener: tuple[str, list[bytes]]
) -> None:
    address, received = listener
    descriptor(lambda d: d.update({"$schema": f"{address}/profile.json"}))(package_copy)
    assert "frictionless:not-run" in _rules(package_copy, allow_remote=True)
    assert received == []


@pytest.mark.parametrize(
    "change",
    [
        lambda d, a: d.update(profile=f"{a}/profile.json"),
        lambda d, a: d.update(profiles=[f"{a}/profile.json"]),
        lambda d, a: d["resources"][0].update(profile=f"{a}/profile.json"),
    ],
    ids=["profile", "profiles", "a resource's profile"],
)
def test_a_v1_profile_elsewhere_is_not_fetched(
    package_copy: Path, listener: tuple[str, list[bytes]], change: Any
) -> None:
    address, received = listener
    descriptor(lambda d: change(d, address))(package_copy)
    assert "frictionless:not-run" in _rules(package_copy, allow_remote=True)
    assert received == []
