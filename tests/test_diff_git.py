"""``REV:PATH`` sides and the ``git diff`` textconv recipe of docs/diff.md, in a temporary repository."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from archcalc.cli import main
from tests.conftest import ROOT, SPECS

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

WIDE = (SPECS / "examples" / "seed_conv_wide.yaml").read_text()
NARROW = (SPECS / "seed_conv.yaml").read_text()


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with specs/model.yaml = seed_conv committed on main; cwd is its root."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for key in ("GIT_AUTHOR", "GIT_COMMITTER"):
        monkeypatch.setenv(f"{key}_NAME", "archcalc tests")
        monkeypatch.setenv(f"{key}_EMAIL", "tests@example.invalid")
    root = tmp_path / "repo"
    (root / "specs").mkdir(parents=True)
    (root / "specs" / "model.yaml").write_text(NARROW)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "seed_conv")
    monkeypatch.chdir(root)
    return root


def git(root: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *args], cwd=root, capture_output=True, text=True, timeout=60, check=True
    )
    return done.stdout


def test_branch_against_working_tree(repo: Path, runner) -> None:
    (repo / "specs" / "model.yaml").write_text(WIDE)
    got = runner.invoke(main, ["diff", "main:specs/model.yaml", "specs/model.yaml", "-f", "json"])
    assert got.exit_code == 1, got.output
    assert '"source": "main:specs/model.yaml"' in got.stdout
    # 5*5*1*32 + 32 = 832 before; 1,664 + 51,232 + 6,402 = 59,298 after.
    assert '"old": 32866' in got.stdout and '"new": 59298' in got.stdout
    same = runner.invoke(main, ["diff", "main:specs/model.yaml", "HEAD:specs/model.yaml"])
    assert same.exit_code == 0, same.output


def test_index_and_relative_paths(repo: Path, runner, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / "specs" / "model.yaml").write_text(WIDE)
    git(repo, "add", "specs/model.yaml")
    staged = runner.invoke(main, ["diff", "HEAD:specs/model.yaml", ":specs/model.yaml"])
    assert staged.exit_code == 1, staged.output
    monkeypatch.chdir(repo / "specs")
    here = runner.invoke(main, ["diff", "HEAD:./model.yaml", "model.yaml"])
    assert here.exit_code == 1, here.output
    rooted = runner.invoke(main, ["diff", "HEAD:model.yaml", "model.yaml"])
    assert rooted.exit_code == 3
    assert "there is no file 'model.yaml' in revision HEAD" in rooted.stderr
    assert "write HEAD:./model.yaml for one relative to the current directory" in rooted.stderr


@pytest.mark.parametrize(
    ("old", "message"),
    [
        ("mian:specs/model.yaml", "there is no revision 'mian' in this repository"),
        ("main:specs/nope.yaml", "there is no file 'specs/nope.yaml' in revision main"),
        ("main:specs", "'specs' is a tree in revision main, not a file"),
        ("-x:specs/model.yaml", "'-x' is not a revision"),
    ],
)
def test_git_errors(old: str, message: str, repo: Path, runner) -> None:
    got = runner.invoke(main, ["diff", "--", old, "specs/model.yaml"])
    assert got.exit_code == 3
    assert f"{old}: cannot load the OLD model: {message}" in got.stderr
    assert "could not be loaded" in got.stderr


def test_positions_name_rev_path(repo: Path, runner) -> None:
    (repo / "bad.yaml").write_text("layers:\n  - {type: Dense, units: 0, input_shape: [2]}\n")
    git(repo, "add", "bad.yaml")
    git(repo, "commit", "-q", "-m", "bad")
    got = runner.invoke(main, ["diff", "specs/model.yaml", "HEAD:bad.yaml"])
    assert got.exit_code == 3
    # line 2, column 26: the 0 after "  - {type: Dense, units: " (25 characters)
    assert "HEAD:bad.yaml:2:26: layer 1: units must be a positive integer, got 0" in got.stderr
    assert "the NEW model (HEAD:bad.yaml) could not be loaded" in got.stderr
    assert "archcalc-diff-" not in got.stderr  # the temporary file never shows


def test_file_on_disk_wins(repo: Path, runner) -> None:
    (repo / "main:specs").mkdir()
    (repo / "main:specs" / "model.yaml").write_text(WIDE)
    got = runner.invoke(main, ["diff", "specs/model.yaml", "main:specs/model.yaml", "-f", "json"])
    assert got.exit_code == 1  # the wide model on disk, not main's seed_conv
    assert '"new": 59298' in got.stdout


def test_not_a_repository(tmp_path: Path, runner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    got = runner.invoke(main, ["diff", str(SPECS / "seed_conv.yaml"), "main:model.yaml"])
    assert got.exit_code == 3
    assert "main:model.yaml: cannot load the NEW model: the current directory" in got.stderr
    assert "is not inside a git repository; and there is no file named 'main:model.yaml'" in (
        got.stderr
    )


def test_git_missing(tmp_path: Path, runner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no git there
    got = runner.invoke(main, ["diff", "main:model.yaml", str(SPECS / "seed_conv.yaml")])
    assert got.exit_code == 3
    assert "main:model.yaml: cannot load the OLD model: git is not installed" in got.stderr


def _recipe() -> tuple[str, str]:
    """The textconv command and the .gitattributes line, exactly as docs/diff.md gives them."""
    doc = (ROOT / "docs" / "diff.md").read_text()
    config = re.search(r'^git config diff\.archcalc\.textconv "([^"]+)"$', doc, re.M)
    attributes = re.search(r"^(\*\.arch\.yaml diff=archcalc)$", doc, re.M)
    assert config and attributes, "docs/diff.md must give the textconv recipe"
    return config.group(1), attributes.group(1)


def test_textconv_recipe(repo: Path) -> None:
    """The documented git-diff integration works: git shows the summaries' differences."""
    command, attributes = _recipe()
    assert command.startswith("archcalc ")
    runnable = f"{shlex.quote(sys.executable)} -m archcalc {command[len('archcalc ') :]}"
    git(repo, "config", "diff.archcalc.textconv", runnable)
    (repo / ".gitattributes").write_text(attributes + "\n")
    (repo / "model.arch.yaml").write_text(NARROW)
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "arch spec")
    (repo / "model.arch.yaml").write_text(WIDE)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    shown = subprocess.run(
        ["git", "diff", "--", "model.arch.yaml"],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=True,
    ).stdout
    changed = [line for line in shown.splitlines() if line[:1] in "+-" and line[:3] not in "+++---"]
    # conv2d: 5*5*1*32 + 32 = 832 -> 5*5*1*64 + 64 = 1,664; totals 32,866 -> 59,298.
    assert any(
        line.startswith("-") and "conv2d (Conv2D)" in line and "832" in line for line in changed
    )
    assert any(
        line.startswith("+") and "conv2d (Conv2D)" in line and "1,664" in line for line in changed
    )
    assert any(line.startswith("-") and "Total params: 32,866" in line for line in changed)
    assert any(line.startswith("+") and "Total params: 59,298" in line for line in changed)
    assert not any("filters" in line for line in changed)  # the summaries, not the YAML
    assert not any('Model: "' in line for line in changed)  # the spec names itself
