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

// What differs between two plan JSONs (as stored in the run state), one
// line per difference: tables added or removed, column types, chunking,
// casts. Empty when nothing that matters differs.
std::vector<std::string> describe_plan_changes(const nlohmann::json& before, const nlohmann::json& after);

}  // namespace cutover
