-- 024_commission_documents: the university's own documents for its commission (seed 000):
-- the insatsplan and the uppdragsplan built on the action plan, an interim report each
-- term, the final report and the lessons from the interventions. The university writes
-- and submits them; the agency accepts them or returns them with a comment. Each
-- submission is frozen with what it said and, once decided, with the decision.
-- A comment thread on a case's documents (reports and the university's), and the
-- decisions on a report's submissions beside the submissions themselves.
CREATE TABLE commission_documents (
    id @ID@,
    case_id BIGINT NOT NULL REFERENCES cases(id),
    university_id BIGINT NOT NULL REFERENCES universities(id),
    kind TEXT NOT NULL CHECK (kind IN ('effort_plan', 'commission_plan', 'interim', 'final', 'lessons')),
    term TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'submitted', 'returned', 'accepted')),
    version INTEGER NOT NULL DEFAULT 1,
    content TEXT NOT NULL DEFAULT '{}',
    return_comment TEXT NOT NULL DEFAULT '',
    submissions INTEGER NOT NULL DEFAULT 0,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    saved_by TEXT NOT NULL DEFAULT '',
    saved_at BIGINT NOT NULL DEFAULT 0,
    decided_by TEXT NOT NULL DEFAULT '',
    decided_at BIGINT NOT NULL DEFAULT 0,
    UNIQUE (case_id, university_id, kind, term)
);
CREATE INDEX commission_documents_case ON commission_documents(case_id);

CREATE TABLE commission_document_versions (
    document_id BIGINT NOT NULL REFERENCES commission_documents(id),
    submission INTEGER NOT NULL,
    content TEXT NOT NULL,
    submitted_by TEXT NOT NULL,
    submitted_at BIGINT NOT NULL,
    decision TEXT NOT NULL DEFAULT '',
    decided_by TEXT NOT NULL DEFAULT '',
    decided_at BIGINT NOT NULL DEFAULT 0,
    comment TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (document_id, submission)
);

ALTER TABLE report_versions ADD COLUMN decision TEXT NOT NULL DEFAULT '';
ALTER TABLE report_versions ADD COLUMN decided_by TEXT NOT NULL DEFAULT '';
ALTER TABLE report_versions ADD COLUMN decided_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE report_versions ADD COLUMN comment TEXT NOT NULL DEFAULT '';

-- subject names the document: 'report:2026VT', 'report:final', 'commission:ID'.
CREATE TABLE case_comments (
    id @ID@,
    case_id BIGINT NOT NULL REFERENCES cases(id),
    subject TEXT NOT NULL,
    user_id BIGINT REFERENCES users(id),
    author TEXT NOT NULL,
    body TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX case_comments_subject ON case_comments(case_id, subject, at);
