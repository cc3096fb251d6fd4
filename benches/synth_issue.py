#!/usr/bin/env python3
"""Writes a synthetic issue of about PAGES pages (the sample's masthead and footer, its
second article repeated) into OUTDIR: synth_issue.py PAGES OUTDIR"""
import pathlib
import re
import sys

pages, out = int(sys.argv[1]), pathlib.Path(sys.argv[2])
repo = pathlib.Path(__file__).resolve().parent.parent
sample = repo / "issues/lianluo-dongtai-2018-19"
out.mkdir(parents=True, exist_ok=True)
text = (sample / "02-jianyi-banli.txt").read_text(encoding="utf-8")
(out / "article.txt").write_text(text, encoding="utf-8")
toml = (sample / "issue.toml").read_text(encoding="utf-8")
head, rest = toml.split("[[article]]", 1)
footer = rest[rest.index("[footer]"):]
# With its title and byline the article takes about 2.3 pages.
n = max(1, round(pages / 2.3))
articles = "".join(
    f'[[article]]\ncolumn = "工作研究"\ntitle = "第{i + 1}篇 坚持以人民为中心"\nbyline = "测试 供稿"\nfile = "article.txt"\n\n'
    for i in range(n)
)
(out / "issue.toml").write_text(head + articles + footer, encoding="utf-8")
print(out / "issue.toml")
