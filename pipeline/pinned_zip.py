"""A zip (an Excel workbook is one) with fixed member timestamps: equal content gives equal bytes.

Used by the sample's workbooks and by the extracts (`make` twice gives byte-identical files); here,
so that neither has to import the other.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime

_W3CDTF = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def pin_zip(data: bytes, stamp: datetime) -> bytes:
    """Rewrite the zip with fixed member timestamps, so that equal content gives equal bytes."""
    out = io.BytesIO()
    iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _W3CDTF.sub(rb"\g<1>" + iso + rb"\g<2>", content)
            pinned = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            pinned.compress_type = zipfile.ZIP_DEFLATED
            pinned.external_attr = info.external_attr
            dst.writestr(pinned, content)
    return out.getvalue()
