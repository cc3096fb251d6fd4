#!/usr/bin/env bash
# Regenerates the reference renders that `cargo test` compares against:
# tests/reference/<issue dir>/page-N.png for every issue under issues/ (its one *.toml),
# as compact PNGs at 100 dpi. Only pages that differ are rewritten; references of pages
# an issue no longer has are removed.
#
#   tests/update-references.sh            # all issues
#   tests/update-references.sh NAME...    # only issues/NAME...
#
# Look at what changed before committing: `git status tests/reference`, and the diff
# images that a failing `cargo test` leaves in target/tmp/reference-diff/.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --locked --quiet
jianbao=target/debug/jianbao

if [ "$#" -gt 0 ]; then
  names=("$@")
else
  names=()
  for dir in issues/*/; do names+=("$(basename "$dir")"); done
fi

for name in "${names[@]}"; do
  tomls=(issues/"$name"/*.toml)
  if [ "${#tomls[@]}" -ne 1 ] || [ ! -f "${tomls[0]}" ]; then
    echo "issues/$name: expected exactly one *.toml issue file" >&2
    exit 2
  fi
  echo "== $name"
  "$jianbao" compare "${tomls[0]}" --reference "tests/reference/$name" --update --yes --compact
done
