-- The ERP database: one portable schema for SQLite (embedded default) and PostgreSQL 15.
-- erp-load runs it statement by statement (statements end with ";" at the end of a line).
--
-- Dialect notes (where SQLite and PostgreSQL differ, and how this schema stays portable):
--   TIMESTAMPTZ  PostgreSQL: timestamp with time zone (sessions run in UTC).
--                SQLite: no date types; the column holds ISO 8601 UTC text
--                ("2026-11-01T12:00:00Z"), which sorts in time order.
--   DATE         PostgreSQL: date. SQLite: "YYYY-MM-DD" text.
--   money        BIGINT minor units (pence) beside a CURRENCY column on both: SQLite has no exact
--                DECIMAL (it would store REAL), so money is never DECIMAL here.
--   booleans     INTEGER 0/1 on both (paid).
--   identifiers  VARCHAR everywhere, including order_id ("SO" + 8 digits), so bound text
--                parameters compare without casts on PostgreSQL.
-- Names are stable: mappings/systems/erp.xml reads them.

CREATE TABLE customers (
  customer_id     VARCHAR(16)  NOT NULL PRIMARY KEY,  -- "C0100001"
  given_name      VARCHAR(100) NOT NULL,
  family_name     VARCHAR(100) NOT NULL,
  email           VARCHAR(254),                      -- lower-case
  phone           VARCHAR(40),                       -- "+44 7700 900123"
  loyalty_card    VARCHAR(19),                       -- 16 digits; NULL without a card
  legacy_account  VARCHAR(16),                       -- mainframe account; NULL when unknown
  tier            VARCHAR(16),                       -- BRONZE, SILVER, GOLD, PLATINUM; NULL
  loyalty_points  BIGINT,
  created_at      TIMESTAMPTZ  NOT NULL
);
CREATE INDEX customers_email ON customers (email);
CREATE INDEX customers_loyalty_card ON customers (loyalty_card);
CREATE INDEX customers_legacy_account ON customers (legacy_account);

CREATE TABLE addresses (
  customer_id  VARCHAR(16)  NOT NULL PRIMARY KEY REFERENCES customers (customer_id),
  line1        VARCHAR(200) NOT NULL,
  line2        VARCHAR(200),
  town         VARCHAR(100) NOT NULL,
  postcode     VARCHAR(16)  NOT NULL,
  country      CHAR(2)      NOT NULL                 -- ISO 3166-1 alpha-2
);
CREATE INDEX addresses_postcode ON addresses (postcode);

CREATE TABLE products (
  sku          VARCHAR(32)  NOT NULL PRIMARY KEY,    -- "SKU-100234"
  description  VARCHAR(200) NOT NULL,
  category     VARCHAR(64)  NOT NULL,
  price_minor  BIGINT       NOT NULL,
  currency     CHAR(3)      NOT NULL
);

CREATE TABLE return_policies (
  category  VARCHAR(64) NOT NULL PRIMARY KEY,
  days      INTEGER     NOT NULL                     -- days after delivery a return is accepted
);

CREATE TABLE orders (
  order_id      VARCHAR(16) NOT NULL PRIMARY KEY,    -- the ERP's own key, "SO00000001"
  order_number  VARCHAR(16) NOT NULL UNIQUE,         -- "W1000001" (web) or "P1000001" (phone)
  customer_id   VARCHAR(16) NOT NULL REFERENCES customers (customer_id),
  channel       VARCHAR(8)  NOT NULL,                -- WEB, PHONE
  status        CHAR(1)     NOT NULL,                -- O open, P picking, S shipped,
                                                     -- D delivered, X cancelled, R returned
  placed_at     TIMESTAMPTZ NOT NULL,
  total_minor   BIGINT      NOT NULL,
  currency      CHAR(3)     NOT NULL,
  promised_at   DATE                                 -- delivery promised by the end of this day
);
CREATE INDEX orders_customer ON orders (customer_id, placed_at);

CREATE TABLE order_lines (
  order_id          VARCHAR(16)  NOT NULL REFERENCES orders (order_id),
  line_no           INTEGER      NOT NULL,
  sku               VARCHAR(32)  NOT NULL,
  description       VARCHAR(200) NOT NULL,
  quantity          INTEGER      NOT NULL,
  unit_price_minor  BIGINT       NOT NULL,
  PRIMARY KEY (order_id, line_no)
);

CREATE TABLE shipments (
  order_id      VARCHAR(16) NOT NULL REFERENCES orders (order_id),
  shipment_no   INTEGER     NOT NULL,
  carrier       VARCHAR(32) NOT NULL,                -- Royal Mail, DPD, Evri, DHL
  tracking      VARCHAR(64),                         -- NULL until shipped
  promised_at   DATE        NOT NULL,
  shipped_at    TIMESTAMPTZ,
  delivered_at  TIMESTAMPTZ,
  status        VARCHAR(16) NOT NULL,                -- PENDING, IN_TRANSIT, DELIVERED, EXCEPTION
  PRIMARY KEY (order_id, shipment_no)
);

CREATE TABLE invoices (
  invoice_number  VARCHAR(16) NOT NULL PRIMARY KEY,  -- "INV10000001"
  order_id        VARCHAR(16) NOT NULL REFERENCES orders (order_id),
  issued_at       TIMESTAMPTZ NOT NULL,
  amount_minor    BIGINT      NOT NULL,
  currency        CHAR(3)     NOT NULL,
  paid            INTEGER     NOT NULL               -- 1 paid, 0 unpaid
);
CREATE INDEX invoices_order ON invoices (order_id);

CREATE TABLE returns (
  rma_number    VARCHAR(16)  NOT NULL PRIMARY KEY,   -- "RMA0000001"
  order_id      VARCHAR(16)  NOT NULL REFERENCES orders (order_id),
  created_at    TIMESTAMPTZ  NOT NULL,
  reason        VARCHAR(200) NOT NULL,
  amount_minor  BIGINT       NOT NULL,
  currency      CHAR(3)      NOT NULL,
  status        VARCHAR(16)  NOT NULL                -- REQUESTED, RECEIVED, REFUNDED, REJECTED
);
CREATE INDEX returns_order ON returns (order_id);

-- Contact history the ERP owns: notes agents add through the odbc connector's add-note (none are
-- generated).
CREATE TABLE contacts (
  contact_id   VARCHAR(64)  NOT NULL PRIMARY KEY,
  customer_id  VARCHAR(16)  NOT NULL REFERENCES customers (customer_id),
  channel      VARCHAR(16)  NOT NULL,                -- PHONE, EMAIL, CHAT, STORE
  direction    VARCHAR(8)   NOT NULL,                -- IN, OUT
  occurred_at  TIMESTAMPTZ  NOT NULL,
  agent_id     VARCHAR(64),
  summary      TEXT         NOT NULL
);
CREATE INDEX contacts_customer ON contacts (customer_id, occurred_at);
