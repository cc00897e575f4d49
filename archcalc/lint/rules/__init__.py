"""Lint rules, one module each (yamllint style).

A rule module has a kebab-case ``ID``; ``LEVEL`` (``error`` or ``warning``
when on); ``REQUIRES`` (``spec``, ``graph`` or ``result``: what must have
been built for it to run); optionally ``ENABLED = False`` (off until
enabled), ``CONF`` (option -> ArgType) and ``DEFAULT`` (option -> value),
which the registry fills in (True, {}, {}) when a rule leaves them out; a module
docstring that is its user documentation, with ``PASS::`` and ``FAIL::``
example specs (tests lint them); and ``check(ctx, conf)``, which yields
:class:`Diagnostic` objects without a code or severity; the runner stamps
them. Register a new module in ``archcalc.lint.RULES``.
"""
