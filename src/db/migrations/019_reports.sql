-- The organiser's written reports to the agency (seed 001, seed 003 §6): an interim report
-- (delredovisning) each term and the final report (slutredovisning), one per due item of
-- the case ('interim:2026VT', 'final'). The organiser writes and submits; the agency's
-- process supporters accept or return it with a comment. Each submission is frozen in
-- report_versions with the figures it was prefilled with; an accepted report is read-only.
CREATE TABLE reports (
    id @ID@,
    case_id BIGINT NOT NULL REFERENCES cases(id),
    item_key TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'submitted', 'returned', 'accepted')),
    version INTEGER NOT NULL DEFAULT 1,
    lessons TEXT NOT NULL DEFAULT '',
    changes TEXT NOT NULL DEFAULT '',
    continuation TEXT NOT NULL DEFAULT '',
    return_comment TEXT NOT NULL DEFAULT '',
    submissions INTEGER NOT NULL DEFAULT 0,
    saved_by TEXT,
    saved_at BIGINT,
    decided_by TEXT,
    decided_at BIGINT,
    created_at BIGINT NOT NULL,
    UNIQUE (case_id, item_key)
);

-- What the report says of each intervention: its state in the period, what was done, and
-- the money used so far (whole kronor; NULL when not given).
CREATE TABLE report_interventions (
    report_id BIGINT NOT NULL REFERENCES reports(id),
    intervention_id BIGINT NOT NULL REFERENCES interventions(id),
    state TEXT NOT NULL DEFAULT '',
    done TEXT NOT NULL DEFAULT '',
    used BIGINT,
    PRIMARY KEY (report_id, intervention_id)
);

CREATE TABLE report_versions (
    report_id BIGINT NOT NULL REFERENCES reports(id),
    submission INTEGER NOT NULL,
    content TEXT NOT NULL,
    submitted_by TEXT NOT NULL,
    submitted_at BIGINT NOT NULL,
    PRIMARY KEY (report_id, submission)
);
