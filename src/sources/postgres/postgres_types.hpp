// PostgreSQL to PostgreSQL types: every column keeps its source type as the
// server spells it (format_type, with its collation when it is not the
// type's default) and its values are relayed as the source's COPY sends
// them: binary, or COPY text for tables whose binary form is not portable
// between databases (Table::text_relay). A user cast (--cast t.c=text) is
// done by the source server in the COPY's SELECT, so values are still relayed.
#pragma once

#include "core/catalog.hpp"
#include "core/plan.hpp"
#include "core/type_decision.hpp"

namespace cutover::postgres {

TypeDecision map_type(const Table& table, const Column& column, const CastRule* cast);

// True for smallint, integer and bigint (key-range chunking).
bool is_integer_type(const std::string& declared_type);

}  // namespace cutover::postgres
