// --owners / --grants: which owner and grant statements can run on a
// target that has `roles`, and what to say about the roles it lacks. Pure;
// unit-tested in tests/unit/native_access_test.cpp.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/catalog.hpp"

namespace cutover {

struct RoleSplit {
  std::vector<const NativeStatement*> runnable;  // in plan order
  // Missing role -> the statements left out for it.
  std::map<std::string, std::vector<const NativeStatement*>> missing;
};

// A statement runs when it names no role (GRANT ... TO PUBLIC) or one in `roles`.
RoleSplit split_by_roles(const std::vector<NativeStatement>& statements,
                         const std::set<std::string>& roles);

// One warning per missing role: what was not applied (the first few
// statements) and how to fix it.
std::vector<std::string> missing_role_warnings(const RoleSplit& split);

}  // namespace cutover
