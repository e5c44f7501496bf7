// Sequences and views of a source whose DDL is translated rather than
// native (SQL Server): placed in the schema their tables' schema maps to
// (table_target_schema), named as tables are (lower case unless
// --identifier-case preserve).
#pragma once

#include "core/catalog.hpp"
#include "core/plan.hpp"

namespace cutover {

// Each sequence becomes CREATE SEQUENCE in plan.pre_data (its schema created
// first) and, after the data, a setval in plan.post_data so that the next
// nextval gives what the source's next NEXT VALUE FOR would (schema-only
// leaves it at its start; data-only only sets it). Defaults that call
// nextval('schema.name'::regclass) in source names are pointed at the
// target's sequence.
void plan_sequences(MigrationPlan& plan, const Catalog& catalog, bool fold);

// Views written in source names (View::source_names) get their target
// schema and name and their schema qualifiers mapped; the scheduler maps
// table, column and view names when it creates them.
void plan_views(MigrationPlan& plan, const Catalog& catalog, bool fold);

}  // namespace cutover
