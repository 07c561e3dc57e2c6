#!/usr/bin/env bash
# Fails unless every figure id has a non-empty PDF and PNG under the figures directory.
#   pipeline/verify_figures.sh out/figures fig1_phase_large fig2_multipath_deficit ...
set -u
dir=$1; shift
bad=0
for id in "$@"; do
  for ext in pdf png; do
    f="$dir/$id.$ext"
    if [ ! -s "$f" ]; then echo "error: figure file $f is missing or empty" >&2; bad=1; fi
  done
done
if [ $bad -eq 0 ]; then [ $# -eq 1 ] && echo "the figure rendered (PDF and PNG) under $dir" || echo "all $# figures rendered (PDF and PNG) under $dir"; fi
exit $bad
