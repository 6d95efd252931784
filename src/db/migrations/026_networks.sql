-- 026_networks: working networks (seed 004, SKR) and regional networks (seed 002):
-- member organisers, each represented at four levels (politics, administration,
-- principals, teachers); meetings that alternate with work at home, with notes, check-in
-- and check-out rounds and attendance person by person; commitments (åtaganden) each
-- member makes at a meeting, under one of the steering aspects (gemensam ledning,
-- gemensam syn, gemensamma rutiner), reported on at later meetings until done.
CREATE TABLE networks (
    id @ID@,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('working', 'regional')),
    convener TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE network_members (
    id @ID@,
    network_id BIGINT NOT NULL REFERENCES networks(id),
    organiser_id BIGINT NOT NULL REFERENCES organisers(id),
    joined_at BIGINT NOT NULL,
    UNIQUE (network_id, organiser_id)
);
CREATE INDEX network_members_organiser ON network_members(organiser_id);

CREATE TABLE network_reps (
    id @ID@,
    member_id BIGINT NOT NULL REFERENCES network_members(id),
    level TEXT NOT NULL CHECK (level IN ('politics', 'administration', 'principals', 'teachers')),
    name TEXT NOT NULL,
    email TEXT NOT NULL DEFAULT ''
);
CREATE INDEX network_reps_member ON network_reps(member_id);

CREATE TABLE network_meetings (
    id @ID@,
    network_id BIGINT NOT NULL REFERENCES networks(id),
    held_on TEXT NOT NULL,
    place TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    checkin TEXT NOT NULL DEFAULT '',
    checkout TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    saved_by TEXT NOT NULL DEFAULT '',
    saved_at BIGINT NOT NULL DEFAULT 0,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX network_meetings_network ON network_meetings(network_id, held_on);

CREATE TABLE network_attendance (
    meeting_id BIGINT NOT NULL REFERENCES network_meetings(id),
    rep_id BIGINT NOT NULL REFERENCES network_reps(id),
    PRIMARY KEY (meeting_id, rep_id)
);

CREATE TABLE commitments (
    id @ID@,
    network_id BIGINT NOT NULL REFERENCES networks(id),
    member_id BIGINT NOT NULL REFERENCES network_members(id),
    meeting_id BIGINT NOT NULL REFERENCES network_meetings(id),
    aspect TEXT NOT NULL CHECK (aspect IN ('leadership', 'view', 'routines')),
    goal TEXT NOT NULL,
    action TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX commitments_network ON commitments(network_id, member_id);

CREATE TABLE commitment_reports (
    id @ID@,
    commitment_id BIGINT NOT NULL REFERENCES commitments(id),
    meeting_id BIGINT NOT NULL REFERENCES network_meetings(id),
    outcome TEXT NOT NULL CHECK (outcome IN ('done', 'partly', 'not')),
    text TEXT NOT NULL DEFAULT '',
    reported_by TEXT NOT NULL,
    reported_at BIGINT NOT NULL,
    UNIQUE (commitment_id, meeting_id)
);
CREATE INDEX commitment_reports_commitment ON commitment_reports(commitment_id);
