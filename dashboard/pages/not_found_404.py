"""Any address that is not one of CONTRACT §5: a friendly "niet gevonden"."""

from __future__ import annotations

import dash

from dashboard import components

dash.register_page(__name__, path="/404", title="Niet gevonden – Monitor Inclusie Roma")


def layout(**_params: object) -> object:
    return components.not_found(
        "Deze pagina bestaat niet (meer). Misschien is het adres niet helemaal goed overgenomen."
    )
