// The figure registry (pipeline/figures.tsv): the one list of the project's figures, with
// each figure's paper reference, program, recipe, data file and title. The Makefile
// (pipeline/registry.sh), CMake (src/CMakeLists.txt), the claim checker and the report read
// the same file; CMake compiles its text into the library.
#pragma once
#include <string>
#include <vector>

namespace clp::registry {

struct Figure {
  std::string id;       // data in out/data/<id>/, figure out/figures/<id>.{pdf,png}
  std::string part;     // "A" two-pathway model, "B" matrix completion (the paper), "C" our studies
  std::string paper;    // where it is in the paper ("Fig 1", "Sec. 4", "appendix", "ours")
  std::string program;  // the program that computes its data
  std::string recipe;   // "program", "collect" or "copy" (src/apps/pipeline_plan.cpp)
  std::string data;     // the file the recipe writes last, in out/data/<id>/
  std::string title;    // what it shows, one line

  // A study beyond the paper (part C): made by make studies, its claims are hypotheses
  // (holds / does not hold) that never decide whether the paper is reproduced.
  bool study() const { return part == "C"; }
};

// Every figure, in the registry's (paper) order.
const std::vector<Figure>& figures();

// The figure with this id; throws clp::Error naming the id and the registry otherwise.
const Figure& figure(const std::string& id);

// Parses registry text (the format of pipeline/figures.tsv); throws clp::Error naming
// `source` and the row on a malformed row, a duplicated id, or an empty registry.
std::vector<Figure> parse(const std::string& text, const std::string& source);

// The registry's text as compiled into the library.
const char* text();

}  // namespace clp::registry
