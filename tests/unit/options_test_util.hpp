// Helpers shared by the options-layer tests: run parse_command_line with a
// fake environment, and write plan files into a scratch directory.
#pragma once

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "plan/options_loader.hpp"

namespace cutover::testing_options {

using EnvMap = std::map<std::string, std::string>;

inline Result<Command> parse(std::vector<const char*> args, const EnvMap& env = {}) {
  args.insert(args.begin(), "cutover");
  GetEnv getenv = [env](const char* name) -> const char* {
    auto it = env.find(name);
    return it == env.end() ? nullptr : it->second.c_str();
  };
  return parse_command_line(static_cast<int>(args.size()), args.data(), getenv);
}

// The error's one-line description, or "ok" when there was none.
template <class T>
std::string error_of(const Result<T>& r) {
  return r ? std::string("ok") : r.error().describe();
}

// Writes `text` to <scratch>/<name> and returns the path.
inline std::string write_file(const std::string& name, const std::string& text) {
  auto dir = std::filesystem::path(::testing::TempDir()) / "cutover_options_test";
  std::filesystem::create_directories(dir);
  auto path = dir / name;
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

}  // namespace cutover::testing_options
