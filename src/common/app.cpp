#include "common/app.hpp"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <iostream>

#include "common/error.hpp"

#ifndef CLP_VERSION
#define CLP_VERSION "unknown"
#endif

namespace clp {

Provenance provenance(const Cli& cli, const std::string& description) {
  Provenance p{{"program", cli.program()}, {"version", CLP_VERSION}, {"description", description}};
  for (const auto& kv : cli.parameters()) p.push_back(kv);
  return p;
}

void check_out_dir(const std::string& out) {
  require(!out.empty(), "--out is empty: give the output directory, e.g. --out out/data/<figure id>");
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(out, ec);
  if (ec || !fs::is_directory(out))
    throw Error("--out " + out + ": cannot create that directory (" +
                (ec ? ec.message() : std::string("a file of that name is in the way")) + "): choose another --out");
  const fs::path probe = fs::path(out) / (".write-test." + std::to_string(::getpid()));
  std::FILE* f = std::fopen(probe.c_str(), "w");
  if (!f) throw Error("--out " + out + ": the directory is not writable: choose another --out");
  std::fclose(f);
  fs::remove(probe, ec);
}

int run_program(int argc, char** argv, Cli& cli, const std::function<std::string()>& body) {
  try {
    if (!cli.parse(argc, argv)) return 0;
    // Before any computation: a bad --out is found in a second, not after an hour.
    if (const std::string* out = cli.value_of("out")) check_out_dir(*out);
    const std::string summary = body();
    // The file that replays the run, next to its data (after them: only a run that
    // finished has one).
    if (const std::string* out = cli.value_of("out"); out && cli.writes_config())
      write_file_atomically(std::filesystem::path(*out) / "config.toml", cli.config_text());
    if (!summary.empty()) std::cout << summary << "\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << cli.program() << ": error: " << e.what() << "\n";
  }
  return 2;
}

}  // namespace clp
