#include "registry/registry.hpp"

#include <set>
#include <sstream>

#include "common/error.hpp"

namespace clp::registry {

std::vector<Figure> parse(const std::string& text, const std::string& source) {
  std::vector<Figure> out;
  std::set<std::string> ids;
  std::istringstream in(text);
  std::string line;
  for (int row = 1; std::getline(in, line); ++row) {
    if (line.empty() || line[0] == '#' || line.find_first_not_of(" \t") == std::string::npos) continue;
    std::vector<std::string> f;
    std::string item;
    std::istringstream ls(line);
    while (std::getline(ls, item, '\t')) f.push_back(item);
    const std::string where = source + ", row " + std::to_string(row) + ": ";
    if (f.size() != 7)
      throw Error(where + "has " + std::to_string(f.size()) +
                  " tab-separated fields, want 7 (id part paper program recipe data title)");
    Figure g{f[0], f[1], f[2], f[3], f[4], f[5], f[6]};
    if (g.id.empty() || g.id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") != std::string::npos)
      throw Error(where + "id '" + g.id + "' is not lower-case letters, digits and _");
    if (!ids.insert(g.id).second) throw Error(where + "id '" + g.id + "' is listed twice");
    if (g.part != "A" && g.part != "B" && g.part != "C") throw Error(where + "part '" + g.part + "' is not A, B or C");
    if (g.recipe != "program" && g.recipe != "collect" && g.recipe != "copy")
      throw Error(where + "recipe '" + g.recipe + "' is not program, collect or copy");
    const std::string stem = g.data.size() > 4 ? g.data.substr(0, g.data.size() - 4) : "";
    if (stem.empty() || g.data.substr(stem.size()) != ".tsv" ||
        stem.find_first_not_of("abcdefghijklmnopqrstuvwxyz_") != std::string::npos)
      throw Error(where + "data file '" + g.data + "' is not a .tsv file name");
    out.push_back(std::move(g));
  }
  if (out.empty()) throw Error(source + ": no figures listed");
  return out;
}

const std::vector<Figure>& figures() {
  static const std::vector<Figure> all = parse(text(), "pipeline/figures.tsv");
  return all;
}

const Figure& figure(const std::string& id) {
  for (const Figure& f : figures())
    if (f.id == id) return f;
  throw Error("no figure '" + id + "' in the registry (pipeline/figures.tsv)");
}

}  // namespace clp::registry
