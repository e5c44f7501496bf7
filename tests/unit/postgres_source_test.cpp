// PostgreSQL source pieces that need no server: schema renames inside
// deparsed SQL, chunk splitting, COPY field parsing, native DDL, options.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "plan/options_loader.hpp"
#include "plan/planner_native.hpp"
#include "sources/postgres/postgres_chunker.hpp"
#include "sources/postgres/postgres_reader.hpp"
#include "targets/postgres/pg_ddl.hpp"

namespace cutover {
namespace {

const SchemaMap k_map = {{"public", "app"}, {"Sales", "crm"}};

TEST(PgSchemaMap, QualifiersLiteralsAndBodies) {
  EXPECT_EQ(map_schema_names("nextval('public.t_id_seq'::regclass)", k_map), "nextval('app.t_id_seq'::regclass)");
  EXPECT_EQ(map_schema_names("FOREIGN KEY (a) REFERENCES public.t(id)", k_map), "FOREIGN KEY (a) REFERENCES app.t(id)");
  EXPECT_EQ(map_schema_names("\"Sales\".\"Order\" JOIN public.x", k_map), "crm.\"Order\" JOIN app.x");
  // Not a qualifier: a column named public, a second name part, text, dollar-quoted bodies.
  EXPECT_EQ(map_schema_names("public = t.public AND x = 'public'", k_map), "public = t.public AND x = 'public'");
  EXPECT_EQ(map_schema_names("'G'::public.mpaa_rating", k_map), "'G'::app.mpaa_rating");
  EXPECT_EQ(map_schema_names("AS $f$ SELECT public.x $f$ public.y", k_map), "AS $f$ SELECT public.x $f$ app.y");
  EXPECT_EQ(map_schema_names("E'it\\'s public.x'", k_map), "E'it\\'s public.x'");
  EXPECT_EQ(map_schema_names("public.t", {}), "public.t");
}

Table table(int64_t pages, bool int_key) {
  Table t;
  t.schema = "s";
  t.name = "t";
  t.pages = pages;
  Column c;
  c.name = "id";
  c.declared_type = int_key ? "bigint" : "text";
  t.columns.push_back(c);
  t.primary_key = {"id"};
  return t;
}

TEST(PgChunks, IntegerKeyRangesCoverEverything) {
  std::string reason;
  auto chunks = postgres::split_chunks(table(100, true), 1000, 300, std::pair<int64_t, int64_t>{1, 1000}, reason);
  ASSERT_EQ(chunks.size(), 4u);
  EXPECT_FALSE(chunks.front().lo);
  EXPECT_FALSE(chunks.back().hi);
  for (size_t i = 1; i < chunks.size(); ++i) EXPECT_EQ(chunks[i].lo, chunks[i - 1].hi);
  EXPECT_EQ(chunks[1].describe(), "id in [251, 501)");
  EXPECT_EQ(postgres::chunk_where(chunks[1]), " WHERE id >= 251 AND id < 501");
  EXPECT_NE(reason.find("integer primary key"), std::string::npos);
}

TEST(PgChunks, CtidPagesWithoutIntegerKey) {
  std::string reason;
  auto chunks = postgres::split_chunks(table(10, false), 1000, 400, std::nullopt, reason);
  ASSERT_EQ(chunks.size(), 3u);
  EXPECT_EQ(chunks[0].key_column, "ctid");
  EXPECT_EQ(postgres::chunk_where(chunks[1]),
            " WHERE ctid >= '(3,0)'::pg_catalog.tid AND ctid < '(6,0)'::pg_catalog.tid");
  EXPECT_EQ(postgres::chunk_where(chunks[2]), " WHERE ctid >= '(6,0)'::pg_catalog.tid");
  Table parent = table(0, true);
  parent.partitioned = true;
  EXPECT_TRUE(postgres::split_chunks(parent, 0, 10, std::nullopt, reason).empty());
  EXPECT_EQ(postgres::split_chunks(table(1, true), 5, 10, std::nullopt, reason).size(), 1u);
}

std::string be32(int32_t v) {
  std::string s(4, '\0');
  for (int i = 0; i < 4; ++i) s[i] = static_cast<char>((static_cast<uint32_t>(v) >> (24 - 8 * i)) & 0xff);
  return s;
}

TEST(PgCopyParser, BinaryTuplesSplitAnywhere) {
  std::string data("PGCOPY\n\377\r\n\0", 11);
  data += be32(0) + be32(0);
  data += std::string("\0\2", 2) + be32(3) + "abc" + be32(-1);
  data += std::string("\0\2", 2) + be32(0) + be32(2) + "xy";
  data += std::string("\xff\xff", 2);
  for (size_t cut = 0; cut <= data.size(); ++cut) {
    postgres::CopyFieldParser p(2, false);
    RowBatch b(2);
    ASSERT_TRUE(p.feed(std::string_view(data).substr(0, cut), b));
    ASSERT_TRUE(p.feed(std::string_view(data).substr(cut), b));
    ASSERT_EQ(b.rows(), 2u) << "cut at " << cut;
    EXPECT_EQ(b.payload(b.at(0, 0)), "abc");
    EXPECT_EQ(b.at(0, 1).kind, ValueKind::null);
    EXPECT_EQ(b.payload(b.at(1, 0)), "");
    EXPECT_EQ(b.at(1, 0).kind, ValueKind::bytes);
    EXPECT_EQ(b.payload(b.at(1, 1)), "xy");
    EXPECT_TRUE(p.finished());
  }
}

TEST(PgCopyParser, TextLinesAndFieldCount) {
  postgres::CopyFieldParser p(3, true);
  RowBatch b(3);
  ASSERT_TRUE(p.feed("a\\tb\t\\N\t{x,y}\n1\t", b));
  ASSERT_TRUE(p.feed("2\t3\n", b));
  ASSERT_EQ(b.rows(), 2u);
  EXPECT_EQ(b.payload(b.at(0, 0)), "a\\tb");
  EXPECT_EQ(b.at(0, 1).kind, ValueKind::null);
  EXPECT_EQ(b.payload(b.at(1, 2)), "3");
  auto bad = p.feed("only\tTwo\n", b);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message, "malformed COPY data: a text row has 2 fields, 3 expected");
}

TablePlan native_table() {
  TablePlan t;
  t.source = table(1, true);
  t.target_schema = "app";
  t.target_name = "t";
  ColumnPlan c;
  c.source_name = c.target_name = "id";
  c.type = {"bigint", ValueKind::bytes, Decode::pg_binary, "postgresql.native", "", false};
  c.identity_definition = "GENERATED ALWAYS AS IDENTITY (SEQUENCE NAME app.t_id_seq)";
  t.columns.push_back(c);
  return t;
}

TEST(PgNativeDdl, DefinitionsAreUsedAsTheyAre) {
  TablePlan t = native_table();
  EXPECT_EQ(pg::create_table_sql(t),
            "CREATE TABLE app.t (\n  id bigint GENERATED ALWAYS AS IDENTITY (SEQUENCE NAME app.t_id_seq)\n)");
  EXPECT_EQ(pg::copy_sql(t), "COPY app.t (id) FROM STDIN (FORMAT binary)");
  t.source.partition_of = "PARTITION OF app.p FOR VALUES IN (1)";
  t.source.partition_by = "PARTITION BY RANGE (id)";
  EXPECT_EQ(pg::create_table_sql(t), "CREATE TABLE app.t PARTITION OF app.p FOR VALUES IN (1) PARTITION BY RANGE (id)");
  IndexPlan ix;
  ix.name = "t_doc_idx";
  ix.definition = "USING gin (doc) WHERE (id > 0)";
  EXPECT_EQ(pg::index_sql(t, ix)[0], "CREATE INDEX t_doc_idx ON app.t USING gin (doc) WHERE (id > 0)");
  ix.as_constraint = true;
  ix.definition = "EXCLUDE USING gist (r WITH &&)";
  EXPECT_EQ(pg::index_sql(t, ix), std::vector<std::string>{"ALTER TABLE app.t ADD CONSTRAINT t_doc_idx EXCLUDE USING gist (r WITH &&)"});
  ForeignKeyPlan fk;
  fk.name = "t_fk";
  fk.definition = "FOREIGN KEY (id) REFERENCES app.u(id) DEFERRABLE INITIALLY DEFERRED";
  EXPECT_EQ(pg::foreign_key_sql(t, fk, true),
            "ALTER TABLE app.t ADD CONSTRAINT t_fk FOREIGN KEY (id) REFERENCES app.u(id) DEFERRABLE INITIALLY DEFERRED NOT VALID");
  t.columns[0].type.decode = Decode::pg_text;
  EXPECT_EQ(pg::copy_sql(t), "COPY app.t (id) FROM STDIN");
  EXPECT_EQ(pg::copy_sql(t, {}, true), "COPY app.t (id) FROM STDIN (FREEZE)");
  EXPECT_EQ(postgres::copy_out_sql(t, ChunkSpec{}), "COPY (SELECT id FROM ONLY s.t) TO STDOUT");
}

Result<Command> parse(std::vector<const char*> args) {
  args.insert(args.begin(), "cutover");
  return parse_command_line(static_cast<int>(args.size()), args.data(), [](const char*) { return nullptr; });
}

TEST(PgOptions, ModeSchemasAndSchemaMap) {
  auto cmd = parse({"migrate", "postgresql://a/b", "postgresql://c/d", "--mode", "data", "--schemas", "shop,hr",
                    "--map-schema", "shop=store"});
  ASSERT_TRUE(cmd) << cmd.error().describe();
  EXPECT_EQ(cmd->options.mode, Mode::data_only);
  EXPECT_EQ(cmd->options.schemas, (std::vector<std::string>{"shop", "hr"}));
  EXPECT_EQ(cmd->options.schema_map, (SchemaMap{{"shop", "store"}}));
  EXPECT_TRUE(table_selected(cmd->options, "hr", "events"));
  EXPECT_FALSE(table_selected(cmd->options, "public", "events"));
  auto bad = parse({"migrate", "a", "b", "--mode", "all"});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message, "invalid value 'all' for --mode");
  auto map = parse({"migrate", "a", "b", "--map-schema", "shop"});
  ASSERT_FALSE(map);
  EXPECT_EQ(map.error().message, "invalid value 'shop' for --map-schema");
  auto clash = parse({"migrate", "a", "b", "--mode", "schema", "--data-only"});
  ASSERT_FALSE(clash);
  EXPECT_EQ(clash.error().message, "--mode contradicts --data-only");
  auto tables = parse({"migrate", "a", "b", "--map-table", "shop.orders=crm.purchases,lines=order_lines", "--owners",
                       "--grants", "--target-schema", "app"});
  ASSERT_TRUE(tables) << tables.error().describe();
  EXPECT_EQ(tables->options.table_map, (SchemaMap{{"shop.orders", "crm.purchases"}, {"lines", "order_lines"}}));
  EXPECT_TRUE(tables->options.owners && tables->options.grants && tables->options.target_schema_given);
  EXPECT_FALSE(cmd->options.target_schema_given);
  for (const char* bad : {"orders", "orders=", ".orders=x", "shop.=x"}) {
    auto r = parse({"migrate", "a", "b", "--map-table", bad});
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().message, fmt::format("invalid value '{}' for --map-table", bad));
  }
  auto compare = parse({"compare-schema", "postgresql://a/b", "postgresql://c/d", "--json"});
  ASSERT_TRUE(compare);
  EXPECT_EQ(compare->name, CommandName::compare_schema);
  EXPECT_TRUE(compare->json);
}

}  // namespace
}  // namespace cutover
