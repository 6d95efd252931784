-- 029_survey_answers: invitations by personal link, grouped by respondent group and
-- organiser; answers saved as the respondent goes and resumed by the same link. In an
-- anonymous survey the link between the invitation and the answers is cut when the
-- answers are submitted (response_id set to NULL).
CREATE TABLE survey_invitations (
    id @ID@,
    survey_id BIGINT NOT NULL REFERENCES surveys(id),
    token_hash TEXT NOT NULL UNIQUE,
    email TEXT NOT NULL,
    group_key TEXT NOT NULL,
    organiser_id BIGINT REFERENCES organisers(id),
    state TEXT NOT NULL DEFAULT 'invited' CHECK (state IN ('invited', 'started', 'complete')),
    response_id BIGINT,
    invited_at BIGINT NOT NULL,
    UNIQUE (survey_id, email)
);
CREATE INDEX survey_invitations_survey ON survey_invitations(survey_id, state);

CREATE TABLE survey_responses (
    id @ID@,
    survey_id BIGINT NOT NULL REFERENCES surveys(id),
    group_key TEXT NOT NULL,
    organiser_id BIGINT REFERENCES organisers(id),
    complete INTEGER NOT NULL DEFAULT 0,
    started_at BIGINT NOT NULL,
    submitted_at BIGINT
);
CREATE INDEX survey_responses_survey ON survey_responses(survey_id, complete);

CREATE TABLE survey_answers (
    response_id BIGINT NOT NULL REFERENCES survey_responses(id),
    item_id BIGINT NOT NULL REFERENCES survey_items(id),
    value TEXT NOT NULL,
    PRIMARY KEY (response_id, item_id)
);
