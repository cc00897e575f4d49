#!/usr/bin/env python
"""Write hf/<model>/config.json and run keras_hub's converter (convert_<family>.convert_backbone_config) on it.

Output per model: hf/<model>/config.json (HF), keras_hub_backbone_config.json (converter output),
converter.json (converter module, backbone class, HF keys read, keys read but missing, kwargs the backbone does
not accept, param count of the converted config by param_formulas.py, and count_params() of a backbone built
from it when it is < 1.5B parameters).  Run: KERAS_BACKEND=torch python gen_hf.py
"""
import importlib
import inspect
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from hf_configs import HF  # noqa: E402
from param_formulas import count  # noqa: E402

CONVERTER = {"llama": "convert_llama3", "mistral": "convert_mistral", "mixtral": "convert_mixtral",
             "gemma": "convert_gemma", "gemma2": "convert_gemma", "gemma3_text": "convert_gemma3",
             "qwen2": "convert_qwen", "qwen3": "convert_qwen3", "gpt2": "convert_gpt2", "bert": "convert_bert",
             "phi3": None}


class Tracking(dict):
    """dict that records every key read (via [], get, in)."""

    def __init__(self, d, log, prefix=""):
        super().__init__({k: (Tracking(v, log, prefix + k + ".") if isinstance(v, dict) else v) for k, v in d.items()})
        self._log, self._prefix = log, prefix

    def _rec(self, k, how):
        self._log.append({"key": self._prefix + str(k), "how": how, "present": dict.__contains__(self, k)})

    def __getitem__(self, k):
        self._rec(k, "[]")
        return dict.__getitem__(self, k)

    def get(self, k, default=None):
        self._rec(k, "get")
        return dict.get(self, k, default)

    def __contains__(self, k):
        self._rec(k, "in")
        return dict.__contains__(self, k)


def plain(v):
    if isinstance(v, dict):
        return {k: plain(x) for k, x in dict.items(v)}
    return v


def main():
    import types

    import keras  # noqa: F401

    if "safetensors" not in sys.modules:
        try:
            import safetensors  # noqa: F401
        except ImportError:  # convert_gemma3 imports safe_open at module level (weights only); stub it
            stub = types.ModuleType("safetensors")
            stub.safe_open = None
            sys.modules["safetensors"] = stub

    for model, cfg in HF.items():
        d = os.path.join(HERE, "hf", model)
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "config.json"), "w") as f:
            json.dump(cfg, f, indent=2)
        mod_name = CONVERTER.get(cfg["model_type"])
        info = {"model": model, "model_type": cfg["model_type"], "converter": mod_name}
        if mod_name is None:
            info["note"] = ("keras_hub 0.32 has no transformers converter for this model_type "
                            "(utils/transformers/preset_loader.py has no branch for it)")
            json.dump(info, open(os.path.join(d, "converter.json"), "w"), indent=1)
            print(model, "no converter")
            continue
        mod = importlib.import_module(f"keras_hub.src.utils.transformers.{mod_name}")
        log = []
        out = mod.convert_backbone_config(Tracking(cfg, log))
        out = plain(out)
        cls = mod.backbone_cls
        info["backbone_cls"] = cls.__name__
        seen, reads = set(), []
        for r in log:
            if r["key"] not in seen:
                seen.add(r["key"])
                reads.append(r)
        info["hf_keys_read"] = [r["key"] for r in reads if r["present"]]
        info["hf_keys_read_but_absent"] = [r["key"] for r in reads if not r["present"]]
        info["hf_keys_ignored"] = [k for k in cfg if k not in seen]
        params = inspect.signature(cls.__init__).parameters
        info["converted_kwargs_not_constructor_args"] = [k for k in out if k not in params]
        with open(os.path.join(d, "keras_hub_backbone_config.json"), "w") as f:
            json.dump(out, f, indent=2, default=str)
        # build (tiny) to get the serialized keras_hub config of the converted backbone and the formula count
        cfg_like = {"class_name": cls.__name__, "config": {**{k: v.default for k, v in params.items()
                                                               if v.default is not inspect._empty}, **out}}
        info["formula_params"] = count(cfg_like)[0]
        # keras_hub config.json as save_to_preset would write it for Backbone(**converted): shrunken build,
        # then the converted hyperparameters patched in (same method as gen_presets.py do_config)
        try:
            import gen_presets as G

            kw = {k: v for k, v in out.items() if k in params}
            small = cls(**G.shrink(cls.__name__, kw, 4))
            ser = json.loads(json.dumps(G.serialize(keras, small)))
            for k, v in kw.items():
                if k in ser["config"]:
                    if isinstance(ser["config"][k], list) and isinstance(v, int):
                        v = [v] * len(ser["config"][k])
                    ser["config"][k] = v
            info["converted_kwargs_not_in_get_config"] = [k for k in kw if k not in ser["config"]]
            with open(os.path.join(d, "keras_hub_config.json"), "w") as f:
                f.write(json.dumps(ser, indent=4))
            info["formula_params_from_keras_hub_config_json"] = count(ser)[0]
        except Exception as e:  # noqa: BLE001
            info["keras_hub_config_error"] = f"{type(e).__name__}: {e}"
        json.dump(info, open(os.path.join(d, "converter.json"), "w"), indent=1)
        print(model, json.dumps(info))


if __name__ == "__main__":
    main()
