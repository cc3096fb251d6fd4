#!/usr/bin/env python3
"""Whole commands side by side, their runs interleaved (A B C A B C …), so that a
machine that slows down or speeds up during the measurement weighs on all of them
alike (hyperfine runs each command's runs in a row). Prints each command's median
wall time and the ratios to the first and to the last.

    python3 benches/interleaved.py [--runs 40] [--warmup 3] \\
        -- CMD1 ARGS… ::: CMD2 ARGS… ::: CMD3 ARGS…

Used for issue 20's table (old binary, new binary, typst CLI on the ejected model):

    python3 benches/interleaved.py --runs 40 -- \\
        /work/jb-old build issues/lianluo-dongtai-2018-19/issue.toml -o /tmp/a.pdf ::: \\
        target/release/jianbao build issues/lianluo-dongtai-2018-19/issue.toml -o /tmp/b.pdf ::: \\
        typst compile --root EJ --font-path fonts --ignore-system-fonts \\
            --ignore-embedded-fonts EJ/layouts/main.typ /tmp/c.pdf
"""
import argparse
import statistics
import subprocess
import sys
import time

ap = argparse.ArgumentParser()
ap.add_argument("--runs", type=int, default=40)
ap.add_argument("--warmup", type=int, default=3)
ap.add_argument("command", nargs=argparse.REMAINDER)
args = ap.parse_args()
words = args.command[1:] if args.command[:1] == ["--"] else args.command
commands, current = [], []
for w in words:
    if w == ":::":
        commands.append(current)
        current = []
    else:
        current.append(w)
commands.append(current)
commands = [c for c in commands if c]
if not commands:
    sys.exit("no command given: -- CMD ARGS… ::: CMD ARGS…")


def run(cmd):
    t = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if done.returncode != 0:
        sys.exit(f"exit {done.returncode}: {' '.join(cmd)}")
    return (time.perf_counter() - t) * 1000


for cmd in commands:
    for _ in range(args.warmup):
        run(cmd)
times = [[] for _ in commands]
for _ in range(args.runs):
    for k, cmd in enumerate(commands):
        times[k].append(run(cmd))
medians = [statistics.median(t) for t in times]
for cmd, m, t in zip(commands, medians, times):
    print(
        f"{m:8.1f} ms  (min {min(t):.1f}, max {max(t):.1f})  "
        f"×{m / medians[0]:.2f} of the first, ×{m / medians[-1]:.2f} of the last  "
        f"{' '.join(cmd)[:90]}"
    )
