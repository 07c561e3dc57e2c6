#include "common/params.hpp"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <charconv>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <type_traits>

#include "common/error.hpp"
#include "common/memory_rule.hpp"

namespace clp {

std::string format_double(double x) {
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, x);
  return std::string(buf, res.ptr);
}

void throw_bad_choice(const std::string& name, const std::string& text, const std::string& list) {
  throw Error("--" + name + " must be one of " + list + " (got '" + text + "')");
}

namespace {

// Numbers are read with std::from_chars: the whole text, decimal, finite. (CLI11's own
// conversion takes "-1" as 2^64 - 1 for an unsigned seed, "inf" and "nan" as numbers and
// drops the empty items of "1,,2", so the text is converted here.)
template <typename T>
T parse_number(const std::string& name, const std::string& text) {
  T value{};
  const char* first = text.data();
  const char* last = text.data() + text.size();
  if constexpr (std::is_unsigned_v<T>)
    if (!text.empty() && text[0] == '-')
      throw Error("--" + name + ": '" + text + "' is negative: give a whole number >= 0");
  auto res = std::from_chars(first, last, value);
  if (res.ec == std::errc::result_out_of_range)
    throw Error("--" + name + ": '" + text + "' is out of range for this parameter");
  if (text.empty() || res.ec != std::errc() || res.ptr != last)
    throw Error("--" + name + ": '" + text + "' is not a valid " +
                (std::is_floating_point_v<T> ? "number" : "whole number"));
  if constexpr (std::is_floating_point_v<T>)
    if (!std::isfinite(value)) throw Error("--" + name + ": '" + text + "' is not a finite number");
  return value;
}

template <typename T>
std::vector<T> parse_list(const std::string& name, const std::string& text) {
  if (text.empty()) throw Error("--" + name + ": empty list (give comma-separated numbers, e.g. 1,2,3)");
  std::vector<T> out;
  size_t start = 0;
  while (true) {
    const size_t comma = text.find(',', start);
    const std::string item = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (item.empty()) throw Error("--" + name + ": '" + text + "' has an empty item (a comma too many?)");
    out.push_back(parse_number<T>(name, item));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

template <typename T>
std::string to_text(const T& v);

// A list names each item once: a repeat (a seed, a depth, a switch time given twice) would
// count one thing twice.
template <typename T>
void refuse_repeats(const std::string& name, const std::vector<T>& v) {
  for (size_t i = 0; i < v.size(); ++i)
    for (size_t j = 0; j < i; ++j)
      if (v[i] == v[j]) throw Error("--" + name + " lists " + to_text(v[i]) + " twice: give each item once");
}

template <typename T>
std::string to_text(const T& v) {
  if constexpr (std::is_floating_point_v<T>) return format_double(v);
  else return std::to_string(v);
}

template <typename T>
std::string list_text(const std::vector<T>& v) {
  std::string s;
  for (size_t i = 0; i < v.size(); ++i) s += (i ? "," : "") + to_text(v[i]);
  return s;
}

// A bound or a value in a message: whole numbers as such (1000000, not 1e+06).
std::string number_text(double x) {
  if (std::isfinite(x) && x == std::floor(x) && std::fabs(x) < 1e15) return std::to_string(static_cast<long long>(x));
  return format_double(x);
}

std::string gigabytes(double bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g GB", bytes / 1e9);
  return buf;
}

}  // namespace

// --- config files: a TOML subset, written by config_toml() and read by read_config() ----

namespace {

// A text as a TOML basic string: quotes, backslashes and control characters escaped, every
// other byte (UTF-8) as it is; toml_value() reads it back byte for byte.
std::string toml_string(const std::string& text) {
  std::string out = "\"";
  for (const char ch : text) {
    const unsigned char c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04X", c);
          out += buf;
        } else {
          out += ch;  // UTF-8 (or any other byte) as it is
        }
    }
  }
  return out + "\"";
}

void append_utf8(std::string& out, unsigned long cp) {
  if (cp < 0x80) out += char(cp);
  else if (cp < 0x800) out += char(0xC0 | (cp >> 6)), out += char(0x80 | (cp & 0x3F));
  else if (cp < 0x10000)
    out += char(0xE0 | (cp >> 12)), out += char(0x80 | ((cp >> 6) & 0x3F)), out += char(0x80 | (cp & 0x3F));
  else
    out += char(0xF0 | (cp >> 18)), out += char(0x80 | ((cp >> 12) & 0x3F)), out += char(0x80 | ((cp >> 6) & 0x3F)),
        out += char(0x80 | (cp & 0x3F));
}

// One value of a `key = value` line (after the '='): a basic string "..." with TOML's escapes,
// a literal string '...', or a bare word (a number, true, false); then nothing but an optional
// comment. Throws a message (without the file and line) on anything else.
std::string toml_value(const std::string& text) {
  size_t i = 0;
  auto skip_space = [&] {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
  };
  skip_space();
  std::string v;
  if (i == text.size()) throw std::runtime_error("has no value after '='");
  if (text[i] == '"') {
    for (++i;; ++i) {
      if (i >= text.size()) throw std::runtime_error("has a string without its closing '\"'");
      const char c = text[i];
      if (c == '"') break;
      if (c != '\\') {
        v += c;
        continue;
      }
      if (++i >= text.size()) throw std::runtime_error("ends in a backslash");
      switch (text[i]) {
        case '"': v += '"'; break;
        case '\\': v += '\\'; break;
        case 't': v += '\t'; break;
        case 'n': v += '\n'; break;
        case 'r': v += '\r'; break;
        case 'b': v += '\b'; break;
        case 'f': v += '\f'; break;
        case 'u':
        case 'U': {
          const size_t n = text[i] == 'u' ? 4 : 8;
          const std::string hex = text.substr(i + 1, n);
          if (hex.size() != n || hex.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos)
            throw std::runtime_error("has a \\" + std::string(1, text[i]) + " escape without " + std::to_string(n) + " hex digits");
          const unsigned long cp = std::stoul(hex, nullptr, 16);
          if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            throw std::runtime_error("has \\" + std::string(1, text[i]) + hex + ", which is not a Unicode scalar value");
          append_utf8(v, cp);
          i += n;
          break;
        }
        default:
          throw std::runtime_error("has the escape \\" + std::string(1, text[i]) +
                                   ", which TOML does not have (a backslash is written \\\\)");
      }
    }
    ++i;
  } else if (text[i] == '\'') {
    const size_t close = text.find('\'', i + 1);
    if (close == std::string::npos) throw std::runtime_error("has a string without its closing \"'\"");
    v = text.substr(i + 1, close - i - 1);
    i = close + 1;
  } else {
    const size_t end = text.find_first_of(" \t#", i);
    v = text.substr(i, end == std::string::npos ? std::string::npos : end - i);
    if (v.find_first_of("[]{}\"'=") != std::string::npos)
      throw std::runtime_error("has the value " + v + ": give a quoted string, e.g. \"0,50\" (TOML arrays and tables are not read)");
    i = end == std::string::npos ? text.size() : end;
  }
  skip_space();
  if (i < text.size() && text[i] != '#') throw std::runtime_error("has more after its value: " + text.substr(i));
  return v;
}

}  // namespace

namespace {

// Reads a config file: every `key = value` line, in order, to use(key, value, where) (where:
// "--config <file>, line <n>: "). Throws clp::Error naming --config, the file and the line
// on a byte-order mark, a table header, a malformed line or value, or a repeated key.
void read_config(const std::string& file,
                 const std::function<void(const std::string&, const std::string&, const std::string&)>& use) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error("--config " + file + ": cannot be read (" + std::strerror(errno) + ")");
  std::map<std::string, int> seen;  // key -> line
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    const std::string where = "--config " + file + ", line " + std::to_string(n) + ": ";
    if (n == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0)
      throw Error("--config " + file + " starts with a UTF-8 byte-order mark: save it without one (plain UTF-8)");
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const size_t first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line[first] == '#') continue;
    if (line[first] == '[') throw Error(where + "a table header " + line.substr(first) + ": this file has only name = \"value\" lines");
    const size_t eq = line.find('=');
    if (eq == std::string::npos) throw Error(where + "'" + line + "' is not a name = \"value\" line");
    std::string key = line.substr(first, eq - first);
    key.erase(key.find_last_not_of(" \t") + 1);
    if (key.size() > 1 && (key.front() == '"' || key.front() == '\'') && key.back() == key.front())
      key = key.substr(1, key.size() - 2);
    if (const auto [it, fresh] = seen.emplace(key, n); !fresh)
      throw Error(where + "the key " + key + " is given twice (lines " + std::to_string(it->second) + " and " +
                  std::to_string(n) + "): keep one");
    std::string value;
    try {
      value = toml_value(line.substr(eq + 1));
    } catch (const std::runtime_error& e) {
      throw Error(where + "the key " + key + " " + e.what());
    }
    use(key, value, where);
  }
}

}  // namespace

// --- Param: rules ---------------------------------------------------------------------

Param& Param::at_least(double lo) {
  rules_.push_back([lo](const Param& p) {
    for (double x : p.numbers_())
      if (!(x >= lo))
        throw Error("--" + p.name_ + " must be at least " + number_text(lo) + " (got " + number_text(x) + ")");
  });
  return *this;
}

Param& Param::positive() {
  rules_.push_back([](const Param& p) {
    for (double x : p.numbers_())
      if (!(x > 0)) throw Error("--" + p.name_ + " must be positive (got " + number_text(x) + ")");
  });
  return *this;
}

Param& Param::at_most(double hi) {
  rules_.push_back([hi](const Param& p) {
    for (double x : p.numbers_())
      if (!(x <= hi))
        throw Error("--" + p.name_ + " must be at most " + number_text(hi) + " (got " + number_text(x) + ")");
  });
  return *this;
}

Param& Param::increasing() {
  rules_.push_back([](const Param& p) {
    const auto v = p.numbers_();
    for (size_t i = 1; i < v.size(); ++i)
      if (!(v[i] > v[i - 1])) throw Error("--" + p.name_ + " must be strictly increasing (got " + p.value() + ")");
  });
  return *this;
}

Param& Param::nonempty() {
  rules_.push_back([](const Param& p) {
    if (p.size_() == 0) throw Error("--" + p.name_ + " must not be empty");
  });
  return *this;
}

Param& Param::may_be_empty() {
  may_be_empty_ = true;
  return *this;
}

Param& Param::choices(std::vector<std::string> allowed) {
  rules_.push_back([allowed](const Param& p) {
    const std::string v = p.value();
    std::string list;
    for (const auto& a : allowed) {
      if (a == v) return;
      list += (list.empty() ? "" : ", ") + a;
    }
    throw_bad_choice(p.name_, v, list);
  });
  return *this;
}

Param& Param::rule(std::function<bool()> ok, std::function<std::string()> why) {
  rules_.push_back([ok, why](const Param& p) {
    if (!ok()) throw Error("--" + p.name_ + " " + why() + " (got " + p.value() + ")");
  });
  return *this;
}

Param& Param::rule(std::function<bool()> ok, const std::string& why) {
  return rule(std::move(ok), [why] { return why; });
}

Param& Param::applies_when(std::function<bool()> cond, std::string condition_text) {
  applies_ = std::move(cond);
  applies_text_ = std::move(condition_text);
  return *this;
}

Param& Param::unit(std::string u) {
  unit_ = std::move(u);
  return *this;
}

Param& Param::role(Role r) {
  role_ = r;
  return *this;
}

Param& Param::input_file() {
  input_file_ = true;
  return *this;
}

Param& Param::column(std::string column, std::function<std::string()> cell) {
  if (column.empty()) {
    column = name_;
    std::replace(column.begin(), column.end(), '-', '_');
  }
  column_ = std::move(column);
  cell_ = std::move(cell);
  return *this;
}

// --- ParamTable -----------------------------------------------------------------------

ParamTable::ParamTable(std::string program, std::string summary)
    : program_(std::move(program)), summary_(std::move(summary)), app_(std::make_unique<CLI::App>(summary_, program_)) {
  app_->set_help_flag();  // --help is answered before CLI11 parses (our help text)
  // --config is read here (read_config below), not by CLI11: its reader (2.1.2) keeps the
  // first of two lines with the same key, takes "2" for a flag, cuts a value at '#' and knows
  // no escapes, so a text with a backslash would not replay.
  app_->add_option("--config")->description("read options from this TOML file");
}

ParamTable::~ParamTable() = default;

Param& ParamTable::declare(const std::string& name, const std::string& help, std::string type,
                           std::function<std::string()> get, std::function<void(const std::string&)> set) {
  for (const auto& p : params_)
    if (p->name_ == name) throw std::logic_error("parameter --" + name + " declared twice");
  auto p = std::make_unique<Param>();
  p->name_ = name, p->help_ = help, p->type_ = std::move(type), p->get_ = std::move(get), p->set_ = std::move(set);
  p->default_ = p->get_();
  p->numbers_ = [] { return std::vector<double>{}; };
  p->size_ = [] { return size_t{1}; };
  Param* raw = p.get();
  if (raw->type_ == "flag") {
    // A flag is true when given ("--reinit", or "reinit = true" in a config file).
    app_->add_flag_function("--" + name, [raw](std::int64_t count) { raw->set_(count > 0 ? "true" : "false"); }, help);
  } else {
    CLI::Option* o = app_->add_option_function<std::string>("--" + name, [raw](const std::string& v) { raw->set_(v); },
                                                            help);
    o->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);  // a repeat is refused after parsing
  }
  params_.push_back(std::move(p));
  return *raw;
}

#define CLP_SCALAR(T, TYPE)                                                                                       \
  Param& ParamTable::add(const std::string& name, T& v, const std::string& help) {                               \
    Param& p = declare(name, help, TYPE, [&v] { return to_text(v); },                                             \
                       [&v, name](const std::string& t) { v = parse_number<T>(name, t); });                       \
    p.numbers_ = [&v] { return std::vector<double>{static_cast<double>(v)}; };                                    \
    return p;                                                                                                     \
  }
CLP_SCALAR(int, "int")
CLP_SCALAR(long, "long")
CLP_SCALAR(std::uint64_t, "seed")
#undef CLP_SCALAR

Param& ParamTable::add(const std::string& name, double& v, const std::string& help) {
  Param& p = declare(name, help, "double", [&v] { return format_double(v); },
                     [&v, name](const std::string& t) { v = parse_number<double>(name, t); });
  p.numbers_ = [&v] { return std::vector<double>{v}; };
  p.rules_.push_back([&v](const Param& q) {
    if (!std::isfinite(v)) throw Error("--" + q.name() + " must be a finite number");
  });
  return p;
}

Param& ParamTable::add(const std::string& name, std::string& v, const std::string& help) {
  Param& p = declare(name, help, "text", [&v] { return v; }, [&v](const std::string& t) { v = t; });
  p.size_ = [&v] { return v.size(); };
  // A text goes into one provenance line: a line break or a control character would forge
  // the lines after it.
  p.rules_.push_back([&v](const Param& q) {
    for (unsigned char c : v)
      if (c < 0x20 || c == 0x7f)
        throw Error("--" + q.name() + " must be one line of printable text (it holds a control character or a line break)");
  });
  return p;
}

Param& ParamTable::add(const std::string& name, bool& v, const std::string& help) {
  return declare(name, help, "flag", [&v] { return std::string(v ? "true" : "false"); },
                 [&v](const std::string& t) { v = t == "true"; });
}

#define CLP_LIST(T, TYPE)                                                                                         \
  Param& ParamTable::add(const std::string& name, std::vector<T>& v, const std::string& help) {                  \
    Param& p = declare(name, help, TYPE, [&v] { return list_text(v); },                                           \
                       [&v, name, this](const std::string& t) {                                                   \
                         /* An empty text is an empty list only where the list may be empty. */                 \
                         v = t.empty() && at(name).may_be_empty_ ? std::vector<T>{} : parse_list<T>(name, t);      \
                       });                                                                                        \
    p.numbers_ = [&v] { return std::vector<double>(v.begin(), v.end()); };                                       \
    p.size_ = [&v] { return v.size(); };                                                                          \
    p.rules_.push_back([](const Param& q) {                                                                       \
      if (!q.may_be_empty_ && q.size_() == 0)                                                                     \
        throw Error("--" + q.name_ + ": empty list (give comma-separated numbers, e.g. 1,2,3)");                  \
    });                                                                                                           \
    p.rules_.push_back([&v](const Param& q) { refuse_repeats(q.name(), v); });                                   \
    return p;                                                                                                     \
  }
CLP_LIST(int, "list of int")
CLP_LIST(long, "list of long")
CLP_LIST(double, "list of double")
#undef CLP_LIST

void ParamTable::rule(std::function<bool()> ok, std::function<std::string()> why) {
  rules_.emplace_back(std::move(ok), std::move(why));
}

void ParamTable::memory_rule(std::function<double()> bytes, std::string flags) {
  clp::memory_rule(*this, {{std::move(flags), std::move(bytes)}});
}

void memory_rule(ParamTable& t, std::vector<std::pair<std::string, std::function<double()>>> terms) {
  auto physical = [] { return double(::sysconf(_SC_PHYS_PAGES)) * double(::sysconf(_SC_PAGE_SIZE)); };
  auto total = [terms] {
    double sum = 0;
    for (const auto& t : terms) sum += t.second();
    return sum;
  };
  t.rule([total, physical] { return total() <= 0.8 * physical(); },
       [terms, total, physical] {
         size_t largest = 0;
         for (size_t i = 1; i < terms.size(); ++i)
           if (terms[i].second() > terms[largest].second()) largest = i;
         const std::string part = terms.size() > 1 ? " (" + gigabytes(terms[largest].second()) + " of it grows with " +
                                                         terms[largest].first + ")"
                                                   : "";
         return "this run needs about " + gigabytes(total()) + " of memory" + part + " (this machine has " +
                gigabytes(physical()) + "): lower " + terms[largest].first;
       });
}

namespace {
// The Levenshtein distance of a and b (insertions, deletions, substitutions): how far a
// misspelled option is from a declared one.
size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<size_t> d(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) d[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = d[0];
    d[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = d[j];
      d[j] = std::min({d[j] + 1, d[j - 1] + 1, diag + (a[i - 1] != b[j - 1])});
      diag = up;
    }
  }
  return d[b.size()];
}
}  // namespace

std::string ParamTable::nearest_name(const std::string& given) const {
  // Only a name within two edits, fewer than the shorter name's letters (--lr is not a misspelt --s).
  std::string nearest;
  size_t best = 3;
  for (const auto& p : params_)
    if (const size_t dist = edit_distance(given, p->name_); dist < best && dist < std::min(given.size(), p->name_.size()))
      best = dist, nearest = p->name_;
  return nearest;
}

bool ParamTable::parse(int argc, const char* const* argv) {
  for (int i = 1; i < argc; ++i)
    if (std::string(argv[i]) == "--help" || std::string(argv[i]) == "-h") {
      std::cout << help();
      return false;
    }
  // A flag takes no value or one of true/false, as in a config file (CLI11 alone would take
  // "yes" or "2" as true and report "banana" without the flag's name).
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const size_t eq = arg.find('=');
    if (arg.rfind("--", 0) != 0 || eq == std::string::npos) continue;
    const std::string name = arg.substr(2, eq - 2), value = arg.substr(eq + 1);
    for (const auto& p : params_)
      if (p->name_ == name && p->is_flag() && value != "true" && value != "false")
        throw Error("--" + name + " is a flag: its value is true or false, or give it alone (got '" + value + "')");
  }
  try {
    app_->parse(argc, argv);
  } catch (const Error&) {
    throw;  // a value our converters refused, already one line naming the option
  } catch (const CLI::ExtrasError& e) {
    // Name the first unknown option (and the nearest known one), or the stray argument.
    for (int i = 1; i < argc; ++i) {
      const std::string arg = argv[i], name = arg.substr(0, arg.find('='));
      if (name.rfind("--", 0) != 0 || app_->get_option_no_throw(name) != nullptr) continue;
      const std::string nearest = nearest_name(name.substr(2));
      throw Error("unknown option " + name + (nearest.empty() ? "" : " (did you mean --" + nearest + "?)") +
                  ": see --help");
    }
    throw Error(std::string(e.what()) + " (a stray argument: every value follows its --option; see --help)");
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
  } catch (const std::exception& e) {  // e.g. "--quiet=99999999999999999999": a flag's value
    throw Error(std::string("a flag takes no value, or true/false (") + e.what() + "): see --help");
  }
  for (auto& p : params_) {
    const CLI::Option* o = app_->get_option("--" + p->name_);
    if (o->count() > 1) throw Error("option --" + p->name_ + " is given twice: keep one");
    p->given_ = o->count() > 0;
  }
  const CLI::Option* c = app_->get_option("--config");
  if (c->count() > 1) throw Error("option --config is given twice: keep one");
  if (c->count() == 0) return true;
  std::vector<Param*> from_config;
  read_config(c->as<std::string>(), [&](const std::string& key, const std::string& value, const std::string& where) {
    Param* p = nullptr;
    for (auto& q : params_)
      if (q->name_ == key) p = q.get();
    if (!p) {
      const std::string nearest = nearest_name(key);
      throw Error(where + "'" + key + "' is not an option of " + program_ +
                  (nearest.empty() ? "" : " (did you mean " + nearest + "?)") + " (see --help)");
    }
    if (p->is_flag() && value != "true" && value != "false")
      throw Error(where + "--" + key + " is a flag: its value is true or false (got '" + value + "')");
    if (p->given_) return;  // the command line wins
    try {
      p->set_(value);
    } catch (const Error& e) {
      throw Error(where + e.what());
    }
    from_config.push_back(p);
    p->config_where_ = where;
  });
  for (Param* p : from_config) p->given_ = true;
  return true;
}

bool ParamTable::parse(const std::vector<std::string>& args) {
  std::vector<const char*> argv{program_.c_str()};
  for (const auto& a : args) argv.push_back(a.c_str());
  return parse(static_cast<int>(argv.size()), argv.data());
}

void ParamTable::check() const {
  for (const auto& p : params_) {
    if (!p->applies()) {
      if (p->given_)
        throw Error("--" + p->name_ + " applies only with " + p->applies_text_ + ": drop it, or change that");
      continue;
    }
    try {
      for (const auto& r : p->rules_) r(*p);
    } catch (const Error& e) {
      throw Error(p->config_where_ + e.what());  // a value from a config file: its file and line first
    }
  }
  for (const auto& [ok, why] : rules_)
    if (!ok()) throw Error(why());
}

bool ParamTable::given(const std::string& name) const { return at(name).given_; }

Param& ParamTable::at(const std::string& name) {
  return const_cast<Param&>(static_cast<const ParamTable&>(*this).at(name));
}

const Param& ParamTable::at(const std::string& name) const {
  for (const auto& p : params_)
    if (p->name_ == name) return *p;
  throw std::logic_error(program_ + " has no parameter --" + name);
}

const std::string* ParamTable::out() const {
  static thread_local std::string value;
  for (const auto& p : params_)
    if (p->role_ == Role::kOutput) {
      value = p->value();
      return &value;
    }
  return nullptr;
}

std::string ParamTable::out_dir() const {
  if (!out_redirect_.empty()) return out_redirect_;
  const std::string* o = out();
  return o ? *o : std::string();
}

Provenance ParamTable::provenance() const {
  Provenance out;
  for (const auto& p : params_)
    if (p->role_ == Role::kData && p->applies()) {
      std::string v = p->value();
      if (p->input_file_ && !v.empty()) v = std::filesystem::absolute(v).lexically_normal().string();
      out.emplace_back(p->name_, v);
    }
  return out;
}

std::vector<std::pair<std::string, std::string>> ParamTable::columns() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& p : params_) {
    if (p->column_.empty()) continue;
    std::string cell = p->cell_ ? p->cell_() : p->value();
    if (!p->cell_ && p->is_flag()) cell = cell == "true" ? "1" : "0";
    out.emplace_back(p->column_, std::move(cell));
  }
  return out;
}

std::string ParamTable::config_toml() const {
  std::string out = "# " + program_ + ": the options of this run (" + program_ +
                    " --config <this file> computes the same data; the command line wins over it)\n";
  for (const auto& p : params_) {
    if (p->role_ == Role::kOutput || !p->applies()) continue;
    std::string v = p->value();
    if (p->input_file_ && !v.empty()) v = std::filesystem::absolute(v).lexically_normal().string();
    out += p->name_ + " = " + toml_string(v) + "\n";
  }
  return out;
}

std::string ParamTable::help() const {
  std::ostringstream os;
  os << "usage: " << program_ << " [options]\n\n" << summary_ << "\n\noptions (default in brackets):\n";
  for (const auto& p : params_) {
    std::string lhs = "  --" + p->name_ + (p->is_flag() ? "" : " <v>");
    os << lhs << std::string(lhs.size() < 26 ? 26 - lhs.size() : 1, ' ') << p->help_;
    if (!p->unit_.empty()) os << ", in " << p->unit_;
    if (!p->applies_text_.empty()) os << " (with " << p->applies_text_ << ")";
    if (!p->is_flag()) os << " [" << p->default_ << "]";
    os << "\n";
  }
  os << "  --config <file>         read options from a TOML file (name = \"value\" lines; the command\n"
        "                          line wins), e.g. the config.toml a run writes into its --out\n";
  os << "  --help                  print this help and exit\n";
  return os.str();
}

}  // namespace clp
