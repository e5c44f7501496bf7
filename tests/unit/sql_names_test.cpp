// Renames inside native PostgreSQL SQL: schema qualifiers and qualified
// table names (--map-schema, --target-schema, --map-table).
#include "plan/sql_names.hpp"

#include <gtest/gtest.h>

namespace cutover {
namespace {

const NameMap k_map = {{{"public", "app"}},
                       {{"shop", "orders", "store", "purchases"}, {"hr", "Staff", "hr", "people"}}};

TEST(SqlNames, TablesInDefinitions) {
  EXPECT_EQ(map_names("FOREIGN KEY (a) REFERENCES shop.orders(id) DEFERRABLE", k_map),
            "FOREIGN KEY (a) REFERENCES store.purchases(id) DEFERRABLE");
  EXPECT_EQ(map_names("PARTITION OF hr.\"Staff\" FOR VALUES IN (1)", k_map),
            "PARTITION OF hr.people FOR VALUES IN (1)");
  EXPECT_EQ(map_names("COMMENT ON COLUMN shop.orders.amount IS 'x'", k_map),
            "COMMENT ON COLUMN store.purchases.amount IS 'x'");
  EXPECT_EQ(map_names("ALTER SEQUENCE shop.orders_id_seq OWNED BY shop.orders.id", k_map),
            "ALTER SEQUENCE shop.orders_id_seq OWNED BY store.purchases.id");
  // A literal naming the table, and one that only starts like it.
  EXPECT_EQ(map_names("'shop.orders'::regclass, 'shop.orders_id_seq'", k_map),
            "'store.purchases'::regclass, 'shop.orders_id_seq'");
  // Other schemas' tables of that name, unqualified names, function bodies.
  EXPECT_EQ(map_names("hr.orders JOIN orders ON $$ shop.orders $$", k_map),
            "hr.orders JOIN orders ON $$ shop.orders $$");
  // Schema renames still apply around them.
  EXPECT_EQ(map_names("public.t JOIN shop.orders o", k_map), "app.t JOIN store.purchases o");
}

TEST(SqlNames, ViewsKeepTheOldNameAsAlias) {
  EXPECT_EQ(map_names(" SELECT orders.id FROM shop.orders WHERE (orders.amount > 50)", k_map, true),
            " SELECT orders.id FROM store.purchases orders WHERE (orders.amount > 50)");
  EXPECT_EQ(map_names("FROM (shop.orders JOIN public.x ON true)", k_map, true),
            "FROM (store.purchases orders JOIN app.x ON true)");
  EXPECT_EQ(map_names("FROM shop.orders o, shop.orders", k_map, true),
            "FROM store.purchases o, store.purchases orders");
  EXPECT_EQ(map_names("FROM hr.\"Staff\" GROUP BY 1", k_map, true),
            "FROM hr.people \"Staff\" GROUP BY 1");
  EXPECT_EQ(map_names("SELECT ROW(1)::shop.orders", k_map, true), "SELECT ROW(1)::store.purchases");
  EXPECT_EQ(map_names("FROM shop.orders", k_map, true), "FROM store.purchases orders");
  // Not for other statements: no alias after ON in a trigger.
  EXPECT_EQ(map_names("BEFORE UPDATE ON shop.orders FOR EACH ROW", k_map),
            "BEFORE UPDATE ON store.purchases FOR EACH ROW");
}

TEST(SqlNames, LiteralsKeepTheirEscapes) {
  const NameMap map = {{{"public", "it's"}}, {{"shop", "o'k", "shop", "ok"}}};
  EXPECT_EQ(map_names("'public.it''s'", map), "'\"it''s\".it''s'");
  EXPECT_EQ(map_names("'shop.\"o''k\"'::regclass", map), "'shop.ok'::regclass");
}

// Function bodies: qualified names inside the dollar quotes follow the
// renames (bare names folded as PostgreSQL reads them), a trigger's OLD and
// NEW rows never do, and SET search_path names the new schemas.
TEST(SqlNames, FunctionBodiesAndSearchPath) {
  const NameMap map = {{{"shop", "store"}, {"old", "archive"}}, {{"shop", "orders", "shop", "purchases"}}};
  EXPECT_EQ(map_function_names("CREATE FUNCTION shop.f() RETURNS int LANGUAGE sql\n"
                               " SET search_path TO 'shop', 'public'\n"
                               "AS $function$SELECT count(*) FROM Shop.Orders JOIN shop.items USING (id)$function$\n",
                               map),
            "CREATE FUNCTION store.f() RETURNS int LANGUAGE sql\n"
            " SET search_path TO 'store', 'public'\n"
            "AS $function$SELECT count(*) FROM shop.purchases JOIN store.items USING (id)$function$\n");
  EXPECT_EQ(map_function_names("AS $$BEGIN NEW.total := OLD.total; INSERT INTO \"shop\".log "
                               "VALUES ('shop.orders'); EXECUTE $q$TRUNCATE shop.t$q$; END$$",
                               map),
            "AS $$BEGIN NEW.total := OLD.total; INSERT INTO store.log "
            "VALUES ('shop.purchases'); EXECUTE $q$TRUNCATE store.t$q$; END$$");
  EXPECT_EQ(map_function_names("AS $$SELECT \"Shop\".x$$", map), "AS $$SELECT \"Shop\".x$$");
}

TEST(SqlNames, SchemaMapOnly) {
  const SchemaMap map = {{"public", "app"}, {"Sales", "crm"}};
  EXPECT_EQ(map_schema_names("\"Sales\".\"Order\" JOIN public.x", map), "crm.\"Order\" JOIN app.x");
  EXPECT_EQ(map_schema_names("public = t.public", map), "public = t.public");
  EXPECT_EQ(map_names("shop.orders", NameMap{}), "shop.orders");
}

}  // namespace
}  // namespace cutover
