// PostgreSQL identifiers: one documented case policy, quoting only when
// needed, and names over 63 bytes shortened without collisions.
//
// Case policy (docs/identifiers.md): source names are kept as written.
// A name that is all lower case, starts with a letter or underscore, holds
// only [a-z0-9_$] and is not a reserved word is written bare; any other
// name is double-quoted, so "OrderItems" stays OrderItems and "order" stays
// order. Users who want lower-case names say --identifier-case lower
// (then names are folded to lower case before the rules above).
#pragma once

#include <set>
#include <string>
#include <string_view>

namespace cutover::pg {

inline constexpr size_t k_max_identifier_bytes = 63;  // NAMEDATALEN - 1

// True for every key word PostgreSQL's quote_ident() quotes (all but the
// unreserved ones), including those added up to PostgreSQL 17.
bool is_reserved_word(std::string_view lower_word);
bool needs_quoting(std::string_view name);
// The name as it must appear in SQL: bare or "double ""quoted""".
std::string quote_ident(std::string_view name);
// schema.table, each part quoted as needed.
std::string qualified(std::string_view schema, std::string_view name);
// A SQL string literal: 'it''s'. (E'' is never needed: standard_conforming_strings.)
std::string quote_literal(std::string_view value);

// Hands out names unique within one namespace (tables of a schema, columns of
// a table, indexes and constraints of a schema). A name over 63 bytes is cut
// on a UTF-8 boundary and given a stable suffix "_" + 8 hex digits of a hash
// of the full name; a name already taken gets "_2", "_3", ... (shortened as
// needed). Deterministic: the same inputs in the same order give the same
// outputs, so plan and migrate agree. Names compare byte for byte (as quoted
// identifiers do): "Orders" and "orders" are different names. An empty
// name becomes "unnamed".
class NameAllocator {
 public:
  // Returns the target name for `wanted`; `changed` tells whether it differs.
  std::string allocate(std::string_view wanted, bool* changed = nullptr);
  void reserve(std::string_view taken) { taken_.insert(std::string(taken)); }

 private:
  std::set<std::string> taken_;
};

// Shortens to at most 63 bytes with the hash suffix (no collision handling):
// the first 54 bytes cut back to a UTF-8 boundary, "_", and 8 lower-case hex
// digits of the 32-bit FNV-1a hash of the whole name. Names of 63 bytes or
// fewer are returned unchanged.
std::string shorten(std::string_view name);

}  // namespace cutover::pg
