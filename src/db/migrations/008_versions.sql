-- 008_versions: the version an edit is based on, for what more than one person edits.
-- A save names the version it started from; a newer one saved meanwhile refuses it.

-- A meeting's record (notes, attendance, actions done), and who saved it last.
ALTER TABLE meetings ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE meetings ADD COLUMN saved_by TEXT;
ALTER TABLE meetings ADD COLUMN saved_at BIGINT;

-- A case's university team (university, team leader, education leaders).
ALTER TABLE cases ADD COLUMN team_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE cases ADD COLUMN team_saved_by TEXT;
ALTER TABLE cases ADD COLUMN team_saved_at BIGINT;
