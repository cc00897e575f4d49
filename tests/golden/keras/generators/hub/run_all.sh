#!/bin/sh
# Regenerate everything under /work/scratch/khub (one Keras process at a time; ~1.5 h on 2 busy cores).
set -e
cd "$(dirname "$0")"
PY=/work/scratch/hubvenv/bin/python
export KERAS_BACKEND=torch COLUMNS=200
$PY gen_backbones.py all          > run_all.log 2>&1   # step 1+2: */*/ (each config in a fresh subprocess)
python3 gen_presets_json.py       > /dev/null          # step 3: presets.json (pure python, ast)
$PY gen_presets.py all            > presets_run.log 2>&1 # step 3: presets/<p>/config.json + build checks + CHECKS.md
$PY gen_hf.py                     > hf_run.log 2>&1     # step 4: hf/<model>/
$PY gen_kvcache.py                > kvcache_run.log 2>&1 # step 5: kvcache.json
python3 param_formulas.py check   > formulas_check.txt  # formulas vs every built config (float + quantized)
python3 gen_index.py                                    # INDEX.md, LAYOUTS.md, op_nodes.json
