-- 023_meeting_participants: who was asked to and who came to a case-level meeting (a
-- quality meeting, a university visit, an inception meeting, a talk), person by person,
-- from the three parties: the agency, the organiser and the university. Booking fills it
-- from the case's people; a guest can be added when the meeting is recorded.
CREATE TABLE meeting_participants (
    id @ID@,
    meeting_id BIGINT NOT NULL REFERENCES meetings(id),
    user_id BIGINT REFERENCES users(id),
    name TEXT NOT NULL,
    party TEXT NOT NULL CHECK (party IN ('agency', 'organiser', 'university', 'other')),
    present INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX meeting_participants_meeting ON meeting_participants(meeting_id);

-- Case-level meetings booked before: the case's supporters and contacts.
INSERT INTO meeting_participants (meeting_id, user_id, name, party)
    SELECT m.id, p.user_id, p.name, CASE p.role WHEN 'supporter' THEN 'agency' ELSE 'organiser' END
    FROM meetings m JOIN case_people p ON p.case_id = m.case_id
    WHERE m.group_id IS NULL ORDER BY m.id, p.id;
