// PostgreSQL catalog discovery from pg_catalog: one query per kind (tables,
// columns, constraints, indexes, objects before and after the data), SQL in
// sql/*.sql. Definitions come from the server's own deparse functions
// (format_type, pg_get_expr, pg_get_constraintdef, pg_get_indexdef,
// pg_get_viewdef, ...) with search_path '' so every name is qualified; the
// target re-creates them as written (docs/architecture.md, "Native DDL").
#pragma once

#include "core/catalog.hpp"
#include "targets/postgres/pg_session.hpp"

namespace cutover::postgres {

// REQUIRES: `conn` opened by connect_source (search_path '').
Result<Catalog> load_catalog(pg::Connection& conn);

}  // namespace cutover::postgres
