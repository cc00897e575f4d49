"""Install lines work as written: archcalc installs from its repository, never from an index.

archcalc is not published on PyPI. Every ``pip install`` of archcalc in the
README and docs is a path (``.``) or a git URL at the release tag, and the
git form is tried for real: the working tree is committed to a scratch
repository, tagged, and installed from a ``git+file://`` URL standing in for
the hosted one; the installed copy carries its documentation
(``archcalc docs``). The pre-commit hook is checked against the command
line, and run through pre-commit itself where pre-commit is installed
(.ci/run installs it).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from archcalc import __version__
from archcalc.cli import COMMANDS, main
from tests.conftest import ROOT

DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
HOSTED = "https://github.com/<owner>/archcalc"
TAG = f"v{__version__}"
GIT_INSTALL = f'"archcalc @ git+{HOSTED}@{TAG}"'


def _blocks(path: Path) -> list[str]:
    return re.findall(r"```[a-z]*\n(.*?)```", path.read_text(encoding="utf-8"), re.S)


def install_args() -> list[tuple[str, str]]:
    """(document, what follows `pip install`) for every install in a code block."""
    return [
        (p.name, m.group(1).strip())
        for p in DOCS
        for block in _blocks(p)
        for m in re.finditer(r"pip install ([^&#\n]+)", block)
    ]


def test_every_install_line_is_a_path_or_the_tagged_repository() -> None:
    found = install_args()
    assert {doc for doc, _ in found} >= {"README.md", "lint.md", "lint.readme-section.md"}
    for doc, args in found:
        assert args in (".", "'.[test]'", "'.[h5]'", GIT_INSTALL), (doc, args)
    assert sum(args == GIT_INSTALL for _, args in found) >= 4  # README, lint.md x2, section


def pre_commit_snippets() -> list[tuple[str, dict]]:
    out = []
    for p in DOCS:
        for block in _blocks(p):
            if "archcalc-lint" in block and "rev:" in block:
                data = yaml.safe_load(block)
                repos = data["repos"] if isinstance(data, dict) else data
                out += [(p.name, r) for r in repos]
    return out


def test_pre_commit_snippets_name_the_hook_at_the_release_tag() -> None:
    hooks = {h["id"] for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    snippets = pre_commit_snippets()
    assert {doc for doc, _ in snippets} >= {"README.md", "lint.md"}
    for doc, repo in snippets:
        assert (repo["repo"], repo["rev"]) == (HOSTED, TAG), doc
        assert {h["id"] for h in repo["hooks"]} <= hooks, doc


def test_hook_runs_the_cli_as_pre_commit_calls_it(tmp_path: Path, monkeypatch) -> None:
    """entry + args + the matching staged files, as pre-commit passes them: lint's exit codes."""
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hook["language"] == "python" and hook["types_or"] == ["yaml", "json"]
    program, *args = hook["entry"].split()
    scripts = (ROOT / "setup.cfg").read_text()
    assert re.search(rf"^\s*{program} = archcalc\.cli:run$", scripts, re.M)
    assert args[0] in COMMANDS
    files, exclude = re.compile(hook["files"]), re.compile(hook["exclude"])
    for path in ["specs/a.yaml", "models/x/b.json", "src/arch/c.yml", "architectures/d.yaml"]:
        assert files.search(path) and not exclude.search(path), path
    for path in ["specs/.archcalc.yaml", "docs/e.yaml", ".github/workflows/ci.yml"]:
        assert not files.search(path) or exclude.search(path), path
    monkeypatch.chdir(tmp_path)
    (tmp_path / "specs").mkdir()
    shutil.copy(ROOT / "specs" / "seed_conv.yaml", tmp_path / "specs" / "good.yaml")
    shutil.copy(ROOT / "tests/lint/cases/load_error.yaml", tmp_path / "specs" / "bad.yaml")
    runner = CliRunner()
    clean = runner.invoke(main, [*args, *hook.get("args", []), "specs/good.yaml"])
    assert clean.exit_code == 0, clean.output
    failing = runner.invoke(
        main, [*args, *hook.get("args", []), "specs/good.yaml", "specs/bad.yaml"]
    )
    assert (
        failing.exit_code == 1 and "specs/bad.yaml:5:39: error unknown-argument" in failing.stdout
    )


@pytest.fixture(scope="module")
def tagged_repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The working tree as committed files in a scratch repository, tagged as released."""
    repo = tmp_path_factory.mktemp("archcalc-repo")
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, capture_output=True, check=True,
    ).stdout.decode().split("\0")  # fmt: skip
    package = ("archcalc/", "docs/", "setup.", "pyproject.toml", "README.md", "MANIFEST.in", ".pre")
    for name in filter(None, listed):
        if name.startswith(package) and (ROOT / name).is_file():  # what a build reads
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(ROOT / name, repo / name)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"]
    for cmd in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "release"], ["tag", TAG]):
        subprocess.run([*git, *cmd], cwd=repo, check=True, capture_output=True)
    return repo


@pytest.mark.slow
def test_git_install_line_installs_archcalc_with_its_docs(
    tagged_repository: Path, tmp_path
) -> None:
    """The documented line, with the hosted URL replaced by the scratch repository."""
    # (PEP 508 wants a host in a file URL: file://localhost/path)
    requirement = GIT_INSTALL.strip('"').replace(HOSTED, f"file://localhost{tagged_repository}")
    target = tmp_path / "site"
    pip = [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation"]
    r = subprocess.run([*pip, "--target", str(target), requirement], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    shipped = sorted(p.name for p in (target / "archcalc" / "docs").glob("*.md"))
    assert shipped == sorted(
        p.name for p in (ROOT / "docs").glob("*.md") if not p.name.endswith(".readme-section.md")
    )

    def archcalc(*args: str) -> subprocess.CompletedProcess[str]:
        code = (
            f"import sys; sys.path.insert(0, {str(target)!r}); from archcalc.cli import run; run()"
        )
        return subprocess.run(  # from an empty directory: no checkout to fall back on
            [sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=tmp_path
        )

    page = archcalc("docs", "lint")
    assert page.returncode == 0 and page.stdout == (ROOT / "docs" / "lint.md").read_text()
    where = archcalc("docs", "spec-format", "--path").stdout.strip()
    assert Path(where) == target / "archcalc" / "docs" / "spec-format.md"
    seed = str(ROOT / "specs" / "seed_conv.yaml")
    assert "Total params: 32,866" in archcalc("summary", seed).stdout


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("pre-commit") is None, reason="pre-commit is not installed")
def test_pre_commit_runs_the_documented_hook(tagged_repository: Path, tmp_path: Path) -> None:
    """README's snippet, with the hosted URL replaced by the scratch repository: pre-commit
    clones it at the tag, installs archcalc from the clone and lints the staged specs."""
    (_, repo) = next(s for s in pre_commit_snippets() if s[0] == "README.md")
    config = {"repos": [{**repo, "repo": str(tagged_repository)}]}
    project = tmp_path / "project"
    (project / "specs").mkdir(parents=True)
    (project / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config))
    shutil.copy(ROOT / "specs" / "seed_conv.yaml", project / "specs" / "good.yaml")
    shutil.copy(ROOT / "tests/lint/cases/load_error.yaml", project / "specs" / "bad.yaml")
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    subprocess.run(["git", "add", "-A"], cwd=project, check=True)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache")}
    r = subprocess.run(
        ["pre-commit", "run", "--all-files"], cwd=project, capture_output=True, text=True, env=env
    )
    assert r.returncode == 1, r.stdout + r.stderr
    assert "specs/bad.yaml:5:39: error unknown-argument" in r.stdout
    assert "Found 1 error and 0 warnings in 2 files." in r.stdout
