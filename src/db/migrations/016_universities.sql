-- 016_universities: the universities as a register of their own (a typo no longer makes a
-- new university), with their team leader and education leaders; a case may work with
-- more than one; a university agreement names the university and the interventions it
-- commissions.
CREATE TABLE universities (
    id @ID@,
    name TEXT NOT NULL UNIQUE,
    team_leader TEXT NOT NULL DEFAULT '',
    education_leaders TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL
);
INSERT INTO universities (name, created_at) VALUES
 ('Göteborgs universitet', 0), ('Högskolan Dalarna', 0), ('Högskolan i Borås', 0), ('Högskolan Kristianstad', 0),
 ('Högskolan Väst', 0), ('Jönköping University', 0), ('Karlstads universitet', 0), ('Linköpings universitet', 0),
 ('Linnéuniversitetet', 0), ('Luleå tekniska universitet', 0), ('Lunds universitet', 0), ('Malmö universitet', 0),
 ('Mittuniversitetet', 0), ('Mälardalens universitet', 0), ('Stockholms universitet', 0), ('Umeå universitet', 0),
 ('Uppsala universitet', 0), ('Örebro universitet', 0), ('Chalmers tekniska högskola', 0),
 ('Högskolan i Gävle', 0), ('Högskolan i Halmstad', 0), ('Högskolan i Skövde', 0), ('Södertörns högskola', 0),
 ('Blekinge tekniska högskola', 0);
-- Names already in use that are not in the list above are kept as they are written.
INSERT INTO universities (name, created_at)
    SELECT DISTINCT university, 0 FROM cases WHERE university IS NOT NULL AND university <> ''
    AND university NOT IN (SELECT name FROM universities);
INSERT INTO universities (name, created_at)
    SELECT DISTINCT university, 0 FROM users WHERE university IS NOT NULL AND university <> ''
    AND university NOT IN (SELECT name FROM universities);

-- Further universities a case works with, beside the one on the case.
CREATE TABLE case_universities (
    case_id BIGINT NOT NULL REFERENCES cases(id),
    university_id BIGINT NOT NULL REFERENCES universities(id),
    PRIMARY KEY (case_id, university_id)
);
CREATE INDEX case_universities_university ON case_universities(university_id);

ALTER TABLE agreements ADD COLUMN university_id BIGINT REFERENCES universities(id);
CREATE TABLE agreement_interventions (
    agreement_id BIGINT NOT NULL REFERENCES agreements(id),
    intervention_id BIGINT NOT NULL REFERENCES interventions(id),
    PRIMARY KEY (agreement_id, intervention_id)
);
