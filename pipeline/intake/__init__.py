"""The intake: from files under `leveringen/` (or a file given to `check`) to rows with their lineage.

One job per module, in the order a file meets them:

- `discovery`: which files are deliveries; folders, symbolic links and names that are refused
  before anything is read;
- `limits`: inspection and limits — a file's bytes read once and bounded, a workbook's zip and
  sheets measured before a sheet is opened;
- `readers`: the CSV and XLSX readers (format, encoding, separator, header, rows);
- `personal`: every rule about personal data (names, headers, values, every sheet);
- `control`: control characters removed from text, escaped in terminal lines.

`examine` in `file.py` runs them on one file's bytes; the extract stage and `check` both use it.
"""

from __future__ import annotations


class Refused(Exception):
    """A whole file cannot be used; `reason` is written for the municipal officer and never holds a
    value from the file."""

    def __init__(self, reason: str, kolom: str | None = None, privacy: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.kolom = kolom
        self.privacy = privacy
