-- 004_agreements: agreements of a case (ÖK1, ÖK2, supplementary, university) as
-- structured documents with registry numbers, states, versions and approvals.

-- Settings an administrator may change (for now the registry series).
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- The next number in each registry series ("2026" gives 2026:1, 2026:2 …).
CREATE TABLE registry_counters (
    series TEXT PRIMARY KEY,
    next_number INTEGER NOT NULL
);

-- state: draft (utkast), for_signature (för underskrift), signed (undertecknad),
-- closed (avslutad). A signed agreement never changes; a supplementary agreement
-- (supersedes_id) changes what it says.
CREATE TABLE agreements (
    id @ID@,
    case_id BIGINT NOT NULL REFERENCES cases(id),
    kind TEXT NOT NULL CHECK (kind IN ('ok1', 'ok2', 'supplementary', 'university')),
    registry_number TEXT NOT NULL UNIQUE,
    state TEXT NOT NULL DEFAULT 'draft',
    version INTEGER NOT NULL DEFAULT 1,
    supersedes_id BIGINT REFERENCES agreements(id),
    agency_approved_by TEXT,
    agency_approved_at BIGINT,
    counterpart_approved_by TEXT,
    counterpart_approved_at BIGINT,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX agreements_case ON agreements(case_id);

-- Every saved version's content (JSON: period, amount, payouts, sections).
CREATE TABLE agreement_versions (
    agreement_id BIGINT NOT NULL REFERENCES agreements(id),
    version INTEGER NOT NULL,
    content TEXT NOT NULL,
    saved_by TEXT NOT NULL,
    saved_at BIGINT NOT NULL,
    PRIMARY KEY (agreement_id, version)
);
