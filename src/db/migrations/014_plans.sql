-- 014_plans: the action plan (åtgärdsplan), one per unit and one at organiser level, built
-- from the approved analysis of the same unit or level: interventions (insatser) in a
-- development area, each answering problems and causes of the analysis, with a provider,
-- period, cost, goals and indicators; the agency's funding decision per intervention;
-- and a frozen copy of every approved version.

-- The development areas the administrator keeps (seed 003 §5.1).
CREATE TABLE development_areas (
    id @ID@,
    name TEXT NOT NULL UNIQUE,
    position INTEGER NOT NULL,
    active INTEGER NOT NULL DEFAULT 1
);
INSERT INTO development_areas (name, position) VALUES
 ('Styrning och utveckling av verksamheten', 1),
 ('Undervisning och lärande', 2),
 ('Förutsättningar för lärande och trygghet', 3),
 ('Trygghet och studiero', 4),
 ('Extra anpassningar och särskilt stöd', 5);

-- The agency's national school-development programmes an intervention may use.
CREATE TABLE national_programmes (
    id @ID@,
    name TEXT NOT NULL UNIQUE,
    position INTEGER NOT NULL,
    active INTEGER NOT NULL DEFAULT 1
);
INSERT INTO national_programmes (name, position) VALUES
 ('Läslyftet', 1),
 ('Matematiklyftet', 2),
 ('Specialpedagogik för lärande', 3),
 ('Elevhälsa och barns omsorg', 4);

-- state as for analyses; version counts approved versions; analysis_id: the analysis of
-- the same unit or level the plan answers.
CREATE TABLE plans (
    id @ID@,
    case_id BIGINT NOT NULL REFERENCES cases(id),
    analysis_id BIGINT NOT NULL REFERENCES analyses(id),
    level TEXT NOT NULL,
    unit_id BIGINT REFERENCES units(id),
    unit_key BIGINT NOT NULL DEFAULT 0,
    state TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'submitted', 'approved')),
    version INTEGER NOT NULL DEFAULT 0,
    submitted_by TEXT,
    submitted_at BIGINT,
    approved_by TEXT,
    approved_at BIGINT,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (case_id, unit_key)
);
CREATE INDEX plans_analysis ON plans(analysis_id);

-- A problem of the analysis that the plan chooses not to answer, with the reason.
CREATE TABLE plan_unanswered (
    plan_id BIGINT NOT NULL REFERENCES plans(id),
    problem_id BIGINT NOT NULL REFERENCES analysis_problems(id),
    reason TEXT NOT NULL,
    PRIMARY KEY (plan_id, problem_id)
);

-- provider: organiser (huvudmannen själv), university (a university, by name until the
-- register of universities), programme (one of national_programmes). funding: '' not yet
-- decided, funded, declined (with reason). state: planned, running, done, changed, dropped.
CREATE TABLE interventions (
    id @ID@,
    plan_id BIGINT NOT NULL REFERENCES plans(id),
    case_id BIGINT NOT NULL REFERENCES cases(id),
    area_id BIGINT REFERENCES development_areas(id),
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    target_group TEXT NOT NULL DEFAULT '',
    responsible TEXT NOT NULL DEFAULT '',
    provider TEXT NOT NULL DEFAULT 'organiser' CHECK (provider IN ('organiser', 'university', 'programme')),
    provider_name TEXT NOT NULL DEFAULT '',
    programme_id BIGINT REFERENCES national_programmes(id),
    start_date TEXT,
    end_date TEXT,
    cost BIGINT,
    goals TEXT NOT NULL DEFAULT '',
    national_goals TEXT NOT NULL DEFAULT '',
    follow_up TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL DEFAULT 'planned',
    funding TEXT NOT NULL DEFAULT '' CHECK (funding IN ('', 'funded', 'declined')),
    funding_reason TEXT NOT NULL DEFAULT '',
    funding_by TEXT,
    funding_at BIGINT,
    version INTEGER NOT NULL DEFAULT 1,
    saved_by TEXT,
    saved_at BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX interventions_plan ON interventions(plan_id);
CREATE INDEX interventions_case ON interventions(case_id);

-- The problems and causes an intervention answers (cause_id 0: the problem as a whole).
CREATE TABLE intervention_links (
    intervention_id BIGINT NOT NULL REFERENCES interventions(id),
    problem_id BIGINT NOT NULL REFERENCES analysis_problems(id),
    cause_id BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (intervention_id, problem_id, cause_id)
);
CREATE INDEX intervention_links_problem ON intervention_links(problem_id);

-- An indicator: a measure, its baseline and target, and the dates it is read; variable
-- names a statistic of the register when the measure is one.
CREATE TABLE indicators (
    id @ID@,
    intervention_id BIGINT NOT NULL REFERENCES interventions(id),
    measure TEXT NOT NULL,
    baseline TEXT NOT NULL DEFAULT '',
    target TEXT NOT NULL DEFAULT '',
    read_dates TEXT NOT NULL DEFAULT '',
    variable TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);
CREATE INDEX indicators_intervention ON indicators(intervention_id);

CREATE TABLE plan_versions (
    plan_id BIGINT NOT NULL REFERENCES plans(id),
    version INTEGER NOT NULL,
    content TEXT NOT NULL,
    approved_by TEXT NOT NULL,
    approved_at BIGINT NOT NULL,
    PRIMARY KEY (plan_id, version)
);
