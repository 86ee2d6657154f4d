"""Project sessions. A bare ``nox`` runs lint, types and tests (about 10 minutes); ``.ci/run``
runs them and every other session but ``bench`` and ``docs``."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nox

nox.options.sessions = ["lint", "typecheck", "tests"]
nox.options.error_on_missing_interpreters = True
# uv installs a session's packages in seconds where pip takes a minute; pip where uv is missing.
nox.options.default_venv_backend = "uv|virtualenv"
# Byte-compiled at install, as pip does: where bytecode is not written at run time, every
# process of the tests and benchmarks would otherwise compile pandas again (1.5 s each).
os.environ.setdefault("UV_COMPILE_BYTECODE", "1")

PYTHON = "3.11"
# The suite on every core (pytest-xdist): about half the time on two.
PARALLEL = ("-n", "auto")
# Loads every table from an installed package, away from the source tree, and fails if the
# loader pulled in the validation stack or read files outside site-packages.
SMOKE = """
import sys, cnd_data
pkg = cnd_data.load()
rows = {name: len(pkg[name]) for name in pkg}
assert rows["reports"] and rows["speakers"] and rows["sentences"], rows  # a chapter, read
assert "site-packages" in str(pkg.folder), pkg.folder
heavy = [m for m in ("frictionless", "pandera", "duckdb") if m in sys.modules]
assert not heavy, heavy
shipped = {p.name for p in pkg.folder.iterdir()}
assert {"DATA.md", "CITATION.cff", "data-notes.md"} <= shipped, shipped
from importlib.metadata import metadata
licence = metadata("cnd-data")["License-Expression"]
assert licence == "MIT AND CC-BY-4.0", licence
print(cnd_data.__version__, rows)
"""


@nox.session(python=PYTHON)
def tests(session: nox.Session) -> None:
    """The test suite."""
    session.install("-e", ".[dev]")
    session.run("pytest", *PARALLEL, "--ignore=tests/interop", *session.posargs)


def newest_python() -> str | None:
    """The newest supported Python on this machine (3.13 down to 3.12): on PATH, or among
    pyenv's versions; None if there is none."""
    root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    for version in ("3.13", "3.12"):
        found = shutil.which(f"python{version}")
        candidates = [found] if found else []
        candidates += sorted(str(p) for p in root.glob(f"versions/{version}*/bin/python{version}"))
        for candidate in candidates:
            if subprocess.run([candidate, "-c", "pass"], capture_output=True).returncode == 0:
                return candidate
    return None


@nox.session(python=PYTHON)
def compat(session: nox.Session) -> None:
    """The tests on the newest Python this machine has, with the newest pandas and without
    pyarrow (every file then read by the careful path), but for the attacks and the fuzzers
    (LEAN_SUITE). The oldest supported pandas is tested by ``grow``."""
    python = newest_python()
    if python is None:
        session.warn("no Python 3.12 or 3.13 on this machine: only 3.11 is tested")
        return
    venv = Path(session.create_tmp()).resolve() / "newest"
    session.run(python, "-m", "venv", "--clear", str(venv), external=True)
    interpreter = str(venv / "bin" / "python")
    _pip_install(session, interpreter, "-e", ".[dev]")
    # pandas without pyarrow holds strings as Python objects: the other half of its users
    _pip_uninstall(session, interpreter, "pyarrow")
    session.run(interpreter, "-m", "pytest", *PARALLEL, *LEAN_SUITE, "-q", *session.posargs,
                external=True)  # fmt: skip


def _uv() -> str | None:
    """uv on PATH, or beside nox's own interpreter (where pip install nox uv puts it)."""
    beside = Path(sys.executable).parent / "uv"
    return shutil.which("uv") or (str(beside) if beside.is_file() else None)


def _pip_uninstall(session: nox.Session, interpreter: str, package: str) -> None:
    """Remove a package from the environment of an interpreter, if it is there."""
    if uv := _uv():
        session.run(uv, "pip", "uninstall", "--quiet", "--python", interpreter, package,
                    external=True)  # fmt: skip
    else:
        session.run(interpreter, "-m", "pip", "uninstall", "--quiet", "--yes", package,
                    external=True)  # fmt: skip


def _pip_install(session: nox.Session, interpreter: str, *packages: str) -> None:
    """Install into the environment of another interpreter: with uv where it is, else pip."""
    if uv := _uv():
        session.run(uv, "pip", "install", "--quiet", "--python", interpreter, *packages,
                    external=True)  # fmt: skip
    else:
        session.run(interpreter, "-m", "pip", "install", "--quiet", *packages, external=True)


@nox.session(python=PYTHON)
def interop(session: nox.Session) -> None:
    """The package read by independent readers: the JavaScript reference library (node, from
    the lock file in tests/interop/js), DuckDB, Frictionless and LibreOffice (the workbook, when
    soffice is installed); and the reading recipes."""
    session.install("-e", ".[dev]")
    if shutil.which("npm") and shutil.which("node"):
        session.run(
            "npm", "ci", "--prefix", "tests/interop/js", "--no-audit", "--no-fund", external=True
        )
    else:
        session.warn("node or npm is missing: the JavaScript reader's tests will be skipped")
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        session.warn("LibreOffice is missing: the workbook's round trip will be skipped")
    session.run("pytest", "tests/interop", *session.posargs)


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    """ruff check and ruff format --check."""
    session.install("ruff>=0.6")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session(python=PYTHON)
def typecheck(session: nox.Session) -> None:
    """mypy --strict over src, tests and this file."""
    session.install("-e", ".[dev]")
    session.run("mypy")


@nox.session(python=PYTHON)
def validate(session: nox.Session) -> None:
    """Validate the package's own data: cnd-data validate, and Frictionless on its own."""
    session.install("-e", ".[validate]")
    session.run("cnd-data", "validate", "--reference")
    session.run("frictionless", "validate", "datapackage.json")


@nox.session(python=PYTHON)
def wheel(session: nox.Session) -> None:
    """Build the sdist and the wheel, install each into a clean venv and load every table."""
    session.install("build")
    tmp = Path(session.create_tmp()).resolve()
    dist = tmp / "dist"
    session.run("python", "-m", "build", "--outdir", str(dist), silent=True)
    for artefact in (*dist.glob("*.whl"), *dist.glob("*.tar.gz")):
        venv = tmp / f"venv-{artefact.suffix.strip('.')}"
        session.run("python", "-m", "venv", "--clear", str(venv))
        python = str(venv / "bin" / "python")
        _pip_install(session, python, str(artefact))
        with session.chdir(tmp):
            session.run(python, "-c", SMOKE, external=True)


GROW = Path("tests") / "fixtures" / "grow"
# The suite but for the attacks, the fuzzers, the growth bounds and the tests marked grammar:
# they take half of its time, their inputs are a build of the shipped chapter alone
# (tests/mutations.py), random cells, report text and long synthetic sentences, and what they
# exercise is the package's reading of hostile bytes, which nox -s tests covers (a hostile file
# is never plain, so it takes the careful path there too), the build's pure-Python reading of
# report text, which neither pandas nor pyarrow touches and which reads no package, and the
# growth of the rules' running time, measured there where it is largest (strings held in
# Arrow). Run on the newest Python without pyarrow, and on the grown repository with the
# oldest pandas.
LEAN_SUITE = (
    "--ignore=tests/interop",
    "--ignore=tests/attacks",
    "--ignore=tests/test_validate_fuzz.py",
    "--ignore=tests/test_engine_agreement.py",
    "--ignore=tests/test_build_growth.py",
    "--ignore=tests/test_word_rules_growth.py",
    "-m",
    "not grammar",
)
# On the grown repository, also without the corpora of edits to chapters of their own (the
# genre fixtures): they read nothing a grown repository changes, and compat runs them.
GROWN_SUITE = (
    *LEAN_SUITE,
    *(
        f"--ignore=tests/{name}.py"
        for name in (
            "test_action_meaning",
            "test_draft_meaning",
            "test_official_forms",
            "test_recorded_speakers",
        )
    ),
)


def _working_tree_copy(session: nox.Session, into: Path) -> str:
    """The working tree (tracked and untracked files, not the ignored ones) copied into a new
    repository whose one commit is tagged as the release it holds; returns its version."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        capture_output=True,
        check=True,
    ).stdout.decode()
    shutil.rmtree(into, ignore_errors=True)
    for name in filter(None, listed.split("\0")):
        source = Path(name)
        if source.is_file() and not source.is_symlink():
            (into / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, into / name)
    version = json.loads((into / "datapackage.json").read_text(encoding="utf-8"))["version"]
    with session.chdir(into):
        git = ("git", "-c", "user.name=nox", "-c", "user.email=nox@localhost")
        session.run(*git, "init", "--quiet", external=True)
        session.run(*git, "add", "--all", external=True)
        session.run(*git, "commit", "--quiet", "-m", "the previous release", external=True)
        session.run(*git, "tag", f"v{version}", external=True)
    return str(version)


@nox.session(python=PYTHON)
def grow(session: nox.Session) -> None:
    """The contributor's path on a copy of the repository: add a chapter and the registry row
    it needs, build, validate, release, diff against the previous tag; then the test suite on
    the grown repository (GROWN_SUITE), with the oldest supported pandas (2.2)."""
    repo = Path(session.create_tmp()).resolve() / "grown"
    previous = _working_tree_copy(session, repo)
    session.install("-e", f"{repo}[dev]")
    with session.chdir(repo):
        shutil.copy(GROW / "cnd70-item5.md", Path("sources") / "reports")
        said = session.run("cnd-data", "build", success_codes=[1], silent=True) or ""
        if "unknown name 'the Example Drug Policy Network'" not in said:
            session.error(f"the build did not name the unknown actor:\n{said}")
        row = (GROW / "organizations.csv").read_text(encoding="utf-8").splitlines()[1]
        with (Path("sources") / "registry" / "organizations.csv").open("a") as registry:
            registry.write(row + "\n")
        session.run("cnd-data", "build")
        session.run("cnd-data", "validate")
        session.run("cnd-data", "release")
        session.run("cnd-data", "diff", "--against", f"v{previous}", "--check-version")
        # installed again, as nox -s tests does, so that its metadata has the released version
        session.install("-e", ".", "pandas==2.2.*")
        session.run("pytest", *PARALLEL, *GROWN_SUITE, "-q", "-p", "no:cacheprovider")


@nox.session(python=PYTHON)
def bench(session: nox.Session) -> None:
    """Benchmarks against their baselines, measured in the same run (see benchmarks/), where
    users are: without pyarrow, then with it (pandas 3 then holds strings in Arrow)."""
    # Installed as users install it (byte-compiled), like the baselines, not as an editable
    # checkout whose modules are compiled again on every run where bytecode is not written.
    session.install(".[validate]")
    _uninstall(session, "pyarrow")  # in case a dependency has brought it
    session.run("python", "benchmarks/run.py", *session.posargs)
    session.install("pyarrow")
    session.run("python", "benchmarks/run.py", *session.posargs)


def _uninstall(session: nox.Session, package: str) -> None:
    _pip_uninstall(session, str(Path(session.bin) / "python"), package)


@nox.session(python=PYTHON)
def docs(session: nox.Session) -> None:
    """Regenerate DATA.md, the README's figure and its Datasette screenshot (with Chromium)."""
    session.install("-e", ".[docs,datasette]")
    session.run("cnd-data", "dictionary")
    session.run("python", "docs/figure.py")
    session.run("python", "docs/screenshot.py")
