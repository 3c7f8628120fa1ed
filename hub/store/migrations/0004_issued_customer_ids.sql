-- Golden customer ids the hub has issued, by account: once an account's customer has an id, every
-- later index build (restart, rebuild, another hub) gives that customer the same id, even when a
-- better-ranked account joins it or two customers become one (the other id then resolves to it).
-- Rows are only inserted, never updated: the first id recorded for an account stays.
CREATE TABLE issued_customer_ids (
  -- The account as the identity index keys it: "account:<system>:<normalised account number>".
  account_key VARCHAR(600) PRIMARY KEY,
  -- "C-" and 16 hex digits.
  customer_id VARCHAR(64) NOT NULL,
  -- UTC: when the id was first issued to the account (the earliest issued id of a customer wins).
  issued_at TIMESTAMP NOT NULL
);

CREATE INDEX issued_customer_ids_by_customer ON issued_customer_ids (customer_id);
