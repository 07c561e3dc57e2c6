// Self-describing tab-separated data files.
//
// Format: lines starting with '#' are provenance ("# key: value": program, version,
// every parameter, seed); then exactly one header line of column names; then rows.
// Blank lines may separate blocks (gnuplot draws each block as its own line).
// Numbers are written with std::to_chars, the shortest text that reads back to the
// same double, so equal runs give byte-identical files.
//
// A file is built in memory and appears on disk only by commit(): written to a
// temporary name in the same directory and renamed, so a failed or interrupted run
// never leaves a half-written file that make would take as done. Its last provenance line
// is "# checksum: <16 hex digits>", FNV-1a (64 bit) of the bytes from the header line to the
// end of the file, so that a file edited or damaged after its program wrote it is told from
// the program's own (checksum_problem).
#pragma once
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace clp {

using Provenance = std::vector<std::pair<std::string, std::string>>;

class TsvWriter {
 public:
  TsvWriter(std::filesystem::path path, const Provenance& provenance,
            const std::vector<std::string>& columns);

  // One cell at a time; end_row() closes the row (checks the column count).
  TsvWriter& operator<<(double x);
  TsvWriter& operator<<(long x);
  TsvWriter& operator<<(int x) { return *this << static_cast<long>(x); }
  TsvWriter& operator<<(const std::string& s);
  TsvWriter& operator<<(const char* s) { return *this << std::string(s); }
  void end_row();
  // A whole row at once: w.row(depth, step, Ka, Kb).
  template <typename... T>
  void row(const T&... cells) {
    (*this << ... << cells);
    end_row();
  }
  void blank_line();

  // Writes path atomically (temporary file + rename). Throws clp::Error on I/O failure.
  void commit();

 private:
  void cell(const std::string& text);
  std::filesystem::path path_;
  std::string buffer_;
  size_t header_at_ = 0;  // where the header line starts in buffer_
  size_t ncols_ = 0, in_row_ = 0;
};

// The rows of one data file as its program declares them, before they are text: the column
// names, then every cell typed (an integer, a number or a text), and where blank lines
// separate blocks. One declaration serves the file (write_table) and the Python module (one
// array per column, python/clp_module.cpp), so the two cannot disagree.
class DataTable {
 public:
  using Cell = std::variant<long, double, std::string>;
  explicit DataTable(std::vector<std::string> columns) : columns_(std::move(columns)) {}
  DataTable& operator<<(double x) { return add(x); }
  DataTable& operator<<(long x) { return add(x); }
  DataTable& operator<<(int x) { return add(static_cast<long>(x)); }
  DataTable& operator<<(const std::string& s) { return add(s); }
  DataTable& operator<<(const char* s) { return add(std::string(s)); }
  DataTable& operator<<(const Cell& c) { return add(c); }
  // Closes the row; throws clp::Error unless it has one cell per column.
  void end_row();
  template <typename... T>
  void row(const T&... cells) {
    (*this << ... << cells);
    end_row();
  }
  void blank_line() { blank_after_.push_back(rows_.size()); }  // after the rows so far

  const std::vector<std::string>& columns() const { return columns_; }
  size_t rows() const { return rows_.size(); }
  const Cell& cell(size_t row, size_t col) const { return rows_[row][col]; }
  // The index of the column; throws clp::Error naming it if absent.
  size_t column(const std::string& name) const;
  const std::vector<size_t>& blank_lines() const { return blank_after_; }  // row counts before each

 private:
  DataTable& add(Cell c);
  std::vector<std::string> columns_;
  std::vector<std::vector<Cell>> rows_;
  std::vector<Cell> open_;
  std::vector<size_t> blank_after_;
};

// A cell given as text (a parameter's value in effect) as the type it reads as: an integer,
// else a finite number, else the text. Its file text is unchanged (to_chars of the number
// read back is the shortest text, which the parameters' own texts are).
DataTable::Cell typed_cell(const std::string& text);

// Writes the table as a data file at path (provenance lines, header, rows, blank lines),
// atomically as TsvWriter::commit.
void write_table(const std::filesystem::path& path, const Provenance& provenance, const DataTable& table);

// Writes bytes to path through a temporary file in the same directory and a rename (the
// temporary is removed if the program is interrupted by SIGINT, SIGTERM or SIGHUP; a signal
// the process inherited as ignored, e.g. SIGHUP under nohup, stays ignored).
// Throws clp::Error on I/O failure.
void write_file_atomically(const std::filesystem::path& path, const std::string& bytes);

// A data file read back: provenance, header and cells as text.
struct TsvTable {
  std::map<std::string, std::string> meta;   // '# key: value' lines; a repeated key keeps its last value
  Provenance meta_lines;                     // every '# key: value' line in file order, repeats kept
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;  // blank lines skipped
  std::string source;                          // the file read, for messages
  std::vector<long> line;                      // line number (1-based) of every row in the file

  int column(const std::string& name) const;  // throws clp::Error if absent
  // The cell as a finite number; throws clp::Error naming file, line and column otherwise
  // (a nan or inf never reaches a computation or a verdict).
  double number(size_t row, const std::string& name) const;
  std::string where(size_t row, const std::string& name) const;  // "file, line 12, column 'x'"
  const std::string& text(size_t row, const std::string& name) const;
};

// Reads and checks the format (one header, every row as wide as the header).
TsvTable read_tsv(const std::filesystem::path& path);

// FNV-1a, 64 bit, over bytes added in turn: the checksum of a data file and the fingerprint of a
// figure's data (claims::data_fingerprint). hex(): 16 lower-case hex digits.
struct Fnv1a {
  std::uint64_t h = 14695981039346656037ULL;
  void add(const char* p, size_t n) {
    for (size_t i = 0; i < n; ++i) h = (h ^ static_cast<unsigned char>(p[i])) * 1099511628211ULL;
  }
  std::string hex() const;
};

// "" when the header and rows of the data file at path still have the checksum of its
// "# checksum:" line; otherwise one line naming the file and its program: the file was edited
// or damaged after the program wrote it, or has no checksum line (removed, or written by
// another version). Throws clp::Error if the file cannot be read.
std::string checksum_problem(const std::filesystem::path& path);

}  // namespace clp
