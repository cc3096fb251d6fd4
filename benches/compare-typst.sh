#!/usr/bin/env bash
# Speed and memory, side by side in one run (issue 9):
#   (a) a cold `jianbao build` of the sample issue, as a process;
#   (b) `typst compile` (the Typst CLI of our Typst version) on the same document — the
#       layouts and model that `jianbao eject` writes — with the same font files;
#   (c) both on a 100-page synthetic issue;
#   (d) an in-process rebuild after a one-paragraph edit, the world kept warm (what
#       `jianbao watch` does; the divan bench `rebuild_after_one_paragraph_edit`);
#   (e) peak memory of each (GNU time: max RSS);
#   (f) both on the photo issue and on an issue whose article is a Word file, for
#       what photos and Word files cost (the Typst CLI compiles the ejected model and
#       photos: reading the .docx is jianbao's alone).
# Wall times by hyperfine (median, min–max); memory the median of 5 runs. Then where
# jianbao's time goes, stage by stage (`build --timings`, median of RUNS runs).
#
#     bash benches/compare-typst.sh            # RUNS=15 by default
#
# Release profile. Needs hyperfine and GNU time (apt-get install hyperfine time).
# Installs typst-cli with `cargo install typst-cli --version <ours> --locked` unless
# NO_INSTALL=1; without it the typst rows are skipped with a message.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-15}
version=$(awk '/^name = "typst"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)

for tool in hyperfine /usr/bin/time python3 pdfinfo; do
  command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install hyperfine time poppler-utils)" >&2; exit 2; }
done

cargo build --release --locked --quiet
jb=$PWD/target/release/jianbao

typst=""
if command -v typst >/dev/null && typst --version | grep -q " $version"; then
  typst=$(command -v typst)
elif [ "${NO_INSTALL:-0}" != 1 ]; then
  cargo install typst-cli --version "$version" --locked --quiet && typst=$(command -v typst) || true
fi
[ -n "$typst" ] || echo "typst $version is not installed: typst rows skipped"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 benches/synth_issue.py 100 "$work/synth100" >/dev/null
# What the newer inputs cost: an article from Word (the LibreOffice-made fixture with a
# table and a photo) and the photo issue (an RGB JPEG and a PNG, grayed for print).
mkdir "$work/word"
cp tests/fixtures/docx/tongxun.docx "$work/word/"
cat >"$work/word/issue.toml" <<'TOML'
[bulletin]
title = "工作通讯"
[issue]
number = 1
date = 2026-09-01
[[article]]
title = "县政协开展民生实事协商"
file = "tongxun.docx"
[footer]
editors = ["王芳"]
TOML

peak_kib() { # median of max RSS over 5 runs
  for _ in 1 2 3 4 5; do /usr/bin/time -v "$@" 2>&1 >/dev/null | awk '/Maximum resident/ {print $6}'; done |
    sort -n | sed -n 3p
}

rows=()
for spec in "sample:issues/lianluo-dongtai-2018-19/issue.toml" "synth100:$work/synth100/issue.toml" \
  "photos:issues/gongzuo-tongxun-2026-09/issue.toml" "word:$work/word/issue.toml"; do
  name=${spec%%:*}; issue=${spec#*:}
  "$jb" eject "$issue" "$work/$name-typst" >/dev/null
  ty_args=(compile --root "$work/$name-typst" --font-path fonts --ignore-system-fonts --ignore-embedded-fonts
           "$work/$name-typst/layouts/main.typ" "$work/$name-typst.pdf")
  cmds=("$jb build $issue -o $work/$name-jb.pdf")
  [ -n "$typst" ] && cmds+=("$typst ${ty_args[*]}")
  hyperfine --style none --warmup 2 --runs "$RUNS" --export-json "$work/$name.json" "${cmds[@]}" >/dev/null
  mem_jb=$(peak_kib "$jb" build "$issue" -o "$work/$name-jb.pdf")
  mem_ty=0
  [ -n "$typst" ] && mem_ty=$(peak_kib "$typst" "${ty_args[@]}")
  pages=$(pdfinfo "$work/$name-jb.pdf" 2>/dev/null | awk '/^Pages/ {print $2}')
  ty_pages=0
  [ -n "$typst" ] && ty_pages=$(pdfinfo "$work/$name-typst.pdf" 2>/dev/null | awk '/^Pages/ {print $2}')
  # Stage by stage.
  for _ in $(seq "$RUNS"); do
    "$jb" build "$issue" -o "$work/$name-jb.pdf" --timings 2>&1 >/dev/null | sed -n 's/^timings: //p'
  done >"$work/$name.stages"
  rows+=("$name|$pages|$ty_pages|$work/$name.json|$mem_jb|$mem_ty|$work/$name.stages")
done

# (d): divan's median of the in-process rebuild after a one-paragraph edit.
rebuild=$(cargo bench --locked --quiet --bench build -- rebuild_after_one_paragraph_edit 2>/dev/null |
  awk -F'│' '/rebuild_after_one_paragraph_edit/ {print $1 "|" $2 "|" $3}')

python3 - "$rebuild" "${rows[@]}" <<'PY'
import json, re, statistics, sys
rebuild, rows = sys.argv[1], sys.argv[2:]
print(f"{'row':<34} {'median ms':>10} {'min–max ms':>17} {'peak MiB':>9}   jianbao/typst")
stages = {}
for row in rows:
    name, pages, ty_pages, path, mem_jb, mem_ty, stage_file = row.split("|")
    res = json.load(open(path))["results"]
    t = [statistics.median(r["times"]) * 1000 for r in res]
    lo = [min(r["times"]) * 1000 for r in res]
    hi = [max(r["times"]) * 1000 for r in res]
    print(f"{'jianbao build ' + name + ' (' + pages + ' pp)':<34} {t[0]:>10.1f} {lo[0]:>8.1f}–{hi[0]:<8.1f} {int(mem_jb)/1024:>9.1f}")
    if len(t) > 1:
        print(f"{'typst compile ' + name + ' (' + ty_pages + ' pp)':<34} {t[1]:>10.1f} {lo[1]:>8.1f}–{hi[1]:<8.1f} {int(mem_ty)/1024:>9.1f}"
              f"   time {t[0]/t[1]:.2f}×, memory {int(mem_jb)/int(mem_ty):.2f}×")
    per = {}
    for line in open(stage_file):
        for part in re.sub(r" \(ms;.*", "", line.strip()).split(", "):
            stage, ms = part.rsplit(" ", 1)
            per.setdefault(stage, []).append(float(ms))
    stages[name] = {k: statistics.median(v) for k, v in per.items()}
if rebuild:
    # divan's columns: name and fastest, slowest, median.
    nums = [re.search(r"([\d.]+)\s*(ms|µs|s)\b", c) for c in rebuild.split("|")]
    def ms(m):
        v, u = float(m.group(1)), m.group(2)
        return v * {"ms": 1, "µs": 0.001, "s": 1000}[u]
    print(f"{'rebuild, one-paragraph edit (in-process)':<34} {ms(nums[2]):>10.1f} {ms(nums[0]):>8.1f}–{ms(nums[1]):<8.1f} {'':>9}   target < 100 ms")
print()
print("where jianbao's time goes (median ms per stage, in-process, from build --timings):")
names = list(stages)
keys = list(dict.fromkeys(k for s in stages.values() for k in s))
print(f"  {'stage':<10}" + "".join(f"{n:>12}" for n in names))
for k in keys:
    print(f"  {k:<10}" + "".join(f"{stages[n].get(k, 0):>12.1f}" for n in names))
print(f"  {'in all':<10}" + "".join(f"{sum(stages[n].values()):>12.1f}" for n in names))
PY
