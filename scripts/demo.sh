#!/usr/bin/env bash
# The demo: installs dependencies, builds cutover, starts a throwaway
# PostgreSQL on 127.0.0.1:55433 (left running), creates the sample shop
# database in SQLite and migrates it, then shows the result with psql.
#
# Everything lives in /tmp/cutover-demo (override with CUTOVER_DEMO_DIR).
# Run it again at any time: the shop database and the target are recreated.
set -euo pipefail

# shellcheck source=lib/demo-setup.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/demo-setup.sh"
url="postgresql://postgres@127.0.0.1:$port/cutover"
psql_cmd=(psql -X -q -v ON_ERROR_STOP=1 "$url")
# A fresh, empty target database on every run.
demo_fresh_database cutover

step "sample SQLite database $demo/shop.db"
rm -f "$demo/shop.db"
sqlite3 "$demo/shop.db" <examples/shop/schema.sql
sqlite3 "$demo/shop.db" <examples/shop/data.sql
sqlite3 "$demo/shop.db" "SELECT '  ' || t.name || ': ' || (SELECT COUNT(*) FROM pragma_table_info(t.name)) || ' columns'
                         FROM sqlite_schema AS t
                         WHERE t.type = 'table' AND t.name NOT LIKE 'sqlite_%' ORDER BY t.name"

cat <<MSG

PostgreSQL keeps running for you to explore:
  connect:  psql $url
  stop:     bash scripts/pg-server.sh stop $demo/pg
MSG

step "cutover migrate"
echo "+ build/cutover migrate $demo/shop.db $url --report $demo/report.json"
rc=0
"$build_dir/cutover" migrate "$demo/shop.db" "$url" --report "$demo/report.json" || rc=$?
if [ "$rc" -ne 0 ]; then
  echo "demo: cutover migrate exited with $rc; the messages above and $demo/report.json say why" >&2
  exit "$rc"
fi

step "the result in PostgreSQL"
"${psql_cmd[@]}" <<'SQL'
\echo 'Rows per table:'
SELECT 'categories' AS "table", COUNT(*) AS rows FROM categories
UNION ALL SELECT 'customers', COUNT(*) FROM customers
UNION ALL SELECT 'products', COUNT(*) FROM products
UNION ALL SELECT 'orders', COUNT(*) FROM orders
UNION ALL SELECT 'order_items', COUNT(*) FROM order_items;
\echo 'Column types chosen for orders:'
SELECT column_name, data_type, column_default
FROM information_schema.columns
WHERE table_schema = 'public' AND table_name = 'orders'
ORDER BY ordinal_position;
SELECT EXISTS (SELECT 1 FROM information_schema.views
               WHERE table_schema = 'public' AND table_name = 'order_totals') AS has_view \gset
\if :has_view
\echo 'Five biggest orders (the order_totals view):'
SELECT * FROM order_totals ORDER BY total DESC, order_id LIMIT 5;
\else
\echo '(the order_totals view was not created on the target; the report says why)'
\endif
\echo 'A new customer gets the next id from the migrated sequence (rolled back):'
BEGIN;
INSERT INTO customers (email, full_name, city) VALUES ('new.customer@example.com', 'Zoë Nowak', 'Łódź')
RETURNING id, email, is_active, signed_up_at;
ROLLBACK;
SQL

cat <<MSG

Done. The report is in $demo/report.json.
  connect:  psql $url
  stop:     bash scripts/pg-server.sh stop $demo/pg
MSG
