# Shared style of every figure. The caller sets data (data directory), outbase (output
# path without extension), fmt ("pdf" or "png"), and W, H (size in inches).
# Figures read only data files; they never recompute anything.
if (fmt eq "pdf") {
  set terminal pdfcairo enhanced color font "Helvetica,10" size W, H linewidth 1.0
  set output outbase.".pdf"
} else {
  set terminal pngcairo enhanced color font "Helvetica,10" size W*110, H*110 linewidth 1.0
  set output outbase.".png"
}
set datafile separator "\t"
set datafile commentschars "#"
set datafile columnheaders
set grid back lc rgb "#dddddd" lw 0.5
set border lw 0.8
set tics out nomirror scale 0.6
# A provenance value ("# key: value") of a data file. A missing line is an error naming the file
# and the key (stderr), and stops the script (the undefined variable), never an empty string.
meta(file, key) = (_meta = system(sprintf("v=$(sed -n 's/^# %s: //p' '%s' | head -n1); [ -n \"$v\" ] && printf '%%s' \"$v\" || echo \"error: %s has no provenance line '# %s: ...'\" >&2", key, file, file, key)), \
  _meta ne "" ? _meta : missing_provenance_line)
# Colour of curve i (1..8): the categorical palette every figure uses.
color(i) = int(i) == 1 ? 0x1f77b4 : int(i) == 2 ? 0xd62728 : int(i) == 3 ? 0x2ca02c : int(i) == 4 ? 0xff7f0e : \
           int(i) == 5 ? 0x9467bd : int(i) == 6 ? 0x8c564b : int(i) == 7 ? 0xe377c2 : 0x17becf
# Colour of singular value i of n (summer-like: 1 dark green ... n light yellow).
svcolor(i, n) = int(255 * (i - 1.0) / (n > 1 ? n - 1 : 1)) * 65536 + int(128 + 127 * (i - 1.0) / (n > 1 ? n - 1 : 1)) * 256 + 102
# The distinct values of column `col` of a data file, numerically sorted, space-separated. A
# missing column is an error naming the file and the column, and stops the script.
distinct(file, col) = (_distinct = system(sprintf("awk -F'\t' '/^#/ {next} !h {for (i = 1; i <= NF; i++) if ($i == \"%s\") c = i; h = 1; if (!c) { print \"error: %s has no column %s\" > \"/dev/stderr\"; exit 1 } next} NF {print $c}' '%s' | sort -g | uniq | tr '\\n' ' '", col, file, col, file)), \
  _distinct ne "" ? _distinct : missing_column)
