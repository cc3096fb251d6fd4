#!/usr/bin/env bash
# Where a rebuild's time goes under `jianbao watch`: the median of each stage (read,
# check, layout, pdf, write; `watch --timings`) over N saves of the first article of a
# copy of an issue, a sentence added each time, written to a temp file and renamed over
# the article as editors save. The first rebuild is left out (it pays what the first
# save fills in). The in-process side of `save-latency.py`.
#
#     bash benches/watch-stages.sh BIN ISSUE_DIR [SAVES]
#     bash benches/watch-stages.sh target/release/jianbao issues/lianluo-dongtai-2018-19 20
set -euo pipefail
bin=$(realpath "$1"); src=$2; n=${3:-20}
work=$(mktemp -d)
pid=""
trap 'if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; fi; rm -rf "$work"' EXIT
cp -r "$src"/. "$work"/
cd "$work"
article=$(find . -maxdepth 1 \( -name '*.txt' -o -name '*.md' \) ! -name expected.txt | sort | head -1)
"$bin" watch issue.toml --timings >"$work/out" 2>&1 &
pid=$!
sleep 3
for _ in $(seq 1 "$n"); do
  python3 - "$article" <<'PY'
import os, sys
p = sys.argv[1]
lines = open(p, encoding="utf-8").read().splitlines()
for k, line in enumerate(lines):
    if line.strip() and k > 2:
        lines[k] = line + "又一句话。"
        break
open(p + ".tmp", "w", encoding="utf-8").write("\n".join(lines) + "\n")
os.replace(p + ".tmp", p)
PY
  sleep 0.8
done
kill "$pid" 2>/dev/null || true
sleep 0.3
python3 - "$work/out" <<'PY'
import collections, re, statistics, sys
stages = collections.defaultdict(list)
for line in open(sys.argv[1]):
    if line.startswith("timings:"):
        for k, v in re.findall(r"(\w+) ([\d.]+)", line.split("(ms")[0]):
            stages[k].append(float(v))
        stages["all"].append(float(re.search(r"ms; ([\d.]+) in all", line).group(1)))
if not stages:
    sys.exit("no rebuild was timed")
print(" ".join(f"{k} {statistics.median(v[1:] or v):.1f}" for k, v in stages.items()),
      f"(ms, medians of {len(stages['all']) - 1} saves)")
PY
