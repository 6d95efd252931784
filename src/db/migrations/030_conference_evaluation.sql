-- 030_conference_evaluation: the evaluation survey sent to those who came to a
-- conference, and to how many it was sent.
ALTER TABLE conferences ADD COLUMN evaluation_survey_id BIGINT REFERENCES surveys(id);
ALTER TABLE conferences ADD COLUMN evaluation_sent INTEGER NOT NULL DEFAULT 0;
