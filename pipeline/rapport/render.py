"""Template → HTML → PDF. WeasyPrint: no browser, Debian's fonts, nothing fetched."""

from __future__ import annotations

import logging
from pathlib import Path

import duckdb
import jinja2
from markupsafe import Markup

from pipeline.rapport import model
from pipeline.rapport.model import UnknownGemeente

TEMPLATE = "report.html.j2"

__all__ = ["UnknownGemeente", "html", "render", "render_pages"]


def _cssstr(text: object) -> Markup:
    """Text inside a CSS string ("…") in <style>: CSS escapes, not HTML entities (which CSS would print
    as they are: &#39;s-Hertogenbosch); no line breaks, and no "<" that could close the style element."""
    escaped = str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return Markup(escaped.replace("<", "\\3c ").replace(">", "\\3e "))


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["cssstr"] = _cssstr
    return env


def context(db: Path, gemeente: str | None, taal: str) -> dict[str, object]:
    """What the report shows, read from the build at `db` (read-only)."""
    # attached into a fresh in-memory instance, as the dashboard does: always the file that is at `db`
    # now (a rebuild swaps it), and no clash with another read-only connection of this process
    con = duckdb.connect(":memory:")
    try:
        con.execute("attach ? as monitor (read_only)", [str(db)])
        con.execute("use monitor")
        return model.pilot(con, gemeente, taal) if gemeente else model.national(con, taal)
    finally:
        con.close()


def html(db: Path, gemeente: str | None = None, taal: str = "nl") -> str:
    """The report as HTML (what the PDF is made of)."""
    ctx = context(db, gemeente, taal)
    return _environment().get_template(TEMPLATE).render(**ctx)


def render(db: Path, gemeente: str | None = None, taal: str = "nl") -> bytes:
    """The report as a tagged PDF (PDF/UA-1), byte-stable for one build."""
    return render_pages(db, gemeente, taal)[0]


def render_pages(db: Path, gemeente: str | None = None, taal: str = "nl") -> tuple[bytes, int]:
    """The report as a tagged PDF, and its number of pages."""
    import weasyprint

    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # its font-subsetting chatter is not ours
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    source = weasyprint.HTML(string=html(db, gemeente, taal), base_url=str(Path(__file__).parent))
    document = source.render(pdf_variant="pdf/ua-1")
    return document.write_pdf(pdf_variant="pdf/ua-1"), len(document.pages)
