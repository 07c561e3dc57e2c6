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
# A provenance value ("# key: value") of a data file.
meta(file, key) = system(sprintf("sed -n 's/^# %s: //p' '%s' | head -n1", key, file))
# The 8 mode colours (modes 1..8), colour-blind-safe where possible.
array modecolor[8] = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"]
