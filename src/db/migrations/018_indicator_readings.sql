-- The follow-up of indicators over time (seed 001, seed 003 §6): an indicator's possible
-- range and the groups it may be split by, and its readings. A reading is a value for a
-- period (a month, 'YYYY-MM'), for the whole ('' group) or one group; several readings of
-- the same period and group may be entered, and the latest counts.
ALTER TABLE indicators ADD COLUMN min_value DOUBLE PRECISION;
ALTER TABLE indicators ADD COLUMN max_value DOUBLE PRECISION;
ALTER TABLE indicators ADD COLUMN groups TEXT NOT NULL DEFAULT '';
-- Where the indicator stands, kept with each reading written so that the lists of a
-- case and of the agency read one row per indicator instead of every reading: the number
-- of periods read (for the whole), the latest period and value, the status (unread,
-- unknown, reached, toward, off) and the run rules' flags of the latest point.
ALTER TABLE indicators ADD COLUMN periods_read INTEGER NOT NULL DEFAULT 0;
ALTER TABLE indicators ADD COLUMN latest_period TEXT NOT NULL DEFAULT '';
ALTER TABLE indicators ADD COLUMN latest_value DOUBLE PRECISION;
ALTER TABLE indicators ADD COLUMN status TEXT NOT NULL DEFAULT 'unread';
ALTER TABLE indicators ADD COLUMN run_signals INTEGER NOT NULL DEFAULT 0;

CREATE TABLE indicator_readings (
    id @ID@,
    indicator_id BIGINT NOT NULL REFERENCES indicators(id),
    case_id BIGINT NOT NULL REFERENCES cases(id),
    period TEXT NOT NULL,
    grp TEXT NOT NULL DEFAULT '',
    value DOUBLE PRECISION NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    entered_by TEXT NOT NULL,
    entered_at BIGINT NOT NULL
);
CREATE INDEX indicator_readings_indicator ON indicator_readings(indicator_id, period);
CREATE INDEX indicator_readings_case ON indicator_readings(case_id, indicator_id);
