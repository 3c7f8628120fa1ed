-- Contacts logged through ContactService.LogContact: the hub is the system of record for new
-- contact history (legacy history stays in the backends and is merged with this by time).
CREATE TABLE contacts (
  contact_id VARCHAR(64) PRIMARY KEY,
  customer_id VARCHAR(64) NOT NULL,
  -- omnihub.v1.ContactChannel and ContactDirection names.
  channel VARCHAR(40) NOT NULL,
  direction VARCHAR(40) NOT NULL,
  -- UTC.
  occurred_at TIMESTAMP NOT NULL,
  agent_id VARCHAR(64) NOT NULL,
  summary VARCHAR(4000) NOT NULL,
  case_id VARCHAR(64),
  -- The caller's idempotency key: a retried LogContact finds its first contact.
  idempotency_key VARCHAR(200) UNIQUE,
  recorded_at TIMESTAMP NOT NULL
);

CREATE INDEX contacts_by_customer ON contacts (customer_id, occurred_at);
