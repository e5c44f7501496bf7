#include <gtest/gtest.h>

#include <sstream>

#include "targets/postgres/pg_identifiers.hpp"

namespace cutover::pg {
namespace {

// SELECT word FROM pg_get_keywords() WHERE catcode <> 'U' on PostgreSQL 15.
constexpr const char* k_pg15_quoted_keywords =
    "all analyse analyze and any array as asc asymmetric authorization between bigint binary "
    "bit boolean both case cast char character check coalesce collate collation column "
    "concurrently constraint create cross current_catalog current_date current_role "
    "current_schema current_time current_timestamp current_user dec decimal default deferrable "
    "desc distinct do else end except exists extract false fetch float for foreign freeze from "
    "full grant greatest group grouping having ilike in initially inner inout int integer "
    "intersect interval into is isnull join lateral leading least left like limit localtime "
    "localtimestamp national natural nchar none normalize not notnull null nullif numeric offset "
    "on only or order out outer overlaps overlay placing position precision primary real "
    "references returning right row select session_user setof similar smallint some substring "
    "symmetric table tablesample then time timestamp to trailing treat trim true union unique "
    "user using values varchar variadic verbose when where window with xmlattributes xmlconcat "
    "xmlelement xmlexists xmlforest xmlnamespaces xmlparse xmlpi xmlroot xmlserialize xmltable";

TEST(PgIdentifiers, EveryPg15ReservedCategoryWordIsQuoted) {
  std::istringstream words(k_pg15_quoted_keywords);
  int count = 0;
  for (std::string w; words >> w; ++count) {
    EXPECT_TRUE(is_reserved_word(w)) << w;
    EXPECT_EQ(quote_ident(w), "\"" + w + "\"");
  }
  EXPECT_EQ(count, 151);
  EXPECT_TRUE(is_reserved_word("system_user"));  // reserved since PostgreSQL 16
  EXPECT_TRUE(is_reserved_word("json_table"));   // column-name key word since 17
}

TEST(PgIdentifiers, UnreservedWordsStayBare) {
  for (const char* w : {"name", "type", "data", "key", "value", "text", "date", "comment",
                        "action", "position_x", "users", "id", "level", "year"}) {
    EXPECT_FALSE(is_reserved_word(w)) << w;
    EXPECT_EQ(quote_ident(w), w);
  }
}

TEST(PgIdentifiers, QuoteIdent) {
  EXPECT_EQ(quote_ident("orders"), "orders");
  EXPECT_EQ(quote_ident("_tmp$1"), "_tmp$1");
  EXPECT_EQ(quote_ident("OrderItems"), "\"OrderItems\"");
  EXPECT_EQ(quote_ident("order"), "\"order\"");
  EXPECT_EQ(quote_ident("ORDER"), "\"ORDER\"");
  EXPECT_EQ(quote_ident("1st"), "\"1st\"");
  EXPECT_EQ(quote_ident("$x"), "\"$x\"");
  EXPECT_EQ(quote_ident("first name"), "\"first name\"");
  EXPECT_EQ(quote_ident("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(quote_ident("caf\xc3\xa9"), "\"caf\xc3\xa9\"");
  EXPECT_EQ(quote_ident(""), "\"\"");
  EXPECT_TRUE(needs_quoting("a-b"));
  EXPECT_FALSE(needs_quoting("a_b9"));
}

TEST(PgIdentifiers, QualifiedAndLiteral) {
  EXPECT_EQ(qualified("public", "orders"), "public.orders");
  EXPECT_EQ(qualified("Sales", "user"), "\"Sales\".\"user\"");
  EXPECT_EQ(qualified("", "t"), "t");
  EXPECT_EQ(quote_literal("it's"), "'it''s'");
  EXPECT_EQ(quote_literal(""), "''");
  EXPECT_EQ(quote_literal("back\\slash"), "'back\\slash'");
}

TEST(PgIdentifiers, ShortenKeepsShortNames) {
  std::string n63(63, 'a');
  EXPECT_EQ(shorten(n63), n63);
  EXPECT_EQ(shorten("orders"), "orders");
}

TEST(PgIdentifiers, ShortenCutsAndHashes) {
  const std::string prefix = "customer_order_line_item_discount_allocation_history_by_region_";
  ASSERT_EQ(prefix.size(), 63u);
  std::string a = shorten(prefix + "q1_2024");
  std::string b = shorten(prefix + "q2_2024");
  EXPECT_EQ(a, "customer_order_line_item_discount_allocation_history_b_fc659166");
  EXPECT_EQ(b, "customer_order_line_item_discount_allocation_history_b_83db4d71");
  EXPECT_EQ(a.size(), 63u);
}

TEST(PgIdentifiers, ShortenCutsOnUtf8Boundary) {
  // 53 ASCII bytes, then "é" (2 bytes) straddling the 54-byte cut.
  std::string name = std::string(53, 'x') + "\xc3\xa9" + std::string(20, 'y');
  EXPECT_EQ(shorten(name), std::string(53, 'x') + "_a158e453");
}

TEST(PgIdentifiers, AllocatorGivesDistinctNamesAfterShortening) {
  const std::string prefix = "customer_order_line_item_discount_allocation_history_by_region_";
  NameAllocator names;
  bool changed = false;
  EXPECT_EQ(names.allocate(prefix + "q1_2024", &changed),
            "customer_order_line_item_discount_allocation_history_b_fc659166");
  EXPECT_TRUE(changed);
  EXPECT_EQ(names.allocate(prefix + "q2_2024"),
            "customer_order_line_item_discount_allocation_history_b_83db4d71");
  // The same long name again: suffix instead of the same target.
  EXPECT_EQ(names.allocate(prefix + "q1_2024"),
            "customer_order_line_item_discount_allocation_history_b_fc6591_2");
}

TEST(PgIdentifiers, AllocatorIsCaseSensitiveLikeQuotedNames) {
  NameAllocator names;
  bool changed = true;
  EXPECT_EQ(names.allocate("Orders", &changed), "Orders");
  EXPECT_FALSE(changed);
  EXPECT_EQ(names.allocate("orders", &changed), "orders");  // distinct when quoted
  EXPECT_FALSE(changed);
  EXPECT_EQ(names.allocate("orders", &changed), "orders_2");  // folded duplicates collide
  EXPECT_TRUE(changed);
  EXPECT_EQ(names.allocate("orders"), "orders_3");
  names.reserve("items");
  EXPECT_EQ(names.allocate("items"), "items_2");
  EXPECT_EQ(names.allocate("items_2"), "items_2_2");
  EXPECT_EQ(names.allocate(""), "unnamed");
  EXPECT_EQ(names.allocate(""), "unnamed_2");
}

TEST(PgIdentifiers, AllocatorSuffixFitsIn63Bytes) {
  NameAllocator names;
  std::string n63(63, 'z');
  EXPECT_EQ(names.allocate(n63), n63);
  std::string second = names.allocate(n63);
  EXPECT_EQ(second, std::string(61, 'z') + "_2");
  for (int i = 3; i <= 12; ++i) {
    std::string next = names.allocate(n63);
    EXPECT_LE(next.size(), 63u);
    EXPECT_TRUE(next.ends_with("_" + std::to_string(i))) << next;
  }
}

TEST(PgIdentifiers, AllocatorIsDeterministic) {
  auto run = [] {
    NameAllocator names;
    std::string out;
    const std::string inputs[] = {"a", "a", "A", std::string(80, 'q'), "a_2"};
    for (const auto& n : inputs) out += names.allocate(n) + ",";
    return out;
  };
  EXPECT_EQ(run(), run());
}

}  // namespace
}  // namespace cutover::pg
