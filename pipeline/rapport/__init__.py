"""Progress reports as PDF (issue 17): the figures section of a letter to parliament or to Brussels.

`render(db, gemeente, taal)` reads the publication tables of a build (pipeline/rapport/model.py),
fills the Jinja2 template `report.html.j2` and has WeasyPrint turn it into a tagged PDF (PDF/UA-1,
title and language set). The creation date is the build's, so the same build gives the same bytes.
"""

from __future__ import annotations

from pipeline.rapport.render import UnknownGemeente, html, render, render_pages

__all__ = ["UnknownGemeente", "html", "render", "render_pages"]
