-- 028_surveys: the agency's questionnaires (seed 003 §4.2, §5.2): sections of questions
-- taken from a bank, so that the same question is asked again in later years and its
-- answers can be compared; Likert questions on the scale SPEC §5 gives, single and
-- multiple choice, numbers within a range, and free text. Respondent groups are an
-- editable list.
CREATE TABLE survey_groups (
    id @ID@,
    key TEXT NOT NULL UNIQUE,
    label TEXT NOT NULL,
    position INTEGER NOT NULL
);
INSERT INTO survey_groups (key, label, position) VALUES
 ('principal', 'Rektor', 1), ('teacher', 'Lärare', 2), ('lead_teacher', 'Förstelärare', 3),
 ('director', 'Förvaltningschef', 4), ('officer', 'Tjänsteman', 5), ('politician', 'Politiker', 6),
 ('ceo', 'VD för enskild huvudman', 7);

-- options: the choices of a single or multiple choice question, one a line.
CREATE TABLE question_bank (
    id @ID@,
    kind TEXT NOT NULL CHECK (kind IN ('likert', 'single', 'multiple', 'number', 'text')),
    text TEXT NOT NULL,
    options TEXT NOT NULL DEFAULT '',
    min_value INTEGER,
    max_value INTEGER,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE surveys (
    id @ID@,
    title TEXT NOT NULL,
    year INTEGER NOT NULL,
    anonymous INTEGER NOT NULL DEFAULT 1,
    intro TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'open', 'closed')),
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE survey_sections (
    id @ID@,
    survey_id BIGINT NOT NULL REFERENCES surveys(id),
    position INTEGER NOT NULL,
    title TEXT NOT NULL
);
CREATE INDEX survey_sections_survey ON survey_sections(survey_id, position);

CREATE TABLE survey_items (
    id @ID@,
    survey_id BIGINT NOT NULL REFERENCES surveys(id),
    section_id BIGINT NOT NULL REFERENCES survey_sections(id),
    question_id BIGINT NOT NULL REFERENCES question_bank(id),
    position INTEGER NOT NULL,
    required INTEGER NOT NULL DEFAULT 1,
    UNIQUE (survey_id, question_id)
);
CREATE INDEX survey_items_survey ON survey_items(survey_id, section_id, position);
