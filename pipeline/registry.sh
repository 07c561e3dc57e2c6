#!/bin/sh
# Turns the figure registry (pipeline/figures.tsv) into make variables, on stdout:
#   FIGURE_IDS, FIGURES_A/B/C (by part: A and B the paper's figures, C the studies), FIGURES_program/collect/copy (by recipe),
#   FIGURE_PROGRAMS (each program once, for CMake), <id>_DATA, <id>_PROGRAM, <id>_PART.
# A malformed registry is one error line naming the file and row, and exit status 2.
set -eu
reg=${1:?usage: registry.sh pipeline/figures.tsv}
awk -F'\t' -v file="$reg" '
  function fail(msg) { printf "%s, row %d: %s\n", file, NR, msg > "/dev/stderr"; bad = 1; exit 2 }
  /^#/ || /^[ \t]*$/ { next }
  {
    if (NF != 7) fail("has " NF " tab-separated fields, want 7 (id part paper program recipe data title)")
    if ($1 !~ /^[a-z][a-z0-9_]*$/) fail("id \"" $1 "\" is not lower-case letters, digits and _")
    if ($1 in seen) fail("id \"" $1 "\" is listed twice")
    if ($2 !~ /^[ABC]$/) fail("part \"" $2 "\" is not A, B or C")
    if ($5 !~ /^(program|collect|copy)$/) fail("recipe \"" $5 "\" is not program, collect or copy")
    if ($6 !~ /^[a-z_]+\.tsv$/) fail("data file \"" $6 "\" is not a .tsv file name")
    if (!($4 in prog)) { prog[$4] = 1; programs = programs " " $4 }
    seen[$1] = 1; ids = ids " " $1; part[$2] = part[$2] " " $1; recipe[$5] = recipe[$5] " " $1
    vars = vars $1 "_DATA := " $6 "\n" $1 "_PROGRAM := " $4 "\n" $1 "_PART := " $2 "\n"
  }
  END {
    if (bad) exit 2
    if (ids == "") { printf "%s: no figures listed\n", file > "/dev/stderr"; exit 2 }
    print "# generated from " file " by pipeline/registry.sh: edit the registry, not this file"
    print "FIGURE_IDS :=" ids
    print "FIGURES_A :=" part["A"]; print "FIGURES_B :=" part["B"]; print "FIGURES_C :=" part["C"]
    print "FIGURES_program :=" recipe["program"]; print "FIGURES_collect :=" recipe["collect"]
    print "FIGURES_copy :=" recipe["copy"]
    print "FIGURE_PROGRAMS :=" programs
    printf "%s", vars
  }' "$reg"
