-- 025_money: the programme's money (SPEC §6, seed 001, seed 003 §10–11). Amounts are in
-- öre, as integers. A grant is what the agency grants an organiser: under an agreement
-- (ÖK1, ÖK2, a supplementary agreement) or by an open application under förordning
-- (2016:329), charged to an appropriation (anslag 1:5 for grants and purchased training,
-- 1:1 for the agency's own costs); it is split by funded intervention.
CREATE TABLE grants (
    id @ID@,
    organiser_id BIGINT NOT NULL REFERENCES organisers(id),
    case_id BIGINT REFERENCES cases(id),
    agreement_id BIGINT REFERENCES agreements(id),
    kind TEXT NOT NULL CHECK (kind IN ('agreement', 'application')),
    appropriation TEXT NOT NULL CHECK (appropriation IN ('1:5', '1:1')),
    ordinance INTEGER NOT NULL DEFAULT 0,          -- förordning (2016:329)
    applied_ore BIGINT,                            -- an application's amount applied for
    granted_ore BIGINT NOT NULL CHECK (granted_ore >= 0),
    decision_date TEXT NOT NULL,
    registry_number TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (agreement_id)
);
CREATE INDEX grants_organiser ON grants(organiser_id);
CREATE INDEX grants_case ON grants(case_id);

-- The grant split by funded intervention (or by a named purpose when there is none).
CREATE TABLE grant_lines (
    id @ID@,
    grant_id BIGINT NOT NULL REFERENCES grants(id),
    intervention_id BIGINT REFERENCES interventions(id),
    title TEXT NOT NULL,
    amount_ore BIGINT NOT NULL CHECK (amount_ore >= 0)
);
CREATE INDEX grant_lines_grant ON grant_lines(grant_id);

-- A payout: registered by finance (with the economy system's reference), counted as made
-- only once a second person approved it (four eyes).
CREATE TABLE payouts (
    id @ID@,
    grant_id BIGINT NOT NULL REFERENCES grants(id),
    paid_date TEXT NOT NULL,
    amount_ore BIGINT NOT NULL CHECK (amount_ore > 0),
    reference TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved')),
    registered_by TEXT NOT NULL,
    registered_user BIGINT REFERENCES users(id),
    registered_at BIGINT NOT NULL,
    approved_by TEXT,
    approved_user BIGINT REFERENCES users(id),
    approved_at BIGINT
);
CREATE INDEX payouts_grant ON payouts(grant_id);
CREATE INDEX payouts_state ON payouts(state);

-- Use entered by finance (the organiser's own use comes from its reports): cumulative
-- use of a line as of a date.
CREATE TABLE grant_uses (
    id @ID@,
    grant_id BIGINT NOT NULL REFERENCES grants(id),
    line_id BIGINT REFERENCES grant_lines(id),
    as_of TEXT NOT NULL,
    amount_ore BIGINT NOT NULL CHECK (amount_ore >= 0),
    note TEXT NOT NULL DEFAULT '',
    entered_by TEXT NOT NULL,
    entered_at BIGINT NOT NULL
);
CREATE INDEX grant_uses_grant ON grant_uses(grant_id);

-- A decision to claim money back (återkrav) or an asked-for repayment of unused money
-- (återbetalning): raised, then paid or written off.
CREATE TABLE claims (
    id @ID@,
    grant_id BIGINT NOT NULL REFERENCES grants(id),
    kind TEXT NOT NULL CHECK (kind IN ('repayment', 'claim')),
    reason TEXT NOT NULL,
    amount_ore BIGINT NOT NULL CHECK (amount_ore > 0),
    registry_number TEXT NOT NULL,
    decision_date TEXT NOT NULL,
    due_date TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'raised' CHECK (state IN ('raised', 'paid', 'written_off')),
    settled_date TEXT,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    settled_by TEXT
);
CREATE INDEX claims_grant ON claims(grant_id);
CREATE INDEX claims_state ON claims(state, due_date);

-- The agency's cost ledger: which accounts (and cost centres, '' = any) go to which
-- category of the cost table, with an optional sub-line ("Kommunikation"); 'none' keeps
-- an account out of the table (a balancing account, a payout the product already has).
CREATE TABLE ledger_mapping (
    id @ID@,
    account TEXT NOT NULL,
    cost_centre TEXT NOT NULL DEFAULT '',
    category TEXT NOT NULL CHECK (category IN ('team', 'grants', 'services', 'evaluation', 'none')),
    subline TEXT NOT NULL DEFAULT '',
    UNIQUE (account, cost_centre)
);

-- A cost booked in the economy system, read from a file; source_key makes a second
-- reading of the same file change nothing.
CREATE TABLE ledger_entries (
    id @ID@,
    source_key TEXT NOT NULL UNIQUE,
    year INTEGER NOT NULL,
    booked_on TEXT NOT NULL,
    account TEXT NOT NULL,
    cost_centre TEXT NOT NULL DEFAULT '',
    category TEXT NOT NULL,
    subline TEXT NOT NULL DEFAULT '',
    amount_ore BIGINT NOT NULL,
    text TEXT NOT NULL DEFAULT '',
    voucher TEXT NOT NULL DEFAULT '',
    file TEXT NOT NULL,
    imported_by TEXT NOT NULL,
    imported_at BIGINT NOT NULL
);
CREATE INDEX ledger_entries_year ON ledger_entries(year, category);

CREATE TABLE ledger_forecasts (
    year INTEGER NOT NULL,
    category TEXT NOT NULL,
    amount_ore BIGINT NOT NULL,
    PRIMARY KEY (year, category)
);
