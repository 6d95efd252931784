-- 012_contact_versions: a case's contact person can be corrected (a new address, a new
-- name); the correction names the version it started from, like every other edit.
ALTER TABLE case_people ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE case_people ADD COLUMN saved_by TEXT;
ALTER TABLE case_people ADD COLUMN saved_at BIGINT;
