#include "common/app.hpp"

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

int run_program(int argc, char** argv, Cli& cli, const std::function<std::string()>& body) {
  try {
    if (!cli.parse(argc, argv)) return 0;
    const std::string summary = body();
    if (!summary.empty()) std::cout << summary << "\n";
    return 0;
  } catch (const Error& e) {
    std::cerr << cli.program() << ": error: " << e.what() << "\n";
  } catch (const std::exception& e) {
    std::cerr << cli.program() << ": error: " << e.what() << "\n";
  }
  return 2;
}

}  // namespace clp
