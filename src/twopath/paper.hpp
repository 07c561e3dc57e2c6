// The paper's configurations of Part A (SPEC), one function per figure: the programs' flag
// defaults, and what the tests and benchmarks run. A program's flags start from these, so
// `--help` shows the paper's value of every parameter.
#pragma once
#include "twopath/multipath.hpp"
#include "twopath/phase.hpp"

namespace clp::twopath::paper {

// Fig 1: large init (q^2 - p^2 = 1), s 10, dt 0.001, 1000 steps, D 2, 5, 8, 13, 100 starts
// p ~ N(0, 0.01^2); early deficit [0, 15), late [100, 115).
PhaseConfig fig1();

// Fig 7: small init, dt 0.01, 10^6 steps, D 2, 3, 4, one start at p = 0.005, early deficit
// [0, 5), late [500000, 510000).
PhaseConfig fig7();

// Fig 2: linear, D 4, width 100, lr 0.01, 1000 steps, deficits of 150 steps at 0, 400, 750.
MultipathConfig fig2();

// Fig 3: linear, D 3, pathway b gated for [0, 200), mode 2 lesioned from pathway a.
MultipathConfig fig3();

// Figs 11, 12: as Fig 2 with D 3 and tanh (Fig 11) or ReLU (Fig 12) after every layer.
MultipathConfig fig11();
MultipathConfig fig12();

}  // namespace clp::twopath::paper
