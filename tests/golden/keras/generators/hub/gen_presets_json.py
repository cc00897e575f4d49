#!/usr/bin/env python
"""Collect every backbone preset (metadata + kaggle handle) from keras_hub's *_presets.py files -> presets.json.
Pure python (ast), no keras import. Families = directory names under keras_hub/src/models."""
import ast, glob, json, os, sys
SRC = "/work/scratch/hubvenv/lib/python3.11/site-packages/keras_hub/src/models"
FAMILIES = ["bert", "distil_bert", "roberta", "xlm_roberta", "albert", "deberta_v3", "electra", "f_net", "t5",
            "gpt2", "opt", "gpt_neo_x", "bloom", "falcon", "llama", "llama3", "mistral", "mixtral", "gemma",
            "gemma3", "phi3", "qwen", "qwen3", "qwen_moe", "qwen3_moe", "gpt_oss", "smollm3", "vit"]
out = {}
for fam in FAMILIES:
    for p in sorted(glob.glob(f"{SRC}/{fam}/*_presets.py")):
        tree = ast.parse(open(p).read())
        for node in tree.body:
            if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
                name = node.targets[0].id
                try:
                    val = ast.literal_eval(node.value)
                except Exception as e:
                    print("skip", p, name, e, file=sys.stderr); continue
                if not isinstance(val, dict):
                    continue
                for preset, d in val.items():
                    out[preset] = {"family_dir": fam, "file": os.path.relpath(p, SRC), "variable": name, **d}
json.dump(out, open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "presets.json"), "w"), indent=1)
print(len(out), "presets")
for k, v in out.items():
    print(f"{v['family_dir']:12s} {k:45s} {v['metadata'].get('params')!s:>14s}  {v['metadata'].get('path')}")
