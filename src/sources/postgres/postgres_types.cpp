#include "sources/postgres/postgres_types.hpp"

#include <fmt/format.h>

namespace cutover::postgres {

TypeDecision map_type(const Table& table, const Column& column, const CastRule* cast) {
  TypeDecision d;
  d.kind = ValueKind::bytes;
  d.decode = table.text_relay ? Decode::pg_text : Decode::pg_binary;
  if (cast) {
    d.target_type = cast->target_type;
    d.rule = "cast";
    d.reason = fmt::format("cast rule '{}': the source server casts the values in its COPY", cast->text);
    return d;
  }
  d.target_type = column.declared_type;
  if (!column.collation.empty()) d.target_type += " COLLATE " + column.collation;
  d.rule = "postgresql.native";
  d.reason = table.text_relay ? "same type; relayed in COPY text format (its binary form names type OIDs)"
                              : "same type; binary COPY relayed as is";
  return d;
}

bool is_integer_type(const std::string& declared_type) {
  return declared_type == "smallint" || declared_type == "integer" || declared_type == "bigint";
}

}  // namespace cutover::postgres
