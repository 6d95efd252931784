-- 003_cases: the collaboration case carries a round, dates, the selected units, the
-- people on each side, and a record of every phase move. Phases are stored by key.

ALTER TABLE cases ADD COLUMN round_id BIGINT REFERENCES selection_rounds(id);
ALTER TABLE cases ADD COLUMN start_date TEXT;
ALTER TABLE cases ADD COLUMN planned_end TEXT;
ALTER TABLE cases ADD COLUMN team_leader TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN education_leaders TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN updated_at BIGINT;

UPDATE cases SET start_date = decision_date WHERE start_date IS NULL;
UPDATE cases SET phase = 'accepterad' WHERE phase = 'Accepterad';
UPDATE cases SET phase = 'ok1' WHERE phase = 'ÖK1';
UPDATE cases SET phase = 'nulagesanalys' WHERE phase = 'Nulägesanalys';
UPDATE cases SET phase = 'atgardsplan' WHERE phase = 'Åtgärdsplan';
UPDATE cases SET phase = 'ok2' WHERE phase = 'ÖK2';
UPDATE cases SET phase = 'genomforande' WHERE phase = 'Genomförande';
UPDATE cases SET phase = 'slutredovisning' WHERE phase = 'Slutredovisning';
UPDATE cases SET phase = 'avslutad' WHERE phase = 'Avslutad';
CREATE INDEX cases_phase ON cases(phase);

-- The selected units of a case: from the decision, later ones from supplementary decisions.
CREATE TABLE case_units (
    case_id BIGINT NOT NULL REFERENCES cases(id),
    unit_id BIGINT NOT NULL REFERENCES units(id),
    decision TEXT NOT NULL DEFAULT 'main',
    decision_date TEXT,
    PRIMARY KEY (case_id, unit_id)
);

-- People on the case: the agency's two process supporters (users), and the organiser's
-- contacts (a user, or a name and address).
CREATE TABLE case_people (
    id @ID@,
    case_id BIGINT NOT NULL REFERENCES cases(id),
    role TEXT NOT NULL CHECK (role IN ('supporter', 'contact')),
    user_id BIGINT REFERENCES users(id),
    name TEXT NOT NULL,
    email TEXT NOT NULL DEFAULT ''
);
CREATE INDEX case_people_case ON case_people(case_id);
CREATE INDEX case_people_user ON case_people(user_id, role);

-- What happened to a case, in order: phase moves (with from and to), assignments, units.
CREATE TABLE case_events (
    id @ID@,
    case_id BIGINT NOT NULL REFERENCES cases(id),
    kind TEXT NOT NULL,
    from_phase TEXT,
    to_phase TEXT,
    note TEXT NOT NULL DEFAULT '',
    actor TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX case_events_case ON case_events(case_id, at);
