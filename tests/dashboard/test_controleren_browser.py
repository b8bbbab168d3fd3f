"""`/controleren` in a real browser (Debian's Chromium, headless, Playwright): upload good and bad
files, one with personal data and one over the limit, read the report, download the report and
the template, axe at 390 and 1440 px — and afterwards, no file under the project, the server's
temporary folder, the private working folder or the server's log holds a value of the uploads.

The server runs as `python -m dashboard` with its own temporary folder (TMPDIR), so that its
temporary folder is exactly one known folder.
"""

from __future__ import annotations

import io
import os
import secrets
import time
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from pipeline.build import RAM_DISK
from pipeline.config import load_settings
from tests.dashboard.conftest import dashboard_process, settle

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
HEADER = "gemeente_code;periode;indicator;doelgroep;teller;noemer;bron;peildatum;opmerking"
TODAY = date.today().isoformat()
# Values that exist only in this test run: none may be found in any file afterwards.
MARK = "merk" + secrets.token_hex(8)
EMAIL = f"{MARK}@voorbeeld.nl"


def _bsn() -> str:
    """A fresh nine-digit number that passes the eleven-test."""
    while True:
        digits = str(secrets.randbelow(900_000_000) + 100_000_000)
        if sum(int(d) * w for d, w in zip(digits, [9, 8, 7, 6, 5, 4, 3, 2, -1], strict=True)) % 11 == 0:
            return digits


BSN = _bsn()
SECRETS = (MARK, BSN, EMAIL)


def _csv(*rows: str) -> bytes:
    return ("\n".join([HEADER, *rows]) + "\n").encode()


GOOD = _csv(f"GM0228;2016;bijstand;roma;30;120;{MARK};;", f"GM0228;2016;bijstand;totaal;900;41000;{MARK};;")
BAD = _csv(
    f"GM0228;2016;bijstand;roma;2,5;120;{MARK};;",
    f"GM0228;2016;arbeidsparticipatie;roma;30;150;{MARK};;",
    f"GM0228;2016;overbewoning;roma;1.000;2000;{MARK};;",
)
PERSONAL = _csv(
    f"GM0228;2016;bijstand;roma;30;120;{MARK};;{BSN}", f"GM0228;2017;bijstand;roma;30;120;;;{EMAIL}"
)


@pytest.fixture(scope="module")
def served(sample_path, tmp_path_factory):
    """(address, the server's temporary folder, its log)."""
    base = tmp_path_factory.mktemp("controleren-server")
    tmp = base / "tmp"
    tmp.mkdir()
    log = base / "dashboard.log"
    with dashboard_process(sample_path, log, env={**os.environ, "TMPDIR": str(tmp)}) as url:
        yield url, tmp, log


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """The files to upload, on disk where the browser picks them (removed before the search)."""
    d = tmp_path_factory.mktemp("uploads")
    out = {}
    for name, data in (
        (f"{TODAY}_goed.csv", GOOD),
        (f"{TODAY}_fouten.csv", BAD),
        (f"{TODAY}_personen.csv", PERSONAL),
    ):
        (d / name).write_bytes(data)
        out[name] = d / name
    big = d / f"{TODAY}_te-groot.csv"
    with big.open("wb") as f:  # over the limit: a sparse file, no disk space needed
        f.write(GOOD)
        f.truncate(load_settings().grenzen.max_bytes + 1)
    out["groot"] = big
    yield out
    for p in out.values():
        p.unlink(missing_ok=True)


class Page:
    def __init__(self, browser, base: str, width: int) -> None:
        self.context = browser.new_context(accept_downloads=True, viewport={"width": width, "height": 900})
        self.page = self.context.new_page()
        self.base = base
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))

    def open(self) -> None:
        self.page.goto(self.base + "/controleren")
        self.page.wait_for_selector("main h1", timeout=30000)
        settle(self.page)

    def upload(self, *paths: Path) -> str:
        """Upload files and wait for the report; returns the text of the report."""
        before = self.page.locator("#verslag-samenvatting").count()
        old = self.page.inner_text("#controleren-verslag") if before else None
        self.page.set_input_files("#controleren-upload input[type=file]", [str(p) for p in paths])
        self.page.wait_for_function(
            "old => { const s = document.querySelector('#verslag-samenvatting');"
            " const t = document.querySelector('#controleren-verslag').innerText;"
            " return s && t && t !== old && !document.querySelector('[data-dash-is-loading]'); }",
            arg=old,
            timeout=60000,
        )
        return self.page.inner_text("#controleren-verslag")

    def axe(self) -> list[str]:
        """Violations inside the page's own content (`main`; the shell around it is issue 14's)."""
        from axe_playwright_python.sync_playwright import Axe

        results = Axe().run(self.page, context={"include": [["main"]]})
        return [f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in results.response["violations"]]

    def outside(self) -> list[str]:
        return [
            u for u in self.requests if not u.startswith(self.base) and not u.startswith(("data:", "blob:"))
        ]


@pytest.fixture
def page(browser, served):
    p = Page(browser, served[0], 1440)
    yield p
    p.context.close()


def test_good_file_bad_file_and_personal_data_are_reported(page, files):
    page.open()
    text = page.upload(files[f"{TODAY}_goed.csv"])
    assert text.startswith("1 bestand gecontroleerd: 1 bestand is in orde.")
    assert "Alle 2 rijen zijn in orde" in text

    text = page.upload(files[f"{TODAY}_fouten.csv"])
    assert text.startswith("1 bestand gecontroleerd: 2 rijen gaan in quarantaine.")
    rows = page.page.locator(".verslag-bestand table tbody tr").all_inner_texts()
    assert rows[0].split("\t")[:2] == ["2", "teller"] and "2,5 is geen heel getal" in rows[0]
    assert any(r.split("\t")[:2] == ["4", "teller"] and "op twee manieren" in r for r in rows)
    assert "vul een aantal in" in text  # how to fix it

    text = page.upload(files[f"{TODAY}_personen.csv"])
    assert "1 bestand wordt geweigerd" in text
    assert "gegevens over personen" in text and "kolom opmerking, rij 2" in text
    assert "e-mailadres" in text and "rij 3" in text
    for s in SECRETS:
        assert s not in page.page.content()
    assert page.errors == [] and page.outside() == []


def test_several_files_at_once_give_one_summary(page, files):
    page.open()
    text = page.upload(
        files[f"{TODAY}_goed.csv"], files[f"{TODAY}_fouten.csv"], files[f"{TODAY}_personen.csv"]
    )
    assert text.startswith(
        "3 bestanden gecontroleerd: 2 rijen gaan in quarantaine, 1 bestand wordt geweigerd, "
        "1 bestand is in orde."
    )
    assert page.page.locator(".verslag-bestand").count() == 3


def test_a_file_over_the_limit_is_not_sent_and_the_page_says_so(page, files):
    page.open()
    page.requests.clear()
    page.page.set_input_files("#controleren-upload input[type=file]", str(files["groot"]))
    page.page.wait_for_function("() => document.querySelector('#controleren-te-groot').innerText.length > 0")
    message = page.page.inner_text("#controleren-te-groot")
    assert "grenzen.max_bytes" in message and "niet verstuurd" in message
    assert f"{load_settings().grenzen.max_bytes + 1:,}".replace(",", ".") in message
    time.sleep(1)
    assert not any("_dash-update-component" in u for u in page.requests)  # nothing went to the server
    assert page.page.locator("#verslag-samenvatting").count() == 0


def test_report_downloads_as_csv(page, files):
    page.open()
    page.upload(files[f"{TODAY}_fouten.csv"])
    with page.page.expect_download() as d:
        page.page.click("#controleren-download-knop")
    download = d.value
    assert download.suggested_filename == "controle-verslag.csv"
    text = Path(download.path()).read_bytes().decode("utf-8")
    assert text.startswith("\ufeffbestand;oordeel;rij;kolom;regel;melding;oplossing")
    assert f"{TODAY}_fouten.csv;rijen in quarantaine;2;teller;teller.heel_getal;" in text


def test_template_downloads_for_a_municipality_and_filled_in_it_checks_clean(page, tmp_path):
    """From template to a clean check without a terminal: download, fill (as Excel would), upload."""
    page.open()
    page.page.select_option("#sjabloon-gemeente", "GM0228")
    with page.page.expect_download() as d:
        page.page.click("#sjabloon-knop")
    download = d.value
    assert download.suggested_filename == "levering-sjabloon-GM0228.xlsx"
    wb = load_workbook(io.BytesIO(Path(download.path()).read_bytes()))
    assert wb.sheetnames == ["levering", "uitleg", "voorbeeld"]
    for row in wb["voorbeeld"].iter_rows(min_row=2, values_only=True):
        wb["levering"].append([*row[:6], MARK, *row[7:]])
    filled = tmp_path / f"{TODAY}_levering.xlsx"
    wb.save(filled)
    try:
        text = page.upload(filled)
    finally:
        filled.unlink()
    assert text.startswith("1 bestand gecontroleerd: 1 bestand is in orde."), text


@pytest.mark.parametrize("width", [390, 1440])
def test_page_and_report_pass_axe_and_fit_the_screen(browser, served, files, width):
    p = Page(browser, served[0], width)
    try:
        p.open()
        violations = p.axe()
        assert violations == [], "\n".join(violations)
        p.upload(files[f"{TODAY}_goed.csv"], files[f"{TODAY}_fouten.csv"], files[f"{TODAY}_personen.csv"])
        violations = p.axe()
        assert violations == [], "\n".join(violations)
        overflow = p.page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{overflow}px wider than the screen at {width}px"
        sideways = p.page.evaluate(
            "() => Array.from(document.querySelectorAll('.verslag-bestand .table-responsive'))"
            ".map(t => t.scrollWidth - t.clientWidth)"
        )
        assert sideways and max(sideways) <= 0, f"a report table scrolls sideways at {width}px: {sideways}"
        assert p.errors == []
    finally:
        p.context.close()


def test_nothing_of_an_upload_is_kept_anywhere(browser, served, files):
    """After every upload of this module (this test runs last): no file under the project, in the
    server's temporary folder, in the private working folder or in the server's log holds a value."""
    base, tmp, log = served
    p = Page(browser, base, 1440)
    try:
        p.open()
        p.upload(files[f"{TODAY}_goed.csv"], files[f"{TODAY}_fouten.csv"], files[f"{TODAY}_personen.csv"])
    finally:
        p.context.close()
    for f in files.values():
        f.unlink(missing_ok=True)  # the test's own copies
    needles = [s.encode() for s in SECRETS]
    places = [ROOT, tmp, Path(RAM_DISK) / "monitor-inclusie-roma"]
    found = [str(path) for place in places for path in _files(place) if _holds(path, needles)]
    assert found == []
    assert list(tmp.iterdir()) == []  # the server's temporary folder is empty again
    assert not any(n in log.read_bytes() for n in needles)
    assert b"_dash-update-component" in log.read_bytes()  # the log is the server's (it logs requests)


def _files(root: Path):
    if not root.exists():
        return
    for folder, dirs, names in os.walk(root, followlinks=False):
        dirs[:] = [d for d in dirs if d not in (".git", ".venv", "__pycache__", "node_modules")]
        for n in names:
            path = Path(folder) / n
            if path.is_file() and not path.is_symlink():
                yield path


def _holds(path: Path, needles: list[bytes]) -> bool:
    try:
        if path.stat().st_size > 200_000_000:
            return False
        data = path.read_bytes()
    except OSError:
        return False
    return any(n in data for n in needles)
