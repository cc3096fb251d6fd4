#!/usr/bin/env python3
"""Writes a synthetic issue of about PAGES pages (the sample's masthead and footer, its
second article repeated) into OUTDIR: synth_issue.py PAGES OUTDIR

Each copy of the article is a file of its own, and each of its paragraphs says which
copy it is in, as in a real issue, where no two articles share a file or a paragraph.
(Until December 2026 one file served every copy: a save then edited all 43 articles at
once, and Typst's caches could not tell the copies' identical paragraphs apart.)"""
import pathlib
import re
import sys

pages, out = int(sys.argv[1]), pathlib.Path(sys.argv[2])
repo = pathlib.Path(__file__).resolve().parent.parent
sample = repo / "issues/lianluo-dongtai-2018-19"
out.mkdir(parents=True, exist_ok=True)
text = (sample / "02-jianyi-banli.txt").read_text(encoding="utf-8")

def copy(i):
    """The article's text with every paragraph marked as copy i's."""
    lines = []
    for line in text.splitlines():
        if line.endswith("。"):
            line = f"{line[:-1]}（{i}）。"
        lines.append(line)
    return "\n".join(lines) + "\n"

toml = (sample / "issue.toml").read_text(encoding="utf-8")
head, rest = toml.split("[[article]]", 1)
footer = rest[rest.index("[footer]"):]
# With its title and byline the article takes about 2.3 pages.
n = max(1, round(pages / 2.3))
articles = "".join(
    f'[[article]]\ncolumn = "工作研究"\ntitle = "第{i + 1}篇 坚持以人民为中心"\nbyline = "测试 供稿"\nfile = "article-{i + 1:02}.txt"\n\n'
    for i in range(n)
)
for i in range(n):
    (out / f"article-{i + 1:02}.txt").write_text(copy(i + 1), encoding="utf-8")
(out / "issue.toml").write_text(head + articles + footer, encoding="utf-8")
print(out / "issue.toml")
