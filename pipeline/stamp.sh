#!/usr/bin/env bash
# Keeps one stamp file per program holding the program's SHA-256, rewritten only when the
# binary's content changed. Data depends on the stamp, not on the binary's timestamp, so
# relinking an unchanged program (e.g. after an edit elsewhere in the library) does not
# recompute its data.
#   pipeline/stamp.sh <bin dir> <stamp dir>
set -euo pipefail
bin=$1; stamps=$2
mkdir -p "$stamps"
for p in "$bin"/*; do
  [ -x "$p" ] && [ -f "$p" ] || continue
  s="$stamps/$(basename "$p").sha256"
  sum=$(sha256sum "$p" | cut -d' ' -f1)
  [ -f "$s" ] && [ "$(cat "$s")" = "$sum" ] || echo "$sum" > "$s"
done
