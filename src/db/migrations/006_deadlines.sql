-- 006_deadlines: reports handed in against the case's due dates, the reminder outbox
-- (each reminder once), and calendar feed tokens (only their hash is kept).

CREATE TABLE case_submissions (
    case_id BIGINT NOT NULL REFERENCES cases(id),
    item_key TEXT NOT NULL,            -- interim:2026VT, final
    submitted_by TEXT NOT NULL,
    submitted_at BIGINT NOT NULL,
    PRIMARY KEY (case_id, item_key)
);

-- kind: before (the date is near) or overdue. The unique key makes each reminder once,
-- even with several server processes.
CREATE TABLE outbox (
    id @ID@,
    user_id BIGINT NOT NULL REFERENCES users(id),
    case_id BIGINT NOT NULL REFERENCES cases(id),
    item_key TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('before', 'overdue')),
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    sent_at BIGINT,
    claimed_at BIGINT,                 -- a sender took it (stale after five minutes)
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    UNIQUE (user_id, case_id, item_key, kind)
);
CREATE INDEX outbox_unsent ON outbox(sent_at);

CREATE TABLE calendar_tokens (
    user_id BIGINT PRIMARY KEY REFERENCES users(id),
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
);
