"""Self-contained HTML pages: ``archcalc report`` (one model) and ``archcalc diff --format html``.

- :mod:`.adapter` reads archcalc's results into the plain data of
  :mod:`.views` (the only module that knows the results' shapes);
- :mod:`.report` and :mod:`.diff` write the two pages, :mod:`.charts` their
  SVG charts, :mod:`.graph` the Graphviz graph (DOT in, allowlisted SVG out),
  :mod:`.page` the shell: escaping, the Content-Security-Policy, the inline
  ``assets/`` (the page's own CSS and JavaScript, no library).

Pages work offline from ``file://`` or a CI artifact: nothing is fetched at
view time, and the same model gives the same bytes.
"""
