// Keys, indexes, foreign keys and checks of a planned table (part of the
// planner, split out to keep files small).
#pragma once

#include <functional>
#include <map>
#include <string>

#include "core/plan.hpp"
#include "sources/source.hpp"
#include "targets/postgres/pg_identifiers.hpp"

namespace cutover {

// Adapts a translated expression to the planned column types.
using ExprRewrite = std::function<std::string(const std::string&)>;

// Source table name -> its plan, for resolving foreign keys.
using TablesByName = std::map<std::string, const TablePlan*>;

// What naming keys and translating their expressions needs.
struct KeyContext {
  const Source& source;
  pg::NameAllocator& relations;  // names unique in the target schema
  ExprRewrite rewrite;           // for this table's expressions
  bool fold = false;             // lower-case names (IdentifierCase)
  bool key_has_nulls = false;    // profiling found NULLs in a primary key column
  std::string name(const std::string& wanted) const;  // folded when asked
};

void plan_primary_key(TablePlan& t, const KeyContext& k);
void plan_indexes(TablePlan& t, const KeyContext& k);
void plan_checks(TablePlan& t, const KeyContext& k);
void plan_foreign_keys(TablePlan& t, const TablesByName& tables, bool fold);

}  // namespace cutover
