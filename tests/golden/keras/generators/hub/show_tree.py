#!/usr/bin/env python
"""Print a compact view of layers.json: summary rows + first block's sublayer tree with weight shapes."""
import json, sys
def p(n, ind=0, out=print):
    ws = ", ".join(f"{w[0].split('/')[-1]}{w[1]}{'' if w[2] else '(nt)'}{'' if w[3]=='float32' else ':'+w[3]}" for w in n["own_weights"])
    out(f"{' '*ind}{n['name']} ({n['class']}) out={n.get('eager_output_shape')} params={n['params']} {ws}")
    for c in n.get("sublayers", []):
        p(c, ind + 2, out)
for path in sys.argv[1:]:
    d = json.load(open(path))
    print("=====", path, d["class"], d["totals"]["count_params"])
    for r in d["rows"]:
        print(f"  ROW {r['name']:28s} {r['class']:28s} {r['summary_shape']:22s} {r['params']:>9d}  {r['connected_to']}")
    seen = set()
    for t in d["tree"]:
        key = t["class"]
        if key in seen and t.get("sublayers"):
            continue
        seen.add(key)
        p(t, 2)
