#include "registry/experiments.hpp"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "common/error.hpp"
#include "programs/programs.hpp"

namespace clp::experiments {

namespace {

std::vector<std::string> words_of(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

std::vector<std::string> split(const std::string& text, char sep) {
  std::vector<std::string> out;
  std::stringstream ss(text);
  for (std::string item; std::getline(ss, item, sep);) out.push_back(item);
  if (!text.empty() && text.back() == sep) out.push_back("");
  return out;
}

// base with `over`'s settings replacing those of the same name (appended if new).
Settings merged(Settings base, const Settings& over) {
  for (const auto& [name, value] : over) {
    auto it = std::find_if(base.begin(), base.end(), [&](const auto& s) { return s.first == name; });
    if (it != base.end())
      it->second = value;
    else
      base.push_back({name, value});
  }
  return base;
}

std::vector<std::string> to_args(const Settings& s) {
  std::vector<std::string> args;
  for (const auto& [name, value] : s) {
    // A flag's value (make sweep VARY=switch-reinit=true,false) joined to its name, the one
    // spelling a flag takes one in.
    if (value == "true" || value == "false") {
      args.push_back("--" + name + "=" + value);
      continue;
    }
    args.push_back("--" + name);
    if (!value.empty()) args.push_back(value);
  }
  return args;
}

// The program's table with these arguments parsed and every rule checked (throws clp::Error).
struct Checked {
  std::unique_ptr<programs::Program> program;
  std::unique_ptr<ParamTable> table;
};
// The program and its parameter table, declared (defaults in effect, nothing parsed).
Checked declared(const std::string& program) {
  Checked c{programs::make(program), nullptr};
  c.table = std::make_unique<ParamTable>(c.program->name(), "");
  c.program->declare(*c.table);
  return c;
}
Checked check_args(const std::string& program, const std::vector<std::string>& args) {
  Checked c = declared(program);
  c.table->parse(args);
  c.program->prepare(*c.table);
  c.table->check();
  return c;
}

// Every combination of the comma-separated values of one runs line.
std::vector<Settings> combinations(const Settings& line) {
  std::vector<Settings> out{{}};
  for (const auto& [name, values] : line) {
    std::vector<Settings> next;
    const auto list = values.empty() ? std::vector<std::string>{""} : split(values, ',');
    for (const auto& partial : out)
      for (const auto& v : list) {
        require(!v.empty() || values.empty(), "runs: '" + name + "=" + values + "' has an empty value");
        Settings s = partial;
        s.push_back({name, v});
        next.push_back(s);
      }
    out = next;
  }
  return out;
}

std::vector<long> seed_list(const std::string& spec, long seeds, const std::string& where) {
  std::vector<long> out;
  const auto w = words_of(spec);
  long upto = seeds;
  if (w.size() == 1 && w[0] == "all") {
  } else if (w.size() == 2 && w[0] == "at-least") {
    upto = std::max(seeds, std::stol(w[1]));
  } else if (w.size() == 2 && w[0] == "count") {
    upto = std::stol(w[1]);
  } else {
    require(w.size() == 1, where + ": seeds must be all, at-least K or a list such as 1,2,3 (got '" + spec + "')");
    for (const auto& s : split(w[0], ',')) {
      require(!s.empty() && s.find_first_not_of("0123456789") == std::string::npos && std::stol(s) >= 1,
              where + ": seeds '" + spec + "' is not a list of positive whole numbers");
      out.push_back(std::stol(s));
    }
    return out;
  }
  for (long s = 1; s <= upto; ++s) out.push_back(s);
  return out;
}

}  // namespace

const FigureDecl* Declaration::find(const std::string& id) const {
  for (const auto& f : figures)
    if (f.id == id) return &f;
  return nullptr;
}

Settings parse_settings(const std::string& text, const std::string& where) {
  Settings out;
  for (const auto& w : words_of(text)) {
    const auto eq = w.find('=');
    const std::string name = w.substr(0, eq), value = eq == std::string::npos ? "" : w.substr(eq + 1);
    if (std::string hyphens = name; name.find('_') != std::string::npos) {
      std::replace(hyphens.begin(), hyphens.end(), '_', '-');
      throw Error(where + ": '" + name + "' is not a flag's name: flags are written with '-' (" + hyphens + ")");
    }
    require(!name.empty() && name.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") ==
                                 std::string::npos,
            where + ": '" + w + "' is not name=value or a flag's name");
    require(eq == std::string::npos || !value.empty(), where + ": '" + w + "' has no value");
    require(std::none_of(out.begin(), out.end(), [&](const auto& s) { return s.first == name; }),
            where + ": '" + name + "' is given twice");
    out.push_back({name, value});
  }
  return out;
}

Declaration parse(const std::string& text, const std::string& source) {
  Declaration d;
  d.source = source;
  std::map<std::string, std::string> lets;
  std::istringstream in(text);
  int n = 0;
  for (std::string line; std::getline(in, line);) {
    ++n;
    const std::string where = source + ":" + std::to_string(n);
    line = line.substr(0, line.find('#'));
    auto w = words_of(line);
    if (w.empty()) continue;
    const std::string stmt = w[0];
    if (stmt == "let") {
      require(w.size() >= 3 && w[2] == "=", where + ": let needs 'let NAME = settings'");
      std::string rest;
      for (size_t i = 3; i < w.size(); ++i) rest += (rest.empty() ? "" : " ") + w[i];
      lets[w[1]] = rest;
      continue;
    }
    // $NAME stands for a let's settings.
    std::string rest;
    for (size_t i = 1; i < w.size(); ++i) {
      std::string word = w[i];
      if (word[0] == '$') {
        const auto it = lets.find(word.substr(1));
        require(it != lets.end(), where + ": " + word + " is not defined by an earlier let");
        word = it->second;
      }
      rest += (rest.empty() ? "" : " ") + word;
    }
    if (stmt == "figure") {
      require(w.size() == 2, where + ": figure needs one id");
      require(d.find(w[1]) == nullptr, where + ": figure " + w[1] + " is declared twice");
      d.figures.push_back({});
      d.figures.back().id = w[1];
      d.figures.back().line = n;
      continue;
    }
    require(!d.figures.empty(), where + ": '" + stmt + "' before the first figure line");
    FigureDecl& f = d.figures.back();
    const std::string in_fig = where + " (figure " + f.id + ")";
    if (stmt == "base")
      f.base = merged(f.base, parse_settings(rest, in_fig));
    else if (stmt == "quick")
      f.quick = merged(f.quick, parse_settings(rest, in_fig));
    else if (stmt == "runs")
      f.runs.push_back(parse_settings(rest, in_fig));
    else if (stmt == "quick-runs")
      f.quick_runs.push_back(parse_settings(rest, in_fig));
    else if (stmt == "seeds")
      f.seeds = rest;
    else if (stmt == "quick-seeds")
      f.quick_seeds = rest;
    else if (stmt == "group")
      f.group = rest;
    else if (stmt == "collect")
      f.collect = rest;
    else if (stmt == "collect-flag") {
      require(std::find(kCollectFlags.begin(), kCollectFlags.end(), rest) != kCollectFlags.end(),
              in_fig + ": collect-flag '" + rest + "' is not a flag of mc_collect (per-curve-times)");
      f.collect_flags.push_back(rest);
    } else
      throw Error(where + ": unknown statement '" + stmt +
                  "' (let, figure, base, runs, quick, quick-runs, seeds, quick-seeds, group, collect, collect-flag)");
    require(!rest.empty(), in_fig + ": " + stmt + " needs a value");
  }
  return d;
}

Declaration read(const std::string& path) {
  std::ifstream in(path);
  require(in.good(), "cannot read " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  return parse(ss.str(), path);
}

std::pair<std::string, std::vector<std::string>> sweep_values(const std::string& vary) {
  const auto eq = vary.find('=');
  const std::string name = eq == std::string::npos ? "" : vary.substr(0, eq);
  const std::string usage = "make sweep needs VARY=<parameter>=<v1>,<v2>,... (got '" + vary + "')";
  require(!name.empty() && eq + 1 < vary.size(), usage);
  std::vector<std::string> values;
  std::stringstream in(vary.substr(eq + 1));
  for (std::string v; std::getline(in, v, ',');) {
    require(!v.empty(), "VARY: '" + vary.substr(eq + 1) + "' has an empty item: " + usage);
    require(v.find_first_of(" \t=/") == std::string::npos,
            "VARY: the value '" + v + "' has a space, '=' or '/' (each value names a directory of the sweep)");
    require(std::find(values.begin(), values.end(), v) == values.end(), "VARY: the value " + v + " is given twice");
    values.push_back(v);
  }
  require(vary.back() != ',', "VARY: '" + vary.substr(eq + 1) + "' has an empty item: " + usage);
  return {name, values};
}

std::string run_id(const std::string& program, const std::vector<std::string>& args, const std::string& draws) {
  const Checked c = check_args(program, args);
  std::string id = draws == "ours" ? "" : draws + "_";
  if (program != "mc_sweep") id += program + "_";
  std::string params, seed = "1";
  for (const auto& p : c.table->params()) {
    if (p->role() != Role::kData || !p->applies()) continue;
    if (p->name() == "seed") {
      seed = p->value();
      continue;
    }
    if (p->value() == p->default_value()) continue;
    std::string v = p->value();
    std::replace(v.begin(), v.end(), ',', '+');  // run ids are listed comma-separated (mc_collect --runs)
    std::replace(v.begin(), v.end(), '/', '%');
    params += (params.empty() ? "" : "_") + p->name() + "-" + v;
  }
  return id + (params.empty() ? "defaults" : params) + "_s" + seed;
}

std::string normalized(const std::string& program, const std::vector<std::string>& args) {
  const Checked c = check_args(program, args);
  std::string out;
  for (const auto& [k, v] : c.table->provenance()) out += k + " " + v + "\n";
  return out;
}

std::vector<FigurePlan> expand(const Declaration& d, const std::vector<registry::Figure>& figures, const Options& o,
                               const std::string& set_figure, const std::string& set) {
  for (const auto& f : d.figures)
    require(std::any_of(figures.begin(), figures.end(), [&](const auto& r) { return r.id == f.id; }),
            d.source + ":" + std::to_string(f.line) + ": figure " + f.id + " is not in the registry (pipeline/figures.tsv)");
  require(set_figure.empty() || d.find(set_figure), "FIGURE=" + set_figure + " is not a figure of " + d.source);
  Settings user = parse_settings(set, "VARY");
  // make sweep's names are the program's own parameters of what a run computes, other than
  // the ones the figure's runs already vary (its curves); a list is written with + between its
  // items (VARY=switch-times=0+20000,0+40000). All checked before any run, each in one line.
  for (const auto& fig : figures) {
    if (fig.id != set_figure) continue;
    const FigureDecl* decl = d.find(fig.id);
    const Checked c = declared(fig.program);
    std::string names;
    for (const auto& p : c.table->params())
      if (p->role() == Role::kData && p->name() != "seed") names += (names.empty() ? "" : ", ") + p->name();
    for (auto& [name, value] : user) {
      const auto& params = c.table->params();
      const auto it = std::find_if(params.begin(), params.end(), [&](const auto& p) { return p->name() == name; });
      require(it != params.end(), "VARY: '" + name + "' is not a parameter of " + fig.program +
                                      ", the program of figure " + fig.id + " (its parameters: " + names + ")");
      require(name != "seed", "VARY: the seeds are not varied by make sweep: give SEEDS=<count>");
      require((*it)->role() == Role::kData,
              "VARY: '" + name + "' does not change what a run computes (an output or reporting option); " +
                  fig.program + "'s parameters that do: " + names);
      for (const auto* lines : {&decl->runs, &decl->quick_runs})
        for (const auto& line : *lines)
          require(std::none_of(line.begin(), line.end(), [&](const auto& x) { return x.first == name; }),
                  "VARY: '" + name + "' is what figure " + fig.id + " already varies (its runs lines in " + d.source +
                      "): vary another parameter, or sweep it by a runs line");
      require(!(*it)->is_flag() || value == "true" || value == "false",
              "VARY: '" + name + "' is a flag: its values are true and false (VARY=" + name + "=true,false)");
      if ((*it)->type().rfind("list", 0) == 0) std::replace(value.begin(), value.end(), '+', ',');
    }
  }
  std::vector<FigurePlan> out;
  std::map<std::string, std::string> args_of;  // run id -> its arguments, to refuse one id for two runs
  for (const auto& fig : figures) {
    const FigureDecl* decl = d.find(fig.id);
    require(decl != nullptr, d.source + " declares no figure " + fig.id +
                                 " (every figure of the registry needs a 'figure " + fig.id + "' entry)");
    const std::string where = d.source + ":" + std::to_string(decl->line) + ": figure " + fig.id;
    FigurePlan plan{fig, {}, {}, {}, decl->group, decl->collect, decl->collect_flags};
    const Settings over = merged(o.quick ? decl->quick : Settings{}, fig.id == set_figure ? user : Settings{});
    const Settings base = merged(decl->base, over);
    try {
      if (fig.recipe == "program") {
        require(decl->runs.empty() && decl->quick_runs.empty(), "a figure of recipe program has no runs lines");
        plan.args = to_args(base);
        check_args(fig.program, plan.args);
        out.push_back(plan);
        continue;
      }
      const std::string draws = fig.study() ? "ours" : o.draws;
      auto lines = o.quick && !decl->quick_runs.empty() ? decl->quick_runs : decl->runs;
      if (lines.empty()) lines.push_back({});
      plan.seeds = seed_list(o.quick && !decl->quick_seeds.empty() ? decl->quick_seeds : decl->seeds, o.seeds, where);
      require(fig.recipe != "copy" || plan.seeds.size() == 1, "a figure of recipe copy shows one run: give one seed");
      for (const auto& line : lines)
        for (const auto& point : combinations(line)) {
          // base, the point's values, then QUICK's (which shrink every run) and make sweep's.
          Settings s = merged(merged(decl->base, point), over);
          require(std::none_of(s.begin(), s.end(), [](const auto& x) { return x.first == "seed"; }),
                  "give the seeds by the seeds line, not as a parameter");
          for (long seed : plan.seeds) {
            Settings with_seed = s;
            if (seed != 1) with_seed.push_back({"seed", std::to_string(seed)});
            Run r{run_id(fig.program, to_args(with_seed), draws), fig.program, to_args(with_seed), draws, seed};
            std::string joined;
            for (const auto& a : r.args) joined += " " + a;
            const auto [it, fresh] = args_of.emplace(r.id, joined);
            require(fresh || normalized(r.program, r.args) == normalized(r.program, split(it->second.substr(1), ' ')),
                    "run " + r.id + " is declared with two different parameter sets");
            plan.runs.push_back(r);
          }
        }
    } catch (const Error& e) {
      // A run that make sweep's settings made invalid is the user's setting's fault: say so first.
      if (fig.id == set_figure) throw Error("VARY " + set + " (figure " + fig.id + "): " + e.what());
      throw Error(where + ": " + e.what());
    }
    out.push_back(plan);
  }
  return out;
}

}  // namespace clp::experiments
