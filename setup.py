"""Build hook: the user documentation travels with the installed package.

``docs/*.md`` stays where the repository's readers find it (README links to
it); the build copies it into the wheel as ``archcalc/docs/``, so that
``archcalc docs TOPIC`` can print it wherever archcalc is installed. The
README's fragments (``*.readme-section.md``) are not copied: they repeat it.
Everything else is declared in setup.cfg.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

DOCS = Path(__file__).resolve().parent / "docs"


class BuildWithDocs(build_py):
    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "archcalc" / "docs"
        target.mkdir(parents=True, exist_ok=True)
        for doc in sorted(DOCS.glob("*.md")):
            if not doc.name.endswith(".readme-section.md"):
                shutil.copyfile(doc, target / doc.name)


setup(cmdclass={"build_py": BuildWithDocs})
