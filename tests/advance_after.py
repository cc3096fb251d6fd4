"""Prints the advance of the first occurrence of a character in a PDF: the distance
from its origin to the origin of the character after it on the same line, in pt.
    python3 tests/advance_after.py FILE.pdf CHAR"""
import sys

import pymupdf

doc = pymupdf.open(sys.argv[1])
want = sys.argv[2]
for page in doc:
    for block in page.get_text("rawdict")["blocks"]:
        for line in block.get("lines", []):
            chars = [c for span in line["spans"] for c in span["chars"]]
            for a, b in zip(chars, chars[1:]):
                if a["c"] == want:
                    print(f"{b['origin'][0] - a['origin'][0]:.2f}")
                    sys.exit(0)
sys.exit(1)
