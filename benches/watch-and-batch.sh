#!/usr/bin/env bash
# The measurements issues 9 and 20 ask for besides the benchmark table:
#   watch: `jianbao watch` on a copy of the sample issue, ten edits of an article (one
#          paragraph changed each time, 1.5 s apart); prints each rebuild's line and
#          the median;
#   save → PDF on disk: what an editor feels, from the save to the new PDF, for
#          `jianbao watch` (renamed and in-place saves) and `typst watch` on the same
#          ejected document, the sample and a 98-page issue (benches/save-latency.py);
#   batch: the shipped issues and three synthetic ones (12, 16, 20 pages) built as one
#          directory with -j 1 and -j 2 (hyperfine, RUNS runs each); prints wall-time
#          medians and the ratio.
#
#     bash benches/watch-and-batch.sh          # RUNS=5 by default
#
# Release profile. Needs hyperfine (apt-get install hyperfine).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
cargo build --release --locked --quiet
jb=$PWD/target/release/jianbao
work=$(mktemp -d)
trap 'kill "${watch_pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT

# ── watch ──────────────────────────────────────────────────────────────────────
mkdir "$work/w"
cp issues/lianluo-dongtai-2018-19/* "$work/w/"
article="$work/w/02-jianyi-banli.txt"
"$jb" watch "$work/w/issue.toml" >"$work/watch.log" 2>&1 &
watch_pid=$!
for _ in $(seq 50); do grep -q "^watching" "$work/watch.log" && break; sleep 0.1; done
for i in $(seq 10); do
  sleep 1.5
  python3 - "$article" "$i" <<'PY'
import sys
path, i = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
# One paragraph edited: a phrase of the first paragraph with the edit's number.
first, rest = text.split("\n", 1)
first = first.replace("今年1月初", f"今年1月初（第{i}稿）", 1) if "今年1月初" in first else first + f"第{i}稿"
open(path, "w", encoding="utf-8").write(first + "\n" + rest)
PY
done
sleep 2
kill "$watch_pid"; wait "$watch_pid" 2>/dev/null || true
echo "watch: ten edits of $(basename "$article")"
grep "^build" "$work/watch.log" | sed 's/ → .*//'
grep "^build" "$work/watch.log" | tail -n +2 | sed -E 's/.* in ([0-9.]+) ms.*/\1/' |
  python3 -c 'import statistics,sys; t=[float(x) for x in sys.stdin]; print(f"rebuilds: {len(t)}, median {statistics.median(t):.1f} ms, min–max {min(t):.1f}–{max(t):.1f} ms")'

# ── save → PDF on disk, jianbao watch beside typst watch ───────────────────────
# What an editor feels: from the save to the new PDF on disk (benches/save-latency.py),
# the sample and a 98-page synthetic issue; typst watch on the same ejected document
# when typst-cli of our Typst version is installed.
version=$(awk '/^name = "typst"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
python3 benches/synth_issue.py 98 "$work/synth98" >/dev/null
for spec in "sample:issues/lianluo-dongtai-2018-19" "synth98:$work/synth98"; do
  name=${spec%%:*}; dir=${spec#*:}
  echo "save → PDF on disk, $name, 10 edits:"
  echo "  jianbao watch (temp file renamed over the article):"
  python3 benches/save-latency.py --bin "$jb" --issue "$dir" | sed 's/^/    /'
  echo "  jianbao watch (written in place):"
  python3 benches/save-latency.py --bin "$jb" --issue "$dir" --in-place | sed 's/^/    /'
  if command -v typst >/dev/null && typst --version | grep -q " $version"; then
    echo "  typst watch (model.json renamed over):"
    python3 benches/save-latency.py --bin "$jb" --issue "$dir" --typst "$(command -v typst)" | sed 's/^/    /'
  else
    echo "  typst $version not installed (cargo install typst-cli --version $version --locked): typst row skipped"
  fi
done
echo

# ── batch ──────────────────────────────────────────────────────────────────────
# Different issues, not copies of one: Typst remembers layouts across the builds of one
# process, so that with -j 1 each copy of one issue was laid out from the one before's
# cache (20 copies of the sample: -j 1 0.64 s, -j 2 0.82 s, the wrong way round).
mkdir "$work/b"
for d in issues/*/; do cp -r "$d" "$work/b/"; done
for k in 1 2 3; do python3 benches/synth_issue.py $((8 + k * 4)) "$work/b/synth-$k" >/dev/null; done
echo
echo "batch: $(ls "$work/b" | wc -l) different issues ($(nproc) cores)"
hyperfine --style none --warmup 1 --runs "$RUNS" --export-json "$work/batch.json" \
  "$jb build $work/b -j 1" "$jb build $work/b -j 2" >/dev/null
python3 - "$work/batch.json" <<'PY'
import json, statistics, sys
res = json.load(open(sys.argv[1]))["results"]
t = [statistics.median(r["times"]) for r in res]
for r, m in zip(res, t):
    print(f"  {r['command'].split()[-2:]!s:<16} median {m:.3f} s, min–max {min(r['times']):.3f}–{max(r['times']):.3f} s")
print(f"  -j 1 / -j 2: {t[0] / t[1]:.2f}×")
PY
