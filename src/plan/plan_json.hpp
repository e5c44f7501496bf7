// The plan and the catalog as JSON (for `cutover plan --json`, `cutover
// inspect --json`, the run state and the report). URLs are redacted.
#pragma once

#include <nlohmann/json.hpp>

#include "core/catalog.hpp"
#include "core/plan.hpp"
#include "targets/target.hpp"

namespace cutover {

nlohmann::json catalog_to_json(const Catalog& catalog);
nlohmann::json table_plan_to_json(const TablePlan& table);
nlohmann::json plan_to_json(const MigrationPlan& plan);

// Run id: stable for the same source, target database, schema and scope;
// plan hash: changes when anything that affects the data changes.
RunIdentity make_run_identity(const MigrationPlan& plan);

}  // namespace cutover
