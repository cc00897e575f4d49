"""docs/keras-hub.md's commands run as written, and its YAML example counts as it says."""

from __future__ import annotations

import re

import archcalc
from archcalc.cli import main
from tests.conftest import ROOT

PAGE = (ROOT / "docs" / "keras-hub.md").read_text(encoding="utf-8")


def test_commands_run_as_written(runner, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    commands = [
        line.split("#")[0].split()[1:]
        for block in re.findall(r"```sh\n(.*?)\n```", PAGE, re.S)
        for line in block.splitlines()
        if line.startswith("archcalc ")
    ]
    assert len(commands) == 4
    for args in commands:
        r = runner.invoke(main, args)
        assert r.exit_code in (0, 1), (args, r.stderr)  # fit: 1 = does not fit
        assert r.stdout


def test_the_yaml_example_counts_as_written(tmp_path) -> None:
    spec = re.search(r"```yaml\n(.*?)```", PAGE, re.S).group(1)
    path = tmp_path / "tiny.yaml"
    path.write_text(spec, encoding="utf-8")
    result = archcalc.infer(archcalc.load(str(path)))
    attention = 512 * (8 + 2 + 2) * 64 + 8 * 64 * 512
    block = attention + 3 * 512 * 1408 + 2 * 512
    assert result.total_params == 32_000 * 512 + block + 512 == 19_203_584
    assert [x.type for x in result.layers][-2:] == ["LlamaTransformerDecoder", "LlamaLayerNorm"]
