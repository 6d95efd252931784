-- The national quality system as a catalogue the agency keeps (seed 002): national goals,
-- their sub-goals, and under a sub-goal its indicators and success factors. A plan's
-- indicator may name the sub-goal (or the catalogue's indicator) it follows, so that the
-- agency sees every case's indicators under one national sub-goal.
CREATE TABLE quality_items (
    id @ID@,
    parent_id BIGINT REFERENCES quality_items(id),
    kind TEXT NOT NULL CHECK (kind IN ('goal', 'subgoal', 'indicator', 'factor')),
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL,
    active INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX quality_items_parent ON quality_items(parent_id);
ALTER TABLE indicators ADD COLUMN quality_item_id BIGINT REFERENCES quality_items(id);
CREATE INDEX indicators_quality ON indicators(quality_item_id);

-- An organiser's annual cycle (årshjul) of recurring follow-up activities: each falls on a
-- day of a month every year, and each year's occurrence within a case's period is a due
-- item with reminders.
CREATE TABLE yearwheel (
    id @ID@,
    organiser_id BIGINT NOT NULL REFERENCES organisers(id),
    month INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
    day INTEGER NOT NULL CHECK (day BETWEEN 1 AND 28),
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX yearwheel_organiser ON yearwheel(organiser_id);
