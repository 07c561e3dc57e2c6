#include "common/cli.hpp"

#include <CLI/CLI.hpp>
#include <charconv>
#include <cmath>
#include <iostream>
#include <sstream>
#include <type_traits>

#include "common/error.hpp"

namespace clp {

std::string format_double(double x) {
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, x);
  return std::string(buf, res.ptr);
}

namespace {

template <typename T>
T parse_number(const std::string& name, const std::string& text) {
  T value{};
  const char* first = text.data();
  const char* last = text.data() + text.size();
  auto res = std::from_chars(first, last, value);
  if (text.empty() || res.ec != std::errc() || res.ptr != last)
    throw Error("option --" + name + ": '" + text + "' is not a valid number");
  if constexpr (std::is_floating_point_v<T>)
    if (!std::isfinite(value)) throw Error("option --" + name + ": '" + text + "' is not a finite number");
  return value;
}

template <typename T>
std::vector<T> parse_list(const std::string& name, const std::string& text) {
  std::vector<T> out;
  // Every item must be a number: "1,,2", ",1" and "1," are errors, not silently shorter lists.
  if (text.empty()) throw Error("option --" + name + ": empty list (give comma-separated numbers, e.g. 1,2,3)");
  size_t start = 0;
  while (true) {
    const size_t comma = text.find(',', start);
    const std::string item = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (item.empty())
      throw Error("option --" + name + ": '" + text + "' has an empty item (a comma too many?)");
    out.push_back(parse_number<T>(name, item));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

template <typename T>
std::string to_text(const T& v) {
  if constexpr (std::is_same_v<T, double>) return format_double(v);
  else return std::to_string(v);
}

template <typename T>
std::string list_text(const std::vector<T>& v) {
  std::string s;
  for (size_t i = 0; i < v.size(); ++i) s += (i ? "," : "") + to_text(v[i]);
  return s;
}

}  // namespace

Cli::Cli(std::string program, std::string summary)
    : program_(std::move(program)), summary_(std::move(summary)), app_(std::make_unique<CLI::App>(summary_, program_)) {
  app_->set_help_flag();  // --help is handled before CLI11 parses (our help text, first)
  app_->set_config("--config", "", "read options from this TOML file (name = \"value\" lines; the command line wins)");
  app_->allow_config_extras(CLI::config_extras_mode::error);
}

Cli::~Cli() = default;

void Cli::add(const std::string& name, const std::string& help, bool is_flag,
              std::function<void(const std::string&)> set, std::function<std::string()> get) {
  Option opt;
  opt.name = name, opt.help = help, opt.is_flag = is_flag, opt.set = std::move(set), opt.get = std::move(get);
  opt.default_text = opt.current = opt.get();
  options_.push_back(std::move(opt));
  const size_t i = options_.size() - 1;  // by index: options_ may grow
  // Every value is taken as text and converted by our own parsers (the one-line errors
  // above); a second occurrence is kept by CLI11 and refused after parsing.
  CLI::Option* o = is_flag ? app_->add_flag_callback("--" + name, [this, i] { options_[i].set(""); }, help)
                           : app_->add_option_function<std::string>(
                                 "--" + name,
                                 [this, i](const std::string& v) {
                                   options_[i].set(v);
                                   options_[i].current = options_[i].get();
                                 },
                                 help);
  o->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
}

void Cli::option(const std::string& name, double* v, const std::string& help) {
  add(name, help, false, [=](const std::string& t) { *v = parse_number<double>(name, t); },
      [=] { return format_double(*v); });
}
void Cli::option(const std::string& name, int* v, const std::string& help) {
  add(name, help, false, [=](const std::string& t) { *v = parse_number<int>(name, t); },
      [=] { return std::to_string(*v); });
}
void Cli::option(const std::string& name, long* v, const std::string& help) {
  add(name, help, false, [=](const std::string& t) { *v = parse_number<long>(name, t); },
      [=] { return std::to_string(*v); });
}
void Cli::option(const std::string& name, std::string* v, const std::string& help) {
  add(name, help, false, [=](const std::string& t) { *v = t; }, [=] { return *v; });
}
void Cli::option(const std::string& name, std::vector<int>* v, const std::string& help) {
  add(name, help, false, [=](const std::string& t) { *v = parse_list<int>(name, t); },
      [=] { return list_text(*v); });
}
void Cli::option(const std::string& name, std::vector<long>* v, const std::string& help) {
  add(name, help, false, [=](const std::string& t) { *v = parse_list<long>(name, t); },
      [=] { return list_text(*v); });
}
void Cli::option(const std::string& name, std::vector<double>* v, const std::string& help) {
  add(name, help, false, [=](const std::string& t) { *v = parse_list<double>(name, t); },
      [=] { return list_text(*v); });
}
void Cli::flag(const std::string& name, bool* v, const std::string& help) {
  add(name, help, true, [=](const std::string&) { *v = true; },
      [=] { return std::string(*v ? "true" : "false"); });
}

bool Cli::parse(int argc, char** argv) {
  for (int i = 1; i < argc; ++i)
    if (std::string(argv[i]) == "--help" || std::string(argv[i]) == "-h") {
      std::cout << help();
      return false;
    }
  try {
    app_->parse(argc, argv);
  } catch (const CLI::ExtrasError& e) {
    throw Error(std::string(e.what()) + " (unknown option or stray argument; see --help)");
  } catch (const CLI::ArgumentMismatch& e) {  // "--depth: 1 required TEXT missing"
    const std::string m = e.what();
    throw Error("option " + m.substr(0, m.find(':')) + " needs a value");
  } catch (const CLI::ConfigError& e) {
    throw Error("--config: " + std::string(e.what()) + " (an option this program does not have? see --help)");
  } catch (const CLI::FileError& e) {
    throw Error("--config: " + std::string(e.what()));
  } catch (const CLI::ParseError& e) {
    std::string m = e.what();
    for (char& c : m)
      if (c == '\n') c = ' ';
    throw Error(m);
  }
  for (auto& o : options_) {
    const CLI::Option* opt = app_->get_option("--" + o.name);
    if (opt->count() > 1) throw Error("option --" + o.name + " is given twice: keep one");
    o.given = opt->count() > 0;
  }
  return true;
}

std::string Cli::config_text() const {
  std::string out = "# " + program_ + ": the options of this run (" + program_ +
                    " --config <this file> computes the same data; the command line wins over it)\n";
  for (const auto& o : options_) {
    if (o.is_flag || o.name == "out") continue;
    std::string quoted;
    for (char c : o.get()) {
      if (c == '"' || c == '\\') quoted += '\\';
      quoted += c;
    }
    out += o.name + " = \"" + quoted + "\"\n";
  }
  return out;
}

const std::string* Cli::value_of(const std::string& name) const {
  for (const auto& o : options_)
    if (o.name == name && !o.is_flag) return &o.current;
  return nullptr;
}

bool Cli::given(const std::string& name) const {
  for (const auto& o : options_)
    if (o.name == name) return o.given;
  return false;
}

std::vector<std::pair<std::string, std::string>> Cli::parameters() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& o : options_)
    if (!o.is_flag && o.name != "out") out.emplace_back(o.name, o.get());
  return out;
}

std::string Cli::help() const {
  std::ostringstream os;
  os << "usage: " << program_ << " [options]\n\n" << summary_ << "\n\noptions (default in brackets):\n";
  for (const auto& o : options_) {
    std::string lhs = "  --" + o.name + (o.is_flag ? "" : " <v>");
    os << lhs << std::string(lhs.size() < 26 ? 26 - lhs.size() : 1, ' ') << o.help;
    if (!o.is_flag) os << " [" << o.default_text << "]";
    os << "\n";
  }
  os << "  --config <file>         read options from a TOML file (name = \"value\" lines; the command\n"
        "                          line wins), e.g. the config.toml a run writes into its --out\n";
  os << "  --help                  print this help and exit\n";
  return os.str();
}

}  // namespace clp
