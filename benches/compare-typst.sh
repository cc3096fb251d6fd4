#!/usr/bin/env bash
# Whole-process benchmark, side by side in one run: `jianbao build` against the Typst
# CLI of the same Typst version compiling the same document (the layouts and model that
# `jianbao eject` writes) with the same font files; the sample issue and a 100-page
# synthetic issue; wall time (hyperfine: median, min–max) and peak memory
# (/usr/bin/time -v: median of max RSS). Prints the ratio jianbao / typst for each row.
#
#     bash benches/compare-typst.sh            # RUNS=15 by default
#
# Needs hyperfine and GNU time (apt-get install hyperfine time). Installs typst-cli
# with `cargo install typst-cli --version <ours> --locked` unless NO_INSTALL=1; without
# it the typst rows are skipped with a message.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-15}
version=$(awk '/^name = "typst"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)

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

peak_kib() { # median of max RSS over 5 runs
  for _ in 1 2 3 4 5; do /usr/bin/time -v "$@" 2>&1 >/dev/null | awk '/Maximum resident/ {print $6}'; done |
    sort -n | sed -n 3p
}

rows=()
for spec in "sample:issues/lianluo-dongtai-2018-19/issue.toml" "synth100:$work/synth100/issue.toml"; do
  name=${spec%%:*}; issue=${spec#*:}
  "$jb" eject "$issue" "$work/$name-typst" >/dev/null
  cmds=("$jb build $issue -o $work/$name-jb.pdf")
  if [ -n "$typst" ]; then
    cmds+=("$typst compile --root $work/$name-typst --font-path fonts --ignore-system-fonts --ignore-embedded-fonts $work/$name-typst/layouts/main.typ $work/$name-typst.pdf")
  fi
  hyperfine --style none --warmup 2 --runs "$RUNS" --export-json "$work/$name.json" "${cmds[@]}" >/dev/null
  mem_jb=$(peak_kib $jb build "$issue" -o "$work/$name-jb.pdf")
  mem_ty=""
  [ -n "$typst" ] && mem_ty=$(peak_kib $typst compile --root "$work/$name-typst" --font-path fonts --ignore-system-fonts --ignore-embedded-fonts "$work/$name-typst/layouts/main.typ" "$work/$name-typst.pdf")
  pages=$(pdfinfo "$work/$name-jb.pdf" 2>/dev/null | awk '/^Pages/ {print $2}')
  rows+=("$name|$pages|$work/$name.json|$mem_jb|$mem_ty")
done

python3 - "${rows[@]}" <<'PY'
import json, statistics, sys
print(f"{'row':<28} {'median ms':>10} {'min–max ms':>16} {'peak MiB':>9} {'ratio jb/typst':>15}")
for row in sys.argv[1:]:
    name, pages, path, mem_jb, mem_ty = row.split("|")
    res = json.load(open(path))["results"]
    t = [statistics.median(r["times"]) * 1000 for r in res]
    lo = [min(r["times"]) * 1000 for r in res]
    hi = [max(r["times"]) * 1000 for r in res]
    label = f"{name} ({pages} pages)"
    print(f"{'jianbao build ' + label:<28} {t[0]:>10.1f} {lo[0]:>7.1f}–{hi[0]:<8.1f} {int(mem_jb)/1024:>9.1f}")
    if len(t) > 1:
        print(f"{'typst compile ' + label:<28} {t[1]:>10.1f} {lo[1]:>7.1f}–{hi[1]:<8.1f} {int(mem_ty)/1024:>9.1f}"
              f" {t[0]/t[1]:>8.2f} time, {int(mem_jb)/int(mem_ty):.2f} memory")
PY
