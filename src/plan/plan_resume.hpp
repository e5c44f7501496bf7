// A resumed run keeps the chunk layout its first run planned. Chunk ranges
// are sized from the source's row estimates where counting would scan a
// whole table (MySQL), and estimates move between runs (InnoDB re-samples
// its statistics), so the same command can plan other ranges on resume;
// the chunks already committed are those of the stored layout.
#pragma once

#include <string>

#include "core/plan.hpp"

namespace cutover {

// Replaces each table's chunks and chunk_reason with those of the same
// table in `stored_plan_json` (a plan as plan_to_json wrote it for the
// unfinished run). Only chunk layouts the JSON describes completely are
// taken: tuple-bounded ranges and whole-table chunks. Returns false, and
// leaves `plan` as it was, when a table is missing or its chunks cannot be
// rebuilt; the changed-plan check then explains what differs.
bool adopt_stored_chunks(MigrationPlan& plan, const std::string& stored_plan_json);

}  // namespace cutover
