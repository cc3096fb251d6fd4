"""Prints, for every body line (16 pt) that ends in ，, the room its last mark has:
the distance in pt from the mark's origin to the right edge of the text block (the
edge being where the lines that end in a Han character end).
    python3 tests/line_end_marks.py FILE.pdf"""
import sys

import pymupdf

doc = pymupdf.open(sys.argv[1])
edge, marks = 0.0, []
for page in doc:
    for block in page.get_text("rawdict")["blocks"]:
        for line in block.get("lines", []):
            chars = [c for span in line["spans"] if abs(span["size"] - 16) < 0.1
                     for c in span["chars"]]
            if not chars:
                continue
            last = chars[-1]
            if last["c"] == "，":
                marks.append(last["origin"][0])
            elif "\u4e00" <= last["c"] <= "\u9fff":
                edge = max(edge, last["bbox"][2])
for x in marks:
    print(f"{edge - x:.2f}")
