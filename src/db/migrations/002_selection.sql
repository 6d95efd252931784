-- 002_selection: Skolinspektionen's decisions, the agency's criteria sets, selection
-- rounds with their frozen inputs, the analyst's choices, and the offers they lead to.

-- A supervision decision on a school unit (one per unit and decision date).
CREATE TABLE inspection_decisions (
    id @ID@,
    unit_id BIGINT NOT NULL REFERENCES units(id),
    decision_date TEXT NOT NULL,
    fine INTEGER NOT NULL,             -- 1: föreläggande vid vite, 0: föreläggande
    work_areas INTEGER NOT NULL,
    critical_factors INTEGER NOT NULL,
    import_id BIGINT,
    UNIQUE (unit_id, decision_date)
);

-- A decision on an organiser's preschools: injunctions in "Förutsättningar för
-- utbildningen i förskolan" (conditions) and/or "Utveckling av utbildningen" (development).
CREATE TABLE preschool_inspections (
    id @ID@,
    organiser_id BIGINT NOT NULL REFERENCES organisers(id),
    decision_date TEXT NOT NULL,
    conditions INTEGER NOT NULL,
    development INTEGER NOT NULL,
    import_id BIGINT,
    UNIQUE (organiser_id, decision_date)
);

-- The agency's criteria: a named set, versioned; a version never changes once saved.
CREATE TABLE criteria_sets (
    id @ID@,
    name TEXT NOT NULL,
    version INTEGER NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (name, version)
);

CREATE TABLE criteria (
    set_id BIGINT NOT NULL REFERENCES criteria_sets(id),
    position INTEGER NOT NULL,
    variable TEXT NOT NULL,
    direction INTEGER NOT NULL,        -- +1: a higher value is worse; -1: a lower value is worse
    weight DOUBLE PRECISION NOT NULL,
    threshold DOUBLE PRECISION,        -- a candidate must reach it in the worse direction
    PRIMARY KEY (set_id, position)
);

-- status: open (inputs may be frozen again), decided (inputs locked, offers made).
CREATE TABLE selection_rounds (
    id @ID@,
    name TEXT NOT NULL UNIQUE,
    planned_date TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open',
    results_year INTEGER,
    background_year INTEGER,
    preschool_year INTEGER,
    inspection_from TEXT,
    inspection_to TEXT,
    criteria_set_id BIGINT REFERENCES criteria_sets(id),
    preschool_vars TEXT NOT NULL DEFAULT 'degree_share,children_per_staff',
    preschool_weights TEXT NOT NULL DEFAULT '',
    result_var TEXT NOT NULL DEFAULT 'merit17',
    background_vars TEXT NOT NULL DEFAULT 'foreign_bg,parents_post_sec',
    prefer_coordinated INTEGER NOT NULL DEFAULT 1,
    frozen_at BIGINT,
    freeze_count INTEGER NOT NULL DEFAULT 0,  -- bumped at each freeze: keys cached rankings
    decision_date TEXT,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

-- The statistics a round was frozen with: a copy, so later imports change nothing.
CREATE TABLE round_values (
    round_id BIGINT NOT NULL REFERENCES selection_rounds(id),
    unit_id BIGINT NOT NULL,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    organiser_id BIGINT NOT NULL,
    organiser TEXT NOT NULL,
    school_forms TEXT NOT NULL,
    year INTEGER NOT NULL,
    variable TEXT NOT NULL,
    value DOUBLE PRECISION,
    flag TEXT NOT NULL,
    PRIMARY KEY (round_id, year, variable, unit_id)
);

CREATE TABLE round_inspections (
    round_id BIGINT NOT NULL REFERENCES selection_rounds(id),
    unit_id BIGINT NOT NULL,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    organiser_id BIGINT NOT NULL,
    organiser TEXT NOT NULL,
    school_forms TEXT NOT NULL,
    decision_date TEXT NOT NULL,
    fine INTEGER NOT NULL,
    work_areas INTEGER NOT NULL,
    critical_factors INTEGER NOT NULL,
    PRIMARY KEY (round_id, unit_id)
);

CREATE TABLE round_preschool_inspections (
    round_id BIGINT NOT NULL REFERENCES selection_rounds(id),
    organiser_id BIGINT NOT NULL,
    organiser TEXT NOT NULL,
    decision_date TEXT NOT NULL,
    conditions INTEGER NOT NULL,
    development INTEGER NOT NULL,
    PRIMARY KEY (round_id, organiser_id)
);

-- The analyst's choices: a unit with the ranking it was chosen from and why.
-- decision: main (the round's decision) or supplementary (added after dialogue).
CREATE TABLE round_choices (
    id @ID@,
    round_id BIGINT NOT NULL REFERENCES selection_rounds(id),
    unit_id BIGINT NOT NULL REFERENCES units(id),
    organiser_id BIGINT NOT NULL REFERENCES organisers(id),
    school_forms TEXT NOT NULL,
    ranking TEXT NOT NULL,
    reason TEXT NOT NULL,
    decision TEXT NOT NULL DEFAULT 'main',
    decision_date TEXT,
    chosen_by TEXT NOT NULL,
    chosen_at BIGINT NOT NULL,
    UNIQUE (round_id, unit_id)
);
CREATE INDEX round_choices_organiser ON round_choices(organiser_id);

-- One offer per organiser and round; status pending, accepted or declined.
CREATE TABLE offers (
    id @ID@,
    round_id BIGINT NOT NULL REFERENCES selection_rounds(id),
    organiser_id BIGINT NOT NULL REFERENCES organisers(id),
    status TEXT NOT NULL DEFAULT 'pending',
    reason TEXT NOT NULL DEFAULT '',
    answered_by TEXT,
    answered_at BIGINT,
    created_at BIGINT NOT NULL,
    UNIQUE (round_id, organiser_id)
);
CREATE INDEX offers_organiser ON offers(organiser_id);
