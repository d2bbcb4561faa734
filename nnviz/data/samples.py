"""Write the small made-up CSV files shipped in resources/data, to try CSV import on:

    python -m nnviz.data.samples resources/data

synthetic-fruit.csv          classification: weight, diameter and skin roughness of apples, lemons and
                             oranges (150 rows, label column "fruit", text).
synthetic-house-prices.csv   regression: area, rooms, age and distance to the centre of houses, and their
                             price in thousands (200 rows, target column "price_k").

The numbers are drawn at random from simple made-up rules (seeded, so the files are reproducible); they
are not measurements. Their columns have very different units, which is what standardisation is for.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import numpy as np

__all__ = ["FRUIT_FILE", "HOUSES_FILE", "write_samples"]

FRUIT_FILE = "synthetic-fruit.csv"
HOUSES_FILE = "synthetic-house-prices.csv"


def _fruit(rng: np.random.Generator, per_class: int = 50) -> tuple[list[str], list[list]]:
    # (weight g, diameter cm, roughness 0..1): mean and spread of each
    kinds = {
        "apple": ((180, 25), (7.5, 0.5), (0.10, 0.05)),
        "lemon": ((110, 15), (5.8, 0.4), (0.55, 0.10)),
        "orange": ((200, 25), (8.0, 0.5), (0.70, 0.10)),
    }
    rows = []
    for name, ((w, sw), (d, sd), (r, sr)) in kinds.items():
        for _ in range(per_class):
            rows.append([round(rng.normal(w, sw)), round(rng.normal(d, sd), 1),
                         round(float(np.clip(rng.normal(r, sr), 0, 1)), 2), name])
    order = rng.permutation(len(rows))
    return ["weight_g", "diameter_cm", "roughness", "fruit"], [rows[i] for i in order]


def _houses(rng: np.random.Generator, n: int = 200) -> tuple[list[str], list[list]]:
    area = rng.uniform(40, 220, n)
    rooms = np.clip(np.round(area / 30 + rng.normal(0, 0.7, n)), 1, 8)
    age = rng.uniform(0, 80, n)
    distance = rng.gamma(2.0, 3.0, n)
    price = 60 + 2.4 * area + 12 * rooms - 0.9 * age - 9 * distance + rng.normal(0, 12, n)
    rows = [[round(a), int(r), round(g), round(d, 1), round(p, 1)]
            for a, r, g, d, p in zip(area, rooms, age, distance, price)]
    return ["area_m2", "rooms", "age_years", "distance_km", "price_k"], rows


def write_samples(target: str | Path, seed: int = 2026) -> list[Path]:
    """Write both sample files into `target` (created if needed); returns their paths."""
    target = Path(target)
    target.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    paths = []
    for name, (header, rows) in ((FRUIT_FILE, _fruit(rng)), (HOUSES_FILE, _houses(rng))):
        path = target / name
        with open(path, "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(header)
            writer.writerows(rows)
        paths.append(path)
    return paths


if __name__ == "__main__":
    for written in write_samples(sys.argv[1] if len(sys.argv) > 1 else "resources/data"):
        print(written)
