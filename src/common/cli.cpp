#include "common/cli.hpp"

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
    : program_(std::move(program)), summary_(std::move(summary)) {}

void Cli::add(const std::string& name, const std::string& help, bool is_flag,
              std::function<void(const std::string&)> set, std::function<std::string()> get) {
  Option opt;
  opt.name = name, opt.help = help, opt.is_flag = is_flag, opt.set = std::move(set), opt.get = std::move(get);
  opt.default_text = opt.current = opt.get();
  options_.push_back(std::move(opt));
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
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::cout << help();
      return false;
    }
    if (arg.rfind("--", 0) != 0) throw Error("unexpected argument '" + arg + "' (see --help)");
    std::string name = arg.substr(2), value;
    bool has_value = false;
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      has_value = true;
    }
    Option* opt = nullptr;
    for (auto& o : options_)
      if (o.name == name) opt = &o;
    if (!opt) throw Error("unknown option '--" + name + "' (see --help)");
    if (opt->given) throw Error("option --" + name + " is given twice: keep one");
    opt->given = true;
    if (opt->is_flag) {
      if (has_value) throw Error("option --" + name + " takes no value");
      opt->set("");
      continue;
    }
    if (!has_value) {
      if (i + 1 >= argc) throw Error("option --" + name + " needs a value");
      value = argv[++i];
    }
    opt->set(value);
    opt->current = opt->get();
  }
  return true;
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
  os << "  --help                  print this help and exit\n";
  return os.str();
}

}  // namespace clp
