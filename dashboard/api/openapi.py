"""The OpenAPI 3.1 document of the API, made from the definitions the handlers use: the resources
and their columns and filters (`resources.py`), the formats and limits (`query.py`), the problem
schema (`problems.py`). Nothing of it is written by hand a second time.
"""

from __future__ import annotations

from dashboard.api import problems
from dashboard.api.params import FORMATS, Limits
from dashboard.api.render import MEDIA_TYPES
from dashboard.api.resources import RESOURCES, Filter, Resource, doelgroepen
from pipeline.config import load_settings

VERSION = "1.0.0"
ERRORS = {
    "400": "Een parameter klopt niet; `veld` noemt hem, `fouten` elke fout.",
    "413": "De vraag levert te veel rijen op of duurt te lang; filter verder.",
    "429": "Te veel vragen tegelijk; probeer het na `Retry-After` seconden opnieuw.",
    "503": "Er is nog geen database gebouwd.",
}
FILE_TYPES = ("text/csv", "application/vnd.apache.parquet")


def _filter_parameter(f: Filter) -> dict:
    if f.multiple:
        item: dict[str, object] = {"type": "string", "minLength": 1, "maxLength": 64}
        if f.name == "doelgroep":
            item = {"type": "string", "enum": list(doelgroepen())}
        elif f.name == "gemeente":
            item["pattern"] = r"^(GM|gm)?[0-9]{1,4}$"
        schema: dict[str, object] = {"type": "array", "items": item, "maxItems": Limits().values}
        return {
            "name": f.name,
            "in": "query",
            "required": False,
            "description": f.description,
            "schema": schema,
            "style": "form",
            "explode": True,
        }
    years = load_settings().validatie
    return {
        "name": f.name,
        "in": "query",
        "required": False,
        "description": f.description,
        "schema": {"type": "integer", "minimum": years.eerste_jaar, "maximum": years.laatste_jaar},
    }


def _format_parameter(formats: tuple[str, ...], default: str) -> dict:
    return {
        "name": "format",
        "in": "query",
        "required": False,
        "description": "json (standaard, in pagina's), csv (voor software), csv-nl (Nederlandse Excel: `;`, "
        "decimale komma, BOM) of parquet. Zonder format kiest de Accept-header (text/csv, "
        "application/vnd.apache.parquet).",
        "schema": {"type": "string", "enum": list(formats), "default": default},
    }


def _paging(limits: Limits) -> list[dict]:
    return [
        {
            "name": "limit",
            "in": "query",
            "required": False,
            "description": f"Rijen per pagina (JSON), standaard {limits.page_default}, "
            f"hooguit {limits.page_max}.",
            "schema": {
                "type": "integer",
                "minimum": 1,
                "maximum": limits.page_max,
                "default": limits.page_default,
            },
        },
        {
            "name": "offset",
            "in": "query",
            "required": False,
            "description": "Hoeveel rijen over te slaan (JSON); volg liever de link `next`.",
            "schema": {"type": "integer", "minimum": 0, "maximum": 10**12, "default": 0},
        },
    ]


def _headers() -> dict:
    return {
        "ETag": {
            "description": "Het id van de build (zie /build); stuur het terug in If-None-Match.",
            "schema": {"type": "string"},
        },
        "Cache-Control": {
            "description": "Hoe lang een antwoord bewaard mag worden.",
            "schema": {"type": "string"},
        },
    }


def _errors(*codes: str) -> dict:
    return {c: {"$ref": f"#/components/responses/{c}"} for c in codes}


def _table_operation(r: Resource, limits: Limits) -> dict:
    params = (
        [_filter_parameter(f) for f in r.filters] + [_format_parameter(FORMATS, "json")] + _paging(limits)
    )
    content = {"application/json": {"schema": {"$ref": f"#/components/schemas/pagina_{r.name}"}}}
    content |= {t: {"schema": {"type": "string"}} for t in FILE_TYPES}
    return {
        "get": {
            "operationId": f"lees_{r.name}",
            "summary": r.title,
            "description": r.description + f" Tabel `{r.table}`.",
            "tags": ["cijfers" if r.table.startswith("publicatie_") else "registers"],
            "parameters": params,
            "responses": {
                "200": {
                    "description": "De rijen: een pagina (JSON) of het hele bestand (csv, csv-nl, parquet).",
                    "headers": _headers(),
                    "content": content,
                },
                "304": {
                    "description": "Niet veranderd sinds de build in If-None-Match.",
                    "headers": _headers(),
                },
                **_errors("400", "413", "429", "503"),
            },
        }
    }


def _package_operation(r: Resource) -> dict:
    params = [_filter_parameter(f) for f in r.filters] + [_format_parameter(FORMATS[1:], "csv")]
    return {
        "get": {
            "operationId": f"datapakket_{r.name}",
            "summary": f"{r.title}: datapackage.json",
            "description": "Een Frictionless Data Package dat het bestand van dezelfde vraag beschrijft "
            "(elke "
            "kolom, het dialect, de hash); het pad wijst naar dat bestand in de API.",
            "tags": ["datapakketten"],
            "parameters": params,
            "responses": {
                "200": {
                    "description": "Het datapakket.",
                    "headers": _headers(),
                    "content": {
                        "application/json": {"schema": {"type": "object", "required": ["resources"]}}
                    },
                },
                "304": {"description": "Niet veranderd.", "headers": _headers()},
                **_errors("400", "413", "429", "503"),
            },
        }
    }


BUILD_SCHEMA = {
    "type": "object",
    "required": ["id", "gemaakt", "synthetisch", "invoer_sha256"],
    "properties": {
        "id": {"type": "string", "description": "Manifest-id: hangt alleen af van invoer en versies."},
        "gemaakt": {"type": "string", "description": "Wanneer de build is gemaakt (ISO 8601)."},
        "synthetisch": {"type": "boolean", "description": "Of de cijfers synthetisch zijn."},
        "invoer_sha256": {
            "type": "string",
            "description": "sha256 over bestand en sha256 van elk invoerbestand.",
        },
        "invoer_bestanden": {"type": "integer"},
        "leveringen_geaccepteerd": {"type": "integer"},
        "leveringen_geweigerd": {"type": "integer"},
        "rijen_quarantaine": {"type": "integer"},
        "versies": {"type": "object", "additionalProperties": {"type": "string"}},
    },
}


def document(limits: Limits | None = None) -> dict:
    """The OpenAPI 3.1 document of /api/v1."""
    limits = limits or Limits()
    paths: dict[str, object] = {
        "/": {
            "get": {
                "operationId": "inhoud",
                "summary": "Wat de API serveert",
                "tags": ["api"],
                "responses": {
                    "200": {
                        "description": "De bronnen met hun adres.",
                        "content": {"application/json": {"schema": {"type": "object"}}},
                    }
                },
            }
        },
        "/build": {
            "get": {
                "operationId": "build",
                "summary": "Welke build de API serveert",
                "tags": ["api"],
                "responses": {
                    "200": {
                        "description": "De build.",
                        "headers": _headers(),
                        "content": {"application/json": {"schema": BUILD_SCHEMA}},
                    },
                    "304": {"description": "Niet veranderd.", "headers": _headers()},
                    **_errors("503"),
                },
            }
        },
        "/openapi.json": {
            "get": {
                "operationId": "openapi",
                "summary": "Dit document",
                "tags": ["api"],
                "responses": {
                    "200": {
                        "description": "OpenAPI 3.1.",
                        "content": {"application/json": {"schema": {"type": "object"}}},
                    }
                },
            }
        },
    }
    schemas: dict[str, object] = {"probleem": problems.schema()}
    for r in RESOURCES:
        paths[f"/{r.name}"] = _table_operation(r, limits)
        paths[f"/{r.name}/datapackage.json"] = _package_operation(r)
        schemas[f"rij_{r.name}"] = r.row_schema()
        schemas[f"pagina_{r.name}"] = {
            "type": "object",
            "required": ["build", "synthetisch", "total", "limit", "offset", "next", "data"],
            "properties": {
                "build": {"type": "string", "description": "Het id van de build (gelijk aan de ETag)."},
                "synthetisch": {"type": "boolean"},
                "total": {"type": "integer", "description": "Rijen over alle pagina's."},
                "limit": {"type": "integer"},
                "offset": {"type": "integer"},
                "next": {
                    "type": ["string", "null"],
                    "description": "De volgende pagina; null op de laatste.",
                },
                "data": {"type": "array", "items": {"$ref": f"#/components/schemas/rij_{r.name}"}},
            },
        }
    problem = {problems.MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/probleem"}}}
    responses = {
        code: {
            "description": text,
            "content": problem,
            "headers": {"Retry-After": {"schema": {"type": "string"}}} if code in ("429", "503") else {},
        }
        for code, text in ERRORS.items()
    }
    for code in list(responses):
        if not responses[code]["headers"]:
            del responses[code]["headers"]
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Monitor Inclusie Roma — API",
            "version": VERSION,
            "description": "Alleen lezen. De gepubliceerde cijfers van de monitor (met onthullingscontrole) "
            "en "
            "de registers, als JSON in pagina's of als hele bestanden (csv, csv-nl, parquet) met een "
            "datapackage.json. `cijfers` is hetzelfde als `python -m pipeline extract`. Fouten als "
            "application/problem+json (RFC 9457), in het Nederlands.",
            "license": {"name": "CC-BY-4.0", "identifier": "CC-BY-4.0"},
        },
        "servers": [{"url": "/api/v1"}],
        "paths": paths,
        "components": {"schemas": schemas, "responses": responses},
    }


__all__ = ["MEDIA_TYPES", "document"]
