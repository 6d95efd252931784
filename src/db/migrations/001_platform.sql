-- 001_platform: accounts, sessions, throttling, audit, and the register.
-- Portable SQL for SQLite and PostgreSQL; @ID@ is the dialect's auto-numbered key.
-- Times are UTC epoch seconds (BIGINT); dates are 'YYYY-MM-DD' text.

CREATE TABLE counties (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL
);

CREATE TABLE municipalities (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    name_search TEXT NOT NULL DEFAULT '',
    county_code TEXT REFERENCES counties(code)
);

CREATE TABLE organisers (
    id @ID@,
    orgnr TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    name_search TEXT NOT NULL,
    name_year INTEGER NOT NULL DEFAULT 0,
    kind TEXT NOT NULL CHECK (kind IN ('kommunal', 'enskild', 'statlig', 'region')),
    legal_form TEXT,
    postal_town TEXT,
    municipality_code TEXT,
    school_forms TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX organisers_name ON organisers(name_search);
CREATE INDEX organisers_municipality ON organisers(municipality_code);

CREATE TABLE units (
    id @ID@,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    name_search TEXT NOT NULL,
    name_year INTEGER NOT NULL DEFAULT 0,
    organiser_id BIGINT NOT NULL REFERENCES organisers(id),
    municipality_code TEXT,
    -- school forms as ',grundskola,forskoleklass,' so LIKE '%,grundskola,%' is exact
    school_forms TEXT NOT NULL DEFAULT '',
    grades TEXT NOT NULL DEFAULT '',
    pupils INTEGER,
    address TEXT,
    postal_town TEXT,
    latitude DOUBLE PRECISION,
    longitude DOUBLE PRECISION,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX units_organiser ON units(organiser_id);
CREATE INDEX units_name ON units(name_search);

-- Statistics per unit, year and variable; flag: '' (a value), 'missing' (.),
-- 'suppressed' (..), 'rounded' (~100), 'implausible' (kept, but outside what is
-- believable); value is NULL for missing and suppressed.
CREATE TABLE unit_stats (
    unit_id BIGINT NOT NULL REFERENCES units(id),
    year INTEGER NOT NULL,
    variable TEXT NOT NULL,
    value DOUBLE PRECISION,
    flag TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL,
    PRIMARY KEY (unit_id, year, variable)
);
CREATE INDEX unit_stats_variable ON unit_stats(variable, year);

CREATE TABLE imports (
    id @ID@,
    kind TEXT NOT NULL,
    filename TEXT NOT NULL,
    year INTEGER,
    rows_read INTEGER NOT NULL,
    added INTEGER NOT NULL,
    changed INTEGER NOT NULL,
    unchanged INTEGER NOT NULL,
    skipped INTEGER NOT NULL,
    user_id BIGINT,
    actor TEXT NOT NULL,
    at BIGINT NOT NULL
);

-- The collaboration between the agency, an organiser and a university.
CREATE TABLE cases (
    id @ID@,
    organiser_id BIGINT NOT NULL REFERENCES organisers(id),
    round_name TEXT NOT NULL,
    decision_date TEXT NOT NULL,
    university TEXT,
    phase TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (organiser_id, round_name)
);
CREATE INDEX cases_university ON cases(university);

CREATE TABLE users (
    id @ID@,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    organiser_id BIGINT REFERENCES organisers(id),
    unit_id BIGINT REFERENCES units(id),
    university TEXT,
    password_hash TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL
);

-- Session ids are 128-bit random values; only their hash is stored.
CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id),
    csrf TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_seen BIGINT NOT NULL,
    address TEXT
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE api_tokens (
    id @ID@,
    token_hash TEXT NOT NULL UNIQUE,
    user_id BIGINT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL,
    last_used BIGINT
);

-- Failed logins, keyed 'email:…' or 'addr:…', for throttling across processes.
CREATE TABLE login_failures (
    id @ID@,
    key TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX login_failures_key ON login_failures(key, at);

CREATE TABLE audit (
    id @ID@,
    at BIGINT NOT NULL,
    user_id BIGINT,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    object_type TEXT NOT NULL,
    object_key TEXT NOT NULL,
    before_json TEXT,
    after_json TEXT
);
CREATE INDEX audit_object ON audit(object_type, object_key);
CREATE INDEX audit_user ON audit(user_id);

INSERT INTO counties (code, name) VALUES
 ('01', 'Stockholms län'), ('03', 'Uppsala län'), ('04', 'Södermanlands län'),
 ('05', 'Östergötlands län'), ('06', 'Jönköpings län'), ('07', 'Kronobergs län'),
 ('08', 'Kalmar län'), ('09', 'Gotlands län'), ('10', 'Blekinge län'),
 ('12', 'Skåne län'), ('13', 'Hallands län'), ('14', 'Västra Götalands län'),
 ('17', 'Värmlands län'), ('18', 'Örebro län'), ('19', 'Västmanlands län'),
 ('20', 'Dalarnas län'), ('21', 'Gävleborgs län'), ('22', 'Västernorrlands län'),
 ('23', 'Jämtlands län'), ('24', 'Västerbottens län'), ('25', 'Norrbottens län');
