"""Photograph the speakers table as Datasette serves it from ``cnd-data export sqlite``.

Run by ``nox -s docs`` when Chromium is installed (Debian's ``chromium``); writes
docs/datasette.png. Datasette runs on a free port of the loopback interface and stops after.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from cnd_data.export.sqlite import export_sqlite, metadata_path

OUTPUT = Path(__file__).with_name("datasette.png")
PAGE = "/cnd/speakers?_size=8"  # the facets come from the metadata
# Chromium on a machine with no network: no background traffic, a throwaway profile.
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--window-size=1280,1800",
]  # fmt: skip


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def main() -> int:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("Chromium is not installed: docs/datasette.png left as it is", file=sys.stderr)
        return 0
    with tempfile.TemporaryDirectory() as work:
        database = export_sqlite(Path(work) / "cnd.db")
        port = _free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "datasette", "serve", str(database), "--port", str(port),
             "-m", str(metadata_path(database))],
        )  # fmt: skip
        try:
            _wait(f"http://127.0.0.1:{port}/")
            subprocess.run(
                [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={work}/profile",
                 f"--screenshot={OUTPUT}", f"http://127.0.0.1:{port}{PAGE}"],
                check=True, capture_output=True, timeout=120,
            )  # fmt: skip
        finally:
            server.terminate()
            server.wait(timeout=10)
    print(f"wrote {OUTPUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
