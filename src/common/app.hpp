// The frame every per-figure program shares: parse flags, run, print a one-line
// summary; any error becomes one line "<program>: error: <cause>" and exit status 2.
#pragma once
#include <functional>
#include <string>

#include "common/cli.hpp"
#include "common/tsv.hpp"

namespace clp {

// Program name, project version and every parameter flag, for data-file headers.
Provenance provenance(const Cli& cli, const std::string& description);

// Parses argv with cli, then calls body(), which returns the summary line (printed to
// stdout unless empty). Returns the process exit status.
// Throws clp::Error naming --out unless `out` is a non-empty path to a directory that
// exists or can be created, and is writable.
void check_out_dir(const std::string& out);

// Parses the command line, checks --out (if the program has one) before any computation,
// runs body, writes <out>/config.toml (Cli::config_text, unless the program turned it off)
// and prints its one-line summary. Every error is one line
// "<program>: error: <what>" on stderr and exit status 2.
int run_program(int argc, char** argv, Cli& cli, const std::function<std::string()>& body);

}  // namespace clp
