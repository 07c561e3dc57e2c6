#!/usr/bin/env bash
# Runs a command and, if it succeeds, writes its wall time in seconds to a file (for the
# report's "computed in"); the command's own output files stay untouched.
#   pipeline/timed.sh <seconds file> <command> [args...]
set -euo pipefail
file=$1; shift
start=$(date +%s.%N)
"$@"
end=$(date +%s.%N)
mkdir -p "$(dirname "$file")"
awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f\n", b - a }' > "$file.tmp" && mv "$file.tmp" "$file"
