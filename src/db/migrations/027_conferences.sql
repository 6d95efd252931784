-- 027_conferences: the programme's conferences (seed 001, seed 003 §4.3): a kick-off after
-- each selection, a follow-up seminar mid-way, a closing seminar, thematic conferences and
-- network meetings. Invitations go to the organisers of a round or of chosen cases, each
-- with a personal link; the person registers by it (name, role, needs), on the waiting
-- list when the conference is full; attendance is marked at the door. A registration's
-- personal data are kept until the conference has been held plus a set number of days.
CREATE TABLE conferences (
    id @ID@,
    kind TEXT NOT NULL CHECK (kind IN ('kickoff', 'followup', 'closing', 'thematic', 'network')),
    title TEXT NOT NULL,
    held_on TEXT NOT NULL,
    place TEXT NOT NULL DEFAULT '',
    programme TEXT NOT NULL DEFAULT '',
    capacity INTEGER NOT NULL CHECK (capacity > 0),
    keep_days INTEGER NOT NULL DEFAULT 90,
    round_id BIGINT REFERENCES selection_rounds(id),
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE conference_invitations (
    id @ID@,
    conference_id BIGINT NOT NULL REFERENCES conferences(id),
    organiser_id BIGINT NOT NULL REFERENCES organisers(id),
    email TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    UNIQUE (conference_id, email)
);
CREATE INDEX conference_invitations_conference ON conference_invitations(conference_id);

-- status: registered, waiting (the conference was full), cancelled.
CREATE TABLE conference_registrations (
    id @ID@,
    conference_id BIGINT NOT NULL REFERENCES conferences(id),
    invitation_id BIGINT NOT NULL UNIQUE REFERENCES conference_invitations(id),
    organiser_id BIGINT NOT NULL REFERENCES organisers(id),
    name TEXT NOT NULL,
    email TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL,
    needs TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL CHECK (status IN ('registered', 'waiting', 'cancelled')),
    attended INTEGER NOT NULL DEFAULT 0,
    anonymised INTEGER NOT NULL DEFAULT 0,
    registered_at BIGINT NOT NULL
);
CREATE INDEX conference_registrations_conference ON conference_registrations(conference_id, status);
