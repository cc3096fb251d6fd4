#!/usr/bin/env bash
# Time and peak memory of jianbao on inputs far larger than a real bulletin:
#   - one article of 5 MB (about 1.7 million characters),
#   - an issue of 1,000 articles (each a short paragraph, each with its own title).
# Each is built with the default limits and with [limits] raised so that it is laid
# out, and the median of several runs is printed with the peak RSS (GNU time).
#
#   bash benches/large-inputs.sh [JIANBAO_BINARY] [RUNS]
#
# JIANBAO_BINARY defaults to target/release/jianbao (built if missing). Give an
# older binary to compare before and after.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/release/jianbao}
runs=${2:-3}
if [ ! -x "$bin" ]; then cargo build --release --locked >/dev/null; fi
[ -x /usr/bin/time ] || { echo "needs GNU time (apt-get install time)"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

head_toml() {
  cat <<EOF
$1
[bulletin]
title = "联络动态"
unit = "某某委员会编"
[issue]
number = 1
date = 2026-01-05
EOF
}

# One article of 5 MB: paragraphs of 100 characters.
mkdir -p "$work/big" "$work/big-raised"
python3 - "$work/big/a.txt" <<'EOF'
import sys
para = ("全国人民代表大会常务委员会联络工作委员会召开座谈会，听取代表意见建议。" * 3)[:100] + "\n"
with open(sys.argv[1], "w", encoding="utf-8") as f:
    size = 0
    while size < 5 * 1024 * 1024:
        f.write(para); size += len(para.encode())
EOF
cp "$work/big/a.txt" "$work/big-raised/a.txt"
# An older jianbao has no [limits] (and no page limit): leave the table out for it.
limits=$'\n[limits]\npages = 100000'
grep -q "article_mb" "$bin" || limits=""
for d in big big-raised; do
  extra=""
  [ "$d" = big-raised ] && extra=$limits
  { head_toml ""; printf '[[article]]\ntitle = "长文"\nfile = "a.txt"\n%s\n' "$extra"; } > "$work/$d/issue.toml"
done

# 1,000 articles.
mkdir -p "$work/many"
{ head_toml ""
  for i in $(seq 1 1000); do
    printf '[[article]]\ntitle = "第%s篇　工作动态"\nfile = "a%s.txt"\n' "$i" "$i"
    printf '各地认真贯彻落实会议精神，推动工作取得新进展。第%s篇。\n' "$i" > "$work/many/a$i.txt"
  done
  printf '%s\n' "$limits"
} > "$work/many/issue.toml"

measure() {
  local name=$1 issue=$2
  local times=() rss=() code=0
  for _ in $(seq 1 "$runs"); do
    set +e
    /usr/bin/time -f "%e %M" -o "$work/t" "$bin" build "$issue" -o "$work/out.pdf" >/dev/null 2>"$work/err"
    code=$?
    set -e
    read -r t m < <(tail -1 "$work/t")
    times+=("$t"); rss+=("$m")
  done
  local med_t med_m
  med_t=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  med_m=$(printf '%s\n' "${rss[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  local first
  first=$(grep -m1 -v '^\s*$' "$work/err" | cut -c1-110 || true)
  printf '| %-34s | exit %s | %8.2f s | %8.1f MiB | %s\n' "$name" "$code" "$med_t" "$(echo "$med_m / 1024" | bc -l)" "$first"
}

echo "binary: $bin, $runs runs each (median)"
measure "5 MB article, default limits" "$work/big/issue.toml"
measure "5 MB article, [limits] pages raised" "$work/big-raised/issue.toml"
measure "1,000 articles" "$work/many/issue.toml"
