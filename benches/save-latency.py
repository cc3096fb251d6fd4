#!/usr/bin/env python3
"""Save → PDF on disk under `jianbao watch` (or `typst watch`), as an editor feels it.

Starts the watcher on a copy of an issue, then edits an article N times (1.2 s apart,
written as an editor saves: to a temp file renamed over the article), and after each
save polls the PDF's modification time every 0.5 ms until it changes. Prints each
latency and the median, and for jianbao the median of the rebuilds' own time (from its
`build N: … in X ms` lines): the rest of a latency is waiting.

    python3 benches/save-latency.py [--bin target/release/jianbao] [--issue DIR]
                                    [--edits 10] [--debounce MS] [--in-place]
                                    [--typst TYPST]

--in-place saves as editors that write the file itself do (open, truncate, write,
close) instead of renaming a temporary file over it.

--typst TYPST measures `typst watch` instead, on the same issue ejected by jianbao
(layouts, model.json and print.json, the shipped fonts only), each edit made to model.json. The
edit is the same for both tools: a sentence added to the first paragraph of the first
article file (in model.json, to the same paragraph's text).
"""
import argparse
import json
import re
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

here = os.path.dirname(os.path.abspath(__file__))
repo = os.path.dirname(here)

ap = argparse.ArgumentParser()
ap.add_argument("--bin", default=os.path.join(repo, "target/release/jianbao"))
ap.add_argument("--issue", default=os.path.join(repo, "issues/lianluo-dongtai-2018-19"))
ap.add_argument("--edits", type=int, default=10)
ap.add_argument("--debounce", type=int, default=None)
ap.add_argument("--in-place", action="store_true")
ap.add_argument("--typst", default=None)
args = ap.parse_args()

work = tempfile.mkdtemp()
issue_dir = os.path.join(work, "issue")
shutil.copytree(args.issue, issue_dir)
issue = os.path.join(issue_dir, "issue.toml")
article = sorted(f for f in os.listdir(issue_dir) if f.endswith((".txt", ".md")) and f != "expected.txt")[0]
article = os.path.join(issue_dir, article)
# The first paragraph's opening words: where the sentence goes in.
anchor = next(l for l in open(article, encoding="utf-8").read().splitlines() if l.strip())
anchor = anchor.strip()[:12]

if args.typst:
    ej = os.path.join(work, "ejected")
    subprocess.run([args.bin, "eject", issue, ej], check=True, stdout=subprocess.DEVNULL)
    target = os.path.join(ej, "model.json")
    pdf = os.path.join(ej, "out.pdf")
    if anchor not in open(target, encoding="utf-8").read():
        sys.exit(f"the first paragraph's words {anchor!r} are not in model.json as one string")
    cmd = [args.typst, "watch", "--root", ej, "--font-path", os.path.join(repo, "fonts"),
           "--ignore-system-fonts", "--ignore-embedded-fonts",
           os.path.join(ej, "layouts/main.typ"), pdf]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
else:
    target = article
    pdf = os.path.join(issue_dir, "issue.pdf")
    cmd = [args.bin, "watch", issue]
    if args.debounce is not None:
        cmd += ["--debounce", str(args.debounce)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)

try:
    if args.typst:
        t0 = time.time()
        while not os.path.exists(pdf):
            if time.time() - t0 > 60:
                sys.exit("typst watch wrote no PDF within 60 s")
            time.sleep(0.05)
    else:
        # The first build, then the watcher's "watching" line.
        for _ in range(2):
            proc.stdout.readline()
    time.sleep(1.0)
    text = open(target, encoding="utf-8").read()
    latencies = []
    # jianbao's own time for each rebuild (its "build N: … in X ms" line): what of the
    # latency is the rebuild, and what is waiting.
    rebuilds = []
    for i in range(args.edits):
        before = os.stat(pdf).st_mtime_ns
        new_text = text.replace(anchor, anchor + f"第{i}次修改", 1)
        if args.in_place:
            start = time.perf_counter()
            with open(target, "w", encoding="utf-8") as f:
                f.write(new_text)
        else:
            tmp = target + ".tmp-save"
            with open(tmp, "w", encoding="utf-8") as f:
                f.write(new_text)
            start = time.perf_counter()
            os.replace(tmp, target)
        while os.stat(pdf).st_mtime_ns == before:
            if time.perf_counter() - start > 10:
                sys.exit("no rebuild within 10 s")
            time.sleep(0.0005)
        latencies.append((time.perf_counter() - start) * 1000)
        if not args.typst:
            m = re.search(r" in ([0-9.]+) ms", proc.stdout.readline())
            if m:
                rebuilds.append(float(m.group(1)))
        time.sleep(1.2)
finally:
    proc.terminate()
    proc.wait()
    shutil.rmtree(work, ignore_errors=True)

print("save → PDF on disk (ms):", " ".join(f"{x:.1f}" for x in latencies))
if rebuilds:
    print(f"of which the rebuild in process: median {statistics.median(rebuilds):.1f} ms")
print(f"median {statistics.median(latencies):.1f} ms, min {min(latencies):.1f}, max {max(latencies):.1f}")
