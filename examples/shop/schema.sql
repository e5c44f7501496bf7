-- A small online shop as a typical application keeps it in SQLite: the
-- sample database of scripts/demo.sh and a realistic fixture for tests.
--   sqlite3 shop.db < examples/shop/schema.sql && sqlite3 shop.db < examples/shop/data.sql
-- It uses what real SQLite schemas use: AUTOINCREMENT ids, a self-reference,
-- dates as epoch integers (orders.created_at) and as ISO-8601 text, 0/1
-- booleans, JSON in text, blobs, DECIMAL prices, partial and expression
-- indexes, CHECK constraints, cascading foreign keys, defaults and a view.
PRAGMA foreign_keys = ON;

CREATE TABLE categories (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  parent_id  INTEGER REFERENCES categories (id) ON DELETE CASCADE,
  name       TEXT NOT NULL,
  slug       VARCHAR(64) NOT NULL UNIQUE,
  position   INTEGER NOT NULL DEFAULT 0,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE customers (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  email            VARCHAR(255) NOT NULL UNIQUE,
  full_name        TEXT NOT NULL,
  city             TEXT,
  country          CHAR(2) NOT NULL DEFAULT 'US',
  is_active        BOOLEAN NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
  marketing_opt_in BOOLEAN NOT NULL DEFAULT 0,
  preferences      JSON,                                      -- JSON object as text
  signed_up_at     DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, -- 'YYYY-MM-DD HH:MM:SS'
  last_login_at    DATETIME                                     -- 'YYYY-MM-DDTHH:MM:SS.SSS'
);
-- Emails are unique regardless of case.
CREATE UNIQUE INDEX customers_email_lower ON customers (lower(email));
CREATE INDEX customers_country_city ON customers (country, city);

CREATE TABLE products (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  category_id INTEGER NOT NULL REFERENCES categories (id) ON DELETE CASCADE,
  sku         VARCHAR(32) NOT NULL UNIQUE,
  name        VARCHAR(200) NOT NULL,
  description TEXT,
  price       DECIMAL(10, 2) NOT NULL CHECK (price >= 0),
  weight_kg   REAL,
  in_stock    BOOLEAN NOT NULL DEFAULT 1,
  attributes  JSON,
  thumbnail   BLOB,                                       -- small PNG-like bytes
  created_at  DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX products_category ON products (category_id);
-- Partial index: the storefront only lists what is in stock.
CREATE INDEX products_in_stock_price ON products (price) WHERE in_stock = 1;

CREATE TABLE orders (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  customer_id      INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  status           TEXT NOT NULL DEFAULT 'pending'
                   CHECK (status IN ('pending', 'paid', 'shipped', 'delivered', 'cancelled')),
  created_at       TIMESTAMP NOT NULL,                    -- Unix epoch seconds (integer)
  shipped_at       DATETIME,                              -- 'YYYY-MM-DD HH:MM:SS', NULL until shipped
  shipping_address JSON,
  note             TEXT,
  CHECK (shipped_at IS NULL OR status IN ('shipped', 'delivered'))
);
CREATE INDEX orders_customer_created ON orders (customer_id, created_at);
CREATE INDEX orders_open ON orders (created_at) WHERE status IN ('pending', 'paid');

CREATE TABLE order_items (
  order_id   INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  line_no    INTEGER NOT NULL,
  product_id INTEGER NOT NULL REFERENCES products (id),
  quantity   INTEGER NOT NULL CHECK (quantity > 0),
  unit_price DECIMAL(10, 2) NOT NULL CHECK (unit_price >= 0),
  discount   DECIMAL(4, 2) NOT NULL DEFAULT 0 CHECK (discount >= 0 AND discount < 1),
  PRIMARY KEY (order_id, line_no)
);
CREATE INDEX order_items_product ON order_items (product_id);

CREATE VIEW order_totals AS
SELECT o.id AS order_id,
       o.customer_id,
       o.status,
       COUNT(i.line_no) AS lines,
       COALESCE(SUM(i.quantity), 0) AS units,
       ROUND(COALESCE(SUM(i.quantity * i.unit_price * (1 - i.discount)), 0), 2) AS total
FROM orders AS o
LEFT JOIN order_items AS i ON i.order_id = o.id
GROUP BY o.id, o.customer_id, o.status;
