-- Cases created through ContactService.CreateCase: the hub is their system of record. A case
-- belongs to one customer (the golden id it was created for); contacts may name it (contacts.case_id).
CREATE TABLE cases (
  case_id VARCHAR(64) PRIMARY KEY,
  customer_id VARCHAR(64) NOT NULL,
  subject VARCHAR(300) NOT NULL,
  -- omnihub.v1.CaseStatus and CasePriority names.
  status VARCHAR(40) NOT NULL,
  priority VARCHAR(40) NOT NULL,
  order_number VARCHAR(64),
  owner_agent_id VARCHAR(64),
  -- UTC.
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL,
  -- The caller's idempotency key: a retried CreateCase finds its first case.
  idempotency_key VARCHAR(200) UNIQUE
);

CREATE INDEX cases_by_customer ON cases (customer_id, updated_at);
