#!/usr/bin/env python3
"""Measures the page grid of a jianbao PDF from the glyph positions (PyMuPDF) and prints
JSON: the text block's edges in mm, characters on full lines, lines on full pages, and
where the page numbers sit. Used by tests/grid.rs; usable by hand:

    python3 tests/measure_grid.py OUT.pdf [--body-size 16]
"""
import json
import re
import sys

import pymupdf

PT2MM = 25.4 / 72


def is_cjk(c):
    o = ord(c)
    return 0x3400 <= o <= 0x9FFF or 0x20000 <= o <= 0x3FFFF or 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF or c in "“”‘’—…·"


def main():
    path = sys.argv[1]
    body = float(sys.argv[sys.argv.index("--body-size") + 1]) if "--body-size" in sys.argv else 16.0
    doc = pymupdf.open(path)
    out = {"pages": []}
    for pno, page in enumerate(doc):
        # Coordinates relative to the trim box (if any), in points, y down.
        trim = page.trimbox
        ox, oy = trim.x0, trim.y0
        lines = {}
        numbers = []
        small = {}
        raw = page.get_text("rawdict")
        for block in raw["blocks"]:
            for line in block.get("lines", []):
                for span in line["spans"]:
                    size = span["size"]
                    chars = span["chars"]
                    if abs(size - 14) < 0.2 and chars:
                        # A page number may be several spans: its digits can come
                        # from a Latin font, its dashes from the CJK font. Joined by
                        # baseline after the page is read.
                        small.setdefault(round(chars[0]["origin"][1], 1), []).extend(chars)
                        continue
                    if abs(size - body) > 0.2:
                        continue
                    for ch in chars:
                        if ch["c"].isspace():
                            continue
                        y = round(ch["origin"][1] - oy, 1)
                        lines.setdefault(y, []).append(ch)
        for y, chars in sorted(small.items()):
            chars.sort(key=lambda c: c["bbox"][0])
            text = "".join(ch["c"] for ch in chars)
            if re.fullmatch(r"\s*—\s*\d+\s*—\s*", text):
                xs = [ch["bbox"][0] for ch in chars] + [ch["bbox"][2] for ch in chars]
                numbers.append({
                    "text": text.strip(),
                    "left_mm": (min(xs) - ox) * PT2MM,
                    "right_mm": (max(xs) - ox) * PT2MM,
                    # the middle of the em box: where the dash's stroke sits
                    "dash_mm": (y - oy - 0.38 * 14) * PT2MM,
                })
        body_lines = []
        for y, chars in sorted(lines.items()):
            chars.sort(key=lambda c: c["bbox"][0])
            text = "".join(c["c"] for c in chars)
            body_lines.append({
                "baseline_pt": y,
                "top_mm": (y - 0.88 * body) * PT2MM,
                "bottom_mm": (y + 0.12 * body) * PT2MM,
                "left_mm": (chars[0]["bbox"][0] - ox) * PT2MM,
                "right_mm": (chars[-1]["bbox"][2] - ox) * PT2MM,
                "chars": len(chars),
                "all_cjk": all(is_cjk(c["c"]) for c in chars),
                "text": text,
            })
        rules = []
        for d in page.get_drawings():
            for item in d["items"]:
                if item[0] == "l" and abs(item[1].y - item[2].y) < 0.01:
                    rules.append({
                        "y_mm": (item[1].y - oy) * PT2MM,
                        "x0_mm": (min(item[1].x, item[2].x) - ox) * PT2MM,
                        "x1_mm": (max(item[1].x, item[2].x) - ox) * PT2MM,
                        "width_mm": (d.get("width") or 0) * PT2MM,
                        "black": all(v < 0.3 for v in (d.get("color") or (1, 1, 1))),  # K100 via CMYK→RGB is dark grey
                    })
        other = sorted({round(span["size"], 1) for b in raw["blocks"] for l in b.get("lines", []) for span in l["spans"]})
        out["pages"].append({"page": pno + 1, "lines": body_lines, "numbers": numbers, "rules": rules, "sizes": other})
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
