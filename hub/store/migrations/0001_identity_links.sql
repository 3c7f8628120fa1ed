-- Identity links and unlinks made by agents through LinkIdentifier/UnlinkIdentifier: an
-- append-only log, replayed in seq order at start-up over the index built from the systems, and
-- the audit trail (who, when, why). Rows are never updated or deleted.
CREATE TABLE identity_link_events (
  -- 1, 2, 3, ...: the replay order; a writer takes MAX(seq) + 1 and retries on a conflict, so
  -- several hubs sharing one database agree on one order.
  seq BIGINT PRIMARY KEY,
  action VARCHAR(8) NOT NULL CHECK (action IN ('link', 'unlink')),
  -- The golden customer id the agent named.
  customer_id VARCHAR(64) NOT NULL,
  -- The identifier, normalised: the omnihub.v1.IdentifierType name, the system (account numbers
  -- only, else empty) and the canonical value.
  identifier_type VARCHAR(40) NOT NULL,
  identifier_system VARCHAR(64) NOT NULL,
  identifier_value VARCHAR(512) NOT NULL,
  agent_id VARCHAR(64) NOT NULL,
  reason VARCHAR(2000) NOT NULL,
  -- UTC.
  recorded_at TIMESTAMP NOT NULL,
  -- host:pid of the hub that took the request.
  hub_instance VARCHAR(128) NOT NULL
);

CREATE INDEX identity_link_events_by_customer ON identity_link_events (customer_id);
