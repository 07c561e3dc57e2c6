#include "common/tsv.hpp"

#include <unistd.h>

#include <charconv>
#include <fstream>
#include <sstream>

#include "common/cli.hpp"
#include "common/error.hpp"

namespace clp {

TsvWriter::TsvWriter(std::filesystem::path path, const Provenance& provenance,
                     const std::vector<std::string>& columns)
    : path_(std::move(path)), ncols_(columns.size()) {
  for (const auto& [k, v] : provenance) buffer_ += "# " + k + ": " + v + "\n";
  for (size_t i = 0; i < columns.size(); ++i) buffer_ += (i ? "\t" : "") + columns[i];
  buffer_ += "\n";
}

void TsvWriter::cell(const std::string& text) {
  if (in_row_ == ncols_) throw Error("internal: too many cells in a row of " + path_.string());
  if (in_row_) buffer_ += '\t';
  buffer_ += text;
  ++in_row_;
}

TsvWriter& TsvWriter::operator<<(double x) {
  cell(format_double(x));
  return *this;
}
TsvWriter& TsvWriter::operator<<(long x) {
  cell(std::to_string(x));
  return *this;
}
TsvWriter& TsvWriter::operator<<(const std::string& s) {
  cell(s);
  return *this;
}

void TsvWriter::end_row() {
  if (in_row_ != ncols_) throw Error("internal: short row in " + path_.string());
  buffer_ += '\n';
  in_row_ = 0;
}

void TsvWriter::blank_line() { buffer_ += '\n'; }

void TsvWriter::commit() {
  std::error_code ec;
  if (path_.has_parent_path()) std::filesystem::create_directories(path_.parent_path(), ec);
  if (ec) throw Error("cannot create directory " + path_.parent_path().string() + ": " + ec.message());
  const auto tmp = path_.string() + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream f(tmp, std::ios::binary);
    f.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    f.close();
    if (!f) {
      std::filesystem::remove(tmp, ec);
      throw Error("cannot write " + tmp);
    }
  }
  std::filesystem::rename(tmp, path_, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    throw Error("cannot rename " + tmp + " to " + path_.string());
  }
}

int TsvTable::column(const std::string& name) const {
  for (size_t i = 0; i < columns.size(); ++i)
    if (columns[i] == name) return static_cast<int>(i);
  throw Error("data file has no column '" + name + "'");
}

const std::string& TsvTable::text(size_t row, const std::string& name) const {
  return rows.at(row).at(column(name));
}

double TsvTable::number(size_t row, const std::string& name) const {
  const std::string& t = text(row, name);
  double v = 0;
  auto res = std::from_chars(t.data(), t.data() + t.size(), v);
  if (res.ec != std::errc() || res.ptr != t.data() + t.size())
    throw Error("column '" + name + "': '" + t + "' is not a number");
  return v;
}

TsvTable read_tsv(const std::filesystem::path& path) {
  std::ifstream f(path);
  if (!f) throw Error("cannot read " + path.string());
  TsvTable t;
  std::string line;
  bool have_header = false;
  while (std::getline(f, line)) {
    if (line.empty()) continue;
    if (line[0] == '#') {
      if (have_header) throw Error(path.string() + ": provenance line after the header");
      auto colon = line.find(": ");
      if (colon != std::string::npos && colon > 2)
        t.meta[line.substr(2, colon - 2)] = line.substr(colon + 2);
      continue;
    }
    std::vector<std::string> cells;
    std::stringstream ss(line);
    std::string c;
    while (std::getline(ss, c, '\t')) cells.push_back(c);
    if (!have_header) {
      t.columns = std::move(cells);
      have_header = true;
    } else {
      if (cells.size() != t.columns.size())
        throw Error(path.string() + ": a row has " + std::to_string(cells.size()) +
                    " cells, the header " + std::to_string(t.columns.size()));
      t.rows.push_back(std::move(cells));
    }
  }
  if (!have_header) throw Error(path.string() + ": no header line");
  return t;
}

}  // namespace clp
