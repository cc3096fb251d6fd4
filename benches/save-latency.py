#!/usr/bin/env python3
"""Save → PDF on disk under `jianbao watch`, as an editor feels it.

Starts the watcher on a copy of an issue, then edits an article N times (1.2 s apart,
written as an editor saves: to a temp file renamed over the article), and after each
save polls the PDF's modification time every 0.5 ms until it changes. Prints each
latency and the median.

    python3 benches/save-latency.py [--bin target/release/jianbao] [--issue DIR]
                                    [--edits 10] [--debounce MS] [--in-place]

--in-place saves as editors that write the file itself do (open, truncate, write,
close) instead of renaming a temporary file over it.
"""
import argparse
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
args = ap.parse_args()

work = tempfile.mkdtemp()
issue_dir = os.path.join(work, "issue")
shutil.copytree(args.issue, issue_dir)
issue = os.path.join(issue_dir, "issue.toml")
pdf = os.path.join(issue_dir, "issue.pdf")
article = sorted(f for f in os.listdir(issue_dir) if f.endswith((".txt", ".md")) and f != "expected.txt")[0]
article = os.path.join(issue_dir, article)

cmd = [args.bin, "watch", issue]
if args.debounce is not None:
    cmd += ["--debounce", str(args.debounce)]
proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
try:
    # The first build, then the watcher's "watching" line.
    for _ in range(2):
        proc.stdout.readline()
    time.sleep(0.5)
    text = open(article, encoding="utf-8").read()
    latencies = []
    for i in range(args.edits):
        before = os.stat(pdf).st_mtime_ns
        new_text = text + f"\n第{i}次修改。\n"
        if args.in_place:
            start = time.perf_counter()
            with open(article, "w", encoding="utf-8") as f:
                f.write(new_text)
        else:
            tmp = article + ".tmp-save"
            with open(tmp, "w", encoding="utf-8") as f:
                f.write(new_text)
            start = time.perf_counter()
            os.replace(tmp, article)
        while os.stat(pdf).st_mtime_ns == before:
            if time.perf_counter() - start > 10:
                sys.exit("no rebuild within 10 s")
            time.sleep(0.0005)
        latencies.append((time.perf_counter() - start) * 1000)
        time.sleep(1.2)
finally:
    proc.terminate()
    proc.wait()
    shutil.rmtree(work, ignore_errors=True)

print("save → PDF on disk (ms):", " ".join(f"{x:.1f}" for x in latencies))
print(f"median {statistics.median(latencies):.1f} ms, min {min(latencies):.1f}, max {max(latencies):.1f}")
