// The Python module `clp`: the library's computing programs as functions returning numpy
// arrays. Nothing is declared here: a function's keyword arguments are its program's
// parameters (programs/programs.hpp), turned into "--name value" tokens and parsed and
// checked by that program's own ParamTable, so names, defaults, validation and error text
// are the command line's. The computation is the library call the program's main makes
// (src/apps/<program>.cpp), run without the interpreter lock; the training loops' progress
// hook (common/progress.hpp) brings Ctrl-C and an optional progress callback into them.
//
//   import clp
//   r = clp.mc_sweep(depth=3, switch_times=[0, 20000, 40000], seed=1)
//   r["t_switch"], r["test_error"], r["provenance"]["lr"]
//
// Errors: a bad argument raises ValueError with the program's error text (what the
// program prints after "<program>: error: "); a run that fails (e.g. diverged) raises
// clp.RunError, a RuntimeError, as the program exits 2; Ctrl-C raises KeyboardInterrupt
// within a fraction of a second; an exception raised by the progress callback stops the
// run and propagates.
#include <algorithm>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <cstring>
#include <deque>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "common/convergence.hpp"
#include "common/error.hpp"
#include "common/format.hpp"
#include "common/tsv.hpp"
#include "common/params.hpp"
#include "common/progress.hpp"
#include "completion/gemm.hpp"
#include "completion/problem_file.hpp"
#include "completion/sv_compare.hpp"
#include "completion/sweep.hpp"
#include "completion/trace.hpp"
#include "programs/programs.hpp"
#include "twopath/lr_sweep.hpp"
#include "twopath/multipath.hpp"
#include "twopath/phase.hpp"

#ifndef CLP_VERSION
#define CLP_VERSION "unknown"
#endif

namespace clp::python {
// Written at build time by python/build_info.cmake.
extern const char kBuildId[];
extern const char kLibrarySha256[];
}  // namespace clp::python

namespace py = pybind11;
using namespace clp;

namespace {

// clp.RunError, set at import.
PyObject* run_error = nullptr;

// --- Keyword arguments to command-line tokens ------------------------------------------

// The command-line text of one value: bools true/false, integers in decimal, floats by
// repr() (the shortest text that reads back as the same double), paths by os.fspath,
// sequences (lists, tuples, numpy arrays) comma-separated, anything else by str().
std::string value_text(const py::handle& v) {
  if (py::isinstance<py::bool_>(v) || py::isinstance(v, py::module_::import("numpy").attr("bool_")))
    return v.cast<bool>() ? "true" : "false";
  if (py::isinstance<py::str>(v)) return v.cast<std::string>();
  if (py::hasattr(v, "__fspath__")) return py::module_::import("os").attr("fspath")(v).cast<std::string>();
  if (py::isinstance<py::array>(v)) return value_text(v.attr("tolist")());
  if (py::isinstance<py::list>(v) || py::isinstance<py::tuple>(v)) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : ",") + value_text(x);
    return s;
  }
  if (PyIndex_Check(v.ptr())) return py::str(py::reinterpret_steal<py::object>(PyNumber_Index(v.ptr())));
  if (PyFloat_Check(v.ptr()) || py::hasattr(v, "__float__"))
    return py::repr(py::float_(py::reinterpret_borrow<py::object>(v))).cast<std::string>();
  return py::str(v).cast<std::string>();
}

// "--name value" per keyword (a flag: "--name" or "--name=false"; None: the default),
// in the order given. A keyword names parameter `name` with '-' for '_'; an unknown one
// is passed on for the program's parser to refuse (config= is the parser's own --config,
// a TOML file of name = "value" lines such as a run's config.toml). --out is the programs' only: these
// functions write no files.
std::vector<std::string> tokens(const ParamTable& t, const py::kwargs& kw) {
  std::vector<std::string> args;
  for (const auto& [key, value] : kw) {
    if (value.is_none()) continue;
    std::string name = key.cast<std::string>();
    for (char& c : name)
      if (c == '_') c = '-';
    const Param* param = nullptr;
    for (const auto& p : t.params())
      if (p->name() == name) param = p.get();
    if (param && param->role() == Role::kOutput)
      throw py::value_error("--" + name + ": the Python functions return their data and write no files (the program " +
                            t.program() + " writes them)");
    if (param && param->is_flag()) {
      const std::string text = value_text(value);
      args.push_back(text == "true" ? "--" + name : "--" + name + "=" + text);
    } else {
      args.insert(args.end(), {"--" + name, value_text(value)});
    }
  }
  return args;
}

// A program's parameter table, parsed from keywords and checked as its main does
// (common/app.cpp run_program: parse, check, prepare, check). Errors become ValueError.
struct Call {
  std::unique_ptr<programs::Program> program;
  std::unique_ptr<ParamTable> table;
  py::object progress;  // the callback, or None
};

Call parse_call(const std::string& name, py::kwargs kw) {
  Call c;
  c.progress = py::none();
  if (kw.contains("progress")) {
    c.progress = kw["progress"];
    PyDict_DelItemString(kw.ptr(), "progress");
    if (!c.progress.is_none() && !PyCallable_Check(c.progress.ptr()))
      throw py::value_error("progress: give a callable progress(label, done, total), or None");
  }
  c.program = programs::make(name);
  c.table = std::make_unique<ParamTable>(c.program->name(), c.program->summary());
  c.program->declare(*c.table);
  try {
    if (!c.table->parse(tokens(*c.table, kw)))
      throw py::value_error("--help is not a keyword: see help(clp." + name + ")");
    c.table->check();
    c.program->prepare(*c.table);
    c.table->check();
  } catch (const Error& e) {
    throw py::value_error(e.what());
  }
  return c;
}

// --- Running without the interpreter lock ----------------------------------------------

// The Python side of one running call, for the progress hook on the call's thread.
struct RunState {
  py::object callback;
  std::unique_ptr<py::error_already_set> error;  // what stopped the run
};
thread_local RunState* running = nullptr;

// The library's progress hook (set at import), called on the computing thread at most
// every Progress::kHookSeconds: takes the lock, lets Python run its signal handlers (Ctrl-C
// raises KeyboardInterrupt there) and calls the callback. A Python exception stops the run.
bool progress_hook(const std::string& label, double done, double total) {
  RunState* state = running;
  if (!state) return true;  // a run not started by this module
  if (state->error) return false;
  py::gil_scoped_acquire gil;
  try {
    if (PyErr_CheckSignals() != 0) throw py::error_already_set();
    if (!state->callback.is_none()) state->callback(label, done, total);
  } catch (py::error_already_set& e) {
    state->error = std::make_unique<py::error_already_set>(std::move(e));
    return false;
  }
  return true;
}

// Runs body() without the lock. clp::Error (a failed run) becomes clp.RunError with the
// program's text; an interruption re-raises the Python exception that caused it.
template <typename F>
auto run_unlocked(const Call& call, F&& body) {
  RunState state{call.progress, nullptr};
  struct Scope {
    RunState* previous;
    explicit Scope(RunState* s) : previous(running) { running = s; }
    ~Scope() { running = previous; }
  } scope(&state);
  try {
    auto result = [&] {
      py::gil_scoped_release unlocked;
      return body();
    }();
    // Ctrl-C or the callback's exception at the very end (Progress::finish) still counts.
    if (state.error) throw py::error_already_set(std::move(*state.error));
    return result;
  } catch (const Interrupted&) {
    if (state.error) throw py::error_already_set(std::move(*state.error));
    throw;
  } catch (const Error& e) {
    PyErr_SetString(run_error, e.what());
    throw py::error_already_set();
  }
}

// --- Results ----------------------------------------------------------------------------

template <typename T>
py::array_t<T> array1(const std::vector<T>& v) {
  py::array_t<T> a(static_cast<py::ssize_t>(v.size()));
  if (!v.empty()) std::memcpy(a.mutable_data(), v.data(), v.size() * sizeof(T));
  return a;
}

// Equal-shaped matrices stacked: count by rows by cols.
py::array_t<double> stack(const std::vector<const Eigen::MatrixXd*>& ms) {
  const py::ssize_t rows = ms.empty() ? 0 : ms[0]->rows(), cols = ms.empty() ? 0 : ms[0]->cols();
  py::array_t<double> a({static_cast<py::ssize_t>(ms.size()), rows, cols});
  auto r = a.mutable_unchecked<3>();
  for (size_t k = 0; k < ms.size(); ++k)
    for (py::ssize_t i = 0; i < rows; ++i)
      for (py::ssize_t j = 0; j < cols; ++j) r(static_cast<py::ssize_t>(k), i, j) = (*ms[k])(i, j);
  return a;
}

py::object strings(const std::vector<std::string>& v) {
  py::list l;
  for (const auto& s : v) l.append(s);
  return py::module_::import("numpy").attr("array")(l, "str");
}

// Every column of a data file's rows (the DataTable its program writes, common/tsv.hpp) into
// d, under the file's column name: int64 if every cell is an integer, float64 if every cell is
// a number, else str. The file and the dict come from the same table, so no column is lost.
void add_columns(py::dict& d, const DataTable& t) {
  for (size_t c = 0; c < t.columns().size(); ++c) {
    bool all_long = true, all_number = true;
    for (size_t r = 0; r < t.rows(); ++r) {
      const auto& x = t.cell(r, c);
      all_long = all_long && std::holds_alternative<long>(x);
      all_number = all_number && !std::holds_alternative<std::string>(x);
    }
    const std::string& name = t.columns()[c];
    if (all_long) {
      std::vector<long> v;
      for (size_t r = 0; r < t.rows(); ++r) v.push_back(std::get<long>(t.cell(r, c)));
      d[py::str(name)] = array1(v);
    } else if (all_number) {
      std::vector<double> v;
      for (size_t r = 0; r < t.rows(); ++r) {
        const auto& x = t.cell(r, c);
        v.push_back(std::holds_alternative<long>(x) ? static_cast<double>(std::get<long>(x)) : std::get<double>(x));
      }
      d[py::str(name)] = array1(v);
    } else {
      std::vector<std::string> v;
      for (size_t r = 0; r < t.rows(); ++r)
        v.push_back(std::visit(
            [](const auto& x) -> std::string {
              if constexpr (std::is_same_v<std::decay_t<decltype(x)>, std::string>) return x;
              else return format_double(static_cast<double>(x));
            },
            t.cell(r, c)));
      d[py::str(name)] = strings(v);
    }
  }
}

// The values in effect, as the programs' data files state them: program, version, the
// arithmetic, then every data parameter that applies ("# key: value" lines).
py::dict provenance(const Call& call) {
  py::dict d;
  d["program"] = call.table->program();
  d["version"] = CLP_VERSION;
  d["arithmetic"] = clp::completion::gemm::arithmetic();
  for (const auto& [k, v] : call.table->provenance()) d[py::str(k)] = v;
  return d;
}

// --- The functions ----------------------------------------------------------------------

py::dict mc_sweep(py::kwargs kw) {
  Call call = parse_call("mc_sweep", std::move(kw));
  auto& p = static_cast<programs::McSweep&>(*call.program);
  const completion::SweepResult res =
      run_unlocked(call, [&] { return completion::run_sweep(p.cfg, p.problem ? &*p.problem : nullptr); });
  py::dict d;
  add_columns(d, completion::sweep_table(res, p.cfg));
  d["init_norm"] = res.init_norm;
  d["draw_crc32"] = res.draw_crc32;
  d["draws"] = res.draws;
  if (p.cfg.sv_every > 0) {
    std::vector<long> sv_t, sv_step;
    py::array_t<double> sv({static_cast<py::ssize_t>(res.sv.size()), static_cast<py::ssize_t>(p.cfg.sv_count)});
    auto r = sv.mutable_unchecked<2>();
    for (size_t k = 0; k < res.sv.size(); ++k) {
      sv_t.push_back(res.sv[k].t_switch);
      sv_step.push_back(res.sv[k].step);
      for (int i = 0; i < p.cfg.sv_count; ++i) r(static_cast<py::ssize_t>(k), i) = res.sv[k].sv[i];
    }
    d["sv_t_switch"] = array1(sv_t);
    d["sv_step"] = array1(sv_step);
    d["sv"] = sv;
  }
  d["provenance"] = provenance(call);
  return d;
}

py::dict mc_trace(py::kwargs kw) {
  Call call = parse_call("mc_trace", std::move(kw));
  auto& p = static_cast<programs::McTrace&>(*call.program);
  const completion::Trace tr = run_unlocked(call, [&] { return completion::run_trace(*p.problem, p.p.cfg); });
  std::vector<const Eigen::MatrixXd*> layers;
  for (const auto& w : tr.layers) layers.push_back(&w);
  py::dict d;
  add_columns(d, completion::trajectory_table(tr));
  d["status"] = convergence::name(tr.status);  // the file's '# status:' verdict
  d["layers"] = stack(layers);
  d["provenance"] = provenance(call);
  return d;
}

py::dict mc_sv_ode(py::kwargs kw) {
  Call call = parse_call("mc_sv_ode", std::move(kw));
  auto& p = static_cast<programs::McSvOde&>(*call.program);
  const auto rows = run_unlocked(call, [&] { return completion::run_ode_vs_gd(p.cfg); });
  py::dict d;
  add_columns(d, completion::ode_vs_gd_table(rows));
  d["provenance"] = provenance(call);
  return d;
}

py::dict multipath(const std::string& name, py::kwargs kw) {
  Call call = parse_call(name, std::move(kw));
  auto& p = static_cast<programs::Multipath&>(*call.program);
  const twopath::MultipathData res = run_unlocked(call, [&] { return twopath::run_multipath(p.cfg); });
  std::vector<long> starts, steps;
  std::vector<std::string> status;
  std::vector<const Eigen::MatrixXd *> ka, kb, ka_ode, kb_ode, fa, fb;
  std::vector<Eigen::MatrixXd> losses;
  for (const auto& r : res.runs) {
    starts.push_back(r.deficit_start);
    status.push_back(convergence::name(r.status));
    ka.push_back(&r.gd.Ka), kb.push_back(&r.gd.Kb), fa.push_back(&r.gd.final_Ka), fb.push_back(&r.gd.final_Kb);
    ka_ode.push_back(&r.Ka_ode), kb_ode.push_back(&r.Kb_ode);
    losses.push_back(Eigen::Map<const Eigen::MatrixXd>(r.gd.loss.data(), 1, static_cast<Eigen::Index>(r.gd.loss.size())));
  }
  std::vector<const Eigen::MatrixXd*> loss_rows;
  for (const auto& l : losses) loss_rows.push_back(&l);
  for (long t = 0; t <= p.cfg.train.steps; ++t) steps.push_back(t);
  py::dict d;
  d["s"] = array1(std::vector<double>(res.data.s.data(), res.data.s.data() + res.data.s.size()));
  const Eigen::VectorXd& d0 = res.runs.front().gd.d;
  d["d"] = array1(std::vector<double>(d0.data(), d0.data() + d0.size()));
  d["deficit_starts"] = array1(starts);
  // Each run's verdict, as the file's '# status_runs:' (deficit start: status) and its worst
  // as '# status:'.
  d["status"] = strings(status);
  d["step"] = array1(steps);
  d["Ka_gd"] = stack(ka);
  d["Kb_gd"] = stack(kb);
  if (p.cfg.with_ode()) {
    d["Ka_ode"] = stack(ka_ode);
    d["Kb_ode"] = stack(kb_ode);
  }
  d["loss"] = stack(loss_rows).attr("reshape")(starts.size(), steps.size());
  d["final_Ka"] = stack(fa);
  d["final_Kb"] = stack(fb);
  d["provenance"] = provenance(call);
  return d;
}

py::dict phase(const std::string& name, py::kwargs kw) {
  Call call = parse_call(name, std::move(kw));
  auto& p = static_cast<programs::Phase&>(*call.program);
  const twopath::PhaseData res = run_unlocked(call, [&] { return twopath::run_phase(p.cfg); });
  py::list paths;
  for (const auto& r : res.runs) {
    py::array_t<double> path({static_cast<py::ssize_t>(r.path.size()), py::ssize_t{3}});
    auto a = path.mutable_unchecked<2>();
    for (size_t i = 0; i < r.path.size(); ++i) {
      const auto k = static_cast<py::ssize_t>(i);
      a(k, 0) = static_cast<double>(r.path[i].step), a(k, 1) = r.path[i].Ka, a(k, 2) = r.path[i].Kb;
    }
    paths.append(path);
  }
  py::dict d;
  add_columns(d, twopath::endpoints_table(res));
  d["paths"] = paths;
  d["provenance"] = provenance(call);
  return d;
}

py::dict twopath_lr(py::kwargs kw) {
  Call call = parse_call("twopath_lr", std::move(kw));
  auto& p = static_cast<programs::TwopathLr&>(*call.program);
  const auto runs = run_unlocked(call, [&] { return twopath::run_lr_sweep(p.cfg); });
  py::dict d;
  add_columns(d, twopath::lr_runs_table(runs));
  d["provenance"] = provenance(call);
  return d;
}

// --- Documentation from the declarations -------------------------------------------------

std::string keyword(const std::string& name) {
  std::string k = name;
  for (char& c : k)
    if (c == '-') c = '_';
  return k;
}

// The keyword arguments of a program: name, type, default, unit, help, when it applies.
py::list parameters(const std::string& program) {
  const auto& names = programs::names();
  if (std::find(names.begin(), names.end(), program) == names.end()) {
    std::string list;
    for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
    throw py::value_error("no program " + program + ": one of " + list + " (clp.programs())");
  }
  auto p = programs::make(program);
  ParamTable t(p->name(), p->summary());
  p->declare(t);
  py::list out;
  for (const auto& q : t.params()) {
    if (q->role() == Role::kOutput) continue;
    py::dict d;
    d["keyword"] = keyword(q->name());
    d["flag"] = "--" + q->name();
    d["type"] = q->type();
    d["default"] = q->default_value();
    d["unit"] = q->unit_text();
    d["help"] = q->help();
    d["applies_when"] = q->applies_text();
    out.append(d);
  }
  return out;
}

std::deque<std::string> docs;  // the functions' docstrings (pybind11 keeps the pointers)

const char* doc(const std::string& program, const std::string& returns) {
  auto p = programs::make(program);
  ParamTable t(p->name(), p->summary());
  p->declare(t);
  std::string s = program + "(*, progress=None, **parameters) -> dict\n\n" + t.summary() +
                  "\n\nThe program " + program + " as a function: the keyword arguments are its parameters (--name as\n"
                  "name, '-' written '_'; lists as Python lists; flags as True/False; None = the default), parsed and\n"
                  "checked as on its command line (ValueError with the program's error text). config='file.toml'\n"
                  "reads a run's config.toml. progress=callable(label, done, total) is called about every 0.1 s.\n\n"
                  "Keyword arguments (default in brackets):\n";
  for (const auto& q : t.params()) {
    if (q->role() == Role::kOutput) continue;
    s += "    " + keyword(q->name()) + ": " + q->help();
    if (!q->unit_text().empty()) s += ", in " + q->unit_text();
    if (!q->applies_text().empty()) s += " (with " + q->applies_text() + ")";
    s += q->is_flag() ? " [False]" : " [" + q->default_value() + "]";
    s += "\n";
  }
  s += "\nReturns a dict of numpy arrays:\n" + returns +
       "    provenance: dict, the values in effect as the data files state them (program, version, arithmetic, parameters)\n";
  docs.push_back(std::move(s));
  return docs.back().c_str();
}

}  // namespace

PYBIND11_MODULE(clp, m) {
  m.doc() =
      "Kleinman, Achille, Soatto (ICLR 2024), 'Critical Learning Periods Emerge Even in Deep Linear Networks':\n"
      "the C++ reproduction's programs as functions returning numpy arrays. Every function takes its program's\n"
      "parameters as keyword arguments (see clp.parameters(name) and help(clp.<name>)).";
  m.attr("__version__") = CLP_VERSION;
  static py::exception<Error> exc(m, "RunError", PyExc_RuntimeError);
  run_error = exc.ptr();
  set_progress_hook(progress_hook);

  const std::string mc_sweep_returns =
      "    every column of final_error.tsv, one entry per switch time (k,): the parameter columns, t_switch,\n"
      "      test_error, excess_error, train_loss (after the last step) and status (str: converged,\n"
      "      still-learning, oscillating, stalled; docs/validity.md): int64 if every value is an integer,\n"
      "      float64 if a number, else str\n"
      "    init_norm: float, ||W||_F at step 0; draws: 'ours' or the problem file's; draw_crc32: str, what\n"
      "      identifies the random draw (tasks, observed entries, initialization)\n"
      "    with sv_every > 0: sv_t_switch, sv_step: int64 (m,), sv: float64 (m, sv_count), the top singular\n"
      "      values of W per branch (t_switch) and step, the deficit phase included in every branch\n";
  m.def("mc_sweep", &mc_sweep, doc("mc_sweep", mc_sweep_returns));
  m.def("mc_trace", &mc_trace,
        doc("mc_trace",
            "    step: int64, train_loss, test_error: float64 (steps,), before each iteration's update (the\n"
            "      columns of trajectory.tsv); status: str, the verdict on the last phase (its '# status:')\n"
            "    layers: float64 (D, N, N), W_1 .. W_D after the last update\n"));
  m.def("mc_sv_ode", &mc_sv_ode,
        doc("mc_sv_ode",
            "    n, total_steps, step, index: int64 (rows,); sv_gd, sv_ode: float64 (rows,), the rows of\n"
            "      singular_values.tsv (index 1-based, descending); status: str (rows,), the run's verdict\n"));
  const std::string multipath_returns =
      "    s, d: float64 (modes,), target singular values of Y^T X and initial per-mode values\n"
      "    deficit_starts: int64 (runs,); status: str (runs,), each run's verdict ('# status_runs:');\n"
      "      step: int64 (steps + 1,)\n"
      "    Ka_gd, Kb_gd: float64 (runs, steps + 1, modes), diag of U^T W_x V after each step (every step;\n"
      "      record_every thins the program's file only); Ka_ode, Kb_ode: the per-mode ODE (linear only)\n"
      "    loss: float64 (runs, steps + 1); final_Ka, final_Kb: float64 (runs, 15, 8), U^T W_x V at the end\n";
  for (const char* name : {"fig2_multipath_deficit", "fig3_gate_lesion", "fig11_nonlinear_tanh", "fig12_nonlinear_relu"}) {
    const std::string n = name;
    m.def(name, [n](py::kwargs kw) { return multipath(n, std::move(kw)); }, doc(n, multipath_returns));
  }
  const std::string phase_returns =
      "    deficit: str (runs,), 'early' or 'late'; depth, run: int64 (runs,); Ka, Kb: float64 (runs,), the\n"
      "      final values; status: str (runs,) (the columns of endpoints.tsv)\n"
      "    paths: list of float64 (points, 3) arrays, columns step, Ka, Kb (the recorded trajectory)\n";
  for (const char* name : {"fig1_phase_large", "fig7_phase_small"}) {
    const std::string n = name;
    m.def(name, [n](py::kwargs kw) { return phase(n, std::move(kw)); }, doc(n, phase_returns));
  }
  m.def("twopath_lr", &twopath_lr,
        doc("twopath_lr",
            "    depth, seed, steps, deficit_steps, first_rise: int64 (runs,); lr, share, Ka1, Kb1, final_loss:\n"
            "      float64 (runs,); status: str (runs,), monotone, oscillating or diverged; validity: str (runs,),\n"
            "      the validity verdict (converged, still-learning, ...): every column of runs.tsv\n"));

  m.def(
      "programs",
      [] {
        py::list l;
        for (const auto& n : programs::names()) l.append(n);
        return l;
      },
      "The programs (every one is a function of this module).");
  m.def("parameters", &parameters, py::arg("program"),
        "The keyword arguments of a program, from its declaration: dicts with keyword, flag, type, default,\n"
        "unit, help and applies_when.");
  m.def(
      "build_info",
      [] {
        py::dict d;
        d["version"] = CLP_VERSION;
        d["build_id"] = std::string(python::kBuildId);
        d["library_sha256"] = std::string(python::kLibrarySha256);
        d["library"] = CLP_LIBRARY_FILE;
        d["programs_dir"] = CLP_PROGRAMS_DIR;
        d["source_dir"] = CLP_SOURCE_DIR;
        d["compiler"] = CLP_COMPILER;
        d["build_type"] = CLP_BUILD_TYPE;
        return d;
      },
      "What this module was built from: version; build_id (the first 16 hex digits of a SHA-256 over the\n"
      "library's sources, see\n"
      "python/build_info.cmake); library_sha256 and library (the archive linked in); programs_dir (the\n"
      "command-line programs of the same build); source_dir; compiler; build_type.");
}
