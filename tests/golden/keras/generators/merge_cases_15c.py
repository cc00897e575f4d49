#!/usr/bin/env python
"""Append the cases of out_more_<family>.json (gen_cases_15c.py, run by kref15's layer_cases.py)
to tests/catalog/keras_cases_<family>.json, converted as kref15's extract_kref15.py converts them.

    python3 merge_cases_15c.py /path/to/kref15 /path/to/repo/tests/catalog
"""

import json
import sys

sys.path.insert(0, sys.argv[1])
from extract_kref15 import convert  # noqa: E402

catalog = sys.argv[2]
for fam in ("einsum", "rnn_generic", "spectral", "pooling_adaptive"):
    path = f"{catalog}/keras_cases_{fam}.json"
    data = json.load(open(path))
    known = {c["id"] for c in data["cases"]}
    new = [convert(r) for r in json.load(open(f"out_more_{fam}.json"))["results"]]
    cases = [c for c in data["cases"]] + [c for c in new if c["id"] not in known]
    source = data["source"].split(" More cases (")[0]
    source += " More cases (from the id after the last of kref15's) by gen_cases_15c.py."
    with open(path, "w") as f:
        f.write('{"source": ' + json.dumps(source) + ',\n "cases": [\n')
        f.write(",\n".join("  " + json.dumps(c) for c in cases))
        f.write("\n ]}\n")
    print(fam, len(new), "new cases")
