-- 005_meetings: analysis groups (at administration level and per selected unit), their
-- members, meetings (analysis group meetings, university visits, quality meetings) with
-- attendance and notes, and actions that stay on the agenda until done.

CREATE TABLE analysis_groups (
    id @ID@,
    case_id BIGINT NOT NULL REFERENCES cases(id),
    level TEXT NOT NULL CHECK (level IN ('administration', 'unit')),
    unit_id BIGINT REFERENCES units(id),
    name TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX analysis_groups_case ON analysis_groups(case_id);

-- role: member (appointed by the administration or the unit's head) or supporter.
CREATE TABLE group_members (
    id @ID@,
    group_id BIGINT NOT NULL REFERENCES analysis_groups(id),
    user_id BIGINT REFERENCES users(id),
    name TEXT NOT NULL,
    email TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL DEFAULT 'member',
    appointed_by TEXT NOT NULL
);
CREATE INDEX group_members_group ON group_members(group_id);
CREATE INDEX group_members_user ON group_members(user_id);

-- kind: analysis (an analysis group's meeting), visit (the university's visit),
-- quality (tripartite quality meeting). starts_at is local time 'YYYY-MM-DD HH:MM'.
CREATE TABLE meetings (
    id @ID@,
    case_id BIGINT NOT NULL REFERENCES cases(id),
    group_id BIGINT REFERENCES analysis_groups(id),
    kind TEXT NOT NULL CHECK (kind IN ('analysis', 'visit', 'quality')),
    starts_at TEXT NOT NULL,
    minutes INTEGER NOT NULL,
    place TEXT NOT NULL DEFAULT '',
    agenda TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    held INTEGER NOT NULL DEFAULT 0,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX meetings_case ON meetings(case_id, starts_at);
CREATE INDEX meetings_group ON meetings(group_id, starts_at);

CREATE TABLE meeting_attendance (
    meeting_id BIGINT NOT NULL REFERENCES meetings(id),
    member_id BIGINT NOT NULL REFERENCES group_members(id),
    present INTEGER NOT NULL,
    PRIMARY KEY (meeting_id, member_id)
);

-- An action decided at a meeting, with its owner and due date; it is carried to the next
-- meetings' agenda until marked done (done_meeting_id: where).
CREATE TABLE meeting_actions (
    id @ID@,
    case_id BIGINT NOT NULL REFERENCES cases(id),
    group_id BIGINT REFERENCES analysis_groups(id),
    meeting_id BIGINT NOT NULL REFERENCES meetings(id),
    text TEXT NOT NULL,
    owner TEXT NOT NULL,
    due_date TEXT,
    done_at BIGINT,
    done_meeting_id BIGINT REFERENCES meetings(id)
);
CREATE INDEX meeting_actions_group ON meeting_actions(group_id, done_at);
