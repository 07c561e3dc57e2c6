// For the tests of a configuration's validate(): it must reject the configuration with a
// clp::Error whose message names the flag to change.
#pragma once
#include <gtest/gtest.h>

#include <string>

#include "common/error.hpp"

namespace clp::testing {

template <class Config>
void expect_rejected(const Config& cfg, const std::string& flag) {
  try {
    cfg.validate();
    ADD_FAILURE() << "accepted a bad " << flag;
  } catch (const clp::Error& e) {
    EXPECT_NE(std::string(e.what()).find(flag), std::string::npos) << e.what();
  }
}

}  // namespace clp::testing
