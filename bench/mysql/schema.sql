-- The bench dataset's tables in MariaDB/MySQL (bench/run_mysql.sh loads the rows of
-- gen_sqlite.sh into them): InnoDB, primary keys, the secondary index and the foreign keys
-- of the SQLite file, with the closest MySQL types — epoch seconds become DATETIME (UTC),
-- BOOLEAN tinyint(1), DECIMAL stays DECIMAL, REAL DOUBLE, BLOB VARBINARY.
DROP TABLE IF EXISTS order_items, orders, customers;

CREATE TABLE customers (
  id         int NOT NULL PRIMARY KEY,
  name       varchar(100) NOT NULL,
  email      varchar(100) NOT NULL,
  created_at datetime NOT NULL,
  is_active  tinyint(1) NOT NULL,
  balance    decimal(12,2) NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE orders (
  id          int NOT NULL PRIMARY KEY,
  customer_id int NOT NULL,
  total       decimal(12,2) NOT NULL,
  status      varchar(20) NOT NULL,
  created_at  datetime NOT NULL,
  notes       text,
  KEY orders_customer_id_idx (customer_id),
  CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE order_items (
  id         int NOT NULL PRIMARY KEY,
  order_id   int NOT NULL,
  sku        varchar(20) NOT NULL,
  qty        int NOT NULL,
  unit_price decimal(10,2) NOT NULL,
  discount   double NOT NULL,
  payload    varbinary(32),
  CONSTRAINT order_items_order_id_fkey FOREIGN KEY (order_id) REFERENCES orders (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
