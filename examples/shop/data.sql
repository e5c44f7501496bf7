-- Sample data for examples/shop/schema.sql, generated deterministically (the
-- same rows on every run): 20 categories, 1,000 customers, 300 products,
-- about 3,000 orders and 7,500 order lines. Names and cities are not all
-- ASCII, a few notes carry emoji, and some orders were deleted (id gaps,
-- cascaded order lines), as in a database that has lived a while.
PRAGMA foreign_keys = ON;
BEGIN;

INSERT INTO categories (id, parent_id, name, slug, position, created_at) VALUES
  (1, NULL, 'Electronics', 'electronics', 1, '2021-03-01 09:00:00'),
  (2, NULL, 'Books', 'books', 2, '2021-03-01 09:00:00'),
  (3, NULL, 'Home & Kitchen', 'home-kitchen', 3, '2021-03-01 09:00:00'),
  (4, NULL, 'Garden', 'garden', 4, '2021-03-01 09:00:00'),
  (5, NULL, 'Toys', 'toys', 5, '2021-03-02 14:30:00'),
  (6, 1, 'Phones', 'phones', 1, '2021-03-02 14:30:00'),
  (7, 1, 'Laptops', 'laptops', 2, '2021-03-02 14:30:00'),
  (8, 1, 'Audio', 'audio', 3, '2021-03-02 14:30:00'),
  (9, 2, 'Fiction', 'fiction', 1, '2021-03-03 10:15:00'),
  (10, 2, 'Cookbooks', 'cookbooks', 2, '2021-03-03 10:15:00'),
  (11, 2, 'Livres en français', 'livres', 3, '2021-03-03 10:15:00'),
  (12, 3, 'Cookware', 'cookware', 1, '2021-03-04 08:00:00'),
  (13, 3, 'Coffee & Tea', 'coffee-tea', 2, '2021-03-04 08:00:00'),
  (14, 4, 'Seeds', 'seeds', 1, '2021-03-05 16:45:00'),
  (15, 4, 'Tools', 'garden-tools', 2, '2021-03-05 16:45:00'),
  (16, 5, 'Puzzles', 'puzzles', 1, '2021-03-06 11:20:00'),
  (17, 5, 'Building blocks', 'blocks', 2, '2021-03-06 11:20:00'),
  (18, 8, 'Headphones', 'headphones', 1, '2021-04-01 12:00:00'),
  (19, 8, 'Speakers', 'speakers', 2, '2021-04-01 12:00:00'),
  (20, 13, 'Matcha 抹茶', 'matcha', 1, '2021-04-02 07:30:00');

-- 1,000 customers.
WITH RECURSIVE
  seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < 1000),
  first_names(i, name) AS (VALUES (0, 'Zoë'), (1, 'José'), (2, 'Åsa'), (3, 'Łukasz'), (4, '美咲'),
    (5, 'Ólafur'), (6, 'Chloé'), (7, 'Đorđe'), (8, 'Søren'), (9, 'Emma'), (10, 'Liam'),
    (11, 'Anaïs'), (12, 'Mateusz')),
  last_names(i, name) AS (VALUES (0, 'Müller'), (1, 'O''Brien'), (2, 'García'), (3, 'Nowak'),
    (4, '山田'), (5, 'Smith'), (6, 'Kowalski'), (7, 'Ødegaard'), (8, 'Dubois'), (9, 'Nguyễn'),
    (10, 'Jónsdóttir')),
  cities(i, city, country) AS (VALUES (0, 'Łódź', 'PL'), (1, '東京', 'JP'), (2, 'São Paulo', 'BR'),
    (3, 'Zürich', 'CH'), (4, 'Kraków', 'PL'), (5, 'Reykjavík', 'IS'), (6, 'München', 'DE'),
    (7, 'New York', 'US'), (8, 'Montréal', 'CA'), (9, 'Malmö', 'SE'), (10, 'Portland', 'US'))
INSERT INTO customers (id, email, full_name, city, country, is_active, marketing_opt_in,
                       preferences, signed_up_at, last_login_at)
SELECT n,
       printf(CASE WHEN n % 50 = 0 THEN 'Customer%04d@Example.%s' ELSE 'customer%04d@example.%s' END,
              n, CASE n % 3 WHEN 0 THEN 'com' WHEN 1 THEN 'org' ELSE 'net' END),
       (SELECT name FROM first_names WHERE i = n % 13) || ' ' ||
         (SELECT name FROM last_names WHERE i = (n * 7) % 11),
       CASE WHEN n % 17 = 0 THEN NULL ELSE (SELECT city FROM cities WHERE i = (n * 3) % 11) END,
       (SELECT country FROM cities WHERE i = (n * 3) % 11),
       CASE WHEN n % 13 = 0 THEN 0 ELSE 1 END,
       CASE WHEN n % 3 = 0 THEN 1 ELSE 0 END,
       CASE WHEN n % 5 = 0 THEN NULL
            ELSE json_object('newsletter', json(CASE WHEN n % 2 = 0 THEN 'true' ELSE 'false' END),
                             'language', CASE n % 4 WHEN 0 THEN 'en' WHEN 1 THEN 'pl' WHEN 2 THEN 'ja'
                                                    ELSE 'fr' END,
                             'tags', json_array('since-' || (2020 + n % 4), 'tier-' || (1 + n % 3)))
       END,
       datetime(1577836800 + n * 86017, 'unixepoch'),
       CASE WHEN n % 7 = 0 THEN NULL
            ELSE strftime('%Y-%m-%dT%H:%M:%f', 1672531200 + n * 31337 + (n % 1000) / 1000.0, 'unixepoch')
       END
FROM seq;

-- 300 products in the leaf categories.
WITH RECURSIVE
  seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < 300),
  leaves(i, id, noun) AS (VALUES (0, 6, 'Phone'), (1, 7, 'Laptop'), (2, 9, 'Novel'),
    (3, 10, 'Cookbook'), (4, 11, 'Roman'), (5, 12, 'Pan'), (6, 14, 'Seed pack'),
    (7, 15, 'Trowel'), (8, 16, 'Puzzle'), (9, 17, 'Brick set'), (10, 18, 'Headphones'),
    (11, 19, 'Speaker'), (12, 20, 'Matcha')),
  adjectives(i, word) AS (VALUES (0, 'Classic'), (1, 'Deluxe'), (2, 'Compact'), (3, 'Crème'),
    (4, 'Eco'), (5, 'Pro'), (6, 'Mini'), (7, 'Señor'))
INSERT INTO products (id, category_id, sku, name, description, price, weight_kg, in_stock,
                      attributes, thumbnail, created_at)
SELECT n,
       (SELECT id FROM leaves WHERE i = n % 13),
       printf('SKU-%03d-%05d', n % 13, n * 7),
       (SELECT word FROM adjectives WHERE i = n % 8) || ' ' ||
         (SELECT noun FROM leaves WHERE i = n % 13) || ' ' || n,
       CASE n % 6
         WHEN 0 THEN NULL
         WHEN 1 THEN 'Our best seller. Ships in 24 hours.'
         WHEN 2 THEN 'Line one' || char(10) || 'Line two, with a tab:' || char(9) || 'end.'
         WHEN 3 THEN 'The "original" — now 20% lighter.'
         WHEN 4 THEN 'Hand-made in Łódź 🇵🇱'
         ELSE replace(printf('%.500c', 'x'), 'x', 'Long description. ')
       END,
       round(((n * 1373) % 20000) / 100.0 + 0.99, 2),
       CASE WHEN n % 9 = 0 THEN NULL ELSE round((n % 50) * 0.37 + 0.1, 3) END,
       CASE WHEN n % 11 = 0 THEN 0 ELSE 1 END,
       json_object('color', CASE n % 4 WHEN 0 THEN 'black' WHEN 1 THEN 'white' WHEN 2 THEN 'red'
                                       ELSE 'grün' END,
                   'size', CASE n % 3 WHEN 0 THEN 'S' WHEN 1 THEN 'M' ELSE 'L' END,
                   'dimensions_cm', json_array(10 + n % 7, 20 + n % 5, 3 + n % 2)),
       CASE WHEN n % 10 = 0 THEN NULL
            ELSE CAST(X'89504E470D0A1A0A0000000D' || CAST(printf('IHDR%04d', n) AS BLOB) ||
                      X'0000FF00' || zeroblob(n % 16) || X'49454E44AE426082' AS BLOB)
       END,
       datetime(1609459200 + n * 259200, 'unixepoch')
FROM seq;

-- 3,000 orders, epoch-second timestamps about 2.75 hours apart.
WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < 3000)
INSERT INTO orders (id, customer_id, status, created_at, shipped_at, shipping_address, note)
SELECT n,
       1 + (n * 37) % 1000,
       CASE n % 10 WHEN 0 THEN 'cancelled' WHEN 1 THEN 'pending' WHEN 2 THEN 'paid'
                   WHEN 3 THEN 'shipped' WHEN 4 THEN 'shipped' ELSE 'delivered' END,
       1672531200 + n * 9901,
       CASE WHEN n % 10 >= 3
            THEN datetime(1672531200 + n * 9901 + 86400 * (1 + n % 5), 'unixepoch') END,
       json_object('street', printf('%d %s', 1 + n % 250,
                                    CASE n % 3 WHEN 0 THEN 'Main St' WHEN 1 THEN 'ul. Piotrkowska'
                                               ELSE 'Bahnhofstraße' END),
                   'city', (SELECT city FROM customers WHERE id = 1 + (n * 37) % 1000),
                   'zip', printf('%05d', (n * 7919) % 100000)),
       CASE n % 40 WHEN 0 THEN 'Gift wrap please 🎁' WHEN 1 THEN 'Leave at the door 🚪'
                   WHEN 2 THEN 'Call before delivery 📞' WHEN 3 THEN 'お届けは午後に' END
FROM seq;

-- 1 to 4 lines per order at the product's price, some discounted.
WITH lines(k) AS (VALUES (1), (2), (3), (4))
INSERT INTO order_items (order_id, line_no, product_id, quantity, unit_price, discount)
SELECT o.id, l.k, p.id, 1 + (o.id + l.k) % 5, p.price,
       CASE (o.id + l.k) % 10 WHEN 0 THEN 0.10 WHEN 5 THEN 0.25 ELSE 0 END
FROM orders AS o
JOIN lines AS l ON l.k <= 1 + (o.id * 7) % 4
JOIN products AS p ON p.id = 1 + (o.id * 31 + l.k * 17) % 300;

-- History: some orders were deleted (their lines go with them), one
-- customer closed the account (orders cascade), and a product sold out.
DELETE FROM orders WHERE id % 97 = 0;
DELETE FROM customers WHERE id = 999;
UPDATE products SET in_stock = 0 WHERE id = 42;

COMMIT;
