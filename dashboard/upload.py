"""Uploads of `/controleren`: the size limits, enforced before anything is decoded.

The browser (`dcc.Upload`) sends the files as base64 data URLs inside one callback request.
Three fences keep an oversized file out, each named in the message with its setting
(`pipeline/settings.toml` [grenzen] `max_bytes`, the same limit as a build's):

1. the browser does not read or send a file over the limit (`max_size`, and
   `assets/controleren.js` says so on the page);
2. the server refuses a request body over `request_limit` before reading it (Flask's
   MAX_CONTENT_LENGTH, HTTP 413): a hostile client cannot make it hold more;
3. each data URL's decoded size is computed from its length before it is decoded, and a file
   (or all files of one upload together) over the limit is refused without decoding it.

Nothing here writes anything anywhere: the decoded bytes live in memory for the check only.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.intake import limits
from pipeline.intake.discovery import shown_path
from pipeline.vocabulary import nl_number

MARGIN = 1 << 20  # bytes of a callback request besides the files: JSON, names, the page's state
MAX_FILES = 20  # files in one upload


def request_limit(max_bytes: int) -> int:
    """The largest callback request the server reads: all files of one upload together at most
    `max_bytes`, as base64 (4 characters per 3 bytes), plus the rest of the request."""
    return -(-max_bytes // 3) * 4 + MARGIN


def decoded_size(data_url: str) -> int:
    """The number of bytes a base64 data URL decodes to, from its length alone."""
    _, _, payload = data_url.partition(",")
    return len(payload) // 4 * 3 - payload[-2:].count("=")


@dataclass
class Upload:
    """One upload, in the order the files came: per file its name, and either its bytes or why it
    was refused before decoding (`shown` is the name as it may be shown: cleaned, and redacted
    where it holds personal data)."""

    items: list[tuple[str, bytes | None, str | None]]

    @property
    def files(self) -> list[tuple[str, bytes]]:
        return [(n, d) for n, d, r in self.items if d is not None]


def too_large(size: int, max_bytes: int) -> str:
    """The pipeline's own refusal for a file over `max_bytes` (`limits.over`)."""
    return limits.over(f"het bestand is {nl_number(size)} bytes", max_bytes, "max_bytes", " bytes").reason


def shown(name: str) -> str:
    return shown_path(name)[0]


def decode(
    contents: Sequence[object] | str | None, names: Sequence[str] | str | None, max_bytes: int
) -> Upload:
    """The files of an upload, each checked against `max_bytes` before it is decoded; the upload
    as a whole may not exceed `max_bytes` either."""
    if contents is None:
        return Upload([])
    contents = [contents] if isinstance(contents, str) else list(contents)
    names = [names] if isinstance(names, str) else list(names or [])
    names += [f"bestand-{k + 1}" for k in range(len(names), len(contents))]
    if len(contents) > MAX_FILES:
        reason = (
            f"u stuurde {nl_number(len(contents))} bestanden tegelijk; controleer er hooguit "
            f"{MAX_FILES} per keer"
        )
        return Upload([(n, None, reason) for n in names])
    out = Upload([])
    total = 0
    for name, url in zip(names, contents, strict=False):
        url = url if isinstance(url, str) else ""
        size = decoded_size(url)
        total += size
        if size > max_bytes:
            out.items.append((name, None, too_large(size, max_bytes)))
        elif total > max_bytes:
            out.items.append(
                (
                    name,
                    None,
                    f"de bestanden van deze upload zijn samen groter dan "
                    f"{nl_number(max_bytes)} bytes (instelling grenzen.max_bytes); "
                    "controleer dit bestand apart",
                )
            )
        else:
            try:
                out.items.append((name, base64.b64decode(url.partition(",")[2], validate=True), None))
            except (binascii.Error, ValueError):
                out.items.append(
                    (
                        name,
                        None,
                        "het bestand is niet goed aangekomen (de upload is beschadigd); probeer het opnieuw",
                    )
                )
    return out
