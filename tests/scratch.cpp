// The scratch root of a test process (files.hpp scratch_root()) removed when the process
// ends with every test passed; after a failure it is kept, for a look, and named on stderr.
#include <gtest/gtest.h>

#include <cstdio>

#include "files.hpp"

namespace {

class ScratchCleanup : public ::testing::Environment {
 public:
  void TearDown() override {
    const std::filesystem::path root = clp::testing::scratch_root();
    std::error_code ec;
    if (!std::filesystem::exists(root, ec)) return;
    if (::testing::UnitTest::GetInstance()->Passed()) std::filesystem::remove_all(root, ec);
    else std::fprintf(stderr, "the failed tests' scratch files are kept in %s\n", root.c_str());
  }
};

[[maybe_unused]] ::testing::Environment* const kScratchCleanup =
    ::testing::AddGlobalTestEnvironment(new ScratchCleanup);

}  // namespace
