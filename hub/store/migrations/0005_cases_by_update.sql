-- Hubs sharing the store learn of the cases the others opened or changed by reading the cases
-- updated since they last looked (CaseRepository::ChangedSince).
CREATE INDEX cases_by_update ON cases (updated_at, case_id);
