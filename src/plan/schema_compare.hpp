// Schema comparison for sources whose DDL is native PostgreSQL: two plans
// (source with its schema renames, target as it is) reduced to one line per
// object — table, column, constraint, index, type, function, sequence,
// view, trigger, rule, comment — and compared (cutover compare-schema), and
// the check --data-only makes before loading into existing tables.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/catalog.hpp"
#include "core/plan.hpp"

namespace cutover {

// "column shop.orders.amount" -> "numeric(12,2) NOT NULL", ...
using SchemaFingerprint = std::map<std::string, std::string>;

SchemaFingerprint schema_fingerprint(const MigrationPlan& plan);

struct SchemaDifference {
  std::string object;  // "column shop.orders.amount"
  std::string source;  // empty: only in the target
  std::string target;  // empty: missing in the target
  std::string describe() const;
};

std::vector<SchemaDifference> compare_schemas(const SchemaFingerprint& source, const SchemaFingerprint& target);

// --data-only into existing tables: for every planned table, what the
// target lacks or has differently (table, columns, types), and target
// columns the copy would leave NULL though they are NOT NULL without a
// default. Empty when the rows can be loaded.
std::vector<std::string> data_only_differences(const MigrationPlan& plan, const Catalog& target);

}  // namespace cutover
