// MySQL/MariaDB catalog discovery from information_schema: one query per
// kind of object for the whole database (tables, columns, index parts,
// foreign keys, checks, views, other objects), SQL in sql/*.sql.
//
// Normalisations done here so the rest of the adapter sees one dialect:
// - defaults are MySQL expressions: literals quoted (MySQL 8 shows string
//   defaults unquoted), NULL defaults dropped, CURRENT_TIMESTAMP(n) kept;
// - MariaDB JSON columns (LONGTEXT with CHECK (json_valid(`c`))) get the
//   declared type "json" and lose that check;
// - enum columns get a CHECK (col IN (...labels)) named <table>_<col>_enum
//   (the default mapping is text; docs/types-mysql.md);
// - prefix index parts become left(`col`, n) expressions; FULLTEXT and
//   SPATIAL indexes are listed as not migrated (catalog warnings);
// - triggers, routines and events are listed as not migrated.
#pragma once

#include "core/catalog.hpp"
#include "core/error.hpp"
#include "sources/mysql/mysql_session.hpp"

namespace cutover::mysql {

Result<Catalog> load_catalog(Session& session, const std::string& database);

// "enum('a','it''s')" -> {"a", "it's"} (also set(...)).
std::vector<std::string> enum_labels(std::string_view column_type);

}  // namespace cutover::mysql
