"""Errors as `application/problem+json` (RFC 9457), in Dutch, naming the parameter that was wrong.

Every answer that is not a success is a `Problem`: the handlers raise it, the blueprint turns it
into a response. The members are RFC 9457's (`type`, `title`, `status`, `detail`, `instance`) and
two extensions: `veld`, the (first) parameter that was wrong, and `fouten`, every one of them with
its message. Nothing of a request is echoed beyond a short, cleaned value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MEDIA_TYPE = "application/problem+json"
DOCS = "/api#fouten"  # the type URIs point at the explanation on the /api page

TITLES = {
    400: ("ongeldige-vraag", "De vraag klopt niet"),
    404: ("niet-gevonden", "Niet gevonden"),
    405: ("methode-niet-toegestaan", "Alleen lezen: deze methode is niet toegestaan"),
    413: ("te-groot", "De vraag levert te veel op"),
    429: ("te-druk", "Te veel vragen tegelijk"),
    500: ("interne-fout", "Interne fout"),
    503: ("niet-beschikbaar", "De database is (nog) niet beschikbaar"),
}
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")


@dataclass(frozen=True)
class Fault:
    """One thing that was wrong: the parameter (`veld`) and what to do about it."""

    veld: str
    melding: str


@dataclass
class Problem(Exception):
    """An answer other than success; `headers` go with it (Allow, Retry-After)."""

    status: int
    detail: str
    fouten: list[Fault] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)

    def body(self, instance: str) -> dict:
        slug, title = TITLES[self.status]
        out: dict[str, object] = {
            "type": f"{DOCS}-{slug}",
            "title": title,
            "status": self.status,
            "detail": self.detail,
            "instance": instance,
        }
        if self.fouten:
            out["veld"] = self.fouten[0].veld
            out["fouten"] = [{"veld": f.veld, "melding": f.melding} for f in self.fouten]
        return out


def invalid(faults: list[Fault]) -> Problem:
    """400 for one or more wrong parameters; the detail names each."""
    return Problem(400, "; ".join(f"{f.veld}: {f.melding}" for f in faults), faults)


def shown(value: str, limit: int = 40) -> str:
    """A value from a request as it may appear in a message: invisible characters removed, cut short."""
    text = _UNPRINTABLE.sub("", value)
    return text if len(text) <= limit else text[:limit] + "…"


def schema() -> dict:
    """The JSON Schema of a problem (for the OpenAPI document)."""
    return {
        "type": "object",
        "required": ["type", "title", "status", "detail"],
        "properties": {
            "type": {"type": "string", "description": "Soort fout; uitleg op /api#fouten."},
            "title": {"type": "string"},
            "status": {"type": "integer"},
            "detail": {
                "type": "string",
                "description": "Wat er mis is en wat u kunt doen, in het Nederlands.",
            },
            "instance": {"type": "string", "description": "Het pad van de vraag."},
            "veld": {"type": "string", "description": "De (eerste) parameter die niet klopte."},
            "fouten": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["veld", "melding"],
                    "properties": {"veld": {"type": "string"}, "melding": {"type": "string"}},
                },
            },
        },
    }
