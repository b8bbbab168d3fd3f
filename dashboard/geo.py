"""Municipal and provincial boundaries from the shipped CBS/PDOK GeoJSON, ready to draw.

Coordinates are projected once (equirectangular, scaled by the cosine of the Netherlands' middle
latitude) so that the map can be drawn on plain axes with equal aspect: no map tiles, no base-map
files from the internet.
"""

from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path

import pandas as pd

from pipeline.build import resolve_reference_dir
from pipeline.config import MUNICIPALITY_MAP_FILE, PROVINCE_MAP_FILE

MID_LATITUDE = 52.2
_SCALE = math.cos(math.radians(MID_LATITUDE))
PROJECT_RAW = Path(__file__).resolve().parents[1] / "data" / "raw"


def _rings(geometry: dict) -> list[list[list[float]]]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"][0]]
    return [poly[0] for poly in geometry["coordinates"]]  # outer rings of a MultiPolygon


def _centroid(ring: list[list[float]]) -> tuple[float, float]:
    """Area-weighted centroid of a ring (the label point of a municipality)."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if a == 0:
        return ring[0][0], ring[0][1]
    return cx / (3 * a), cy / (3 * a)


def _load(path: Path, code_key: str, name_key: str) -> pd.DataFrame:
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    rows = []
    for f in features:
        xs: list[float | None] = []
        ys: list[float | None] = []
        rings = _rings(f["geometry"])
        for ring in rings:
            xs += [round(lon * _SCALE, 5) for lon, _ in ring] + [None]
            ys += [round(lat, 5) for _, lat in ring] + [None]
        largest = max(rings, key=len)
        cx, cy = _centroid([[lon * _SCALE, lat] for lon, lat in largest])
        rows.append(
            {
                "gemeente_code": f["properties"][code_key],
                "naam": f["properties"][name_key],
                "x": xs,
                "y": ys,
                "cx": cx,
                "cy": cy,
            }
        )
    return pd.DataFrame(rows)


@cache
def municipalities(raw_dir: Path = PROJECT_RAW) -> pd.DataFrame:
    """The 2024 municipalities: gemeente_code, naam, x, y (rings), cx, cy (label point)."""
    return _load(resolve_reference_dir(raw_dir) / MUNICIPALITY_MAP_FILE, "statcode", "statnaam")


@cache
def provinces(raw_dir: Path = PROJECT_RAW) -> pd.DataFrame:
    """The 2023 provinces, for their borders."""
    return _load(resolve_reference_dir(raw_dir) / PROVINCE_MAP_FILE, "statcode", "name")
