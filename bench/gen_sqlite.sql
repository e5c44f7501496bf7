-- Deterministic benchmark dataset for `cutover migrate` (SQLite source).
--
-- Run through bench/gen_sqlite.sh, which creates temp.bench_params(n_customers,
-- n_orders, n_items) from BENCH_SCALE and then reads this file with the sqlite3
-- CLI. Scale 1.0 = 500k customers + 2M orders + 4.5M order_items = 7M rows.
--
-- Pseudo-random columns come from multiplicative hashes of the row number,
-- h = ((x + salt) * odd_constant) mod 2^32, so the same scale always yields the
-- same rows. The shifts (>> n) pick higher, better-mixed bits.
--
-- Mixed types on purpose: non-ASCII text (é ß ł 東京 emoji), quotes, backslashes,
-- tabs and newlines in text, NULLs, epoch-second TIMESTAMPs, 0/1 BOOLEANs,
-- DECIMAL columns holding REAL (and INTEGER when the value is whole: NUMERIC
-- affinity), REAL, and small BLOBs.

PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
PRAGMA foreign_keys = OFF;
PRAGMA cache_size = -262144;

CREATE TEMP TABLE first_names (i INTEGER PRIMARY KEY, v TEXT NOT NULL);
INSERT INTO first_names VALUES
  (0, 'Anna'), (1, 'José'), (2, 'Zoë'), (3, 'Björn'), (4, 'Łukasz'),
  (5, 'François'), (6, 'Jürgen'), (7, 'Søren'), (8, 'Ágnes'), (9, 'Chloé'),
  (10, '太郎'), (11, 'Ōta'), (12, 'Mia'), (13, 'Noah 😀'), (14, 'Olivia'),
  (15, 'Αλέξανδρος');

CREATE TEMP TABLE last_names (i INTEGER PRIMARY KEY, v TEXT NOT NULL);
INSERT INTO last_names VALUES
  (0, 'Smith'), (1, 'Groß'), (2, 'Wałęsa'), (3, 'Müller'), (4, 'Núñez'),
  (5, 'O''Brien'), (6, '東京'), (7, 'Dvořák'), (8, 'Nakamura 🚀'), (9, 'Øberg'),
  (10, 'Ibrahim'), (11, 'Çelik'), (12, 'Kowalski'), (13, 'Straße'),
  (14, 'Lefèvre'), (15, 'Иванов');

CREATE TABLE customers (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  email      TEXT NOT NULL,
  created_at TIMESTAMP NOT NULL,
  is_active  BOOLEAN NOT NULL,
  balance    DECIMAL(12,2) NOT NULL
);

CREATE TABLE orders (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers (id),
  total       DECIMAL(12,2) NOT NULL,
  status      TEXT NOT NULL,
  created_at  TIMESTAMP NOT NULL,
  notes       TEXT
);

CREATE TABLE order_items (
  id         INTEGER PRIMARY KEY,
  order_id   INTEGER NOT NULL REFERENCES orders (id),
  sku        TEXT NOT NULL,
  qty        INTEGER NOT NULL,
  unit_price DECIMAL(10,2) NOT NULL,
  discount   REAL NOT NULL,
  payload    BLOB
);

-- Row numbers 1..max(n) with three hashes each; every INSERT takes the first n rows
-- (the recursive CTE runs as a co-routine, so LIMIT stops it early).
CREATE TEMP VIEW hashed AS
WITH RECURSIVE seq(x) AS (
  SELECT 1 UNION ALL
  SELECT x + 1 FROM seq
  WHERE x < (SELECT max(n_customers, n_orders, n_items) FROM bench_params)
)
SELECT x,
       (x * 2654435761) % 4294967296 AS h1,
       ((x + 40503) * 2246822519) % 4294967296 AS h2,
       ((x + 9973) * 3266489917) % 4294967296 AS h3
FROM seq;

BEGIN;

INSERT INTO customers (id, name, email, created_at, is_active, balance)
SELECT x,
       (SELECT v FROM first_names WHERE i = (h1 >> 8) % 16) || ' ' ||
       (SELECT v FROM last_names WHERE i = (h2 >> 8) % 16),
       'user' || x || '@' ||
         CASE (h3 >> 4) % 4 WHEN 0 THEN 'example.com' WHEN 1 THEN 'mail.test'
                            WHEN 2 THEN 'example.org' ELSE 'shop.example' END,
       1420070400 + h1 % 315360000,
       (h2 >> 3) % 10 < 8,
       ((h3 >> 5) % 2000000 - 200000) / 100.0
FROM hashed LIMIT (SELECT n_customers FROM bench_params);

INSERT INTO orders (id, customer_id, total, status, created_at, notes)
SELECT x,
       1 + (h1 >> 7) % (SELECT n_customers FROM bench_params),
       ((h2 >> 6) % 10000000) / 100.0,
       CASE (h3 >> 9) % 6 WHEN 0 THEN 'new' WHEN 1 THEN 'paid' WHEN 2 THEN 'shipped'
                          WHEN 3 THEN 'delivered' WHEN 4 THEN 'cancelled'
                          ELSE 'refunded' END,
       1420070400 + h1 % 315360000,
       CASE WHEN (h2 >> 11) % 10 < 7 THEN NULL
            ELSE CASE (h3 >> 13) % 6
                   WHEN 0 THEN 'Leave at the door'
                   WHEN 1 THEN 'Geschenkverpackung: ja — danke schön'
                   WHEN 2 THEN 'line one' || char(10) || 'line two'
                   WHEN 3 THEN 'quote " backslash \ tab' || char(9) || 'end'
                   WHEN 4 THEN '配達希望: 午前中 🚚'
                   ELSE 'call ' || printf('+48 %09d', h1 % 1000000000) END
       END
FROM hashed LIMIT (SELECT n_orders FROM bench_params);

INSERT INTO order_items (id, order_id, sku, qty, unit_price, discount, payload)
SELECT x,
       1 + (h1 >> 7) % (SELECT n_orders FROM bench_params),
       'SKU-' || printf('%06d', (h2 >> 5) % 100000),
       1 + (h3 >> 3) % 10,
       ((h1 >> 9) % 100000) / 100.0,
       CASE (h2 >> 12) % 4 WHEN 0 THEN 0.0 ELSE ((h3 >> 7) % 5000) / 10000.0 END,
       CASE WHEN (h1 >> 13) % 5 = 0 THEN NULL
            ELSE CAST(substr(printf('%08x%08x%08x', h1, h2, h3), 1, 8 + (h3 % 3) * 8)
                      AS BLOB) END
FROM hashed LIMIT (SELECT n_items FROM bench_params);

COMMIT;

CREATE INDEX orders_customer_id_idx ON orders (customer_id);
