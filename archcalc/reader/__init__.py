"""Reading model descriptions: YAML specs and Keras files, into one :class:`~archcalc.spec.Spec`.

- :mod:`archcalc.reader.load`: the one entry point, from a path (``-`` is
  stdin) or a text: it reads the input once and decides, in one place,
  whether it is a YAML/JSON spec or a Keras model;
- :mod:`archcalc.reader.yamlnodes`: the safe, bounded, position-keeping YAML
  and JSON reader;
- :mod:`archcalc.reader.loader`: a spec tree into a Spec;
- :mod:`archcalc.reader.keras` (and ``keras_files``): a Keras ``to_json()`` config (or the one in a
  ``.keras`` archive, :mod:`~archcalc.reader.keras_archive`) into a spec tree,
  its tensors read by :mod:`~archcalc.reader.keras_tensors`;
- :mod:`archcalc.reader.writer`: a Spec back into readable YAML (``convert``).
"""
