-- Golden ids issued to accounts that held one already (issued_customer_ids), so that every account
-- holds its customer's id: when the accounts of a customer fall into parts (the systems withdrew
-- what joined them) and every id a part's accounts hold goes to another part, the part gets a new
-- id, recorded here for each of its accounts, so that the next build gives the part that id again
-- and, once the parts are one customer again, the id keeps resolving to it; when customers merge,
-- the accounts of those merged away get the merged customer's id (a build lets an identifier an
-- agent unlinked connect only accounts holding an id in common). Rows are only inserted, never
-- updated: an account may hold several ids (the earliest issued id of a customer wins).
CREATE TABLE reissued_customer_ids (
  -- As issued_customer_ids.account_key: "account:<system>:<normalised account number>".
  account_key VARCHAR(600) NOT NULL,
  -- "C-" and 16 hex digits.
  customer_id VARCHAR(64) NOT NULL,
  -- UTC: when the id was issued to the account (after its first id).
  issued_at TIMESTAMP NOT NULL,
  PRIMARY KEY (account_key, customer_id)
);
