-- 007_outbox: the mail outbox serves every part of the program (reminders, notices,
-- invitations): one row per message, sent once, deduplicated by a key its sender chooses.
CREATE TABLE outbox_new (
    id @ID@,
    dedup_key TEXT NOT NULL UNIQUE,
    user_id BIGINT REFERENCES users(id),
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    sent_at BIGINT,
    claimed_at BIGINT,                 -- a sender took it (stale after five minutes)
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT
);
INSERT INTO outbox_new (dedup_key, user_id, recipient, subject, body, created_at, sent_at, claimed_at, attempts,
                        last_error)
SELECT 'reminder:' || CAST(user_id AS TEXT) || ':' || CAST(case_id AS TEXT) || ':' || item_key || ':' || kind,
       user_id, recipient, subject, body, created_at, sent_at, claimed_at, attempts, last_error
FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_unsent ON outbox(sent_at);
